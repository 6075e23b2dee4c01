import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * A written phone number → its E.164 form (docs/definitions.md: a number's identity is its E.164 string).
 * The one conversion for numbers a person types (hunt parameters, the workspace's search and number pages,
 * reputation): `(804) 713-4598`, `+1 804.713.4598`, `8047134598` and `tel:+18047134598` all give
 * `+18047134598` with region US. The whole text must be the number (no digits fished out of a sentence), and
 * it must be possible by libphonenumber's full (`max`) metadata, the same metadata extraction uses.
 * Undefined otherwise: each caller words its own refusal. Pure.
 */
export function toE164(text: string, defaultRegion: string): string | undefined {
  const cleaned = text.replace(/^tel:/i, '').trim();
  const parsed = parsePhoneNumberFromString(cleaned, { defaultCountry: defaultRegion as CountryCode, extract: false });
  if (!parsed || !parsed.isPossible()) return undefined;
  return parsed.number;
}
