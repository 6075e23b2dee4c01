import { describe, expect, it } from 'vitest';
import { sequentialRuns } from '../../src/reputation/runs.js';
import { scoreKnown, scoreUnseen } from '../../src/reputation/score.js';

describe('scoreKnown', () => {
  const base = { emails: 1, brands: ['PayPal'], lures: [], activeDays: 1, firstSeen: '2026-03-01', lastSeen: '2026-03-01', clusterSize: null };

  it('gives a single old sighting the base score only', () => {
    const { score, reasons } = scoreKnown(base, '2026-12-01');
    expect(score).toBe(53);
    expect(reasons.map((r) => r.factor)).toEqual(['seen', 'emails', 'brands', 'lures', 'days-active', 'cluster', 'recency']);
  });

  it('caps a busy, multi-brand, recent number at 100', () => {
    const { score } = scoreKnown({ emails: 150, brands: ['A', 'B', 'C'], lures: ['x', 'y'], activeDays: 9, firstSeen: '2026-03-01', lastSeen: '2026-03-30', clusterSize: 12 }, '2026-03-31');
    expect(score).toBe(100);
  });
});

describe('scoreUnseen', () => {
  const [run] = sequentialRuns('+1804713', [
    { e164: '+18047130100', firstSeen: '2026-03-01', lastSeen: '2026-03-02' },
    { e164: '+18047130110', firstSeen: '2026-03-02', lastSeen: '2026-03-03' },
  ]);
  const neighbours = [
    { e164: '+18047130100', offset: -5, firstSeen: '2026-03-01', lastSeen: '2026-03-02', emails: 3, brands: ['PayPal'] },
    { e164: '+18047130110', offset: 5, firstSeen: '2026-03-02', lastSeen: '2026-03-03', emails: 1, brands: ['PayPal'] },
  ];

  it('flags a number inside a run as a likely next rotation, below 100', () => {
    const result = scoreUnseen('+18047130105', { blockKnown: 2, neighbours, run: { run: run!, position: 'gap' }, asOf: '2026-03-04' });
    expect(result.likelyNextRotation).toBe(true);
    expect(result.reasons.map((r) => [r.factor, r.points])).toEqual([
      ['rotation', 50],
      ['block', 10],
      ['recency', 15],
      ['proximity', 10],
    ]);
    expect(result.score).toBe(85);
  });

  it('scores a lonely unseen number 0', () => {
    expect(scoreUnseen('+12125550000', { blockKnown: 0, neighbours: [], run: undefined, asOf: '2026-03-04' })).toMatchObject({ score: 0, likelyNextRotation: false });
  });
});
