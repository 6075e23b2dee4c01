/**
 * Public surface of the brand/lure classifier. `classifyMessage` is pure and synchronous; data files and
 * the trained model are loaded once, on first use.
 */
import type { LureLayer, ObservedBrand, ObservedLure } from '../extract/observation.js';
import { findBrands } from './brands.js';
import type { Platform } from './platforms.js';
import { LURE_HEADS, LURE_VALUES, type LureHead } from './lure-values.js';
import { classifyText, round, type LayerVerdict } from './lures.js';
import { subjectTemplate } from './subject-template.js';

export {
  LURE_CONTEXTS,
  LURE_TRIGGERS,
  LURE_CTAS,
  LURE_HEADS,
  LURE_VALUES,
  LURE_LABELS,
  LURE_KEY_SEPARATOR,
  lureKey,
  isLureValue,
  type LureContext,
  type LureTrigger,
  type LureCta,
  type LureHead,
} from './lure-values.js';
export { subjectTemplate } from './subject-template.js';
export { findBrands, brandNames } from './brands.js';
export { classifyText } from './lures.js';
export { detectPlatform, type DeliveryEvidence, type Platform } from './platforms.js';
export { brandMarket } from './markets.js';

export interface ClassifyInput {
  subject: string;
  body: string;
  attachmentText: string;
  fromName: string | null;
  fromAddress: string | null;
  lang: string | null;
  /** The service that delivered the message, when one was abused (detectPlatform). */
  platform?: Platform | null;
}

export interface Classification {
  brands: ObservedBrand[];
  brand: string | null;
  lure: ObservedLure | null;
  subjectTemplate: string | null;
}

type LayerName = 'subject' | 'body' | 'attachment';

/** How much each layer counts in the message's verdict: attachment lures carry the scam in TOAD mail. */
const LAYER_WEIGHT: Record<LayerName, number> = { subject: 0.8, body: 1, attachment: 1.2 };
/**
 * Weight of a layer whose verdict rests on the classifier alone. A trigger is a rhetorical push spelled out
 * in words (a deadline, a threat, a disowned charge); a layer that spells none out (a subject naming the
 * document, an invoice attachment) only guesses it from the topic, so it counts for less than for the
 * context or the call to action.
 */
const BAYES_ONLY_FACTOR: Record<LureHead, number> = { context: 0.5, trigger: 0.15, cta: 0.5 };
/** Keyword weight (after value priorities) from which a layer's keyword backing counts in full. */
const FULL_KEYWORD_WEIGHT = 1.5;
/** Floor of the keyword backing: weak words only count less than no keywords (they sharpen the distribution). */
const WEAK_BACKING_FACTOR = 0.15;
/** A value other than the primary one is listed as secondary from this share of the evidence. */
const SECONDARY_MIN_SHARE = 0.2;

function toLayer(v: LayerVerdict): LureLayer {
  const named = LURE_HEADS.filter((h) => v[h].value !== null);
  const confidence = named.length === 0 ? 0 : named.reduce((s, h) => s + v[h].confidence, 0) / LURE_HEADS.length;
  return { context: v.context.value, trigger: v.trigger.value, cta: v.cta.value, confidence: round(confidence) };
}

/** Combine the layers' distributions (only where a layer named a value for the head). */
function combine(layers: Array<[LayerName, LayerVerdict]>): ObservedLure | null {
  const primary: Record<LureHead, string | null> = { context: null, trigger: null, cta: null };
  const secondary: Record<LureHead, string[]> = { context: [], trigger: [], cta: [] };
  const confidences: number[] = [];
  for (const head of LURE_HEADS) {
    const sum: Record<string, number> = {};
    let total = 0;
    for (const [name, v] of layers) {
      if (v[head].value === null) continue;
      // A layer counts by its place, its own confidence, and whether keywords back it (a one-line cover
      // note classified by the Bayes model alone should not outvote a full attachment lure).
      // Keyword backing is graded: a subject whose only evidence is a weak word ("confirmation") should not
      // outvote a body that states a deadline or a threat outright.
      const backing = v[head].keywordHits > 0 ? Math.min(1, Math.max(WEAK_BACKING_FACTOR, v[head].keywordWeight / FULL_KEYWORD_WEIGHT)) : BAYES_ONLY_FACTOR[head];
      const w = LAYER_WEIGHT[name] * v[head].confidence * backing;
      total += w;
      for (const value of LURE_VALUES[head]) sum[value] = (sum[value] ?? 0) + w * (v[head].distribution[value] ?? 0);
    }
    if (total === 0) continue;
    const ranked = Object.entries(sum).sort((a, b) => b[1] - a[1]);
    const [top, topScore] = ranked[0] ?? [null, 0];
    primary[head] = top;
    confidences.push(topScore / total);
    const extra = new Set<string>();
    for (const [value, score] of ranked.slice(1)) if (score / total >= SECONDARY_MIN_SHARE) extra.add(value);
    for (const [, v] of layers) {
      const lv = v[head].value;
      if (lv && lv !== top) extra.add(lv);
    }
    secondary[head] = [...extra];
  }
  if (!primary.context && !primary.trigger && !primary.cta) return null;
  const confidence = confidences.reduce((a, b) => a + b, 0) / LURE_HEADS.length;
  const byLayer: ObservedLure['byLayer'] = {};
  for (const [name, v] of layers) byLayer[name] = toLayer(v);
  const lure: ObservedLure = { ...primary, confidence: round(confidence), byLayer };
  if (secondary.context.length + secondary.trigger.length + secondary.cta.length > 0) lure.secondary = secondary;
  return lure;
}

/**
 * The platform's own name is everywhere in its notifications (Google Calendar's invitation layout, PayPal's
 * invoice chrome) while the impersonated brand is in the criminal's text: the platform's brands are set
 * aside, and come back only for platforms whose name alone is the lure (a bare PayPal money request).
 */
function primaryBrand(input: ClassifyInput): { brands: ObservedBrand[]; brand: string | null } {
  const platform = input.platform ?? null;
  if (platform === null || platform.brands.length === 0) return findBrands(input);
  const all = findBrands(input);
  const others = findBrands(input, new Set(platform.brands));
  if (others.brand !== null) return { brands: all.brands, brand: others.brand };
  return { brands: all.brands, brand: platform.brandWhenAlone ? all.brand : null };
}

/** Brands, primary brand, lure (per layer and combined) and subject template of one message. */
export function classifyMessage(input: ClassifyInput): Classification {
  const { brands, brand } = primaryBrand(input);
  const layers: Array<[LayerName, LayerVerdict]> = [];
  if (input.subject.trim()) layers.push(['subject', classifyText(input.subject, input.lang)]);
  if (input.body.trim()) layers.push(['body', classifyText(input.body, input.lang)]);
  if (input.attachmentText.trim()) layers.push(['attachment', classifyText(input.attachmentText, input.lang)]);
  return { brands, brand, lure: combine(layers), subjectTemplate: subjectTemplate(input.subject) };
}
