/**
 * Which countries a number written without `+CC` most likely belongs to, per message: countries of the
 * message's explicit international numbers first, then country-code domains that agree with the language,
 * then the language's home country, then the sender's country domain, then the configured fallback.
 * Attachment texts get their own language's country in front (a Portuguese PDF in an English mail).
 */
import { isSupportedCountry } from 'libphonenumber-js/max';

/** Home country used for a language when nothing more specific is known. */
const LANGUAGE_REGION: Record<string, string> = { pt: 'BR', de: 'DE', fr: 'FR', nl: 'NL', es: 'ES', it: 'IT' };

/** Countries whose main language is the key; used to let `.pt` beat BR for Portuguese, `.at` beat DE, … */
const LANGUAGE_COUNTRIES: Record<string, string[]> = {
  pt: ['BR', 'PT', 'AO', 'MZ'],
  de: ['DE', 'AT', 'CH', 'LI', 'LU'],
  fr: ['FR', 'BE', 'CH', 'CA', 'LU', 'MA', 'SN', 'CI'],
  nl: ['NL', 'BE', 'SR'],
  es: ['ES', 'MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'UY', 'PY', 'BO', 'CR', 'PA', 'DO', 'GT', 'HN', 'SV', 'NI', 'CU'],
  it: ['IT', 'CH', 'SM'],
  en: ['US', 'GB', 'CA', 'AU', 'NZ', 'IE', 'IN', 'ZA', 'SG', 'PH', 'NG', 'KE'],
};

/** Country-code TLDs sold as generic names: they say nothing about where a sender is. */
const GENERIC_CCTLDS = new Set([
  'io', 'co', 'me', 'tv', 'ai', 'ly', 'to', 'cc', 'ws', 'fm', 'la', 'gl', 'so', 'st', 'sh', 'ac', 'nu', 'tk', 'ml',
  'ga', 'cf', 'gq', 'pw', 'su', 'vc', 'gg', 'im', 'is', 'sc', 'bz', 'mn', 'ms', 'cx', 'tw', 'vg', 'ag', 'am', 'cd',
]);

/** The ISO country of a domain's top-level label, or null for generic TLDs. */
export function domainCountry(domain: string | null | undefined): string | null {
  if (!domain) return null;
  const tld = domain.toLowerCase().replace(/\.$/, '').split('.').pop() ?? '';
  if (tld.length !== 2 || GENERIC_CCTLDS.has(tld)) return null;
  const country = tld === 'uk' ? 'GB' : tld.toUpperCase();
  return isSupportedCountry(country as Parameters<typeof isSupportedCountry>[0]) ? country : null;
}

export interface RegionHints {
  lang: string | null;
  senderDomain: string | null;
  linkDomains: string[];
  /** Countries of numbers written with an explicit +CC in this message, most frequent first. */
  explicitCountries: string[];
  fallback: string;
}

function byFrequency(values: (string | null)[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v);
}

/** Ordered candidate regions (at most `limit`), always ending with the fallback. */
export function inferRegions(hints: RegionHints, limit = 4): string[] {
  const ordered: string[] = [...hints.explicitCountries];
  const sender = domainCountry(hints.senderDomain);
  const linkCountries = byFrequency(hints.linkDomains.map(domainCountry));
  const domainCountries = byFrequency([sender, ...linkCountries]);
  const langCountries = hints.lang === null ? [] : (LANGUAGE_COUNTRIES[hints.lang] ?? []);
  ordered.push(...domainCountries.filter((c) => langCountries.includes(c)));
  if (hints.lang !== null && LANGUAGE_REGION[hints.lang] !== undefined) ordered.push(LANGUAGE_REGION[hints.lang]!);
  // The sender's country comes before the fallback even when the language differs (an English mail from a
  // .com.br host with a Brazilian number in its PDF); the NANP shape rule keeps US-looking numbers American.
  if (sender !== null) ordered.push(sender);
  const unique = [...new Set(ordered)].filter((c) => c !== hints.fallback).slice(0, limit - 1);
  return [...unique, hints.fallback];
}
