import { describe, expect, it } from 'vitest';
import { isInvisible, stripInvisible } from '../../src/domain/index.js';

// The union of the sets extraction and classification used to keep apart (issue 16).
const invisible = [
  '\u00AD', '\u034F', '\u061C', '\u115F', '\u1160', '\u17B4', '\u17B5', '\u180E', '\u200B', '\u200C', '\u200D',
  '\u200E', '\u200F', '\u202A', '\u202E', '\u2060', '\u2064', '\u206A', '\u206F', '\u2800', '\u3164', '\uFEFF',
  '\uFFA0', '\u{E0041}',
];

describe('invisible characters', () => {
  it.each(invisible.map((ch) => [`U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`, ch]))('%s is invisible', (_name, ch) => {
    expect(isInvisible(ch)).toBe(true);
    expect(stripInvisible(`a${ch}b`)).toBe('ab');
  });

  it.each(['a', '7', ' ', '\u00A0', '-', '\u2013', 'é', '\u0301', '\uFE0F', '\u20E3', '😀'])('%j is visible', (ch) => {
    expect(isInvisible(ch)).toBe(false);
    expect(stripInvisible(`a${ch}b`)).toBe(`a${ch}b`);
  });

  it('tests one character, not a text containing one', () => {
    expect(isInvisible('a\u200Bb')).toBe(false);
    expect(isInvisible('')).toBe(false);
  });

  it('strips every occurrence, twice in a row the same (no state left in the regex)', () => {
    const text = 'P\u200Ba\u00ADy\u2060P\uFEFFa\u2800l';
    expect(stripInvisible(text)).toBe('PayPal');
    expect(stripInvisible(text)).toBe('PayPal');
    expect(isInvisible('\u200B')).toBe(true);
    expect(isInvisible('\u200B')).toBe(true);
  });
});
