import { toE164 } from '../domain/index.js';
import { CallhoundError } from '../errors.js';
import { int, neo4j } from '../graph/driver.js';

/** Scalar parameter types a hunt may declare; `list<T>` of any of them is allowed too. */
export const scalarTypes = ['string', 'integer', 'float', 'boolean', 'date', 'phone'] as const;
export type ScalarType = (typeof scalarTypes)[number];
export type ParamType = { scalar: ScalarType; list: boolean };

/** A parameter value converted twice: what Cypher receives, and the plain JSON shown to people. */
export interface ConvertedValue {
  cypher: unknown;
  display: unknown;
}

export interface ConvertOptions {
  /** ISO-2 region for phone numbers written without a country code (config `CALLHOUND_REGION`). */
  defaultRegion: string;
  /** What `today` means for dates; tests pin it. */
  today?: Date;
}

/** Parses `integer`, `phone`, `list<date>` …; undefined for an unknown type. */
export function parseParamType(text: string): ParamType | undefined {
  const trimmed = text.trim();
  const list = /^list<\s*([a-z]+)\s*>$/.exec(trimmed);
  const scalar = list ? list[1] : trimmed;
  if (!(scalarTypes as readonly string[]).includes(scalar ?? '')) return undefined;
  return { scalar: scalar as ScalarType, list: list !== null };
}

export function formatParamType(type: ParamType): string {
  return type.list ? `list<${type.scalar}>` : type.scalar;
}

/**
 * Converts a value written as text (on the command line, in a URL, or as a default in a hunt header) to its
 * declared type. `null` (the literal word) passes a Cypher null, which hunts use for "not given".
 * Values are only ever passed as Cypher parameters, so text that looks like Cypher stays data.
 */
export function convertParam(name: string, type: ParamType, text: string, options: ConvertOptions): ConvertedValue {
  if (text.trim() === 'null') return { cypher: null, display: null };
  if (!type.list) return convertScalar(name, type.scalar, text, options);
  const converted = listItems(name, text).map((item) => convertScalar(name, type.scalar, item, options));
  return { cypher: converted.map((c) => c.cypher), display: converted.map((c) => c.display) };
}

/**
 * The items of a list parameter's text: a JSON list (`["a,b","c"]`: what the API passes, and the way to give
 * items that hold a comma on the command line), taken item by item as written; otherwise the text split on
 * commas, items trimmed (`pdf, image`). Text starting with `[` must be a JSON list of strings, numbers or
 * booleans, so a mistyped list is refused rather than cut into odd items.
 */
export function listItems(name: string, text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (!trimmed.startsWith('[')) return text.split(',').map((item) => item.trim());
  const bad = (why: string): CallhoundError => new CallhoundError('bad_param', `parameter ${name}: ${why}`, { status: 400 });
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed)) throw bad(`${JSON.stringify(text)} starts with [ but is not a JSON list (write items separated by commas, or a JSON list such as ["a,b","c"])`);
  return parsed.map((item: unknown, i) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    throw bad(`item ${i + 1} of the list is ${JSON.stringify(item)}; items are strings, numbers or booleans`);
  });
}

function convertScalar(name: string, type: ScalarType, text: string, options: ConvertOptions): ConvertedValue {
  const value = text.trim();
  const bad = (expected: string): CallhoundError =>
    new CallhoundError('bad_param', `parameter ${name}: ${JSON.stringify(text)} is not ${expected}`, { status: 400 });
  switch (type) {
    case 'string':
      // Strings keep their spaces: they may be subjects or template fragments.
      return { cypher: text, display: text };
    case 'integer': {
      if (!/^[-+]?\d+$/.test(value)) throw bad('an integer');
      const n = Number(value);
      if (!Number.isSafeInteger(n)) throw bad('an integer in range');
      return { cypher: int(n), display: n };
    }
    case 'float': {
      const n = Number(value);
      if (value === '' || !Number.isFinite(n)) throw bad('a number');
      return { cypher: n, display: n };
    }
    case 'boolean': {
      const lower = value.toLowerCase();
      if (['true', 'yes', '1', 'on'].includes(lower)) return { cypher: true, display: true };
      if (['false', 'no', '0', 'off'].includes(lower)) return { cypher: false, display: false };
      throw bad('a boolean (true/false)');
    }
    case 'date': {
      const day = value.toLowerCase() === 'today' ? isoDay(options.today ?? new Date()) : value;
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
      if (!match) throw bad('a date (YYYY-MM-DD or today)');
      const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const check = new Date(Date.UTC(y, m - 1, d));
      if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw bad('a real calendar date');
      return { cypher: new neo4j.types.Date(y, m, d), display: day };
    }
    case 'phone': {
      const e164 = toE164(value, options.defaultRegion);
      if (e164 === undefined) throw bad(`a phone number (any format; national numbers are read as ${options.defaultRegion})`);
      return { cypher: e164, display: e164 };
    }
  }
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
