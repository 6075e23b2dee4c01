/**
 * Invisible characters (docs/definitions.md): characters that draw nothing and carry no meaning inside a
 * word or a number, which scammers insert to break brand words and phone numbers apart for filters.
 * One set for extraction (numbers) and classification (words): every Unicode format character (Cf: zero-width
 * space/joiners, soft hyphen, bidi controls, word joiner, BOM, tag characters, …) plus the blank-looking
 * letters and fillers that are not Cf — combining grapheme joiner U+034F, Hangul fillers U+115F U+1160
 * U+3164 U+FFA0, Khmer inherent vowels U+17B4 U+17B5, Mongolian vowel separator U+180E and the blank
 * Braille pattern U+2800. Pure.
 */
const invisibleClass = '[\\p{Cf}\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180E\\u2800\\u3164\\uFFA0]';

// Two regexes: a global one carries lastIndex between calls, so a single-character test must not use it.
const oneInvisible = new RegExp(`^${invisibleClass}$`, 'u');
const everyInvisible = new RegExp(invisibleClass, 'gu');

/** True when `ch` (one code point) is an invisible character. */
export function isInvisible(ch: string): boolean {
  return oneInvisible.test(ch);
}

/** `text` with every invisible character removed. */
export function stripInvisible(text: string): string {
  return text.replace(everyInvisible, '');
}
