/**
 * Words that announce a phone number, in English, Portuguese, Spanish, French, German, Dutch and Italian.
 * Their presence near a candidate raises its confidence; a bare digit run without them stays unreported.
 */
const PHONE_WORDS = [
  'call', 'calls', 'calling', 'called', 'phone', 'phones', 'telephone', 'tel', 'tél', 't[ée]l[ée]phone', 'telefone',
  'telefon\\w*', 'tel[eé]fono', 'telefoon\\w*', 'fone', 'ligue', 'ligar', 'liga', 'ligação', 'llame', 'llamar',
  'll[aá]menos', 'll[aá]manos', 'appelez', 'appeler', 'appel', 'anrufen', 'rufen', 'ruf', 'bel', 'bellen', 'belt',
  'contact', 'contacts', 'contact us', 'contato', 'contacto', 'contactez', 'contacteer', 'kontakt\\w*', 'hotline',
  'helpline', 'help ?desk', 'support', 'toll[- ]?free', 'free ?phone', 'gratuit', 'gratuito', 'gratuita', 'kostenlos',
  'gratis', 'number', 'numbers', 'num[ée]ro', 'n[uú]mero', 'nummer', 'whats ?app', 'zap', 'mob', 'mobile', 'cell',
  'cellphone', 'celular', 'm[oó]vil', 'cellulare', 'handy', 'fax', 'dial', 'reach', 'sac', 'atendimento', 'central',
  'customer (?:care|service|support)', 'service client', 'kundenservice', 'kundendienst', 'servicio', 'ph', 'tfn',
  'tlf', 'fon', 'assistance', 'assist[eê]ncia', 'landline', 'sms', 'inquiries', 'questions', 'd[uú]vidas', 'fragen', 'vragen', 'enquiries', 'billing dept',
  'chiamare', 'chiama', 'ufficio', 'speak', 'talk', 'agent', 'representative', 'office', 'line', 'dept',
].join('|');

/** Words that say "phone" unambiguously (no "number", "line", "office"): they override id-ish words. */
const STRONG_WORDS = [
  'call', 'calls', 'calling', 'phone', 'telephone', 'tel', 'tél', 't[ée]l[ée]phone', 'telefone', 'telefon\\w*',
  'tel[eé]fono', 'telefoon\\w*', 'fone', 'ligue', 'ligar', 'llame', 'llamar', 'appelez', 'appeler', 'anrufen', 'bel',
  'bellen', 'hotline', 'helpline', 'toll[- ]?free', 'whats ?app', 'mobile', 'mob', 'cell', 'celular', 'fax', 'dial',
  'sac', 'customer (?:care|service|support)', 'service client', 'kundenservice', 'kundendienst', 'ph', 'tfn', 'tlf',
].join('|');

export const STRONG_PHONE_WORD = new RegExp(`(?<![\\p{L}])(?:${STRONG_WORDS})(?![\\p{L}])`, 'iu');

/** A phone word anywhere in a window (used on the text just before a candidate). */
export const PHONE_WORD_BEFORE = new RegExp(`(?<![\\p{L}])(?:${PHONE_WORDS})(?![\\p{L}])`, 'iu');

/** Channel names that often follow a number in brackets: `(WhatsApp)`, `(toll free)`, `(US)`. */
const AFTER_WORDS = /^[\s,;:|\-–(\[]*(?:whats ?app|toll[- ]?free|free|gratuit\w*|grat\w*|kostenlos|24\/7|24h|fax|tel|mobile|cell|celular|sms|voip|\(?[A-Z]{2}\)?(?![\p{L}])|ext\.?|extn\.?|x\d)/iu;

export function hasPhoneWordBefore(window: string): boolean {
  return PHONE_WORD_BEFORE.test(window);
}

export function hasPhoneWordAfter(window: string): boolean {
  return AFTER_WORDS.test(window);
}
