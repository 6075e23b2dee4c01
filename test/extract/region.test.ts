import { describe, expect, it } from 'vitest';
import { domainCountry, inferRegions, providerCountry, type RegionHints } from '../../src/extract/region.js';
import { findPhonesInText } from '../../src/extract/phones.js';

const base: RegionHints = { lang: null, senderDomain: null, linkDomains: [], explicitCountries: [], fallback: 'US' };

describe('inferRegions weighs the message hints', () => {
  const cases: Array<[string, Partial<RegionHints>, string]> = [
    ['nothing known: the fallback', {}, 'US'],
    ['French mail provider', { senderDomain: 'outlook.fr' }, 'FR'],
    ['French provider under a generic TLD', { senderDomain: 'laposte.net' }, 'FR'],
    ['German provider under a generic TLD', { senderDomain: 'mail.gmx.net' }, 'DE'],
    ['Indian provider', { senderDomain: 'rediffmail.com' }, 'IN'],
    ['Brazilian provider', { senderDomain: 'uol.com.br' }, 'BR'],
    ['Portuguese language', { lang: 'pt' }, 'BR'],
    ['Portuguese language with a .pt sender', { lang: 'pt', senderDomain: 'sapo.pt' }, 'PT'],
    ['Portuguese language and a Brazilian brand beat an English-speaking sender domain', { lang: 'pt', senderDomain: 'shop.co.uk', brandMarkets: ['BR'] }, 'BR'],
    ['a Brazilian brand in an English mail', { lang: 'en', brandMarkets: ['BR'] }, 'BR'],
    ['an explicit +CC number beats everything', { lang: 'pt', senderDomain: 'web.de', explicitCountries: ['GB'] }, 'GB'],
    ['link domains count, but less than the sender', { senderDomain: 'orange.fr', linkDomains: ['a.de', 'b.de'] }, 'FR'],
    ['gmail says nothing', { senderDomain: 'gmail.com' }, 'US'],
  ];
  it.each(cases)('%s', (_name, hints, first) => {
    expect(inferRegions({ ...base, ...hints })[0]).toBe(first);
  });

  it('always ends with the fallback and stays within the limit', () => {
    const regions = inferRegions({ ...base, lang: 'fr', senderDomain: 'web.de', linkDomains: ['x.nl'], explicitCountries: ['GB', 'IT'], fallback: 'CA' });
    expect(regions).toHaveLength(4);
    expect(regions[regions.length - 1]).toBe('CA');
  });

  it('knows generic ccTLDs and providers', () => {
    expect(domainCountry('evil.io')).toBeNull();
    expect(domainCountry('bbc.co.uk')).toBe('GB');
    expect(providerCountry('optusnet.com.au')).toBe('AU');
    expect(providerCountry('example.com')).toBeNull();
  });
});

describe('numbers read in the inferred region', () => {
  const cases: Array<[string, string, Partial<RegionHints>, string]> = [
    ['French mobile from a French provider', 'Appelez le 06 98 55 12 09', { senderDomain: 'hotmail.fr', lang: 'fr' }, '+33698551209'],
    ['Indian mobile without +91 from an Indian provider', 'Call me on 98765 43210', { senderDomain: 'rediffmail.com', lang: 'en' }, '+919876543210'],
    ['Brazilian mobile in Portuguese with a Brazilian brand', 'Ligue (11) 98765-4321', { lang: 'pt', brandMarkets: ['BR'] }, '+5511987654321'],
    ['NANP dress stays American whatever the hints', 'Call (888) 908-7930 now', { lang: 'pt', senderDomain: 'uol.com.br' }, '+18889087930'],
  ];
  it.each(cases)('%s', (_name, text, hints, e164) => {
    const found = findPhonesInText(text, { where: 'body', regions: inferRegions({ ...base, ...hints }) });
    expect(found.map((f) => f.e164)).toContain(e164);
  });
});
