import { neo4j } from '../graph/driver.js';

/**
 * Converts what the driver returns into JSON-able values: temporal types become ISO strings
 * (`2024-05-01`, `2024-05-01T10:00:00Z`), everything else passes through. Integers are already JS numbers
 * because the driver runs with disableLosslessIntegers.
 */
export function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Strings, numbers and booleans are most of what an answer holds: they need no checks.
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain);
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return isoTemporal(value);
  }
  if (neo4j.isInt(value)) return value.toNumber();
  // fromEntries defines own properties: a map key `__proto__` (data) stays a key instead of setting the prototype.
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, plain(v)]));
}

function isoTemporal(value: { toString(): string }): string {
  // DateTime.toString() gives e.g. 2024-05-01T10:00:00Z or with +00:00; normalise UTC offsets to Z.
  return value.toString().replace(/\+00:00(\[.*\])?$/, 'Z');
}

export function plainRecord(record: Record<string, unknown>): Record<string, unknown> {
  return plain(record) as Record<string, unknown>;
}

export function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function asNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
