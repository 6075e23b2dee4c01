/**
 * The shared vocabulary of lures and brands (docs/definitions.md), as the kebab-case ids used by the
 * classifier, the graph and the ground truth.
 */
// One vocabulary for the classifier, the graph and the ground truth: the generator re-uses the classifier's ids.
export {
  LURE_CONTEXTS as CONTEXTS,
  LURE_TRIGGERS as TRIGGERS,
  LURE_CTAS as CTAS,
  type LureContext,
  type LureTrigger,
  type LureCta,
} from '../classify/lure-values.js';
import type { LureContext, LureCta, LureTrigger } from '../classify/lure-values.js';

export interface Lure {
  context: LureContext;
  trigger: LureTrigger;
  cta: LureCta;
}

export function lureKey(lure: Lure): string {
  return `${lure.context}·${lure.trigger}·${lure.cta}`;
}

/** Canonical brand names as the graph stores them; the first four dominate (Talos). */
export const MAJOR_BRANDS = ['PayPal', 'Geek Squad', 'McAfee', 'Norton LifeLock'] as const;
export const MINOR_BRANDS = ['Microsoft', 'Amazon', 'Apple', 'Coinbase'] as const;
export type BrandName = (typeof MAJOR_BRANDS)[number] | (typeof MINOR_BRANDS)[number];

export const LANGUAGES = ['en', 'de', 'pt', 'fr', 'es', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Contexts that fit each brand, so that lures read plausibly (a PayPal "tech support case" is rare). */
export const BRAND_CONTEXTS: Record<BrandName, readonly LureContext[]> = {
  PayPal: ['invoice-billing', 'transaction-verification', 'order-shipping', 'account-security', 'refund-overpayment'],
  'Geek Squad': ['subscription-renewal', 'invoice-billing', 'tech-support', 'service-cancelation', 'refund-overpayment'],
  McAfee: ['subscription-renewal', 'invoice-billing', 'tech-support', 'account-security', 'service-cancelation'],
  'Norton LifeLock': ['subscription-renewal', 'invoice-billing', 'account-security', 'refund-overpayment', 'service-cancelation'],
  Microsoft: ['account-security', 'tech-support', 'subscription-renewal'],
  Amazon: ['order-shipping', 'account-security', 'refund-overpayment'],
  Apple: ['account-security', 'subscription-renewal', 'invoice-billing'],
  Coinbase: ['transaction-verification', 'account-security'],
};
