import { dayNumber } from '../domain/index.js';

/** Small pure statistics for the report (medians, histograms, runs of consecutive days). */

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Counts per value, ascending by value: [[value, count], …]. */
export function histogram(values: readonly number[]): [number, number][] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]);
}

/** Counts per label, largest first (ties by label): [[label, count], …]. */
export function tally(labels: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Lengths of every run of ≥ 2 consecutive active days (days as YYYY-MM-DD, any order). */
export function consecutiveRuns(days: readonly string[]): number[] {
  const sorted = [...new Set(days.map(dayNumber))].sort((a, b) => a - b);
  const runs: number[] = [];
  let run = 1;
  for (let i = 1; i <= sorted.length; i += 1) {
    if (i < sorted.length && (sorted[i] as number) - (sorted[i - 1] as number) === 1) run += 1;
    else {
      if (run >= 2) runs.push(run);
      run = 1;
    }
  }
  return runs;
}

/** The most frequent value (ties: the smallest), or null. */
export function mode(values: readonly number[]): number | null {
  const h = histogram(values);
  if (h.length === 0) return null;
  return h.reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}
