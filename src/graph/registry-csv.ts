import { CallhoundError } from '../errors.js';

/**
 * Reads number-block registries in the shape of the public US reports: the thousands-block (pooling)
 * assignment report (`NPA-NXX`, `X`, `OCN`, `Company`, …) and the central-office-code assignment report
 * (`NPA-NXX` or `NPA`,`NXX`, `OCN`, `Company`, …), with a carrier category column (`Category`, `Type`,
 * `OCN Type`…) as in the OCN listings (IPES, ILEC, CLEC, RBOC, WIRELESS, PCS, CMRS…). Pure: text in, rows out.
 */

export type RegistryLineType = 'voip' | 'wireless' | 'landline' | 'unknown';

export interface RegistryRow {
  /** E.164-style prefix: `+1` NPA NXX, plus the thousands digit X when the row is a thousands block. */
  prefix: string;
  carrier: string;
  ocn: string | null;
  /** The category as written in the file (e.g. `IPES`, `PCS`). */
  category: string | null;
  lineType: RegistryLineType;
}

export interface RegistryParseResult {
  rows: RegistryRow[];
  /** Lines that could not be used, with the reason (line numbers are 1-based, header = 1). */
  skipped: { line: number; reason: string }[];
}

/** Carrier category → line type. IPES = Internet Protocol Enabled Service provider (VoIP). */
export function lineTypeOfCategory(category: string | null | undefined): RegistryLineType {
  const c = (category ?? '').toUpperCase();
  if (/\bIPES\b|VOIP|INTERCONNECTED/.test(c)) return 'voip';
  if (/WIRELESS|\bPCS\b|CMRS|CELLULAR|MOBILE|\bWSP\b/.test(c)) return 'wireless';
  if (/\bILEC\b|\bCLEC\b|\bRBOC\b|\bICO\b|\bCAP\b|\bLEC\b|LANDLINE|WIRELINE/.test(c)) return 'landline';
  return 'unknown';
}

/** Splits CSV text into records (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < input.length; i += 1) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.length === 0) quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field.length > 0 || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

const normaliseHeader = (h: string): string => h.trim().toLowerCase().replace(/[^a-z0-9]+/g, '');

const headerAliases = {
  npanxx: ['npanxx', 'conxx', 'npanxxcode', 'cocode'],
  npa: ['npa', 'areacode'],
  nxx: ['nxx', 'cocodenxx', 'exchange'],
  x: ['x', 'block', 'blockid', 'thousandsblock', 'thousands'],
  prefix: ['prefix', 'e164prefix'],
  carrier: ['company', 'carrier', 'companyname', 'ocnname', 'carriername', 'serviceprovider'],
  ocn: ['ocn', 'operatingcompanynumber'],
  category: ['category', 'type', 'ocntype', 'ocncategory', 'companytype', 'carriertype', 'carriercategory'],
} as const;

type Column = keyof typeof headerAliases;

/** `+` and at most 15 digits (E.164). */
const maxPrefixChars = 16;
/** Longest company name kept (docs/graph-model.md, bounded indexed values). */
export const maxCarrierChars = 200;

/**
 * Parses a registry CSV. `countryCode` is the calling code put in front of NPA-NXX (NANP: 1).
 * Throws a CallhoundError naming the missing columns when the header does not fit.
 */
export function parseRegistryCsv(text: string, countryCode = '1'): RegistryParseResult {
  const records = parseCsv(text).filter((r) => r.some((f) => f.trim().length > 0));
  const header = records[0];
  if (!header) throw new CallhoundError('bad_registry', 'the registry file is empty');
  const columns = new Map<Column, number>();
  header.forEach((name, index) => {
    const norm = normaliseHeader(name);
    for (const [column, aliases] of Object.entries(headerAliases) as [Column, readonly string[]][]) {
      if (!columns.has(column) && aliases.includes(norm)) columns.set(column, index);
    }
  });
  const hasPrefix = columns.has('prefix') || columns.has('npanxx') || (columns.has('npa') && columns.has('nxx'));
  if (!hasPrefix || !columns.has('carrier')) {
    const missing = [hasPrefix ? null : 'NPA-NXX (or NPA and NXX, or Prefix)', columns.has('carrier') ? null : 'Company (or Carrier)'].filter(Boolean).join(' and ');
    throw new CallhoundError('bad_registry', `the registry header lacks ${missing}; found: ${header.join(', ')}`, { status: 400 });
  }
  const get = (record: string[], column: Column): string => {
    const index = columns.get(column);
    return index === undefined ? '' : (record[index] ?? '').trim();
  };

  const rows: RegistryRow[] = [];
  const skipped: RegistryParseResult['skipped'] = [];
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const prefix = prefixOf(get(record, 'prefix'), get(record, 'npanxx'), get(record, 'npa'), get(record, 'nxx'), get(record, 'x'), countryCode);
    if (typeof prefix !== 'string') {
      skipped.push({ line, reason: prefix.error });
      return;
    }
    const carrier = get(record, 'carrier');
    if (!carrier) {
      skipped.push({ line, reason: 'no company name' });
      return;
    }
    // RegistryBlock.prefix and Carrier.name are unique keys: a value over the index size would make Neo4j
    // refuse the whole import. No real block is longer than an E.164 number, no company name this long.
    if (prefix.length > maxPrefixChars) {
      skipped.push({ line, reason: `prefix of ${prefix.length - 1} digits (an E.164 number has at most 15)` });
      return;
    }
    if (carrier.length > maxCarrierChars) {
      skipped.push({ line, reason: `company name of ${carrier.length} characters (at most ${maxCarrierChars})` });
      return;
    }
    const category = get(record, 'category') || null;
    rows.push({ prefix, carrier, ocn: get(record, 'ocn') || null, category, lineType: lineTypeOfCategory(category) });
  });
  return { rows, skipped };
}

function prefixOf(prefix: string, npanxx: string, npa: string, nxx: string, x: string, countryCode: string): string | { error: string } {
  if (prefix) {
    const digits = prefix.replace(/[^\d]/g, '');
    if (digits.length < 2) return { error: `prefix "${prefix}" has too few digits` };
    return prefix.trim().startsWith('+') ? `+${digits}` : `+${countryCode}${digits}`;
  }
  let code = npanxx.replace(/[^\d]/g, '');
  if (!code) code = `${npa.replace(/[^\d]/g, '')}${nxx.replace(/[^\d]/g, '')}`;
  if (!/^\d{6}$/.test(code)) return { error: `NPA-NXX "${npanxx || `${npa}-${nxx}`}" is not six digits` };
  // Thousands-block reports use X = 0–9; blank, "A" or "ALL" mean the whole NXX (a CO code assignment).
  const block = x.trim().toUpperCase();
  if (block === '' || block === 'A' || block === 'ALL' || block === '-') return `+${countryCode}${code}`;
  if (!/^\d$/.test(block)) return { error: `block X "${x}" is not one digit` };
  return `+${countryCode}${code}${block}`;
}

/** Longest registry prefix that `e164` starts with (the in-process twin of the graph lookup). */
export function longestPrefixMatch<T extends { prefix: string }>(e164: string, rows: ReadonlyMap<string, T>): T | undefined {
  for (let length = e164.length - 1; length >= 2; length -= 1) {
    const hit = rows.get(e164.slice(0, length));
    if (hit) return hit;
  }
  return undefined;
}
