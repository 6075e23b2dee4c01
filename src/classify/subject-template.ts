/**
 * Subject templates: the subject with its variable parts replaced by placeholders, so that
 * "Order #A1234 confirmed" and "Order #B9876 confirmed" count as one lure text.
 *
 * Placeholders: {email} {url} {phone} {amount} {date} {time} {id} {token} {name} {n}.
 * Reply/forward prefixes, emoji and invisible characters are dropped; case is kept for readability.
 */
import { foldText } from './normalize.js';

const REPLY_PREFIX = /^\s*((re|fw|fwd|aw|wg|tr|enc|rv|sv|vs|antw|doorst)\s*(\[\d+\])?\s*:\s*)+/i;
const PICTOGRAPHS = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{FE0F}\u{20E3}]/gu;

const GREETINGS = ['dear', 'hi', 'hello', 'hey', 'ola', 'oi', 'hallo', 'liebe', 'lieber', 'beste', 'bonjour', 'hola', 'estimado', 'estimada', 'caro', 'cara', 'prezado', 'prezada'];
/** Greeting + capitalised name ("Dear John Smith", "Olá Joana"); the greeting may be capitalised, the name must be. */
const GREETING_NAME = new RegExp(
  String.raw`\b(${GREETINGS.map((g) => `[${g[0]}${(g[0] as string).toUpperCase()}]${g.slice(1)}`).join('|')}),?\s+(?!(?:Customer|Client|User|Member|Cliente|Kunde|Klant|Sir|Madam)\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b`,
  'g',
);

const CURRENCY = String.raw`(?:[$€£¥₹₽]|R\$|US\$|USD|EUR|GBP|BRL|CAD|AUD|BTC|ETH|USDT|XLM)`;
const NUMBER = String.raw`\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?`;

/** Applied in order: the most specific shapes first, so a date is not eaten as numbers. */
const RULES: Array<[RegExp, string]> = [
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\b/g, '{email}'],
  [/\b(?:https?:\/\/|www\.)\S+/gi, '{url}'],
  // Dates: 2023-08-22, 22/08/2023, 8.22.23, "August 22, 2023", "22 Aug 2023"
  [/\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?Z?)?\b/g, '{date}'],
  [/\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/g, '{date}'],
  [
    /\b(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil|août|sept|déc|januar|februar|märz|juni|juli|okt|dez|fev|abr|ago|set|out|dez|ene|dic)[a-zé]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b/gi,
    '{date}',
  ],
  [/\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\b/gi, '{date}'],
  [/\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?\b/gi, '{time}'],
  // Phone numbers written with separators: +1 (800) 555-0199, 1-888-555-0199, +44 20 7946 0958
  [/(?:\+\d{1,3}[\s.-]?|\b1[\s.-])?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b/g, '{phone}'],
  [/\+\d{1,3}(?:[\s.-]?\d{2,4}){2,4}\b/g, '{phone}'],
  // Ticket and protocol numbers made of digit groups: 756391-5449-286
  [/\b\d+(?:[-/]\d+)+\b/g, '{id}'],
  // Amounts: $1,234.56, 82.833 pontos, €500, 0.7495 BTC, 25%
  [new RegExp(String.raw`${CURRENCY}\s?(?:${NUMBER})`, 'gi'), '{amount}'],
  [new RegExp(String.raw`(?:${NUMBER})\s?(?:${CURRENCY}|%)`, 'gi'), '{amount}'],
  // Identifiers: #A1234, ID: 458974947, protocol numbers, tokens mixing letters and digits.
  [/#\s?[A-Z0-9][\w-]*/gi, '#{id}'],
  [/\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{4,}\b/g, '{id}'],
  // Random-looking tokens: long mixed-case runs like "HDvRHTDRqwS7abE".
  [/\b(?=\w*[a-z])(?=\w*[A-Z]\w*[A-Z]\w*[A-Z])[A-Za-z]{10,}\b/g, '{token}'],
  [/\b\d{4,}\b/g, '{id}'],
  [/\b\d+(?:[.,]\d+)*\b/g, '{n}'],
  [GREETING_NAME, '$1 {name}'],
];

/** Normalised subject or null when there is no subject text. */
export function subjectTemplate(subject: string | null | undefined): string | null {
  if (!subject) return null;
  let s = foldText(subject, { symbols: false }).replace(PICTOGRAPHS, ' ').replace(/_/g, ' ');
  s = s.replace(REPLY_PREFIX, '');
  for (const [re, placeholder] of RULES) s = s.replace(re, placeholder);
  // Repeated placeholders in a row ("{n} {n}") and stray separators around them collapse to one.
  s = s.replace(/(\{\w+\})(?:[\s_.,:-]*\1)+/g, '$1');
  s = s.replace(/[_\s]+/g, ' ').replace(/\s+([!?.,:;])/g, '$1').trim();
  return s.length > 0 ? s : null;
}
