import type { HuntResult } from './runner.js';
import { terminalSafeJson, terminalSafeText } from '../cli/terminal.js';

export type OutputFormat = 'table' | 'json' | 'csv';

/** A cell as text: lists joined with `, `, objects as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** RFC 4180 CSV with a header row; fields quoted when they need it. */
export function toCsv(result: Pick<HuntResult, 'columns' | 'rows'>): string {
  const quote = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [result.columns.map(quote).join(',')];
  for (const row of result.rows) lines.push(result.columns.map((c) => quote(cellText(row[c]))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A plain aligned text table for terminals; long cells are shortened to keep lines readable. */
export function toTable(result: Pick<HuntResult, 'columns' | 'rows'>, maxCell = 60): string {
  const shorten = (text: string): string => (text.length > maxCell ? `${text.slice(0, maxCell - 1)}…` : text);
  const cells = result.rows.map((row) => result.columns.map((c) => shorten(terminalSafeText(cellText(row[c])))));
  const widths = result.columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (values: string[]): string => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(result.columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

export function formatResult(result: HuntResult, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return `${terminalSafeJson(result)}\n`;
    case 'csv':
      return toCsv(result);
    case 'table':
      return toTable(result);
  }
}
