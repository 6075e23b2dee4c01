import { describe, expect, it } from 'vitest';
import { dayNumber, daysBetween, dayString, isDay, msPerDay } from '../../src/domain/index.js';

describe('day arithmetic', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2026-02-26', 20510],
    ['2024-02-29', 19782],
  ])('%s is day %i and back', (day, n) => {
    expect(dayNumber(day)).toBe(n);
    expect(dayString(n)).toBe(day);
  });

  it.each([
    ['2026-02-26', '2026-02-26', 0],
    ['2026-02-26', '2026-03-01', 3],
    ['2024-02-28', '2024-03-01', 2],
    ['2026-03-01', '2026-02-26', -3],
    ['2025-12-31', '2026-01-01', 1],
  ])('from %s to %s is %i day(s)', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each(['2026-2-26', '26-02-2026', '2026-02-26T00:00:00Z', '', 'yesterday'])('refuses %j', (text) => {
    expect(isDay(text)).toBe(false);
    expect(() => dayNumber(text)).toThrow(/not a YYYY-MM-DD day/);
  });

  it('agrees with Date for every day of a leap year', () => {
    const start = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 366; i += 1) {
      const day = new Date(start + i * msPerDay).toISOString().slice(0, 10);
      expect(isDay(day)).toBe(true);
      expect(dayNumber(day)).toBe(start / msPerDay + i);
    }
  });
});
