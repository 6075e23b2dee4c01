import { describe, expect, it } from 'vitest';
import { applicable, DISGUISES, writeNumber } from '../../src/generate/disguise.js';
import { encodeWords, quotedPrintable } from '../../src/generate/mime.js';
import { Rng } from '../../src/generate/random.js';

const KEYPAD: Record<string, string> = { A: '2', B: '2', C: '2', D: '3', E: '3', F: '3', G: '4', H: '4', I: '4', J: '5', K: '5', L: '5', M: '6', N: '6', O: '6', P: '7', Q: '7', R: '7', S: '7', T: '8', U: '8', V: '8', W: '9', X: '9', Y: '9', Z: '9' };

/** What a careful human does to read a disguised number: a reference decoder for the tests only. */
function humanRead(text: string, disguise: string): string {
  let t = text.normalize('NFKC').replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  t = t.replace(/[\u200B-\u200D\u2060\uFEFF\u00AD\uFE0F\u20E3]/g, '');
  if (disguise === 'letter-digits') t = t.replace(/[Oo]/g, '0').replace(/[lI]/g, '1');
  if (disguise === 'vanity') t = t.replace(/[A-Z]/g, (c) => KEYPAD[c]!);
  if (disguise === 'split-html') t = t.replace(/<[^>]+>/g, '').replace(/&nbsp;/g, '');
  const digits = t.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits.slice(-10);
}

describe('disguised numbers stay readable', () => {
  const numbers: Array<[string, boolean]> = [['+18047134598', false], ['+18885012019', true], ['+12025550123', false]];
  for (const disguise of DISGUISES) {
    it(`${disguise}: the digits can be recovered and the text differs from plain digits where it should`, () => {
      let tried = 0;
      for (const [e164, tollFree] of numbers) {
        if (!applicable(disguise, e164, tollFree)) continue;
        for (let i = 0; i < 30; i += 1) {
          const written = writeNumber(e164, disguise, new Rng(`${disguise}:${e164}:${i}`), 'en');
          expect(written.disguise).toBe(disguise);
          const source = disguise === 'split-html' ? written.html : written.text;
          expect(humanRead(source, disguise), `${source}`).toBe(e164.slice(2));
          if (disguise === 'letter-digits') expect(written.text).toMatch(/[OolI]/);
          if (disguise === 'unicode-digits') expect(written.text).not.toMatch(/[0-9]/);
          if (disguise === 'zero-width') expect(written.text).toMatch(/[\u200B-\u200D\u2060\uFEFF\u00AD]/);
          if (disguise === 'vanity') expect(written.text).toMatch(/(?:[A-Z][^A-Z]*){3}/);
          if (disguise === 'split-html') expect(written.html).toMatch(/<\w+[^>]*>\d/);
          if (disguise === 'tel-link') expect(written.html).toMatch(/href="tel:/);
          if (disguise === 'wa-link') expect(written.html).toMatch(/href="https:\/\/(wa\.me|api\.whatsapp\.com)\//);
          tried += 1;
        }
      }
      expect(tried).toBeGreaterThan(0);
    });
  }
});

describe('MIME encoding helpers', () => {
  it('encodes non-ASCII headers as RFC 2047 words without splitting characters', () => {
    const subject = 'Rückerstattung 𝟴𝟬𝟰 — ２０２ ٨٠٤ and more text to force several encoded words';
    const encoded = encodeWords(subject);
    expect(encoded).toMatch(/^=\?UTF-8\?B\?/);
    const decoded = encoded
      .split('\r\n ')
      .map((w) => Buffer.from(w.slice(10, -2), 'base64'))
      .reduce((a, b) => Buffer.concat([a, b]));
    expect(decoded.toString('utf8')).toBe(subject);
    expect(encodeWords('plain ascii')).toBe('plain ascii');
  });

  it('writes quoted-printable lines of at most 76 characters that decode back', () => {
    const text = `${'Grüße '.repeat(40)}\n= sign and trailing space \nend`;
    const qp = quotedPrintable(Buffer.from(text, 'utf8'));
    for (const line of qp.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    const decoded = Buffer.from(
      qp.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
    expect(decoded).toBe(text.replace(/\n/g, '\r\n'));
  });
});
