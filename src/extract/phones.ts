/**
 * Finds the phone numbers a person would see in a piece of text (subject, body, attachment text).
 *
 * Pipeline: undo disguises (normalize.ts) → blank out decoys (decoys.ts) → libphonenumber's matcher for each
 * candidate region of the message → keep non-overlapping matches, choose a region per match by its shape →
 * reject fragments of longer digit sequences → score with context words (phone-context.ts).
 * Only findings at or above REPORT_THRESHOLD are reported.
 */
import { findNumbers, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { maskDecoys } from './decoys.js';
import type { NumberType, Placement } from './observation.js';
import { disguiseNames, normalizeForNumbers, sourceSpan, spanFlags, type MappedText } from './normalize.js';
import { hasPhoneWordAfter, hasPhoneWordBefore } from './phone-context.js';

/** Findings below this confidence are dropped: bare digit runs with no phone word near them. */
export const REPORT_THRESHOLD = 0.5;

/** What a disguise adds to a number's confidence: nobody disguises an order number. */
export const DISGUISE_BONUS = 0.1;

export interface PhoneFinding {
  e164: string;
  country: string | null;
  type: NumberType;
  where: Placement;
  raw: string;
  disguises: string[];
  confidence: number;
  context: string;
  /** Extension or menu choice written after the number (`ext. 4`, `x123`, `*2`); the E.164 never includes it. */
  ext?: string;
}

export interface FindOptions {
  where: Placement;
  /** Candidate regions for numbers without +CC, most likely first (see region.ts). */
  regions: string[];
  /** Keep findings under the threshold too (for tuning and tests). */
  keepLowConfidence?: boolean;
}

interface Match {
  start: number;
  end: number;
  number: PhoneNumber;
  /** Other regions' readings of exactly the same span, for the shape rule. */
  alternatives: PhoneNumber[];
}

const DIGITS_NEEDED = 3;
/** '+' and at most 15 digits (ITU-T E.164). */
const MAX_E164_LENGTH = 16;
/** `(888) 908-7930`, `888-908-7930`, `1 888 908 7930`: written with the separators of the NANP plan. */
const NANP_SHAPE = /^(?:\+?1[\s.\-]?)?(?:\([2-9]\d{2}\)[\s.\-]?|[2-9]\d{2}[\s.\-])\d{3}[\s.\-]\d{4}$/;

function countDigits(text: string): number {
  let n = 0;
  for (const ch of text) {
    if ((ch >= '0' && ch <= '9') || (ch > '\u0600' && /\p{Nd}/u.test(ch))) n += 1;
    if (n >= DIGITS_NEEDED) break;
  }
  return n;
}

function typeOf(number: PhoneNumber): NumberType {
  return (number.getType() as NumberType | undefined) ?? 'UNKNOWN';
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Stretches of text that could hold a phone number: 6+ digits with only phone punctuation between them. */
const CANDIDATE_SPAN = /\+?\(?\d[\d \t().\-/]{4,}\d/g;
const SPAN_PADDING = 3;
const EXTENSION_AFTER = /^[ \t,;]*(?:ext\.?|extn\.?|extension|x)[ \t.:#]*\d{1,6}/i;

/**
 * Windows of the text worth giving to libphonenumber. Its matcher is slow on long texts full of short digit
 * groups (a 700 kB text took 13 s); searching only around phone-shaped stretches keeps it linear and fast.
 */
function candidateWindows(text: string): { start: number; end: number }[] {
  const windows: { start: number; end: number }[] = [];
  CANDIDATE_SPAN.lastIndex = 0;
  for (let m = CANDIDATE_SPAN.exec(text); m !== null; m = CANDIDATE_SPAN.exec(text)) {
    let digits = 0;
    for (const ch of m[0]) if (ch >= '0' && ch <= '9') digits += 1;
    if (digits < 6) continue;
    const start = Math.max(0, m.index - SPAN_PADDING);
    // A written extension (`x123`, `ext. 4`) belongs to the window, so libphonenumber reads it whole.
    const spanEnd = m.index + m[0].length;
    const ext = EXTENSION_AFTER.exec(text.slice(spanEnd, spanEnd + 24));
    const end = Math.min(text.length, spanEnd + Math.max(SPAN_PADDING, ext === null ? 0 : ext[0].length));
    const last = windows[windows.length - 1];
    if (last !== undefined && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows;
}

function runMatcher(masked: string, regions: string[]): Match[] {
  const accepted: Match[] = [];
  const windows = candidateWindows(masked);
  regions.forEach((region, index) => {
    for (const window of windows) {
      const slice = masked.slice(window.start, window.end);
      let found: ReturnType<typeof findNumbers>;
      try {
        found = findNumbers(slice, { defaultCountry: region as CountryCode, v2: true });
      } catch {
        return; // an unsupported region code: skip it rather than lose the message
      }
      for (const f of found) {
        const candidate = { start: window.start + f.startsAt, end: window.start + f.endsAt };
        const same = accepted.find((a) => a.start === candidate.start && a.end === candidate.end);
        if (same !== undefined) {
          if (same.number.number !== f.number.number) same.alternatives.push(f.number);
          continue;
        }
        // Numbers with +CC read the same in every region: only the first pass needs to collect them.
        if (index > 0 && masked[candidate.start] === '+') continue;
        if (accepted.some((a) => overlaps(a, candidate))) continue;
        accepted.push({ ...candidate, number: f.number, alternatives: [] });
      }
    }
  });
  return accepted;
}

/** Countries whose national numbers are written with a leading 0: a bare number without it is unusual there. */
const TRUNK_ZERO = new Set(['DE', 'AT', 'CH', 'FR', 'BE', 'NL', 'GB', 'IE', 'AU', 'NZ', 'ZA', 'SE', 'NO', 'DK', 'FI', 'PL', 'RU', 'UA']);

/**
 * Picks a region's reading for a bare number. A North American reading wins when the number is written in
 * NANP dress (`(888) 908-7930`), when it reads as a NANP toll-free number (scam call centres' favourite),
 * or when the other country writes its national numbers with a leading 0 that this one lacks.
 */
function chooseByShape(match: Match, text: string): PhoneNumber {
  const written = text.slice(match.start, match.end).trim();
  if (match.number.countryCallingCode === '1' || written.startsWith('+') || written.startsWith('0')) return match.number;
  const nanp = match.alternatives.find((n) => n.countryCallingCode === '1');
  if (nanp === undefined) return match.number;
  if (NANP_SHAPE.test(written) || nanp.getType() === 'TOLL_FREE') return nanp;
  if (match.number.country !== undefined && TRUNK_ZERO.has(match.number.country)) return nanp;
  return match.number;
}

/**
 * True when the match is one piece of a longer run of bare digit groups (`9167286 5691606 5839888`).
 * A neighbouring token that mixes in letters (`#A856235291 (409-524-6092)`) is an id, not a continuation,
 * and short tails such as `24/7` do not count.
 */
function isFragment(text: string, start: number, end: number, flags: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 40);
  if (/(?:^|\s)[\d.\-/]*\d[ .\-/]?$/.test(before)) return true;
  if (/^[ .\-/]?\d{3,}(?=[\s,;)]|$)/.test(after)) return true;
  // Digit salad (`6 4 6 322 21 03657`): several lone digits, with no + or brackets to say "phone number".
  const written = text.slice(start, end);
  if (flags === 0 && !/[+(]/.test(written) && (written.match(/(?<!\d)\d(?!\d)/g)?.length ?? 0) >= 3) return true;
  return /\p{L}$/u.test(before) && /\d/.test(text[start] ?? '');
}

function score(text: string, match: Match, number: PhoneNumber, flags: number): number {
  const written = text.slice(match.start, match.end);
  // A disguised number was meant to be read: treat it like a formatted one even when it collapsed to digits.
  const digitsOnly = /^\d+$/.test(written.trim()) && flags === 0;
  let confidence = written.trim().startsWith('+') ? 0.8 : digitsOnly ? 0.35 : 0.6;
  const lineStart = text.lastIndexOf('\n', match.start - 1);
  const before = text.slice(Math.max(0, match.start - 45, lineStart - 30), match.start);
  const after = text.slice(match.end, match.end + 25);
  if (hasPhoneWordBefore(before)) confidence += 0.3;
  else if (hasPhoneWordAfter(after)) confidence += 0.2;
  if (typeOf(number) === 'TOLL_FREE') confidence += 0.1;
  if (flags !== 0) confidence += DISGUISE_BONUS;
  return Math.min(0.99, Math.round(confidence * 100) / 100);
}

/** A menu choice or extension written after the number that libphonenumber does not read (`… 2132 *2`, `option 3`). */
const TRAILING_CHOICE = /^[ \t]*(?:[*#][ \t]?(\d{1,5})\b|,?[ \t]*(?:opt(?:ion)?\.?|press|prompt|ramal|durchwahl|poste|ext\.?|extn\.?|extension)[ \t.:]*#?[ \t]*(\d{1,5})\b)/i;
/** An extension written into the matched span (`ext. 4`, `x123`, `extension 12`), cut from `raw`. */
const EXTENSION_TAIL = /[ \t,;]*(?:ext\.?|extn\.?|extension|x|#)[ \t.:]*\d*$/i;

function extensionOf(number: PhoneNumber, after: string): string | undefined {
  if (number.ext !== undefined && number.ext !== '') return number.ext;
  const m = TRAILING_CHOICE.exec(after);
  return m === null ? undefined : (m[1] ?? m[2]);
}

function contextAround(source: string, from: number, to: number): string {
  return source
    .slice(Math.max(0, from - 40), Math.min(source.length, to + 40))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every phone number in `source`, one finding per sighting (merge them per message with mergeFindings). */
export function findPhonesInText(source: string, options: FindOptions): PhoneFinding[] {
  if (source.length === 0 || countDigits(source) < DIGITS_NEEDED) return [];
  const mapped: MappedText = normalizeForNumbers(source);
  const masked = maskDecoys(mapped.text);
  const findings: PhoneFinding[] = [];
  for (const match of runMatcher(masked, options.regions)) {
    const flags = spanFlags(mapped, match.start, match.end);
    if (isFragment(masked, match.start, match.end, flags)) continue;
    const number = chooseByShape(match, masked);
    // E.164 caps a number at 15 digits; libphonenumber accepts longer German/Austrian extensions, which in
    // scam mail are digit salad (ids, tracking codes) read as one number. (Found by the hostile fuzz tests.)
    if (number.number.length > MAX_E164_LENGTH) continue;
    const confidence = score(masked, match, number, flags);
    if (confidence < REPORT_THRESHOLD && options.keepLowConfidence !== true) continue;
    const from = mapped.origin[match.start] ?? 0;
    // Read from the source: the normaliser blanks `*` and `#` between digit groups.
    const sourceEnd = (mapped.origin[match.end - 1] ?? from) + 1;
    const ext = extensionOf(number, source.slice(sourceEnd, sourceEnd + 24));
    let raw = sourceSpan(source, mapped, match.start, match.end).trim();
    if (number.ext !== undefined) raw = raw.replace(EXTENSION_TAIL, '') || raw;
    findings.push({
      ...(ext === undefined ? {} : { ext }),
      e164: number.number,
      country: number.country ?? null,
      type: typeOf(number),
      where: options.where,
      raw,
      disguises: disguiseNames(flags),
      confidence,
      context: contextAround(source, from, from + raw.length),
    });
  }
  return findings;
}
