/**
 * Text normalisation shared by brand and lure matching: undo the tricks scammers use on words
 * (look-alike letters, invisible characters, accents, digit swaps) and split text into tokens with offsets.
 */

import { stripInvisible } from '../domain/index.js';

/** Combining marks (accents, strike-through overlays such as `P̶e̶n̶d̶i̶n̶g̶`), removed after NFKD. */
const MARKS = /\p{M}+/gu;

/**
 * Letters from other scripts that look like Latin ones (Unicode confusables, the subset seen in phishing).
 * NFKD already maps full-width and mathematical alphanumerics (𝐏𝐚𝐲𝐏𝐚𝐥) to ASCII.
 */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a', А: 'A', в: 'b', В: 'B', е: 'e', Е: 'E', ё: 'e', к: 'k', К: 'K', м: 'm', М: 'M', н: 'h', Н: 'H',
  о: 'o', О: 'O', р: 'p', Р: 'P', с: 'c', С: 'C', т: 't', Т: 'T', у: 'y', У: 'Y', х: 'x', Х: 'X',
  ѕ: 's', Ѕ: 'S', і: 'i', І: 'I', ї: 'i', ј: 'j', Ј: 'J', ӏ: 'l', Ӏ: 'I', ԁ: 'd', Ԁ: 'D', ԛ: 'q', ԝ: 'w',
  Ԝ: 'W', ɡ: 'g', һ: 'h', ո: 'n', ս: 'u', օ: 'o', ᴀ: 'A', ʙ: 'B', ᴄ: 'C', ᴅ: 'D', ᴇ: 'E', ɢ: 'G',
  ʜ: 'H', ɪ: 'I', ᴊ: 'J', ᴋ: 'K', ʟ: 'L', ᴍ: 'M', ɴ: 'N', ᴏ: 'O', ᴘ: 'P', ʀ: 'R', ꜱ: 'S', ᴛ: 'T', ᴜ: 'U',
  ᴠ: 'V', ᴡ: 'W', ʏ: 'Y', ᴢ: 'Z',
  // Greek
  α: 'a', Α: 'A', β: 'b', Β: 'B', ε: 'e', Ε: 'E', Ζ: 'Z', η: 'n', Η: 'H', ι: 'i', Ι: 'I', κ: 'k', Κ: 'K',
  Μ: 'M', ν: 'v', Ν: 'N', ο: 'o', Ο: 'O', ρ: 'p', Ρ: 'P', τ: 't', Τ: 'T', υ: 'u', Υ: 'Y', χ: 'x', Χ: 'X',
  // Latin look-alikes
  ı: 'i', ɩ: 'i', ℓ: 'l', ǀ: 'l', ß: 'ss', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ł: 'l', Ł: 'L', æ: 'ae', Æ: 'AE',
  œ: 'oe', Œ: 'OE', ɑ: 'a', ɛ: 'e',
};

const CONFUSABLE_RE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'gu');

/** Characters that stand for a letter inside a word: `P@yPal` (but not `service@paypal.com`), `Micro$oft`. */
// The symbol comes first in each pattern so the engine rejects most positions on one character test
// before evaluating the (costly) Unicode look-behind.
const IN_WORD_SYMBOLS: Array<[string, RegExp, string]> = [
  ['@', /@(?<=\p{L}@)(?=\p{L}+(?![\p{L}\p{N}.]))/gu, 'a'],
  ['$', /\$(?<=\p{L}\$)(?=\p{L})/gu, 's'],
  ['|', /\|(?<=\p{L}\|)(?=\p{L})/gu, 'l'],
  ['!', /!(?<=\p{L}!)(?=\p{L})/gu, 'l'],
  // Capital I for l inside or at the end of a lower-case word: `unusuaI`, `temporariIy`, `hoId`.
  ['I', /I(?<=\p{Ll}I)(?=\p{Ll}|\b)/gu, 'l'],
];

const NON_ASCII = /[^\x00-\x7F]/;
/** Recently folded long texts: one message's layers are folded by brand and lure matching alike. */
const foldMemo = new Map<string, string>();
const FOLD_MEMO_MAX = 16;
const FOLD_MEMO_MIN_LENGTH = 256;

/**
 * Fold text to plain Latin letters, keeping case and word boundaries: NFKD, accents and overlays dropped,
 * invisible characters removed, look-alike letters mapped, and (unless `symbols: false`) symbols inside words
 * read as letters. Length may change; offsets refer to the output.
 */
export function foldText(text: string, options: { symbols?: boolean } = {}): string {
  const symbols = options.symbols !== false;
  const memoable = symbols && text.length >= FOLD_MEMO_MIN_LENGTH;
  if (memoable) {
    const hit = foldMemo.get(text);
    if (hit !== undefined) return hit;
  }
  let out = text;
  // Fast path: plain ASCII needs no Unicode normalisation (invisible characters are all non-ASCII).
  if (NON_ASCII.test(out)) {
    out = stripInvisible(out.normalize('NFKD').replace(MARKS, ''));
    if (NON_ASCII.test(out)) out = out.replace(CONFUSABLE_RE, (c) => CONFUSABLES[c] ?? c);
  }
  if (symbols) for (const [ch, re, letter] of IN_WORD_SYMBOLS) if (out.includes(ch)) out = out.replace(re, letter);
  if (memoable) {
    if (foldMemo.size >= FOLD_MEMO_MAX) foldMemo.delete(foldMemo.keys().next().value as string);
    foldMemo.set(text, out);
  }
  return out;
}

export interface Token {
  /** The token as it appears in the folded text (case kept). */
  text: string;
  /** Lower case. */
  lower: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Tokens of folded text: runs of letters and digits, with their offsets. */
export function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  // Lower-case once for the whole text when that keeps offsets (it does for the folded, mark-free text).
  const lowered = folded.toLowerCase();
  const sameLength = lowered.length === folded.length;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(folded); m !== null; m = WORD.exec(folded)) {
    const start = m.index;
    const end = start + m[0].length;
    tokens.push({ text: m[0], lower: sameLength ? lowered.slice(start, end) : m[0].toLowerCase(), start, end });
  }
  return tokens;
}

export interface TextAnalysis {
  folded: string;
  tokens: Token[];
}

/** Recent analyses: brand and lure matching read the same layers of one message. */
const analysisMemo = new Map<string, TextAnalysis>();
const ANALYSIS_MEMO_MAX = 8;

/** Folded text and its tokens, computed once per distinct text among the last few. */
export function analyseText(text: string): TextAnalysis {
  const hit = analysisMemo.get(text);
  if (hit !== undefined) return hit;
  const folded = foldText(text);
  const analysis = { folded, tokens: tokenize(folded) };
  if (analysisMemo.size >= ANALYSIS_MEMO_MAX) analysisMemo.delete(analysisMemo.keys().next().value as string);
  analysisMemo.set(text, analysis);
  return analysis;
}

const DIGIT_AS_LETTER: Record<string, string> = { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't' };
const HAS_LETTER = /\p{L}/u;

/**
 * Skeleton of a lower-case token for look-alike comparison: digits inside words read as letters
 * (`p4ypa1` → `paypal`), `i`/`l`/`1` collapse to one letter (`paypai`, `paypa1`, `paypal` are equal),
 * `rn` reads as `m` and `vv` as `w`. Pure numbers stay numbers (`360` in `norton 360`).
 * Applied to brand aliases and to text alike, so comparisons are skeleton to skeleton.
 */
const skeletonMemo = new Map<string, string>();
const SKELETON_MEMO_MAX = 100_000;

export function skeleton(lower: string): string {
  let s = skeletonMemo.get(lower);
  if (s === undefined) {
    s = computeSkeleton(lower);
    if (skeletonMemo.size >= SKELETON_MEMO_MAX) skeletonMemo.clear();
    skeletonMemo.set(lower, s);
  }
  return s;
}

function computeSkeleton(lower: string): string {
  let s = lower;
  if (HAS_LETTER.test(s) && /\d/.test(s)) s = s.replace(/[013457]/g, (d) => DIGIT_AS_LETTER[d] ?? d);
  return s.replace(/i/g, 'l').replace(/rn/g, 'm').replace(/vv/g, 'w');
}

/** Lower case, accents removed, confusables folded: the form used for keyword and classifier tokens. */
export function plainLower(text: string): string {
  return foldText(text).toLowerCase();
}
