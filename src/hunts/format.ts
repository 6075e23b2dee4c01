import type { HuntResult } from './runner.js';
import { cellText, csvDocument, terminalSafeJson, terminalSafeText } from '../output/index.js';

export type OutputFormat = 'table' | 'json' | 'csv';

export { cellText };

/** RFC 4180 CSV with a header row, through the shared guard (formulas, terminal controls; src/output). */
export function toCsv(result: Pick<HuntResult, 'columns' | 'rows'>): string {
  return csvDocument(result.columns, result.rows.map((row) => result.columns.map((c) => cellText(row[c]))));
}

/**
 * A plain aligned text table for terminals; long cells are shortened to keep lines readable. Column names
 * are escaped like cells: a shared hunt chooses them.
 */
export function toTable(result: Pick<HuntResult, 'columns' | 'rows'>, maxCell = 60): string {
  const shorten = (text: string): string => (text.length > maxCell ? `${text.slice(0, maxCell - 1)}…` : text);
  const header = result.columns.map(terminalSafeText);
  const cells = result.rows.map((row) => result.columns.map((c) => shorten(terminalSafeText(cellText(row[c])))));
  const widths = header.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (values: string[]): string => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
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
