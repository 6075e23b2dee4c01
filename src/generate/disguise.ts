import type { Rng } from './random.js';
import type { Language } from './vocabulary.js';

/**
 * How a planted number is written. Each disguise is one the extraction issue asks to recover; the ground
 * truth records which one was used (and the variant) so that recall can be scored per disguise.
 */
export const DISGUISES = [
  'none',
  'letter-digits',
  'separators',
  'emoji',
  'unicode-digits',
  'zero-width',
  'split-html',
  'glued',
  'irregular-grouping',
  'vanity',
  'tel-link',
  'wa-link',
] as const;
export type Disguise = (typeof DISGUISES)[number];

export interface WrittenNumber {
  disguise: Disguise;
  variant?: string;
  /** The number as it appears in plain text (for links: the link target). */
  text: string;
  /** HTML for the html part (escaped text, or markup for split-html and links). */
  html: string;
}

const KEYPAD: Record<string, string> = { '2': 'ABC', '3': 'DEF', '4': 'GHI', '5': 'JKL', '6': 'MNO', '7': 'PQRS', '8': 'TUV', '9': 'WXYZ' };

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A plain, human formatting of a NANP number; non-English mail always writes the +1. */
export function formatPlain(national: string, rng: Rng, lang: Language): { text: string; variant: string } {
  const a = national.slice(0, 3);
  const b = national.slice(3, 6);
  const c = national.slice(6);
  const international: Array<[string, string]> = [
    [`+1 ${a} ${b} ${c}`, 'intl-spaces'],
    [`+1 (${a}) ${b}-${c}`, 'intl-parens'],
    [`+1-${a}-${b}-${c}`, 'intl-dashes'],
    [`+1 ${a}-${b}-${c}`, 'intl-mixed'],
  ];
  const national_: Array<[string, string]> = [
    [`(${a}) ${b}-${c}`, 'parens'],
    [`${a}-${b}-${c}`, 'dashes'],
    [`${a}.${b}.${c}`, 'dots'],
    [`1-${a}-${b}-${c}`, 'trunk-dashes'],
    [`1 (${a}) ${b}-${c}`, 'trunk-parens'],
    [`${a} ${b} ${c}`, 'spaces'],
  ];
  const [text, variant] = lang === 'en' ? rng.pick([...international, ...national_, ...national_]) : rng.pick(international);
  return { text, variant };
}

export type Medium = 'subject' | 'body-text' | 'body-html' | 'pdf' | 'image';

/** Which disguises make sense where (PDF standard fonts are WinAnsi only; images are read by OCR). */
export function disguisesFor(medium: Medium, tollFree: boolean): Array<[Disguise, number]> {
  const withVanity = (list: Array<[Disguise, number]>): Array<[Disguise, number]> =>
    tollFree ? [...list, ['vanity', 6]] : list;
  switch (medium) {
    case 'subject':
      return withVanity([['none', 50], ['letter-digits', 8], ['separators', 8], ['emoji', 6], ['unicode-digits', 8], ['zero-width', 8], ['glued', 6], ['irregular-grouping', 6]]);
    case 'body-text':
      return withVanity([['none', 40], ['letter-digits', 7], ['separators', 7], ['emoji', 5], ['unicode-digits', 7], ['zero-width', 7], ['glued', 6], ['irregular-grouping', 6]]);
    case 'body-html':
      return withVanity([['none', 34], ['letter-digits', 6], ['separators', 6], ['emoji', 5], ['unicode-digits', 6], ['zero-width', 6], ['glued', 5], ['irregular-grouping', 5], ['split-html', 9], ['tel-link', 6], ['wa-link', 6]]);
    case 'pdf':
      return withVanity([['none', 60], ['separators', 10], ['letter-digits', 10], ['glued', 10], ['irregular-grouping', 10]]);
    case 'image':
      return [['none', 1]];
  }
}

export function writeNumber(e164: string, disguise: Disguise, rng: Rng, lang: Language): WrittenNumber {
  const national = e164.slice(2);
  const plain = formatPlain(national, rng, lang);
  const simple = (text: string, variant?: string): WrittenNumber => ({
    disguise,
    ...(variant === undefined ? {} : { variant }),
    text,
    html: escapeHtml(text),
  });
  switch (disguise) {
    case 'none':
      return simple(plain.text, plain.variant);
    case 'letter-digits':
      return simple(letterDigits(plain.text, rng));
    case 'separators':
      return simple(...separators(national, rng));
    case 'emoji':
      return simple(...emoji(national, rng));
    case 'unicode-digits':
      return simple(...unicodeDigits(plain.text, rng));
    case 'zero-width':
      return simple(zeroWidth(plain.text, rng));
    case 'glued':
      return simple(...glued(national, rng));
    case 'irregular-grouping':
      return simple(...irregular(national, rng));
    case 'vanity':
      return simple(vanity(national, rng));
    case 'split-html':
      return splitHtml(national, rng);
    case 'tel-link':
    case 'wa-link':
      return link(national, disguise, rng);
  }
}

/** True when the disguise can be applied to this number (letters need a 0 or 1; vanity a toll-free number). */
export function applicable(disguise: Disguise, e164: string, tollFree: boolean): boolean {
  const national = e164.slice(2);
  if (disguise === 'letter-digits') return /[01]/.test(national.slice(1));
  if (disguise === 'vanity') return tollFree && /[2-9]/.test(national.slice(3)) && [...national.slice(3)].filter((d) => d >= '2').length >= 3;
  return true;
}

function letterDigits(text: string, rng: Rng): string {
  const chars = [...text];
  // Leave the country code alone: "+1"/"1-" prefixes stay digits so the disguise sits in the number itself.
  const startAt = text.startsWith('+1') ? 2 : text.startsWith('1-') || text.startsWith('1 ') ? 1 : 0;
  const positions = chars.map((c, i) => (i >= startAt && (c === '0' || c === '1') ? i : -1)).filter((i) => i >= 0);
  const chosen = positions.filter(() => rng.chance(0.6));
  if (chosen.length === 0 && positions.length > 0) chosen.push(rng.pick(positions));
  for (const i of chosen) {
    chars[i] = chars[i] === '0' ? rng.pick(['O', 'o']) : rng.pick(['l', 'I']);
  }
  return chars.join('');
}

function separators(n: string, rng: Rng): [string, string] {
  const a = n.slice(0, 3);
  const b = n.slice(3, 6);
  const c = n.slice(6);
  const styles: Array<[string, string]> = [
    [[...n].join(' '), 'every-digit-space'],
    [`${a} . ${b} . ${c}`, 'spaced-dots'],
    [`${a}/${b}/${c}`, 'slashes'],
    [`${a} - ${b} - ${c}`, 'spaced-dashes'],
    [`${a}•${b}•${c}`, 'bullets'],
    [`+1|${a}|${b}|${c}`, 'pipes'],
    [`(${a})_${b}_${c}`, 'underscores'],
    [`${[...a].join('.')}-${[...b].join('.')}-${[...c].join('.')}`, 'digit-dots'],
  ];
  return rng.pick(styles);
}

function emoji(n: string, rng: Rng): [string, string] {
  const a = n.slice(0, 3);
  const b = n.slice(3, 6);
  const c = n.slice(6);
  const sep = rng.pick(['📞', '☎️', '✅', '⭐', '🔹', '➖']);
  const styles: Array<[string, string]> = [
    [`${a}${sep}${b}${sep}${c}`, 'emoji-separators'],
    [`📞 +1 ${a}${sep}${b}${sep}${c}`, 'emoji-separators'],
    [[...n].map((d) => `${d}\uFE0F\u20E3`).join(''), 'keycaps'],
  ];
  return rng.pick(styles);
}

function unicodeDigits(text: string, rng: Rng): [string, string] {
  const variant = rng.pick(['fullwidth', 'math-bold', 'arabic-indic'] as const);
  const base = variant === 'fullwidth' ? 0xff10 : variant === 'math-bold' ? 0x1d7ce : 0x0660;
  const out = [...text].map((ch) => (ch >= '0' && ch <= '9' ? String.fromCodePoint(base + ch.charCodeAt(0) - 48) : ch)).join('');
  return [out, variant];
}

function zeroWidth(text: string, rng: Rng): string {
  const invisibles = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];
  const chars = [...text];
  const digitPositions = chars.map((c, i) => (c >= '0' && c <= '9' && i < chars.length - 1 ? i : -1)).filter((i) => i >= 0);
  const chosen = new Set(digitPositions.filter(() => rng.chance(0.5)));
  if (chosen.size < 2) for (const p of digitPositions.slice(0, 2)) chosen.add(p);
  return chars.map((c, i) => (chosen.has(i) ? c + rng.pick(invisibles) : c)).join('');
}

function glued(n: string, rng: Rng): [string, string] {
  const styles: Array<[string, string]> = [
    [`call${n}now`, 'word-both-sides'],
    [`Tel:+1${n}`, 'label-colon'],
    [`CALL:1${n}`, 'label-colon'],
    [`Phone:${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}.`, 'label-colon'],
    [`support${n}`, 'word-before'],
    [`+1${n}today`, 'word-after'],
  ];
  return rng.pick(styles);
}

function irregular(n: string, rng: Rng): [string, string] {
  const styles: Array<[string, string]> = [
    [`+1 ${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5, 8)} ${n.slice(8)}`, '2-3-3-2'],
    [`+1 ${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`, '4-3-3'],
    [`+1 ${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`, '3-4-3'],
    [`1${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 7)} ${n.slice(7)}`, 'trunk-glued'],
    [`+1 ${n.slice(0, 5)} ${n.slice(5)}`, '5-5'],
  ];
  return rng.pick(styles);
}

function vanity(n: string, rng: Rng): string {
  const prefix = n.slice(0, 3);
  const digits = [...n.slice(3)];
  const letters = digits.map((d) => {
    const options = KEYPAD[d];
    return options === undefined ? d : options[rng.int(0, options.length - 1)]!;
  });
  const word = letters.join('');
  return rng.chance(0.5) ? `1-${prefix}-${word}` : `1-${prefix}-${word.slice(0, 3)}-${word.slice(3)}`;
}

function splitHtml(n: string, rng: Rng): WrittenNumber {
  const a = n.slice(0, 3);
  const b = n.slice(3, 6);
  const c = n.slice(6);
  const styles: Array<[string, string]> = [
    [`<span>(${a})</span> <span>${b}</span>-<span>${c}</span>`, 'spans'],
    [`<b>${a}</b><span style="color:#333">${b}</span><i>${c}</i>`, 'mixed-tags'],
    [[...n].map((d) => `<span>${d}</span>`).join(''), 'per-digit'],
    [`+1 <font color="#000">${a}</font>&nbsp;<font color="#000">${b}</font>&nbsp;<strong>${c}</strong>`, 'font-tags'],
  ];
  const [html, variant] = rng.pick(styles);
  return { disguise: 'split-html', variant, text: `${a}${b}${c}`, html };
}

function link(n: string, disguise: 'tel-link' | 'wa-link', rng: Rng): WrittenNumber {
  let href: string;
  let label: string;
  let variant: string;
  if (disguise === 'tel-link') {
    variant = rng.pick(['tel-e164', 'tel-dashes']);
    href = variant === 'tel-e164' ? `tel:+1${n}` : `tel:1-${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`;
    label = rng.pick(['Call support now', 'Tap to call', 'Speak to an agent']);
  } else {
    variant = rng.pick(['wa.me', 'api.whatsapp.com']);
    href = variant === 'wa.me' ? `https://wa.me/1${n}` : `https://api.whatsapp.com/send?phone=1${n}`;
    label = rng.pick(['Chat with us on WhatsApp', 'WhatsApp support', 'Message an agent']);
  }
  return { disguise, variant, text: href, html: `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>` };
}
