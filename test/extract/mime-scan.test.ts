import { describe, expect, it } from 'vitest';
import { extractMessage } from '../../src/extract/index.js';
import { knownCharset, scanMime } from '../../src/extract/mime-scan.js';
import { base64Windows1252, forwardedMessage, htmlSplitNumber } from '../fixtures/extract/messages.js';

function mail(...lines: string[]): Buffer {
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

const HEAD = ['From: a@b.example', 'Subject: t', 'MIME-Version: 1.0'];

function codes(raw: Buffer): string[] {
  return scanMime(raw).issues.map((issue) => issue.code);
}

describe('scanMime', () => {
  it('finds nothing wrong with well-formed messages (HTML, base64 windows-1252, forwarded)', () => {
    for (const raw of [htmlSplitNumber(), base64Windows1252(), forwardedMessage()]) expect(codes(raw)).toEqual([]);
  });

  it('names a multipart cut short, and boundaries that cross', () => {
    const cut = mail(...HEAD, 'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/plain', '', 'half a part');
    expect(codes(cut)).toEqual(['mime_truncated']);
    const crossed = mail(...HEAD, 'Content-Type: multipart/mixed; boundary="out"', '', '--out', 'Content-Type: multipart/alternative; boundary="in"', '',
      '--in', 'Content-Type: text/plain', '', 'a', '--out--', '--in--', '');
    expect(codes(crossed)).toEqual(['mime_misnested']);
  });

  it('names base64 garbage, unknown charsets, NUL bytes and absurd lines', () => {
    expect(codes(mail(...HEAD, 'Content-Transfer-Encoding: base64', '', 'QUJD', '!!not base64!!', ''))).toEqual(['base64_invalid']);
    expect(codes(mail(...HEAD, 'Content-Type: text/plain; charset=x-nobody-knows', '', 'x'))).toEqual(['unknown_charset']);
    expect(codes(mail(...HEAD, '', 'a\u0000b'))).toEqual(['nul_bytes']);
    expect(codes(mail(...HEAD, '', 'x'.repeat(20_000)))).toEqual(['line_too_long']);
    expect(codes(mail(...HEAD, '', 'x'.repeat(5_000)))).toEqual([]);
  });

  it('knows the charsets mail really uses', () => {
    for (const charset of ['utf-8', 'UTF-8', '"iso-8859-1"', 'windows-1252', 'koi8-r', 'gb2312', 'shift_jis', 'utf-7', 'cp850', 'us-ascii']) {
      expect(knownCharset(charset), charset).toBe(true);
    }
    expect(knownCharset('x-klingon-2026')).toBe(false);
  });

  it('tells a text/plain part beside the HTML from the HTML\'s plain-text alternative', () => {
    const mixed = mail(...HEAD, 'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/plain', '', 'text', '--b1',
      'Content-Type: text/html', '', '<p>html</p>', '--b1--', '');
    expect(scanMime(mixed).standalonePlainText).toBe(true);
    expect(scanMime(htmlSplitNumber()).standalonePlainText).toBe(false);
    const alternative = mail(...HEAD, 'Content-Type: multipart/alternative; boundary="b1"', '', '--b1', 'Content-Type: text/plain', '', 'text',
      '--b1', 'Content-Type: text/html', '', '<p>html</p>', '--b1--', '');
    expect(scanMime(alternative).standalonePlainText).toBe(false);
    const attachedText = mail(...HEAD, 'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/html', '', '<p>html</p>',
      '--b1', 'Content-Type: text/plain', 'Content-Disposition: attachment; filename="a.txt"', '', 'file', '--b1--', '');
    expect(scanMime(attachedText).standalonePlainText).toBe(false);
  });
});

describe('extractMessage on structurally broken or evasive messages', () => {
  it('reads a number in a text/plain part that sits beside an unrelated HTML part (mailparser keeps only the HTML)', async () => {
    const raw = mail(...HEAD, 'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/plain', '',
      'Call support now: +1 888-555-0123', '--b1', 'Content-Type: text/html', '', '<p>Hello there</p>', '--b1--', '');
    const observation = await extractMessage(raw, 'mixed.eml', { ocr: false });
    expect(observation.numbers.map((n) => n.e164)).toEqual(['+18885550123']);
  });

  it('keeps subject and body of a header flood (mailparser refuses over 1 MiB of headers)', async () => {
    const flood = Array.from({ length: 30_000 }, (_, i) => `X-F${i}: ${'v'.repeat(40)}`);
    const raw = mail('From: a@b.example', 'Subject: flooded', ...flood, '', 'Call support now: +1 888-555-0123', '');
    const observation = await extractMessage(raw, 'flood.eml', { ocr: false });
    expect(observation.issues.map((i) => i.code)).toEqual(['header_flood']);
    expect(observation.subject).toBe('flooded');
    expect(observation.from).toBe('a@b.example');
    expect(observation.numbers.map((n) => n.e164)).toEqual(['+18885550123']);
  });

  it('flags terminal escapes in the subject and undecodable bytes, keeping the text as data', async () => {
    const raw = mail('From: a@b.example', 'Subject: =?utf-8?b?' + Buffer.from('Paid \u001b[2J\u001b[31m!').toString('base64') + '?=',
      'Content-Type: text/plain; charset=utf-8', '', 'caf\xe9');
    const observation = await extractMessage(raw, 'esc.eml', { ocr: false });
    expect(observation.subject).toBe('Paid \u001b[2J\u001b[31m!');
    expect(observation.issues.map((i) => i.code).sort()).toEqual(['bad_encoding', 'control_characters']);
  });
});
