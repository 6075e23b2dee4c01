import { describe, expect, it } from 'vitest';
import { consecutiveRuns, histogram, median, mode, share, tally } from '../../src/report/stats.js';

describe('report statistics', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 2, 3], 2.5],
  ])('median of %j is %s', (values, expected) => expect(median(values)).toBe(expected));

  it('builds histograms, tallies and modes', () => {
    expect(histogram([2, 1, 2, 5])).toEqual([
      [1, 1],
      [2, 2],
      [5, 1],
    ]);
    expect(tally(['voip', 'landline', 'voip', 'wireless'])).toEqual([
      ['voip', 2],
      ['landline', 1],
      ['wireless', 1],
    ]);
    expect(mode([2, 3, 3, 2])).toBe(2);
    expect(mode([])).toBeNull();
    expect(share(57, 1652)).toBe(0.0345);
    expect(share(1, 0)).toBe(0);
  });

  it.each([
    [['2026-03-01', '2026-03-02', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09'], [2, 3]],
    [['2026-03-09', '2026-03-01'], []],
    [['2026-02-28', '2026-03-01', '2026-03-01'], [2]],
    [[], []],
  ])('runs of consecutive days in %j: %j', (days, expected) => expect(consecutiveRuns(days)).toEqual(expected));
});
