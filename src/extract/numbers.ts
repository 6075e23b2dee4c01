/**
 * Message-level phone work: gather explicit international numbers to infer regions, find numbers in every
 * text of the message, then merge sightings into one ObservedNumber per E.164.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { ObservedNumber, Placement } from './observation.js';
import type { PhoneFinding } from './phones.js';

const PLACEMENT_ORDER: Placement[] = ['subject', 'body', 'calendar', 'link', 'pdf', 'image', 'attachment'];
const MAX_RAW = 5;

const EXPLICIT = /\+[ \u00a0]?\d[\d \u00a0().\-]{5,18}\d/g;

/** Countries of numbers written with +CC, most frequent first (region hints for the rest). */
export function explicitCountries(texts: string[]): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    if (!text.includes('+')) continue;
    for (const m of text.matchAll(EXPLICIT)) {
      const parsed = parsePhoneNumberFromString(m[0]);
      if (parsed?.isValid() === true && parsed.country !== undefined) counts.set(parsed.country, (counts.get(parsed.country) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
}

/**
 * The HTML reduced to its visible letters and digits, with `<` where a tag stood: head, styles, scripts,
 * comments and attribute values go, so digits in a URL or a <title> cannot pass for the visible number.
 * Computed once per body; the split test below is then two substring searches.
 */
export function visibleMarkup(html: string): string {
  return html
    .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, '<')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, '<')
    .replace(/[^\p{L}\p{N}<]+/gu, '');
}

/** True when the number's letters and digits are interrupted by tags in the HTML (see visibleMarkup). */
export function isSplitAcrossElements(raw: string, markup: string): boolean {
  const chars = raw.replace(/[^\p{L}\p{N}]/gu, '');
  if (chars.length < 4 || markup.includes(chars)) return false;
  // Tags between some of the characters, nothing else: the number was split across elements.
  const escaped = [...chars].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('<*'), 'u').test(markup);
}

/** One ObservedNumber per E.164, sightings merged; sorted by first placement then confidence. */
export function mergeFindings(findings: PhoneFinding[]): ObservedNumber[] {
  const byNumber = new Map<string, ObservedNumber>();
  for (const f of findings) {
    let entry = byNumber.get(f.e164);
    if (entry === undefined) {
      entry = {
        e164: f.e164, country: f.country, type: f.type, where: [], raw: [], obfuscated: false,
        disguises: [], confidence: f.confidence, context: f.context,
      };
      byNumber.set(f.e164, entry);
    }
    if (!entry.where.includes(f.where)) entry.where.push(f.where);
    if (entry.ext === undefined && f.ext !== undefined) entry.ext = f.ext;
    if (!entry.raw.includes(f.raw) && entry.raw.length < MAX_RAW) entry.raw.push(f.raw);
    for (const d of f.disguises) if (!entry.disguises!.includes(d)) entry.disguises!.push(d);
    entry.obfuscated = entry.disguises!.length > 0;
    if (f.confidence > entry.confidence) entry.confidence = f.confidence;
  }
  const numbers = [...byNumber.values()];
  for (const n of numbers) {
    n.where.sort((a, b) => PLACEMENT_ORDER.indexOf(a) - PLACEMENT_ORDER.indexOf(b));
    if (n.disguises!.length === 0) delete n.disguises;
  }
  return numbers;
}
