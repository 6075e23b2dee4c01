import { describe, expect, it } from 'vitest';
import { decodeText, htmlToText } from '../../../src/extract/attachments/text.js';

describe('decodeText', () => {
  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Ligue já 0800')]), 'Ligue já 0800'],
    ['UTF-8 without BOM', Buffer.from('Appelez le 01 23 45 67 89 — merci', 'utf8'), 'Appelez le 01 23 45 67 89 — merci'],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Llame ahora', 'utf16le')]), 'Llame ahora'],
    [
      'UTF-16BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Rufen Sie an', 'utf16le').swap16()]),
      'Rufen Sie an',
    ],
    ['latin1 fallback', Buffer.from('Ligue já: 0800 891 2200', 'latin1'), 'Ligue já: 0800 891 2200'],
  ])('%s', (_label, bytes, expected) => {
    expect(decodeText(bytes)).toBe(expected);
  });
});

describe('htmlToText', () => {
  it('keeps visual order, link targets, alt and title text; drops scripts, styles and image sources', () => {
    const html = `<html><head><style>.x{color:red}</style><script>var n = 5551234567;</script></head><body>
      <p>Your order <b>#88123</b> is confirmed.</p>
      <table><tr><td>Questions?</td><td><a href="tel:+18047134598">Call us</a></td></tr></table>
      <img src="data:image/png;base64,iVBORw0KGgo1234567890" alt="Helpline 1-888-201-0455">
      <span title="Support +1 833 942 6617">hover me</span></body></html>`;
    const text = htmlToText(html);
    expect(text.indexOf('#88123')).toBeLessThan(text.indexOf('Questions?'));
    expect(text).toContain('tel:+18047134598');
    expect(text).toContain('Helpline 1-888-201-0455');
    expect(text).toContain('Support +1 833 942 6617');
    expect(text).not.toContain('5551234567');
    expect(text).not.toContain('iVBORw0KGgo');
    expect(text).not.toContain('color:red');
  });

  it('does not wrap long lines (a number must not be split over two lines)', () => {
    const text = htmlToText(`<p>${'word '.repeat(40)}call 1-888-201-0455 now</p>`);
    expect(text).toMatch(/call 1-888-201-0455 now/);
    expect(text.split('\n')).toHaveLength(1);
  });
});
