/**
 * The lure vocabulary of docs/definitions.md (Talos' Table 1) as kebab-case ids.
 * The loader, hunts and UI use these ids; a Lure node's key is `context·trigger·cta` (see lureKey).
 */

export const LURE_CONTEXTS = [
  'subscription-renewal',
  'invoice-billing',
  'account-security',
  'order-shipping',
  'tech-support',
  'refund-overpayment',
  'service-cancelation',
  'transaction-verification',
] as const;

export const LURE_TRIGGERS = ['urgency', 'fear-loss', 'confusion', 'relief', 'curiosity'] as const;

export const LURE_CTAS = ['call-phone', 'click-link', 'reply-details', 'open-attachment', 'provide-payment'] as const;

export type LureContext = (typeof LURE_CONTEXTS)[number];
export type LureTrigger = (typeof LURE_TRIGGERS)[number];
export type LureCta = (typeof LURE_CTAS)[number];
export type LureHead = 'context' | 'trigger' | 'cta';

export const LURE_HEADS: readonly LureHead[] = ['context', 'trigger', 'cta'];

export const LURE_VALUES: Record<LureHead, readonly string[]> = {
  context: LURE_CONTEXTS,
  trigger: LURE_TRIGGERS,
  cta: LURE_CTAS,
};

/** Human labels for the UI and reports. */
export const LURE_LABELS: Record<string, string> = {
  'subscription-renewal': 'Subscription renewal',
  'invoice-billing': 'Invoice or billing statement',
  'account-security': 'Account security alert',
  'order-shipping': 'Order confirmation / shipping issue',
  'tech-support': 'Technical support case',
  'refund-overpayment': 'Refund or overpayment notice',
  'service-cancelation': 'Service cancelation confirmation',
  'transaction-verification': 'Financial transaction verification',
  urgency: 'Urgency',
  'fear-loss': 'Fear / loss aversion',
  confusion: 'Confusion',
  relief: 'Relief opportunity',
  curiosity: 'Curiosity',
  'call-phone': 'Call a phone number',
  'click-link': 'Click a link',
  'reply-details': 'Reply with personal details',
  'open-attachment': 'Download / open attachment',
  'provide-payment': 'Provide payment / banking information',
};

/** Separator of the Lure node key (docs/graph-model.md). */
export const LURE_KEY_SEPARATOR = '·';

/** The Lure node key; a missing part is written as `unknown` so partial verdicts still get a stable key. */
export function lureKey(lure: { context: string | null; trigger: string | null; cta: string | null }): string {
  return [lure.context, lure.trigger, lure.cta].map((v) => v ?? 'unknown').join(LURE_KEY_SEPARATOR);
}

export function isLureValue(head: LureHead, value: string): boolean {
  return LURE_VALUES[head].includes(value);
}
