/**
 * Digit runs that look like phone numbers but are not: ids, dates, prices, addresses, links.
 * `maskDecoys` blanks them out (same length, so offsets stay valid) before numbers are searched, which keeps
 * precision high without having to teach libphonenumber about every kind of reference number.
 */
import { STRONG_PHONE_WORD } from './phone-context.js';

type Masker = [RegExp, ((m: RegExpExecArray, text: string) => boolean) | null];

/** Words that introduce an identifier rather than a phone number, in the languages we see most. */
const ID_WORDS = [
  'protocolos?', 'protocol', 'pedido', 'orders?', 'bestell\\w*', 'commande', 'invoices?', 'fatura', 'factura', 'facture',
  'rechnung\\w*', 'transa[cç][aã]o', 'transactions?', 'transacci[oó]n', 'tracking', 'rastreio', 'rastreamento',
  'seguimiento', 'sendung\\w*', 'c[oó]digo', 'codes?', 'ref', 'refs', 'reference', 'refer[eê]ncia', 'referencia',
  'r[ée]f[ée]rence', 'ids?', 'caseid', 'msg', 'case', 'ticket', 'registro', 'autoriza[cç][aã]o', 'auth', 'controle', 'account',
  'accounts', 'conta', 'konto', 'cuenta', 'compte', 'cpf', 'cnpj', 'rg', 'serial', 'mtcn', 'iban', 'swift', 'aba',
  'routing', 'kunden\\w*', 'klant\\w*', 'cliente', 'client', 'membership', 'member', 'matr[ií]cula', 'notifica[cç][aã]o',
  'convite', 'identifica[cç][aã]o', 'boleto', 'nf', 'pix', 'cep', 'zip', 'postcode', 'postal', 'plz', 'voucher',
  'coupon', 'cupom', 'pin', 'otp', 'token', 'policy', 'ap[oó]lice', 'licen[cs]e?', 'licen[cç]a', 'abonnement',
  'subscription', 'receipt', 'recibo', 'bill', 'billing', 'confirmation', 'confirma[cç][aã]o', 'lote', 'batch',
  'sku', 'item', 'product', 'produto', 'model', 'version', 'vers[aã]o', 'ean', 'isbn', 'nsu', 'doc', 'documento',
  'processo', 'process', 'payment', 'pagamento', 'agência', 'agencia', 'ag', 'cc', 'award',
  'winning', 'result', 'reservation', 'booking', 'user', 'usu[aá]rio', 'login', 'senha', 'password', 'passcode',
  'vorgang\\w*', 'aktenzeichen', 'auftrag\\w*', 'dossier', 'num[ée]ro de (?:commande|client|dossier|suivi)',
].join('|');

const ID_PREFIX = new RegExp(
  `(?<![\\p{L}])(?:${ID_WORDS}|n[º°o]|nr|#|№)(?![\\p{L}])[\\s:#º°ª.\\-–\\[\\]]*(?:(?:n[º°o]?|nr|no|number|num[eé]ro|n[uú]mero|nummer|de|do|da|du)[\\s:#º°.\\-]*)?(?:[A-Z]{1,6}-)?(\\d[\\d .\\-/]{3,}\\d|\\d{4,})`,
  'giu',
);

const MASKERS: Masker[] = [
  // Links and e-mail addresses: digits there are paths, ids and tracking parameters.
  [/\b(?:https?:\/\/|www\.)[^\s<>"'\]\)]+/giu, null],
  // (Anchored at token starts: a 40,000-character word must not make these quadratic.)
  [/(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[/?#][^\s<>"'\])]*)/giu, null],
  [/(?<![\w.+%-])[\w.+%-]+@[\w-]+(?:\.[\w-]+)*/gu, null],
  // IPv4 addresses and version-like dotted quads.
  [/(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![.\d])/g, null],
  // Dates (day/month in either order, 2- or 4-digit years) and ISO dates; times.
  [/(?<![\d.\-/])(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2})(?![\d.\-/]*\d)/g, (m) => looksLikeDate(m[0])],
  [/\b\d{1,2}[:h]\d{2}(?::\d{2})?\b/g, null],
  // Prices and amounts.
  [/(?:[$€£¥₹]|R\$|US\$|\b(?:EUR|USD|BRL|GBP|CHF)\b)\s?\d[\d.,' ]*\d?/gu, null],
  [/\d[\d.,' ]*\s?(?:€|\b(?:EUR|USD|BRL|euros?|reais|dollars?|pts|points|pontos|punkte|GB|MB|TB|kg|km)\b)/giu, null],
  // Brazilian CNPJ (company) and CPF (person) numbers, and CEP postcodes.
  [/\b\d{2}\.?\d{3}\.?\d{3}[/.]?\d{4}-?\d{2}\b/g, null],
  [/\b\d{3}\.\d{3}\.\d{3}-?\d{2}\b/g, null],
  [/\b\d{5}-\d{3}\b/g, null],
  // ZIP+4 postcodes after a state code (a bare 5-4 group is how Brazilians write mobiles: 98646-5336).
  [/\b[A-Z]{2},?\s+\d{5}-\d{4}\b/g, null],
  // Chilean RUT (12.345.678-9, 92814000-K) and numbers right after # or №.
  [/(?<![\d.])\d{1,2}\.?\d{3}\.?\d{3}-[\dkK](?![\d\p{L}])/gu, null],
  [/[#№]\s?\d[\d .\-/]*\d/g, (m, text) => !STRONG_PHONE_WORD.test(text.slice(Math.max(0, m.index - 20), m.index))],
  // Code-like ids: AMEX-72226654, RFB-2025-BR-96523579, AA-2813686361, LT-44239.
  [/\b[A-Z]{1,6}(?:-[A-Z\d]{1,6})*-\d{4,}\b/g, null],
  // Numbers introduced by an id word (unless a phone word stands right before that word).
  [ID_PREFIX, (m, text) => !announcedAsPhone(m, text)],
  // Very long bare digit runs: ids, hashes, card or tracking numbers.
  [/(?<![+\d])\d{13,}/g, null],
];

/**
 * `Phone no. 804…`, `service client au 01 86…`: a phone word right before or inside the id-ish words, with
 * no other digits in between (so `call +1 866 719 7313. Invoice: 8706214698` still masks the invoice).
 */
function announcedAsPhone(m: RegExpExecArray, text: string): boolean {
  const numberStart = m.index + m[0].length - (m[1]?.length ?? 0);
  const window = text.slice(Math.max(0, m.index - 15), numberStart);
  return !/\d/.test(window) && STRONG_PHONE_WORD.test(window);
}

function looksLikeDate(text: string): boolean {
  const parts = text.split(/[./-]/).map((p) => Number.parseInt(p, 10));
  const [a = 0, b = 0, c = 0] = parts;
  if (String(parts[0]).length === 4 || text.split(/[./-]/)[0]!.length === 4) return b >= 1 && b <= 12 && c >= 1 && c <= 31;
  const dayMonth = a >= 1 && a <= 31 && b >= 1 && b <= 12;
  const monthDay = a >= 1 && a <= 12 && b >= 1 && b <= 31;
  return dayMonth || monthDay;
}

function blanked(span: string): string {
  return span.replace(/[^\n]/g, ' ');
}

/** Returns the text with decoy spans replaced by spaces (newlines kept), same length as the input. */
export function maskDecoys(text: string): string {
  let current = text;
  for (const [pattern, accept] of MASKERS) {
    const source = current;
    current = source.replace(pattern, (match: string, ...rest: unknown[]) => {
      if (accept === null) return blanked(match);
      // replace() passes groups, then the offset; rebuild the exec-like match the acceptors expect.
      const offset = rest.find((v) => typeof v === 'number') as number;
      const groups = rest.slice(0, rest.indexOf(offset)) as (string | undefined)[];
      const m = Object.assign([match, ...groups], { index: offset, input: source }) as unknown as RegExpExecArray;
      return accept(m, source) ? blanked(match) : match;
    });
  }
  return current;
}
