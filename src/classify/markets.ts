/** Home markets of impersonated brands (data/brand-markets.json), a hint for reading national numbers. */
import { readDataJson } from './data-files.js';

let markets: Map<string, string> | null = null;

export function brandMarket(brand: string): string | null {
  markets ??= new Map(Object.entries(readDataJson<{ markets: Record<string, string> }>('brand-markets.json').markets));
  return markets.get(brand) ?? null;
}
