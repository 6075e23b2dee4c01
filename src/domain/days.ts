/**
 * Calendar days as integers (days since 1970-01-01, UTC), so that gaps, lifespans and runs are plain
 * arithmetic (docs/definitions.md: first/last seen, lifespan, sequential runs). Pure; the one place callhound
 * turns a 'YYYY-MM-DD' day into a number and back.
 */

export const msPerDay = 86_400_000;

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

// A corpus spans few distinct days but names them millions of times: both conversions are memoised
// (bounded, so that a pathological input cannot grow them without limit).
const numberCache = new Map<string, number>();
const stringCache = new Map<number, string>();
const cacheLimit = 100_000;

/** True for a 'YYYY-MM-DD' string (the shape dayNumber accepts). */
export function isDay(text: string): boolean {
  return dayPattern.test(text);
}

/** 'YYYY-MM-DD' → day number. Throws on anything else: callers pass dates that came out of the graph. */
export function dayNumber(day: string): number {
  const cached = numberCache.get(day);
  if (cached !== undefined) return cached;
  const match = dayPattern.exec(day);
  if (!match) throw new Error(`not a YYYY-MM-DD day: ${day}`);
  const value = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / msPerDay;
  if (numberCache.size < cacheLimit) numberCache.set(day, value);
  return value;
}

/** Day number → 'YYYY-MM-DD'. */
export function dayString(dayNo: number): string {
  const cached = stringCache.get(dayNo);
  if (cached !== undefined) return cached;
  const value = new Date(dayNo * msPerDay).toISOString().slice(0, 10);
  if (stringCache.size < cacheLimit) stringCache.set(dayNo, value);
  return value;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
