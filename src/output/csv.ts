/**
 * CSV for spreadsheets and terminals. A cell is text an attacker may control (a subject, a file name, a hunt
 * pack's column), and two programs act on such text: a spreadsheet runs a cell that looks like a formula
 * (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`), and a terminal that shows the file (`cat`, `hunt run --format
 * csv`) acts on escape sequences. Every CSV callhound writes goes through `csvField`.
 */
import { terminalSafeText } from './terminal.js';

/** A number as a spreadsheet reads one: `+18047134598`, `-2`, `3.5`, `1e3`. Such a cell is data, not a formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"), whatever follows
 * them: `+1+cmd|…` is a formula although it starts like a number. Leading spaces do not help: some
 * spreadsheets trim them first.
 */
const FORMULA_START = /^[ ]*[=+\-@\t\r]/;

/** True when a spreadsheet would run the text as a formula. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/**
 * One CSV field (RFC 4180): control characters shown as `\uXXXX` (as on the terminal, so line breaks inside
 * a cell too), a formula-like cell prefixed with `'` (spreadsheets show it as text and hide the apostrophe),
 * quoted when it holds `"` or `,`.
 */
export function csvField(text: string): string {
  let safe = terminalSafeText(text);
  if (isFormulaLike(safe)) safe = `'${safe}`;
  return /[",]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A value as cell text: lists joined with `separator`, objects as JSON, null/undefined empty. */
export function cellText(value: unknown, separator = ', '): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => cellText(v, separator)).join(separator);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A whole CSV document: a header row, then one line per row, CRLF line ends (RFC 4180). */
export function csvDocument(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
