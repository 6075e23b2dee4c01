import { describe, expect, it } from 'vitest';
import { numberTimeline } from '../../src/analysis/timeline.js';

const on = (...days: [string, number][]) => days.map(([day, emails]) => ({ day, emails }));

describe('numberTimeline', () => {
  it.each([
    {
      name: 'one day',
      counts: on(['2026-03-03', 117]),
      expected: { firstSeen: '2026-03-03', lastSeen: '2026-03-03', activeDays: 1, lifespan: 1, longestRun: 1, coolDowns: 0, maxGap: 0, emailCount: 117, peakDay: '2026-03-03', peakDayEmails: 117 },
    },
    {
      name: 'three consecutive days then a two-day cool-down then one day',
      counts: on(['2026-03-05', 2], ['2026-03-03', 1], ['2026-03-04', 4], ['2026-03-08', 1]),
      expected: { firstSeen: '2026-03-03', lastSeen: '2026-03-08', activeDays: 4, lifespan: 6, longestRun: 3, coolDowns: 1, maxGap: 2, emailCount: 8, peakDay: '2026-03-04', peakDayEmails: 4 },
    },
    {
      name: 'two runs of two with two cool-downs across a month boundary',
      counts: on(['2026-02-27', 1], ['2026-02-28', 1], ['2026-03-02', 3], ['2026-03-03', 3], ['2026-03-31', 1]),
      expected: { firstSeen: '2026-02-27', lastSeen: '2026-03-31', activeDays: 5, lifespan: 33, longestRun: 2, coolDowns: 2, maxGap: 27, emailCount: 9, peakDay: '2026-03-02', peakDayEmails: 3 },
    },
    {
      name: 'repeated day entries are summed',
      counts: on(['2026-03-01', 1], ['2026-03-01', 2], ['2026-03-03', 1]),
      expected: { activeDays: 2, lifespan: 3, longestRun: 1, coolDowns: 1, maxGap: 1, emailCount: 4, peakDay: '2026-03-01', peakDayEmails: 3 },
    },
  ])('$name', ({ counts, expected }) => {
    expect(numberTimeline(counts)).toMatchObject(expected);
  });

  it('lists active days in order and counts undated emails only in emailCount', () => {
    const t = numberTimeline(on(['2026-03-02', 1], ['2026-03-01', 1], ['2026-03-02', 2]), 5);
    expect(t.days).toEqual(['2026-03-01', '2026-03-02']);
    expect(t.dayEmails).toEqual([1, 3]);
    expect(t.emailCount).toBe(9);
  });

  it('gives an empty timeline when every email is undated', () => {
    expect(numberTimeline([], 3)).toEqual({ firstSeen: null, lastSeen: null, activeDays: 0, days: [], dayEmails: [], lifespan: null, longestRun: 0, coolDowns: 0, maxGap: 0, emailCount: 3, peakDay: null, peakDayEmails: 0 });
  });
});
