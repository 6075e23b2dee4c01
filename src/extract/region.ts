/**
 * Which countries a number written without `+CC` most likely belongs to, per message. Each hint adds weight
 * to a country and the heaviest come first: countries of the message's own international numbers, the
 * sender's country-code domain or mail provider (outlook.fr, web.de, uol.com.br, laposte.net, rediffmail.com…),
 * the links' country domains, the language's home country (more when a domain agrees with it), and the home
 * market of the impersonated brand. `CALLHOUND_REGION` (the fallback) is always the last candidate.
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

/**
 * Mail providers under generic TLDs whose users live in one country (ccTLD providers — web.de, outlook.fr,
 * uol.com.br — are told by their TLD already). Free mail of world-wide providers (gmail.com) says nothing.
 */
const PROVIDER_COUNTRY: Record<string, string> = {
  'laposte.net': 'FR', 'orange.net': 'FR', 'numericable.com': 'FR',
  'gmx.net': 'DE', 'gmx.com': 'DE', 'freenet.com': 'DE', 'arcor.com': 'DE',
  'bol.com.br': 'BR', 'terra.com': 'BR', 'ig.com': 'BR', 'globomail.com': 'BR',
  'rediffmail.com': 'IN', 'sify.com': 'IN', 'vsnl.net': 'IN',
  'btinternet.com': 'GB', 'sky.com': 'GB', 'ntlworld.com': 'GB', 'virginmedia.com': 'GB', 'talktalk.net': 'GB', 'blueyonder.co': 'GB',
  'comcast.net': 'US', 'att.net': 'US', 'sbcglobal.net': 'US', 'verizon.net': 'US', 'bellsouth.net': 'US', 'charter.net': 'US', 'cox.net': 'US', 'optonline.net': 'US', 'earthlink.net': 'US',
  'rogers.com': 'CA', 'shaw.ca': 'CA', 'sympatico.ca': 'CA', 'telus.net': 'CA', 'videotron.ca': 'CA',
  'bigpond.com': 'AU', 'optusnet.com': 'AU', 'iinet.net': 'AU',
  'mail.ru': 'RU', 'yandex.com': 'RU', 'rambler.ru': 'RU',
  'naver.com': 'KR', 'daum.net': 'KR', 'qq.com': 'CN', '163.com': 'CN', '126.com': 'CN', 'sina.com': 'CN',
  'telenet.be': 'BE', 'skynet.be': 'BE', 'proximus.be': 'BE', 'ziggo.nl': 'NL', 'kpnmail.nl': 'NL',
  'bluewin.ch': 'CH', 'sapo.pt': 'PT', 'libero.it': 'IT', 'virgilio.it': 'IT', 'tiscali.it': 'IT',
  'prodigy.net.mx': 'MX', 'hotmail.es': 'ES', 'telefonica.net': 'ES',
};

/** The ISO country of a domain's top-level label, or null for generic TLDs. */
export function domainCountry(domain: string | null | undefined): string | null {
  if (!domain) return null;
  const tld = domain.toLowerCase().replace(/\.$/, '').split('.').pop() ?? '';
  if (tld.length !== 2 || GENERIC_CCTLDS.has(tld)) return null;
  const country = tld === 'uk' ? 'GB' : tld.toUpperCase();
  return isSupportedCountry(country as Parameters<typeof isSupportedCountry>[0]) ? country : null;
}

/** The country of a mail provider under a generic TLD (gmx.net → DE), matched on the registrable suffix. */
export function providerCountry(domain: string | null | undefined): string | null {
  if (!domain) return null;
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  for (let i = 0; i < labels.length - 1; i += 1) {
    const suffix = labels.slice(i).join('.');
    const country = PROVIDER_COUNTRY[suffix] ?? PROVIDER_COUNTRY[suffix.replace(/\.[a-z]{2}$/, '')];
    if (country !== undefined) return country;
  }
  return null;
}

export interface RegionHints {
  lang: string | null;
  senderDomain: string | null;
  linkDomains: string[];
  /** Countries of numbers written with an explicit +CC in this message, most frequent first. */
  explicitCountries: string[];
  /** Home markets of the brands the message impersonates (brand-markets.json), strongest brand first. */
  brandMarkets?: string[];
  fallback: string;
}

/** How much each hint counts; the order of candidates follows the sums. */
const WEIGHT = {
  explicit: 8,
  explicitDecay: 1,
  sender: 3,
  provider: 3,
  link: 1,
  linkMax: 2,
  language: 2.5,
  languageAgrees: 2,
  brandMarket: 2.5,
} as const;

/** Ordered candidate regions (at most `limit`), always ending with the fallback. */
export function inferRegions(hints: RegionHints, limit = 4): string[] {
  const weight = new Map<string, number>();
  const order = new Map<string, number>();
  const add = (country: string | null, w: number): void => {
    if (country === null || w <= 0) return;
    weight.set(country, (weight.get(country) ?? 0) + w);
    if (!order.has(country)) order.set(country, order.size);
  };
  hints.explicitCountries.forEach((c, i) => add(c, WEIGHT.explicit - i * WEIGHT.explicitDecay));
  const sender = domainCountry(hints.senderDomain);
  add(sender, WEIGHT.sender);
  add(providerCountry(hints.senderDomain), WEIGHT.provider);
  const links = new Map<string, number>();
  for (const d of hints.linkDomains) {
    const c = domainCountry(d);
    if (c !== null) links.set(c, (links.get(c) ?? 0) + 1);
  }
  for (const [c, n] of links) add(c, Math.min(WEIGHT.linkMax, n * WEIGHT.link));
  const langCountries = hints.lang === null ? [] : (LANGUAGE_COUNTRIES[hints.lang] ?? []);
  // A domain of a country that speaks the message's language is strong evidence (.pt in Portuguese mail).
  for (const c of new Set([sender, ...links.keys()])) if (c !== null && langCountries.includes(c)) add(c, WEIGHT.languageAgrees);
  if (hints.lang !== null) add(LANGUAGE_REGION[hints.lang] ?? null, WEIGHT.language);
  (hints.brandMarkets ?? []).forEach((c, i) => add(c, WEIGHT.brandMarket / (i + 1)));
  const ranked = [...weight.entries()]
    .filter(([c]) => c !== hints.fallback)
    .sort((a, b) => b[1] - a[1] || order.get(a[0])! - order.get(b[0])!)
    .map(([c]) => c)
    .slice(0, limit - 1);
  return [...ranked, hints.fallback];
}
