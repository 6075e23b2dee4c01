import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { asNumber, asString, instantText, plainRecord, plainValue } from '../../src/graph/values.js';

const { Date: Neo4jDate, DateTime, Duration, LocalDateTime, LocalTime, Time } = neo4j.types;

describe('plainValue: the one conversion of Neo4j values', () => {
  it.each([
    // Datetimes: one instant form, as JavaScript prints it, whatever offset or zone Neo4j kept.
    ['a UTC datetime', new DateTime(2024, 5, 1, 10, 0, 0, 0, 0), '2024-05-01T10:00:00.000Z'],
    ['nanoseconds, cut to milliseconds', new DateTime(2024, 5, 1, 10, 0, 0, 123456789, 0), '2024-05-01T10:00:00.123Z'],
    ['an offset, moved to UTC', new DateTime(2024, 5, 1, 12, 0, 0, 0, 7200), '2024-05-01T10:00:00.000Z'],
    ['a negative offset across midnight', new DateTime(2024, 4, 30, 23, 30, 0, 0, -3600), '2024-05-01T00:30:00.000Z'],
    ['an offset and a zone id', new DateTime(2024, 5, 1, 12, 0, 0, 0, 7200, 'Europe/Berlin'), '2024-05-01T10:00:00.000Z'],
    ['UTC as a zone id', new DateTime(2024, 5, 1, 10, 0, 0, 0, 0, 'UTC'), '2024-05-01T10:00:00.000Z'],
    ['a year before 100 (no 19xx)', new DateTime(50, 1, 1, 0, 0, 0, 0, 0), '0050-01-01T00:00:00.000Z'],
    // No instant: Neo4j's ISO text, unchanged.
    ['a date', new Neo4jDate(2024, 5, 1), '2024-05-01'],
    ['a local date-time', new LocalDateTime(2024, 5, 1, 10, 0, 0, 0), '2024-05-01T10:00:00'],
    ['a time with offset', new Time(10, 0, 0, 0, 0), '10:00:00Z'],
    ['a local time', new LocalTime(10, 0, 0, 0), '10:00:00'],
    ['a duration', new Duration(1, 2, 3, 4), 'P1M2DT3.000000004S'],
    // Numbers and the rest.
    ['a driver Integer', neo4j.int(42), 42],
    ['a bigint', 42n, 42],
    ['a string', 'PayPal', 'PayPal'],
    ['a float', 0.5, 0.5],
    ['a boolean', true, true],
    ['null', null, null],
    ['undefined', undefined, null],
  ])('%s', (_name, value, expected) => {
    expect(plainValue(value)).toEqual(expected);
  });

  it('converts inside lists and maps, and keeps a `__proto__` key as data', () => {
    const map = JSON.parse('{"__proto__": 1}') as Record<string, unknown>;
    const converted = plainValue({ at: [new DateTime(2024, 5, 1, 10, 0, 0, 0, 0)], n: neo4j.int(3), map }) as Record<string, unknown>;
    expect(converted).toEqual({ at: ['2024-05-01T10:00:00.000Z'], n: 3, map: JSON.parse('{"__proto__": 1}') });
    expect(Object.getPrototypeOf(converted.map)).toBe(Object.prototype);
    expect(Object.hasOwn(converted.map as object, '__proto__')).toBe(true);
  });

  it('converts a whole row', () => {
    expect(plainRecord({ day: new Neo4jDate(2024, 5, 1), emails: neo4j.int(3) })).toEqual({ day: '2024-05-01', emails: 3 });
  });

  it('is idempotent: converted values convert to themselves', () => {
    const once = plainValue({ at: new DateTime(2024, 5, 1, 12, 0, 0, 0, 7200), day: new Neo4jDate(2024, 5, 1) });
    expect(plainValue(once)).toEqual(once);
  });
});

describe('instantText: Neo4j’s text of a datetime (Cypher toString, the driver) → the instant form', () => {
  it.each([
    ['2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T10:00Z', '2024-05-01T10:00:00.000Z'], // Cypher leaves out zero seconds
    ['2024-05-01T10:00:00.25Z', '2024-05-01T10:00:00.250Z'],
    ['2024-05-01T10:00:00.123456789Z', '2024-05-01T10:00:00.123Z'],
    ['2024-05-01T12:00:00+02:00', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T12:00:00+02:00[Europe/Berlin]', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T10:00:00Z[Etc/UTC]', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T10:00:00.000Z', '2024-05-01T10:00:00.000Z'],
    // Not an instant, or none JavaScript can hold: unchanged.
    ['2024-05-01', '2024-05-01'],
    ['2024-05-01T10:00:00', '2024-05-01T10:00:00'],
    ['2024-05-01T10:00:00[Europe/Berlin]', '2024-05-01T10:00:00[Europe/Berlin]'],
    ['+275760-09-13T00:00:00.001Z', '+275760-09-13T00:00:00.001Z'],
    ['10:00:00Z', '10:00:00Z'],
    ['PayPal', 'PayPal'],
    ['', ''],
  ])('%s → %s', (text, expected) => {
    expect(instantText(text)).toBe(expected);
  });
});

describe('asString and asNumber', () => {
  it.each([
    ['x', 'x', null],
    [3, null, 3],
    [Number.NaN, null, null],
    [Number.POSITIVE_INFINITY, null, null],
    [null, null, null],
    [['x'], null, null],
  ])('%s', (value, text, number) => {
    expect(asString(value)).toBe(text);
    expect(asNumber(value)).toBe(number);
  });
});
