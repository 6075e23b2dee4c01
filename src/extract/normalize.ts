/**
 * Undoes the disguises scammers put on phone numbers, while remembering where every character came from
 * so that the number can be quoted exactly as written (`raw`) and its disguises named.
 *
 * The result is a plain ASCII-ish text in which a number such as `８O４-713-４598` reads `804-713-4598`;
 * libphonenumber then finds it like any other number.
 */

import { isInvisible } from '../domain/index.js';

/** Bit flags for what was undone at a character. */
export const Disguise = {
  invisible: 1,
  unicodeDigits: 2,
  letterDigits: 4,
  symbolSeparators: 8,
  glued: 16,
  vanity: 32,
} as const;

const DISGUISE_NAMES: [number, string][] = [
  [Disguise.invisible, 'invisible-chars'],
  [Disguise.unicodeDigits, 'unicode-digits'],
  [Disguise.letterDigits, 'letter-digits'],
  [Disguise.symbolSeparators, 'symbol-separators'],
  [Disguise.glued, 'glued-to-words'],
  [Disguise.vanity, 'vanity-letters'],
];

export function disguiseNames(flags: number): string[] {
  return DISGUISE_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
}

export interface MappedText {
  /** The cleaned text. */
  text: string;
  /** For each UTF-16 unit of `text`: the index in the source where it came from. */
  origin: Int32Array;
  /** For each UTF-16 unit of `text`: Disguise bits undone there. */
  flags: Uint8Array;
}

/**
 * Growable origin/flag columns. Typed arrays, not number[]: a message of megabytes of text needs a map entry
 * per character, and plain arrays cost 8+ bytes per entry plus their growth slack (a 3 MB line took ~280 MB
 * of heap in normalisation with plain arrays; found by the hostile corpus).
 */
class MapBuilder {
  origin: Int32Array;
  flags: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.origin = new Int32Array(Math.max(16, capacity));
    this.flags = new Uint8Array(Math.max(16, capacity));
  }

  push(origin: number, flags: number): void {
    if (this.length === this.origin.length) {
      const origin2 = new Int32Array(this.origin.length * 2);
      origin2.set(this.origin);
      this.origin = origin2;
      const flags2 = new Uint8Array(this.flags.length * 2);
      flags2.set(this.flags);
      this.flags = flags2;
    }
    this.origin[this.length] = origin;
    this.flags[this.length] = flags;
    this.length += 1;
  }

  /** Copies `count` entries of `from` starting at `start`. */
  copy(from: MappedText, start: number, count: number): void {
    for (let k = start; k < start + count; k += 1) this.push(from.origin[k]!, from.flags[k]!);
  }

  done(text: string): MappedText {
    return { text, origin: this.origin.subarray(0, this.length), flags: this.flags.subarray(0, this.length) };
  }
}

const DECIMAL_DIGIT = /\p{Nd}/u;
const SPACE = /[\p{Zs}\t\v\f]/u;
const DASHES = /[\u2010-\u2015\u2212\u30FC\uFF0D\uFE58\uFE63]/u;

/** Memo of the zero code point of each Unicode digit block (digits come in aligned runs of ten). */
const digitZero = new Map<number, number>();

function digitValue(cp: number): number {
  let zero = digitZero.get(cp);
  if (zero === undefined) {
    let start = cp;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
    zero = start;
    digitZero.set(cp, zero);
  }
  return (cp - zero) % 10;
}

/** Per-character pass: invisible characters dropped, Unicode digits and punctuation folded to ASCII. */
function foldCharacters(source: string): MappedText {
  // Every character becomes at most itself (one or two UTF-16 units): the output is never longer.
  const units = new Uint16Array(source.length);
  const map = new MapBuilder(source.length);
  let pending = 0;
  for (let i = 0; i < source.length; ) {
    const cp = source.codePointAt(i)!;
    if (cp < 0x80) {
      // ASCII, the bulk of any text: no regex, no substring.
      units[map.length] = cp === 13 ? 10 : cp;
      map.push(i, pending);
      pending = 0;
      i += 1;
      continue;
    }
    const width = cp > 0xffff ? 2 : 1;
    const ch = source.slice(i, i + width);
    let replacement = ch;
    let flag = 0;
    if (isInvisible(ch)) {
      pending |= Disguise.invisible;
      i += width;
      continue;
    } else if (cp === 0xfe0f || cp === 0xfe0e || cp === 0x20e3) {
      // Emoji presentation selectors and the keycap mark: 9️⃣ is the digit 9 dressed as an emoji.
      pending |= Disguise.symbolSeparators;
      i += width;
      continue;
    } else if (DECIMAL_DIGIT.test(ch)) {
      replacement = String(digitValue(cp));
      flag = Disguise.unicodeDigits;
    } else if (SPACE.test(ch)) {
      replacement = ' ';
    } else if (DASHES.test(ch)) {
      replacement = '-';
    } else if (cp === 0xff0b || cp === 0xfe62) {
      replacement = '+';
      flag = Disguise.unicodeDigits;
    } else if (cp === 0xff08 || cp === 0xff09) {
      replacement = cp === 0xff08 ? '(' : ')';
    } else if (cp === 0xff0e || cp === 0x2024) {
      replacement = '.';
    }
    for (let k = 0; k < replacement.length; k += 1) {
      units[map.length] = replacement.charCodeAt(k);
      map.push(i, flag | pending);
    }
    pending = 0;
    i += width;
  }
  return map.done(unitsToString(units.subarray(0, map.length)));
}

const UTF16 = new TextDecoder('utf-16le');

function unitsToString(units: Uint16Array): string {
  return UTF16.decode(units);
}

/**
 * Replaces each regex match by `replace(match)` (or leaves it when that returns null), keeping the origin
 * map: replacement characters point into the matched span, and carry `flag` plus the span's own flags.
 */
export function rewrite(
  mapped: MappedText,
  pattern: RegExp,
  replace: (match: RegExpExecArray) => string | null,
  flag: number,
): MappedText {
  pattern.lastIndex = 0;
  const { text } = mapped;
  const parts: string[] = [];
  let map: MapBuilder | null = null;
  let last = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0].length === 0 && m.index === text.length) break;
    const replacement = replace(m);
    if (replacement === null || replacement === m[0]) {
      if (m[0].length === 0) pattern.lastIndex += 1;
      continue;
    }
    map ??= new MapBuilder(text.length + 64);
    parts.push(text.slice(last, m.index));
    map.copy(mapped, last, m.index - last);
    let spanFlags = 0;
    for (let k = m.index; k < m.index + m[0].length; k += 1) spanFlags |= mapped.flags[k]!;
    const anchor = Math.min(m.index, text.length - 1);
    for (let k = 0; k < replacement.length; k += 1) {
      // Spread the replacement over the match so its first and last characters map to the match's ends.
      const lastIndex = replacement.length - 1;
      const spread = lastIndex === 0 ? 0 : Math.round((k * (m[0].length - 1)) / lastIndex);
      const from = m[0].length === 0 ? anchor : m.index + Math.min(k < lastIndex ? Math.min(k, spread) : m[0].length - 1, m[0].length - 1);
      map.push(mapped.origin[from] ?? mapped.origin[mapped.origin.length - 1] ?? 0, spanFlags | flag);
    }
    parts.push(replacement);
    last = m.index + m[0].length;
    if (m[0].length === 0) pattern.lastIndex += 1;
  }
  if (map === null) return mapped;
  parts.push(text.slice(last));
  map.copy(mapped, last, text.length - last);
  return map.done(parts.join(''));
}

/** Emoji, stars, bullets and other symbols standing between digit groups (but never `+`). */
const SYMBOL_SEPARATOR =
  /(?<=[\d)][ ]?)(?:(?!\+)[\p{So}\p{Sk}\p{Sm}\p{Extended_Pictographic}*•·_|~\\^]){1,3}[ ]?(?=[ ]?[\d(])/gu;

/** A digit run that contains O/o or I/l standing in for 0 and 1, not glued to other letters. */
const LETTER_DIGIT_RUN = /(?<![\p{L}\p{N}])[\dOoIl](?:[\dOoIl]|[ .\-()/_]{1,3}(?=[\dOoIl(])){6,}(?![\p{L}\p{N}])/gu;

/** Context words glued to the number that follows (`call8047134598`, `Tel8047134598`). */
const GLUED_LEFT =
  /(?<=(?:^|[^\p{L}])(?:call|calls|tel|phone|fone|ligue|whatsapp|zap|mob|cell|fax|hotline|helpline|bel|appelez|llame|anrufen|dial|toll-?free|support|suporte|soporte|helpdesk|service|contact|contato|contacto|kontakt|number|numero|número|nummer|assistance)[.:]?)(\+?\d)/giu;

/** One digit at a time between separators: `8.0.4.7.1.3.4.5.9.8`, `6.0.5-7.2.9-3.6.0.0`. */
const SPACED_DIGITS = /(?<![\p{N}.])\d(?:[.\-/_ ]\d){6,}(?![\p{N}])/gu;

/** A phone-shaped run followed directly by a word (`8047134598now`). */
const GLUED_RIGHT = /(?<![\p{L}\d])(\+?\d[\d .\-()]{5,20}\d)(?=\p{L})/gu;

const KEYPAD: Record<string, string> = {
  A: '2', B: '2', C: '2', D: '3', E: '3', F: '3', G: '4', H: '4', I: '4', J: '5', K: '5', L: '5',
  M: '6', N: '6', O: '6', P: '7', Q: '7', R: '7', S: '7', T: '8', U: '8', V: '8', W: '9', X: '9', Y: '9', Z: '9',
};

/**
 * Vanity numbers: a NANP prefix (toll-free, or a full area code and exchange) followed by capital letters,
 * e.g. `1-800-FLOWERS`, `(888) 4-PAYPAL`, `850.891.4YOU`. Only capitals count, so ordinary words are safe.
 */
const VANITY =
  /(?<![\p{L}\d])((?:\+?1[ .\-]?)?(?:\(8(?:00|33|44|55|66|77|88)\)|8(?:00|33|44|55|66|77|88))[ .\-]?)((?:[A-Z\d][ .\-]?){6}[A-Z\d])(?![\p{L}\d])|(?<![\p{L}\d])((?:\+?1[ .\-]?)?\(?[2-9]\d\d\)?[ .\-]?\d{3}[ .\-]?)((?:[A-Z\d]){4})(?![\p{L}\d])/gu;

function vanityToDigits(m: RegExpExecArray): string | null {
  const prefix = m[1] ?? m[3] ?? '';
  const rest = m[2] ?? m[4] ?? '';
  const letters = rest.replace(/[^A-Z]/g, '');
  // The toll-free form needs real words (3+ letters); the full form needs at least two letters.
  if (letters.length < (m[2] !== undefined ? 3 : 2)) return null;
  return prefix + rest.replace(/[^A-Z\d]/g, '').replace(/[A-Z]/g, (c) => KEYPAD[c] ?? c);
}

function letterDigitsToDigits(m: RegExpExecArray): string | null {
  const run = m[0];
  const realDigits = run.replace(/\D/g, '').length;
  const letters = run.replace(/[^OoIl]/g, '').length;
  if (letters === 0 || realDigits < 5 || letters > realDigits) return null;
  return run.replace(/[Oo]/g, '0').replace(/[Il]/g, '1');
}

/** Folds the text and undoes the disguises, in an order where each step sees the previous one's digits. */
export function normalizeForNumbers(source: string): MappedText {
  let mapped = foldCharacters(source);
  mapped = rewrite(mapped, SYMBOL_SEPARATOR, () => ' ', Disguise.symbolSeparators);
  mapped = rewrite(mapped, LETTER_DIGIT_RUN, letterDigitsToDigits, Disguise.letterDigits);
  mapped = rewrite(mapped, VANITY, vanityToDigits, Disguise.vanity);
  mapped = rewrite(mapped, SPACED_DIGITS, (m) => m[0].replace(/\D/g, ''), Disguise.symbolSeparators);
  mapped = rewrite(mapped, GLUED_LEFT, (m) => ` ${m[1]}`, Disguise.glued);
  mapped = rewrite(mapped, GLUED_RIGHT, (m) => `${m[1]} `, Disguise.glued);
  return mapped;
}

/** The source text a span of the mapped text came from. */
export function sourceSpan(source: string, mapped: MappedText, start: number, end: number): string {
  const from = mapped.origin[start] ?? 0;
  const lastOrigin = mapped.origin[end - 1] ?? from;
  const cp = source.codePointAt(lastOrigin) ?? 0;
  return source.slice(from, lastOrigin + (cp > 0xffff ? 2 : 1));
}

export function spanFlags(mapped: MappedText, start: number, end: number): number {
  let bits = 0;
  for (let k = start; k < end; k += 1) bits |= mapped.flags[k] ?? 0;
  return bits;
}
