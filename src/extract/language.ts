/**
 * A light, offline language guess from stopword counts. Good enough to pick a phone region
 * (Portuguese → Brazil, German → Germany, …) and to label emails; not a general-purpose detector.
 */
const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'you', 'your', 'to', 'of', 'is', 'for', 'this', 'that', 'with', 'are', 'please', 'we', 'have', 'our', 'will', 'on', 'be', 'it'],
  pt: ['de', 'que', 'não', 'para', 'com', 'uma', 'os', 'seu', 'sua', 'você', 'em', 'do', 'da', 'no', 'na', 'ao', 'seus', 'pelo', 'mais', 'está'],
  es: ['el', 'la', 'que', 'de', 'los', 'las', 'por', 'para', 'con', 'una', 'su', 'usted', 'es', 'del', 'en', 'se', 'su', 'sus', 'está', 'le'],
  fr: ['le', 'la', 'les', 'de', 'des', 'et', 'vous', 'votre', 'est', 'pour', 'une', 'dans', 'que', 'qui', 'sur', 'pas', 'nous', 'au', 'avec', 'vos'],
  de: ['der', 'die', 'das', 'und', 'sie', 'ihr', 'ihre', 'ist', 'nicht', 'mit', 'für', 'auf', 'den', 'dem', 'zu', 'ein', 'eine', 'wir', 'bitte', 'von'],
  nl: ['de', 'het', 'een', 'en', 'van', 'je', 'uw', 'u', 'is', 'niet', 'voor', 'met', 'op', 'te', 'wij', 'dat', 'zijn', 'om', 'ons', 'naar'],
  it: ['il', 'di', 'che', 'per', 'non', 'una', 'sono', 'con', 'la', 'del', 'della', 'gli', 'le', 'suo', 'tuo', 'vostro', 'questo', 'è', 'al', 'ci'],
};

const LOOKUP = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) {
  for (const word of words) LOOKUP.set(word, [...(LOOKUP.get(word) ?? []), lang]);
}

/** Returns an ISO 639-1 code, or null when the text is too short or no language clearly leads. */
export function guessLanguage(text: string, maxChars = 20_000): string | null {
  const counts = new Map<string, number>();
  let total = 0;
  const sample = text.slice(0, maxChars).toLowerCase();
  for (const word of sample.match(/\p{L}+/gu) ?? []) {
    const langs = LOOKUP.get(word);
    if (langs === undefined) continue;
    total += 1;
    for (const lang of langs) counts.set(lang, (counts.get(lang) ?? 0) + 1 / langs.length);
  }
  if (total < 3) return null;
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (best === undefined) return null;
  if (second !== undefined && best[1] < second[1] * 1.2) return null;
  return best[0];
}
