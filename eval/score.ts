/**
 * Scoring helpers for `npm run eval`: pure functions over the generator's ground truth and the
 * observations that extraction produced for the same messages.
 */
import type { Observation } from '../src/extract/observation.js';
import type { TruthMessage } from '../src/generate/index.js';

export interface Tally {
  found: number;
  total: number;
}

export function rate(t: Tally): number | null {
  return t.total === 0 ? null : t.found / t.total;
}

function bump(map: Map<string, Tally>, key: string, found: boolean): void {
  const t = map.get(key) ?? { found: 0, total: 0 };
  t.total += 1;
  if (found) t.found += 1;
  map.set(key, t);
}

export interface ExtractionScore {
  tp: number;
  fp: number;
  fn: number;
  byPlacement: Map<string, Tally>;
  /** Per planted layer: found *in that layer* (the observation's `where` names it), as eval/real scores layers. */
  byLayer: Map<string, Tally>;
  /** Numbers planted only in attachments (PDF or image). */
  attachmentOnly: Tally;
  byDisguise: Map<string, Tally>;
  /** Per delivery technique (direct, calendar-google, …): numbers found / missed and false positives. */
  byDelivery: Map<string, DeliveryScore>;
  /** False positives attributed to the decoy they came from, when their digits match one. */
  falsePositivesBy: Map<string, number>;
  /** A few misses and false positives to look at. */
  misses: string[];
  falsePositives: string[];
}

export interface DeliveryScore {
  tp: number;
  fp: number;
  fn: number;
  brand: Tally;
}

export function newExtractionScore(): ExtractionScore {
  return { tp: 0, fp: 0, fn: 0, byPlacement: new Map(), byLayer: new Map(), attachmentOnly: { found: 0, total: 0 }, byDisguise: new Map(), byDelivery: new Map(), falsePositivesBy: new Map(), misses: [], falsePositives: [] };
}

function deliveryOf(score: ExtractionScore, truth: TruthMessage): DeliveryScore {
  // Corpora written before delivery techniques existed have no field: all of their mail is direct.
  const key = truth.delivery ?? 'direct';
  let d = score.byDelivery.get(key);
  if (!d) {
    d = { tp: 0, fp: 0, fn: 0, brand: { found: 0, total: 0 } };
    score.byDelivery.set(key, d);
  }
  return d;
}

export function precisionOf(s: { tp: number; fp: number }): number | null {
  return s.tp + s.fp === 0 ? null : s.tp / (s.tp + s.fp);
}

export function recallOf(s: { tp: number; fn: number }): number | null {
  return s.tp + s.fn === 0 ? null : s.tp / (s.tp + s.fn);
}

/** Brand per delivery technique (the impersonated brand, never the platform). */
export function scoreBrand(score: ExtractionScore, truth: TruthMessage, obs: Observation): boolean {
  const hit = obs.brand === truth.brand;
  const d = deliveryOf(score, truth);
  d.brand.total += 1;
  if (hit) d.brand.found += 1;
  return hit;
}

export interface PlatformScore {
  /** Messages delivered through a platform whose platform was named right. */
  hit: Tally;
  /** Messages without a platform where one was named anyway. */
  falseNamed: number;
  misses: string[];
}

export function newPlatformScore(): PlatformScore {
  return { hit: { found: 0, total: 0 }, falseNamed: 0, misses: [] };
}

export function scorePlatform(score: PlatformScore, truth: TruthMessage, obs: Observation, same: (a: string | null, b: string | null) => boolean): void {
  const truthPlatform = truth.platform ?? null;
  const observed = obs.platform ?? null;
  if (truthPlatform !== null) {
    score.hit.total += 1;
    if (same(observed, truthPlatform)) score.hit.found += 1;
    else if (score.misses.length < 10) score.misses.push(`${truth.file} ${truthPlatform} ← ${observed ?? '(none)'}`);
  } else if (observed !== null) {
    score.falseNamed += 1;
  }
}

/** Adds one message: truth numbers vs observed numbers (by E.164). */
export function scoreExtraction(score: ExtractionScore, truth: TruthMessage, obs: Observation): void {
  const predicted = new Set(obs.numbers.map((n) => n.e164));
  const whereOf = new Map(obs.numbers.map((n) => [n.e164, new Set<string>(n.where ?? [])]));
  const planted = new Set(truth.numbers.map((n) => n.e164));
  const delivery = deliveryOf(score, truth);
  for (const n of truth.numbers) {
    const found = predicted.has(n.e164);
    if (found) {
      score.tp += 1;
      delivery.tp += 1;
    } else {
      score.fn += 1;
      delivery.fn += 1;
      if (score.misses.length < 15) score.misses.push(`${truth.file} ${n.e164} ${n.placements.map((p) => `${p.where}/${p.disguise}:${JSON.stringify(p.raw)}`).join(' ')}`);
    }
    for (const p of n.placements) {
      bump(score.byPlacement, p.where, found);
      bump(score.byLayer, p.where, whereOf.get(n.e164)?.has(p.where) === true);
      bump(score.byDisguise, p.variant && p.disguise === 'unicode-digits' ? `${p.disguise}/${p.variant}` : p.disguise, found);
    }
    if (n.placements.every((p) => p.where === 'pdf' || p.where === 'image')) {
      score.attachmentOnly.total += 1;
      if (found) score.attachmentOnly.found += 1;
    }
  }
  for (const n of obs.numbers) {
    if (planted.has(n.e164)) continue;
    score.fp += 1;
    delivery.fp += 1;
    const national = n.e164.replace(/^\+1/, '');
    const decoy = truth.decoys.find((d) => d.e164 === n.e164 || d.text.replace(/\D/g, '').includes(national.slice(-7)));
    const cause = decoy ? `decoy:${decoy.kind}` : truth.kind === 'noise' ? 'noise-mail' : 'other';
    score.falsePositivesBy.set(cause, (score.falsePositivesBy.get(cause) ?? 0) + 1);
    if (score.falsePositives.length < 15) score.falsePositives.push(`${truth.file} ${n.e164} raw=${JSON.stringify(n.raw)} (${cause})`);
  }
}

/** Adjusted Rand index of two partitions over the same items (labels per item). */
export function adjustedRandIndex(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length) throw new Error('partitions must label the same items');
  const n = a.length;
  if (n < 2) return 1;
  const choose2 = (x: number): number => (x * (x - 1)) / 2;
  const joint = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  for (let i = 0; i < n; i += 1) {
    const key = `${a[i]}\u0000${b[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
    rows.set(a[i]!, (rows.get(a[i]!) ?? 0) + 1);
    cols.set(b[i]!, (cols.get(b[i]!) ?? 0) + 1);
  }
  let index = 0;
  for (const v of joint.values()) index += choose2(v);
  let sumRows = 0;
  for (const v of rows.values()) sumRows += choose2(v);
  let sumCols = 0;
  for (const v of cols.values()) sumCols += choose2(v);
  const expected = (sumRows * sumCols) / choose2(n);
  const max = (sumRows + sumCols) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
