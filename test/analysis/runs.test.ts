import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/analysis/days.js';
import { sequentialRuns } from '../../src/analysis/runs.js';

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
