import { dayNumber } from '../domain/index.js';

/**
 * The Talos statistics over number activity, as pure functions. The generator uses them to write the
 * expected values into truth/summary.json; eval and tests use the same code to compare a report with them.
 * Definitions follow docs/definitions.md.
 */
export interface NumberActivity {
  e164: string;
  /** Distinct active UTC days, YYYY-MM-DD. */
  days: string[];
  brands: string[];
  lineType: string;
  carrier: string;
  emailsByDay: Record<string, number>;
}

export interface BrandLifespan {
  numbers: number;
  multiDay: number;
  median: number;
  mean: number;
  medianMultiDay: number | null;
  max: number;
}

export interface ReportStats {
  uniqueNumbers: number;
  consecutiveReuse: { count: number; share: number; longestRun: number; mostCommonRun: number | null; runLengths: Record<string, number> };
  multiDay: { count: number; share: number };
  lifespan: { distribution: Record<string, number>; median: number; medianMultiDay: number | null; meanMultiDay: number | null; max: number };
  lifespanByBrand: Record<string, BrandLifespan>;
  lineTypes: Record<string, { count: number; share: number }>;
  carriers: Record<string, { count: number; share: number; lineType: string }>;
  topNumberDay: { e164: string; day: string; emails: number } | null;
}

export function lifespanOf(days: string[]): number {
  if (days.length === 0) return 0;
  const sorted = days.map(dayNumber).sort((a, b) => a - b);
  return sorted[sorted.length - 1]! - sorted[0]! + 1;
}

/** Longest run of consecutive active days (1 for a single day, 0 for none). */
export function longestRunOf(days: string[]): number {
  const sorted = [...new Set(days.map(dayNumber))].sort((a, b) => a - b);
  let best = sorted.length > 0 ? 1 : 0;
  let current = 1;
  for (let i = 1; i < sorted.length; i += 1) {
    current = sorted[i] === sorted[i - 1]! + 1 ? current + 1 : 1;
    best = Math.max(best, current);
  }
  return best;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function computeStats(numbers: NumberActivity[]): ReportStats {
  const total = numbers.length;
  const share = (n: number): number => (total === 0 ? 0 : round(n / total));
  const lifespans = numbers.map((n) => lifespanOf(n.days));
  const runs = numbers.map((n) => longestRunOf(n.days));

  const runLengths: Record<string, number> = {};
  for (const r of runs) if (r >= 2) runLengths[String(r)] = (runLengths[String(r)] ?? 0) + 1;
  const consecutive = runs.filter((r) => r >= 2).length;
  let mostCommonRun: number | null = null;
  for (const [len, count] of Object.entries(runLengths)) {
    if (mostCommonRun === null || count > runLengths[String(mostCommonRun)]! || (count === runLengths[String(mostCommonRun)]! && Number(len) < mostCommonRun)) {
      mostCommonRun = Number(len);
    }
  }

  const multi = numbers.filter((n) => n.days.length >= 2);
  const multiLifespans = multi.map((n) => lifespanOf(n.days));
  const distribution: Record<string, number> = {};
  for (const l of lifespans) distribution[String(l)] = (distribution[String(l)] ?? 0) + 1;

  const byBrand: Record<string, number[]> = {};
  const multiByBrand: Record<string, number[]> = {};
  numbers.forEach((n, i) => {
    for (const brand of new Set(n.brands)) {
      (byBrand[brand] ??= []).push(lifespans[i]!);
      if (n.days.length >= 2) (multiByBrand[brand] ??= []).push(lifespans[i]!);
    }
  });
  const lifespanByBrand: Record<string, BrandLifespan> = {};
  for (const brand of Object.keys(byBrand).sort()) {
    const values = byBrand[brand]!;
    const multiValues = multiByBrand[brand] ?? [];
    lifespanByBrand[brand] = {
      numbers: values.length,
      multiDay: multiValues.length,
      median: median(values)!,
      mean: round(mean(values)!),
      medianMultiDay: median(multiValues),
      max: Math.max(...values),
    };
  }

  const lineTypes: ReportStats['lineTypes'] = {};
  const carriers: ReportStats['carriers'] = {};
  for (const n of numbers) {
    lineTypes[n.lineType] = { count: (lineTypes[n.lineType]?.count ?? 0) + 1, share: 0 };
    carriers[n.carrier] = { count: (carriers[n.carrier]?.count ?? 0) + 1, share: 0, lineType: n.lineType };
  }
  for (const v of Object.values(lineTypes)) v.share = share(v.count);
  for (const v of Object.values(carriers)) v.share = share(v.count);

  let top: ReportStats['topNumberDay'] = null;
  for (const n of numbers) {
    for (const [day, emails] of Object.entries(n.emailsByDay)) {
      if (!top || emails > top.emails || (emails === top.emails && `${n.e164}${day}` < `${top.e164}${top.day}`)) {
        top = { e164: n.e164, day, emails };
      }
    }
  }

  return {
    uniqueNumbers: total,
    consecutiveReuse: { count: consecutive, share: share(consecutive), longestRun: Math.max(0, ...runs), mostCommonRun, runLengths },
    multiDay: { count: multi.length, share: share(multi.length) },
    lifespan: {
      distribution,
      median: median(lifespans) ?? 0,
      medianMultiDay: median(multiLifespans),
      meanMultiDay: multiLifespans.length > 0 ? round(mean(multiLifespans)!) : null,
      max: Math.max(0, ...lifespans),
    },
    lifespanByBrand,
    lineTypes,
    carriers,
    topNumberDay: top,
  };
}
