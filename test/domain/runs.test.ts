import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/domain/index.js';
import { sequentialRuns } from '../../src/domain/runs.js';

const active = (e164: string, first: string, last = first) => ({ e164, first: dayNumber(first), last: dayNumber(last) });

describe('sequentialRuns', () => {
  it('links numbers of one block within the number and day windows, chaining neighbours', () => {
    const runs = sequentialRuns([
      active('+18047134598', '2026-03-03'),
      active('+18047134560', '2026-03-04', '2026-03-06'),
      active('+18047134650', '2026-03-20'), // 52 above 4598, 14 days after 03-06
      active('+18047139000', '2026-03-03'), // same block, far away in the block
      active('+18047144599', '2026-03-03'), // other block
    ]);
    expect(runs).toEqual([{ id: 'r+18047134560', prefix: '+1804713', numbers: ['+18047134560', '+18047134598', '+18047134650'] }]);
  });

  it('respects the day window and configurable windows', () => {
    const numbers = [active('+18047130001', '2026-03-01'), active('+18047130002', '2026-04-15')];
    expect(sequentialRuns(numbers)).toEqual([]);
    expect(sequentialRuns(numbers, { numberWindow: 100, dayWindow: 45 })).toHaveLength(1);
    expect(sequentialRuns([active('+18047130001', '2026-03-01'), active('+18047130011', '2026-03-01')], { numberWindow: 5, dayWindow: 30 })).toEqual([]);
  });

  it('treats an exact window distance as inside the window', () => {
    expect(sequentialRuns([active('+18047130000', '2026-03-01'), active('+18047130100', '2026-03-31')])).toHaveLength(1);
    expect(sequentialRuns([active('+18047130000', '2026-03-01'), active('+18047130101', '2026-03-01')])).toHaveLength(0);
  });
});

describe('sequentialRuns: the one definition shared by analysis and reputation', () => {
  // Each row: numbers (last four, first day, last day) and the runs expected (last fours). Single linkage over
  // every pair within both windows, not only neighbours in digit order.
  const cases: { name: string; numbers: [string, string, string][]; runs: string[][] }[] = [
    {
      name: 'neighbours in digits but not in time: the ends still link across the middle number',
      numbers: [['0000', '2026-01-01', '2026-01-05'], ['0050', '2026-06-01', '2026-06-02'], ['0090', '2026-01-03', '2026-01-04']],
      runs: [['0000', '0090']],
    },
    {
      name: '1–2 and 2–3 within the window, 1–3 only transitively',
      numbers: [['0000', '2026-01-01', '2026-01-01'], ['0080', '2026-01-20', '2026-01-20'], ['0160', '2026-02-10', '2026-02-10']],
      runs: [['0000', '0080', '0160']],
    },
    {
      name: 'a middle number far in time splits nothing off when the others are close',
      numbers: [['0000', '2026-01-01', '2026-01-01'], ['0010', '2026-09-01', '2026-09-01'], ['0020', '2026-01-02', '2026-01-02'], ['0030', '2026-09-02', '2026-09-02']],
      runs: [['0000', '0020'], ['0010', '0030']],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const runs = sequentialRuns(c.numbers.map(([last4, first, last]) => active(`+1804713${last4}`, first, last)));
      expect(runs.map((r) => r.numbers.map((e) => e.slice(-4)))).toEqual(c.runs);
    });
  }
});
