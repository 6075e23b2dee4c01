/**
 * Scoring of extraction against hand labels of real mail (eval/real/labels.jsonl): pure functions, so the
 * arithmetic is tested apart from the messages (test/eval/real-score.test.ts).
 */
import type { Observation } from '../../src/extract/observation.js';

export const LAYERS = ['subject', 'body', 'calendar', 'link', 'pdf', 'image', 'attachment'] as const;
export type Layer = (typeof LAYERS)[number];
const ATTACHMENT_LAYERS: ReadonlySet<string> = new Set(['pdf', 'image', 'attachment']);

export interface LabelledNumber {
  e164: string;
  where: Layer[];
  role?: 'callback' | 'other';
  ext?: string;
}

export interface Label {
  /** Path relative to ../shared (`real-sample/…`, `real-sample-toad/…`). */
  file: string;
  numbers: LabelledNumber[];
  brand: string | null;
  platform: string | null;
  note?: string;
  hard?: string;
}

export interface Tally {
  hit: number;
  total: number;
}

export interface RealScore {
  messages: number;
  tp: number;
  fp: number;
  fn: number;
  /** Per layer: labelled (number, layer) pairs found in that layer, and reported pairs that were labelled. */
  recallByLayer: Record<string, Tally>;
  precisionByLayer: Record<string, Tally>;
  /** Labelled numbers seen only in attachments (pdf, image, other files), found anywhere. */
  attachmentOnly: Tally;
  callbackRecall: Tally;
  brand: Tally;
  /** Messages labelled without a brand where one was named anyway. */
  brandFalse: number;
  platform: Tally;
  platformFalse: number;
  misses: string[];
  falsePositives: string[];
  brandMisses: string[];
  platformMisses: string[];
}

export function newRealScore(): RealScore {
  const byLayer = (): Record<string, Tally> => Object.fromEntries(LAYERS.map((l) => [l, { hit: 0, total: 0 }]));
  return {
    messages: 0, tp: 0, fp: 0, fn: 0, recallByLayer: byLayer(), precisionByLayer: byLayer(),
    attachmentOnly: { hit: 0, total: 0 }, callbackRecall: { hit: 0, total: 0 }, brand: { hit: 0, total: 0 }, brandFalse: 0,
    platform: { hit: 0, total: 0 }, platformFalse: 0, misses: [], falsePositives: [], brandMisses: [], platformMisses: [],
  };
}

/** Brand and platform names compare without case, accents, punctuation or spacing (`Lowe's` = `Lowes`). */
export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a == null || b == null) return a == b;
  const fold = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9+]/g, '');
  return fold(a) === fold(b);
}

function tally(t: Tally, hit: boolean): void {
  t.total += 1;
  if (hit) t.hit += 1;
}

export function scoreMessage(score: RealScore, label: Label, observation: Observation): void {
  score.messages += 1;
  const found = new Map(observation.numbers.map((n) => [n.e164, n]));
  const labelled = new Map(label.numbers.map((n) => [n.e164, n]));
  for (const n of label.numbers) {
    const got = found.get(n.e164);
    if (got === undefined) {
      score.fn += 1;
      score.misses.push(`${label.file}: ${n.e164} (${n.where.join('+')})`);
    } else {
      score.tp += 1;
    }
    for (const layer of n.where) tally(score.recallByLayer[layer] ?? (score.recallByLayer[layer] = { hit: 0, total: 0 }), got?.where.includes(layer as never) === true);
    if (n.where.length > 0 && n.where.every((w) => ATTACHMENT_LAYERS.has(w))) tally(score.attachmentOnly, got !== undefined);
    if (n.role !== 'other') tally(score.callbackRecall, got !== undefined);
  }
  for (const n of observation.numbers) {
    const truth = labelled.get(n.e164);
    if (truth === undefined) {
      score.fp += 1;
      score.falsePositives.push(`${label.file}: ${n.e164} as ${JSON.stringify(n.raw[0] ?? '')} (${n.where.join('+')}, ${n.confidence})`);
    }
    for (const layer of n.where) {
      tally(score.precisionByLayer[layer] ?? (score.precisionByLayer[layer] = { hit: 0, total: 0 }), truth !== undefined);
    }
  }
  const brand = observation.brand ?? null;
  if (label.brand !== null) {
    const hit = sameName(brand, label.brand);
    tally(score.brand, hit);
    if (!hit) score.brandMisses.push(`${label.file}: ${label.brand} ← ${brand ?? '(none)'}`);
  } else if (brand !== null) {
    score.brandFalse += 1;
  }
  const platform = observation.platform ?? null;
  if (label.platform !== null) {
    const hit = sameName(platform, label.platform);
    tally(score.platform, hit);
    if (!hit) score.platformMisses.push(`${label.file}: ${label.platform} ← ${platform ?? '(none)'}`);
  } else if (platform !== null) {
    score.platformFalse += 1;
    score.platformMisses.push(`${label.file}: (none) ← ${platform}`);
  }
}

export function ratio(t: Tally): number | null {
  return t.total === 0 ? null : t.hit / t.total;
}

/** The figures thresholds.json names, as one flat map. */
export function figures(score: RealScore): Record<string, number | null> {
  const precision = score.tp + score.fp === 0 ? null : score.tp / (score.tp + score.fp);
  const recall = score.tp + score.fn === 0 ? null : score.tp / (score.tp + score.fn);
  return {
    'real.precision': precision,
    'real.recall': recall,
    'real.recall.attachmentOnly': ratio(score.attachmentOnly),
    'real.recall.callback': ratio(score.callbackRecall),
    'real.brand.accuracy': ratio(score.brand),
    'real.platform.accuracy': ratio(score.platform),
  };
}

export function parseLabels(text: string, source = 'labels.jsonl'): Label[] {
  const labels: Label[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${source}:${i + 1}: not JSON (${(error as Error).message})`);
    }
    const label = value as Label;
    if (typeof label.file !== 'string' || !Array.isArray(label.numbers)) throw new Error(`${source}:${i + 1}: needs "file" and "numbers"`);
    for (const n of label.numbers) {
      if (!/^\+[1-9]\d{6,14}$/.test(n.e164)) throw new Error(`${source}:${i + 1}: ${n.e164} is not E.164`);
      for (const w of n.where) if (!(LAYERS as readonly string[]).includes(w)) throw new Error(`${source}:${i + 1}: unknown layer ${w}`);
    }
    labels.push({ ...label, brand: label.brand ?? null, platform: label.platform ?? null });
  });
  return labels;
}
