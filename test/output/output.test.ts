/**
 * src/output: the one module that decides how text leaves callhound for a terminal or a spreadsheet. Fed the
 * hostile corpus's subjects, formula injections and escape sequences (test/hostile/corpus.ts), then fuzzed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvDocument, csvField, isFormulaLike, terminalSafeJson, terminalSafeLines, terminalSafeText } from '../../src/output/index.js';
import { FUZZ_SEED, fuzzRuns, nastyString } from '../hostile/arbitraries.js';
import { FORMULA_CELLS, HOSTILE_OUTPUT_TEXT, TERMINAL_ATTACKS } from '../hostile/corpus.js';
import { formatResult, toCsv, toTable } from '../../src/hunts/format.js';
import type { HuntResult } from '../../src/hunts/runner.js';
import { formatBlocklist } from '../../src/reputation/blocklist.js';
import { csvCell, toCallhoundJson, toCytoscapeJson, toMispEvent, toNumbersCsv, toSelfContainedHtml, toSvg } from '../../src/snapshots/export.js';
import type { Snapshot } from '../../src/snapshots/model.js';
import { csv as workspaceCsv } from '../../web/src/dom.js';

const RAW_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const RAW_CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
/** What a spreadsheet runs: a cell starting with = + - @ tab or CR (after spaces), unless it is a plain number. */
const SPREADSHEET_FORMULA = /^[ ]*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A small RFC 4180 reader: the fields of one CSV line (enough to check what a spreadsheet would see). */
function readCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (line[i] === '"' && line[i + 1] === '"') { field += '"'; i += 2; }
        else if (line[i] === '"') { i++; break; }
        else if (i >= line.length) throw new Error(`unterminated quote in ${JSON.stringify(line)}`);
        else field += line[i++];
      }
    } else {
      while (i < line.length && line[i] !== ',') field += line[i++];
    }
    fields.push(field);
    if (i >= line.length) return fields;
    if (line[i] !== ',') throw new Error(`junk after a quoted field in ${JSON.stringify(line)}`);
    i++;
  }
}

/** A cell as the spreadsheet would see it is safe: no formula, no raw control, and it reads back as the text (escaped, maybe with ' in front). */
function expectSafeCell(text: string): void {
  const field = csvField(text);
  expect(field).not.toMatch(RAW_CONTROLS);
  const [cell, ...more] = readCsvLine(field);
  expect(more).toEqual([]);
  expect(cell !== undefined && SPREADSHEET_FORMULA.test(cell) && !PLAIN_NUMBER.test(cell)).toBe(false);
  const shown = terminalSafeText(text);
  expect(cell === shown || cell === `'${shown}`).toBe(true);
}

describe('CSV cells (every CSV writer: hunts, snapshot export, blocklist, the workspace download)', () => {
  it.each(FORMULA_CELLS)('guards the formula %j', (text) => {
    expect(isFormulaLike(terminalSafeText(text)) || /^\\u00/.test(terminalSafeText(text))).toBe(true);
    expectSafeCell(text);
    const cell = readCsvLine(csvField(text))[0] ?? '';
    expect(cell.startsWith("'") || cell.startsWith('\\u00')).toBe(true);
  });

  it('lets the numbers + and - start through unchanged', () => {
    for (const n of ['+18047134598', '+1', '-2', '3.5', '-0.25', '1e3', '+2E-4', '0', '12345678901234567890']) expect(csvField(n)).toBe(n);
  });

  it.each([
    ['+1+cmd|x', "'+1+cmd|x"],
    ['-2+3+cmd|x', "'-2+3+cmd|x"],
    ['+1 804 713 4598', "'+1 804 713 4598"],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\r\nbreak', 'line\\u000d\\u000abreak'],
    ['\t=1', '\\u0009=1'],
    ['(804) 713-4598', '(804) 713-4598'],
    ['', ''],
  ])('%j becomes %j', (text, expected) => {
    expect(csvField(text)).toBe(expected);
  });

  it.each(TERMINAL_ATTACKS)('shows the escape sequence %j as text', (text) => {
    expectSafeCell(text);
    expect(csvField(text)).toContain('\\u00');
  });

  it('a whole document of the hostile corpus: header and rows, nothing raw, nothing a spreadsheet runs', () => {
    const rows = HOSTILE_OUTPUT_TEXT.map((t, i) => [String(i), t, t.split('').reverse().join('')]);
    const doc = csvDocument(['n', ...FORMULA_CELLS.slice(0, 2)], rows);
    const lines = doc.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(rows.length + 1);
    for (const line of lines) {
      expect(line).not.toMatch(RAW_CONTROLS);
      for (const cell of readCsvLine(line)) expect(SPREADSHEET_FORMULA.test(cell) && !PLAIN_NUMBER.test(cell)).toBe(false);
    }
  });

  it('holds for any string (fuzzed)', () => {
    fc.assert(fc.property(nastyString(80), (text) => expectSafeCell(text)), { numRuns: fuzzRuns(2000), seed: FUZZ_SEED });
  });
});

describe('terminal text', () => {
  it.each(HOSTILE_OUTPUT_TEXT)('one line: %j has no raw control and keeps its printable text', (text) => {
    const shown = terminalSafeText(text);
    expect(shown).not.toMatch(RAW_CONTROLS);
    expect(shown.replace(/\\u[0-9a-f]{4}/g, '')).toBe(text.replace(RAW_CONTROLS_G, ''));
  });

  it('multi-line text keeps its line feeds and tabs, and nothing else a terminal acts on', () => {
    const text = `// @title ${TERMINAL_ATTACKS[0]}\n\tMATCH (n) // ok\rfaked\r\nRETURN n\u009b2J\r\n`;
    const shown = terminalSafeLines(text);
    expect(shown.replaceAll('\r\n', '\n')).not.toMatch(RAW_CONTROLS_BUT_LINES);
    expect(shown.split('\n')).toHaveLength(4);
    expect(shown).toContain('\tMATCH');
    expect(shown).toContain('// ok\\u000dfaked\r\nRETURN n\\u009b2J\r\n');
  });

  it.each([undefined, 2])('JSON (indent %s) parses to the same value, with nothing raw in strings', (indent) => {
    const value = { subjects: HOSTILE_OUTPUT_TEXT, nested: { [TERMINAL_ATTACKS[1] ?? '']: TERMINAL_ATTACKS } };
    const json = terminalSafeJson(value, indent);
    expect(json).not.toMatch(RAW_CONTROLS_BUT_LINES);
    if (indent === undefined) expect(json).not.toMatch(RAW_CONTROLS);
    expect(JSON.parse(json)).toEqual(value);
  });
});

const RAW_CONTROLS_G = new RegExp(RAW_CONTROLS.source, 'g');

/** A snapshot whose every text an attacker chose (imported from someone else's callhound, or built from hostile mail). */
function hostileSnapshot(): Snapshot {
  const nodes: Array<{ key: string; label: string; caption: string; volume: number; props: Record<string, string | number> }> = HOSTILE_OUTPUT_TEXT.map((text, i) => ({
    key: `PhoneNumber:+1804713${String(4500 + i)}`, label: 'PhoneNumber', caption: text, volume: 1,
    props: { national: text, country: text, lineType: text, firstSeen: text, emailCount: i, subject: text },
  }));
  nodes.push({ key: `Email:${'a'.repeat(64)}`, label: 'Email', caption: TERMINAL_ATTACKS[1] ?? '', volume: 1, props: { subject: TERMINAL_ATTACKS[0] ?? '', from: TERMINAL_ATTACKS[2] ?? '', national: '', country: '', lineType: '', firstSeen: '', emailCount: 0 } });
  return {
    id: 'AAAAAAAAAAAAAAAAAAAAAAAA', created: '2024-05-01T10:00:00Z', title: TERMINAL_ATTACKS[1] ?? '', note: TERMINAL_ATTACKS.join('\n'), author: TERMINAL_ATTACKS[0] ?? '',
    query: { kind: 'search', q: TERMINAL_ATTACKS[0] ?? '' }, elements: { nodes, edges: [] }, positions: {}, view: {},
  } as Snapshot;
}

describe('every writer goes through src/output', () => {
  const huntResult = { columns: ['subject', ...FORMULA_CELLS.slice(0, 2)], rows: HOSTILE_OUTPUT_TEXT.map((t) => ({ subject: t, [FORMULA_CELLS[0] ?? '']: [t, t], [FORMULA_CELLS[1] ?? '']: { t } })) };

  function expectSafeCsv(doc: string): void {
    const lines = doc.split('\r\n');
    expect(lines.pop()).toBe('');
    for (const line of lines) {
      expect(line).not.toMatch(RAW_CONTROLS);
      for (const cell of readCsvLine(line)) expect(SPREADSHEET_FORMULA.test(cell) && !PLAIN_NUMBER.test(cell), `cell ${JSON.stringify(cell)}`).toBe(false);
    }
  }

  it('hunt run --format csv (hunts/format.ts)', () => {
    expectSafeCsv(toCsv(huntResult));
    expectSafeCsv(formatResult({ ...huntResult } as unknown as HuntResult, 'csv'));
  });

  it('hunt run --format table escapes column names chosen by a shared hunt as well as cells', () => {
    expect(toTable(huntResult)).not.toMatch(RAW_CONTROLS_BUT_LINES);
    expect(toTable({ columns: [TERMINAL_ATTACKS[0] ?? ''], rows: [] })).not.toMatch(RAW_CONTROLS_BUT_LINES);
  });

  it('the workspace\'s hunt CSV download (web/src/dom.ts)', () => {
    expectSafeCsv(workspaceCsv(huntResult.columns, huntResult.rows));
  });

  it('the blocklist CSV and text (reputation/blocklist.ts)', () => {
    const entries = HOSTILE_OUTPUT_TEXT.map((t) => ({ number: t, status: 'predicted' as const, reason: t, firstSeen: t, lastSeen: null, emails: null }));
    expectSafeCsv(formatBlocklist(entries, 'csv'));
    expect(formatBlocklist(entries, 'txt')).not.toMatch(RAW_CONTROLS_BUT_LINES);
  });

  it('the snapshot CSV export and its cells (snapshots/export.ts)', () => {
    const doc = toNumbersCsv(hostileSnapshot());
    expect(doc.split('\r\n')).toHaveLength(HOSTILE_OUTPUT_TEXT.length + 2);
    expectSafeCsv(doc);
    for (const t of HOSTILE_OUTPUT_TEXT) expectSafeCsv(`${csvCell(t)}\r\n`);
    expect(csvCell(['+1+cmd|x', 'b'])).toBe("'+1+cmd|x;b");
  });

  it('every text export of a hostile snapshot is terminal-safe (snapshot export to stdout) and JSON ones keep the values', () => {
    const s = hostileSnapshot();
    for (const text of [toCallhoundJson(s), toCytoscapeJson(s), toMispEvent(s), toSvg(s), toSelfContainedHtml(s, { js: 'void 0;', css: '' })]) {
      expect(text).not.toMatch(RAW_CONTROLS_BUT_LINES);
    }
    expect(JSON.parse(toCallhoundJson(s)).title).toBe(s.title);
    expect(JSON.parse(toCytoscapeJson(s)).data.note).toBe(s.note);
  });
});
