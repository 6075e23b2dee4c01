import { describe, expect, it } from 'vitest';
import { dayNumber, sequentialRuns as domainRuns } from '../../src/domain/index.js';
import { blockRuns, positionInRun, predictFromRun, sequentialRuns, storedRuns } from '../../src/reputation/runs.js';

const n = (last4: string, firstSeen: string, lastSeen = firstSeen) => ({ e164: `+1804713${last4}`, firstSeen, lastSeen });

describe('sequentialRuns', () => {
  it('chains numbers within the digit window and the time window', () => {
    const runs = sequentialRuns('+1804713', [n('4598', '2026-03-03', '2026-03-06'), n('4601', '2026-03-04'), n('4650', '2026-03-06'), n('4900', '2026-03-06'), n('4950', '2026-03-07')]);
    expect(runs.map((r) => [r.from, r.to, r.numbers.length, r.firstSeen, r.lastSeen])).toEqual([
      [4598, 4650, 3, '2026-03-03', '2026-03-06'],
      [4900, 4950, 2, '2026-03-06', '2026-03-07'],
    ]);
  });

  it('breaks a run when neighbours were active too far apart in time', () => {
    expect(sequentialRuns('+1804713', [n('0001', '2026-01-01'), n('0002', '2026-03-01')])).toEqual([]);
    expect(sequentialRuns('+1804713', [n('0001', '2026-01-01'), n('0002', '2026-01-31')])).toHaveLength(1);
  });

  it('ignores numbers of other blocks and single numbers', () => {
    expect(sequentialRuns('+1804713', [n('0001', '2026-01-01'), { e164: '+12025550002', firstSeen: '2026-01-01', lastSeen: '2026-01-01' }])).toEqual([]);
  });
});

describe('positions and predictions', () => {
  const [run] = sequentialRuns('+1804713', [n('0100', '2026-03-01'), n('0103', '2026-03-02'), n('0105', '2026-03-02')]);

  it('places an unseen number in a gap, after or before the run, or nowhere', () => {
    expect(positionInRun(run!, 101, 100)).toBe('gap');
    expect(positionInRun(run!, 103, 100)).toBeUndefined();
    expect(positionInRun(run!, 150, 100)).toBe('after');
    expect(positionInRun(run!, 0, 100)).toBe('before');
    expect(positionInRun(run!, 300, 100)).toBeUndefined();
  });

  it('predicts the gaps and the next numbers past both ends, with known neighbours', () => {
    const predicted = predictFromRun(run!, 2);
    expect(predicted.map((p) => [p.e164.slice(-4), p.position, p.below?.slice(-4), p.above?.slice(-4)])).toEqual([
      ['0098', 'before', undefined, '0100'],
      ['0099', 'before', undefined, '0100'],
      ['0101', 'gap', '0100', '0103'],
      ['0102', 'gap', '0100', '0103'],
      ['0104', 'gap', '0103', '0105'],
      ['0106', 'after', '0105', undefined],
      ['0107', 'after', '0105', undefined],
    ]);
  });

  it('stays inside 0000–9999', () => {
    const [edge] = sequentialRuns('+1804713', [n('0000', '2026-03-01'), n('0001', '2026-03-01')]);
    expect(predictFromRun(edge!, 2).map((p) => p.e164.slice(-4))).toEqual(['0002', '0003']);
  });
});

describe('the same runs as analyze', () => {
  // Neighbours in digits but not in time: 0000 and 0090 were active together, 0050 months later. Analyze links
  // 0000–0090 (within 100 digits and 30 days); reputation used to chain only neighbours and found no run.
  const block = [n('0000', '2026-01-01', '2026-01-05'), n('0050', '2026-06-01', '2026-06-02'), n('0090', '2026-01-03', '2026-01-04')];
  const analysed = block.map((b) => ({ ...b, analysed: true, runId: b.e164.endsWith('0050') ? null : 'r+18047130000' }));

  it('computes the run analysis computes', () => {
    const runs = sequentialRuns('+1804713', block);
    expect(runs.map((r) => [r.id, r.numbers.map((x) => x.e164), r.from, r.to, r.firstSeen, r.lastSeen])).toEqual([
      ['r+18047130000', ['+18047130000', '+18047130090'], 0, 90, '2026-01-01', '2026-01-05'],
    ]);
    const shared = domainRuns(block.map((b) => ({ e164: b.e164, first: dayNumber(b.firstSeen), last: dayNumber(b.lastSeen) })));
    expect(runs.map((r) => [r.id, r.numbers.map((x) => x.e164)])).toEqual(shared.map((r) => [r.id, r.numbers]));
  });

  it('reads the runs analyze stored when every number of the block was analysed', () => {
    // Analyze ran with other windows (say --number-window 10): its verdict is what counts, not a recomputation.
    const narrow = block.map((b) => ({ ...b, analysed: true, runId: null }));
    expect(blockRuns('+1804713', narrow)).toEqual([]);
    expect(blockRuns('+1804713', analysed).map((r) => [r.id, r.numbers.map((x) => x.e164)])).toEqual([['r+18047130000', ['+18047130000', '+18047130090']]]);
    expect(storedRuns('+1804713', analysed)).toEqual(blockRuns('+1804713', analysed));
  });

  it('falls back to the same algorithm before analysis, or when the caller asks for its own windows', () => {
    expect(blockRuns('+1804713', block)).toEqual(sequentialRuns('+1804713', block));
    const partly = [{ ...analysed[0]!, runId: null }, block[1]!, block[2]!];
    expect(blockRuns('+1804713', partly)).toEqual(sequentialRuns('+1804713', partly));
    const narrow = block.map((b) => ({ ...b, analysed: true, runId: null }));
    expect(blockRuns('+1804713', narrow, { window: 100 }).map((r) => r.id)).toEqual(['r+18047130000']);
    expect(blockRuns('+1804713', block, { window: 10 })).toEqual([]);
  });
});
