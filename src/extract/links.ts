/**
 * Phone numbers behind links: `tel:` / `callto:` / `sms:` hrefs, WhatsApp links (`wa.me/…`,
 * `api.whatsapp.com/send?phone=…`, `whatsapp://send?phone=…`), Telegram phone links (`t.me/+15551234567`,
 * `tg://resolve?phone=…`) and Viber chat links (`viber://chat?number=…`), from HTML hrefs or written out in
 * plain text; a link can be the only place a number appears. Messaging numbers are always international
 * (country code, with or without `+`); a Telegram `t.me/+…` with letters is a group invite, not a number.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { NumberType } from './observation.js';
import type { PhoneFinding } from './phones.js';

const TEL_HREF = /^(?:tel|callto|sms|facetime|facetime-audio):(?:\/\/)?([^?;,]+)/i;
const WHATSAPP = /(?:wa\.me\/|whatsapp\.com\/send\/?\?(?:[^#"'\s]*&)?phone=|whatsapp:\/\/send\/?\?(?:[^#"'\s]*&)?phone=|wa\.link\/\?phone=)(?:%2B|\+)?(\d{7,15})(?![\dA-Za-z])/i;
const TELEGRAM = /(?:\b(?:t|telegram)\.me\/(?:%2B|\+)|tg:\/\/resolve\?(?:[^#"'\s]*&)?phone=(?:%2B|\+)?)(\d{7,15})(?![\dA-Za-z_])/i;
const VIBER = /viber:\/\/(?:chat|add|contact)\?(?:[^#"'\s]*&)?number=(?:%2B|\+)?(\d{7,15})(?![\dA-Za-z])/i;
const MESSAGING = [WHATSAPP, TELEGRAM, VIBER];
const LINKS_IN_TEXT = /(?:\b(?:tel|callto):[+\d%().\- ]{7,25}\d|(?:https?:\/\/)?(?:wa\.me\/|(?:api\.|web\.)?whatsapp\.com\/send\/?\?[^\s"'<>]*?phone=|whatsapp:\/\/send\/?\?[^\s"'<>]*?phone=|(?:t|telegram)\.me\/\+|tg:\/\/resolve\?[^\s"'<>]*?phone=|viber:\/\/(?:chat|add|contact)\?[^\s"'<>]*?number=)(?:%2B|\+)?\d{7,15})/gi;

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function finding(e164: string, country: string | null, type: NumberType, raw: string): PhoneFinding {
  return { e164, country, type, where: 'link', raw, disguises: [], confidence: 0.99, context: raw };
}

/** The number behind one href, or null. `regions` are tried in order for `tel:` numbers without +CC. */
export function numberFromHref(href: string, regions: string[]): PhoneFinding | null {
  const trimmed = href.trim();
  for (const pattern of MESSAGING) {
    const m = pattern.exec(trimmed);
    if (m === null) continue;
    const parsed = parsePhoneNumberFromString(`+${m[1]}`);
    if (parsed?.isValid() === true) return finding(parsed.number, parsed.country ?? null, (parsed.getType() as NumberType | undefined) ?? 'UNKNOWN', trimmed);
    return null;
  }
  const tel = TEL_HREF.exec(trimmed);
  if (tel === null) return null;
  const written = safeDecode(tel[1]!).trim();
  if (written.replace(/\D/g, '').length < 6) return null;
  for (const region of written.startsWith('+') ? [undefined] : regions) {
    const parsed = parsePhoneNumberFromString(written, region as CountryCode | undefined);
    if (parsed?.isValid() === true) {
      return finding(parsed.number, parsed.country ?? null, (parsed.getType() as NumberType | undefined) ?? 'UNKNOWN', trimmed);
    }
  }
  return null;
}

/** Links written out in a plain text (`https://wa.me/5511987654321`, `tel:+18005551234`). */
export function numbersFromLinksInText(text: string, regions: string[]): PhoneFinding[] {
  if (!/tel:|callto:|wa\.me|whatsapp|t\.me\/|telegram\.me|tg:\/\/|viber:/i.test(text)) return [];
  const out: PhoneFinding[] = [];
  for (const m of text.matchAll(LINKS_IN_TEXT)) {
    const href = m[0].replace(/^https?:\/\//i, '');
    const found = numberFromHref(href, regions);
    if (found !== null) out.push(found);
  }
  return out;
}
