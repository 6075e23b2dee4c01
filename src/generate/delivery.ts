import type { Rng } from './random.js';
import type { BrandName } from './vocabulary.js';

/**
 * How a message reaches the victim. `direct`: the scammer's own mail (the classic shapes). The others are
 * the TOAD techniques seen in real mail of 2025–26: an invitation sent through Google Calendar or Outlook
 * (the real service sends it, so it passes SPF/DKIM), a bare `.ics` on an otherwise short mail, and a
 * genuine PayPal / QuickBooks invoice whose seller note carries the impersonated brand and the number.
 */
export const DELIVERIES = ['direct', 'calendar-google', 'calendar-outlook', 'ics-attachment', 'platform-invoice'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** The genuine service abused to deliver the lure; never the impersonated brand. */
export type Platform = 'Google Calendar' | 'Outlook Calendar' | 'PayPal' | 'QuickBooks';

/**
 * Shapes of a directly sent message that are about the message's views, not about how a number is written:
 * `font-size-0-layout` (table cells with font-size:0, the real size on the element inside: the number is
 * visible), `plain-only` / `html-only` (the multipart/alternative views differ: the number is in one).
 */
export const SHAPES = ['font-size-0-layout', 'plain-only', 'html-only'] as const;
export type Shape = (typeof SHAPES)[number];

/** Shares of phone emails per technique (percent); the rest is `direct`. */
export const DELIVERY_SHARES: Record<Exclude<Delivery, 'direct'>, number> = {
  'calendar-google': 4,
  'calendar-outlook': 1.5,
  'ics-attachment': 1.5,
  'platform-invoice': 3,
};

/** Shares of direct emails with a body number per shape, and of HTML bodies with a hidden decoy number. */
export const SHAPE_SHARES: Record<Shape, number> = { 'font-size-0-layout': 4, 'plain-only': 4, 'html-only': 4 };
export const HIDDEN_DECOY_SHARE = 0.04;

/** Share of noise emails (no number) that arrive as a calendar invitation, as most real scam invitations do. */
export const NOISE_INVITATION_SHARE = 0.1;

/** Brands a platform invoice impersonates: a PayPal lure is not sent as a PayPal or QuickBooks invoice. */
const INVOICE_BRANDS: ReadonlySet<BrandName> = new Set(['Norton LifeLock', 'McAfee', 'Geek Squad', 'Microsoft', 'Apple', 'Amazon', 'Coinbase']);

export function chooseDelivery(rng: Rng, brand: BrandName): Delivery {
  const options: Array<[Delivery, number]> = Object.entries(DELIVERY_SHARES)
    .filter(([d]) => d !== 'platform-invoice' || INVOICE_BRANDS.has(brand))
    .map(([d, w]) => [d as Delivery, w]);
  const used = options.reduce((a, [, w]) => a + w, 0);
  return rng.weighted<Delivery>([['direct', 100 - used], ...options]);
}

export function chooseShape(rng: Rng, format: 'plain' | 'html' | 'alternative'): Shape | null {
  const options: Array<[Shape | null, number]> = [];
  if (format !== 'plain') options.push(['font-size-0-layout', SHAPE_SHARES['font-size-0-layout']]);
  if (format === 'alternative') options.push(['plain-only', SHAPE_SHARES['plain-only']], ['html-only', SHAPE_SHARES['html-only']]);
  const used = options.reduce((a, [, w]) => a + w, 0);
  return rng.weighted<Shape | null>([[null, 100 - used], ...options]);
}

export function platformOf(delivery: Delivery, rng: Rng): Platform | null {
  switch (delivery) {
    case 'direct':
    case 'ics-attachment':
      return null;
    case 'calendar-google':
      return 'Google Calendar';
    case 'calendar-outlook':
      return 'Outlook Calendar';
    case 'platform-invoice':
      return rng.chance(0.55) ? 'PayPal' : 'QuickBooks';
  }
}
