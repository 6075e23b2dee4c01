import neo4j from 'neo4j-driver';

/**
 * The one conversion of what Neo4j returns into JSON-able values, for everything that leaves the engine:
 * API answers, hunt results (CLI and API), snapshots, reputation. Integers become numbers (the driver runs
 * with disableLosslessIntegers, so most already are), lists and maps are converted item by item, temporal
 * values become ISO text. A datetime (an instant) is always printed the way JavaScript prints an instant,
 * `Date#toISOString()`: UTC with a `Z` and milliseconds, `2024-05-01T10:00:00.000Z`, whatever offset or zone
 * it was stored with, so the same instant reads the same in a hunt's rows, an API answer and a snapshot.
 * Dates (`2024-05-01`), local date-times, times and durations have no instant and keep Neo4j's ISO text.
 *
 * This module depends on nothing but the driver, so every layer may use it.
 */
export function plainValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Strings, numbers and booleans are most of what an answer holds: they need no checks.
  if (typeof value !== 'object') return typeof value === 'bigint' ? Number(value) : value;
  if (Array.isArray(value)) return value.map(plainValue);
  if (neo4j.isDateTime(value)) return instantText(value.toString());
  if (neo4j.isDate(value) || neo4j.isLocalDateTime(value) || neo4j.isTime(value) || neo4j.isLocalTime(value) || neo4j.isDuration(value)) {
    return value.toString();
  }
  if (neo4j.isInt(value)) return value.toNumber();
  // fromEntries defines own properties: a map key `__proto__` (data) stays a key instead of setting the prototype.
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, plainValue(v)]));
}

/** plainValue for a whole row (the driver's `record.toObject()`). */
export function plainRecord(record: Record<string, unknown>): Record<string, unknown> {
  return plainValue(record) as Record<string, unknown>;
}

// An ISO date-time with a UTC offset (`Z` or ±hh:mm), optionally followed by a zone id in brackets, as both
// the driver (DateTime#toString) and Cypher's toString() write it.
const zonedDateTime = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))(?:\[[^\]]+\])?$/;

/**
 * ISO text of a zoned datetime → the instant as `Date#toISOString()` prints it (UTC, `Z`, milliseconds).
 * Text that is not a zoned datetime (a date, a local date-time, a time) is returned unchanged, and so is a
 * datetime JavaScript cannot represent (years beyond ±9999 as Neo4j writes them): better the database's
 * own text than a wrong instant.
 */
export function instantText(text: string): string {
  const match = zonedDateTime.exec(text);
  if (!match?.[1]) return text;
  const ms = Date.parse(match[1]);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

export function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function asNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
