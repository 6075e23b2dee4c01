import type { Rng } from './random.js';
import type { Language } from './vocabulary.js';

/**
 * Digit strings that must not become phone numbers: order and invoice ids, amounts, dates, tracking
 * codes, transaction ids, IP addresses, customer ids. Some are ten digits on purpose (the shape of a
 * NANP number) so that an extractor that ignores context loses precision.
 */
export type DecoyKind = 'order' | 'invoice' | 'amount' | 'date' | 'tracking' | 'transaction' | 'ip' | 'customer' | 'url-digits' | 'hidden-phone';

export interface Decoy {
  kind: DecoyKind;
  text: string;
  /** For `hidden-phone` (src/generate/hidden.ts): the number no reader sees, and how it is hidden. */
  e164?: string;
  hiding?: string;
}

function digits(rng: Rng, count: number): string {
  let out = String(rng.int(1, 9));
  while (out.length < count) out += String(rng.int(0, 9));
  return out;
}

export function amount(rng: Rng, lang: Language): string {
  const value = rng.pick([199.99, 249.99, 299.99, 349.0, 399.99, 449.99, 499.0, 599.99, 749.99, 1299.0]);
  if (lang === 'en') return `$${value.toFixed(2)}`;
  return `${value.toFixed(2).replace('.', ',')} €`;
}

export function makeDecoy(kind: DecoyKind, rng: Rng, lang: Language, day: string): Decoy {
  const [y, m, d] = day.split('-');
  switch (kind) {
    case 'order':
      return { kind, text: rng.pick([`#${digits(rng, 10)}`, `${digits(rng, 3)}-${digits(rng, 7)}-${digits(rng, 7)}`, `A${digits(rng, 9)}`]) };
    case 'invoice':
      return { kind, text: rng.pick([`INV-${y}-${digits(rng, 6)}`, `${digits(rng, 10)}`, `NO.${digits(rng, 8)}`]) };
    case 'amount':
      return { kind, text: amount(rng, lang) };
    case 'date':
      return { kind, text: lang === 'en' ? `${m}/${d}/${y}` : `${d}.${m}.${y}` };
    case 'tracking':
      return {
        kind,
        text: rng.pick([
          `1Z ${digits(rng, 3)} ${digits(rng, 3)} ${digits(rng, 2)} ${digits(rng, 4)} ${digits(rng, 4)}`,
          `9400 ${digits(rng, 4)} ${digits(rng, 4)} ${digits(rng, 4)} ${digits(rng, 4)} ${digits(rng, 2)}`,
          `${digits(rng, 12)}`,
        ]),
      };
    case 'transaction':
      return { kind, text: rng.pick([`TXN-${digits(rng, 4)}-${digits(rng, 4)}-${digits(rng, 4)}`, `${digits(rng, 4)} ${digits(rng, 3)} ${digits(rng, 3)}`, digits(rng, 17)]) };
    case 'ip':
      return { kind, text: `${rng.pick(['192.168', '10.20', '172.16', '203.0'])}.${rng.int(1, 254)}.${rng.int(1, 254)}` };
    case 'customer':
      return { kind, text: rng.pick([`CUST-${digits(rng, 6)}`, `${digits(rng, 3)}-${digits(rng, 3)}-${digits(rng, 4)}`]) };
    case 'url-digits':
      return { kind, text: digits(rng, rng.int(10, 16)) };
    case 'hidden-phone':
      throw new Error('hidden-phone decoys are written by hiddenDecoy() in src/generate/hidden.ts');
  }
}

export const BODY_DECOY_KINDS: DecoyKind[] = ['order', 'invoice', 'amount', 'date', 'tracking', 'transaction', 'ip', 'customer'];
