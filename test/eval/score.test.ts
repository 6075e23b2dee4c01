import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, newExtractionScore, rate, scoreExtraction } from '../../eval/score.js';
import type { Observation } from '../../src/extract/observation.js';
import type { TruthMessage } from '../../src/generate/index.js';

describe('adjusted Rand index', () => {
  it('is 1 for identical partitions, whatever the labels', () => {
    expect(adjustedRandIndex(['a', 'a', 'b', 'b', 'c'], ['x', 'x', 'y', 'y', 'z'])).toBeCloseTo(1);
  });
  it('is about 0 for an unrelated partition and below 1 for a merge', () => {
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], ['x', 'y', 'x', 'y'])).toBeLessThan(0.01);
    const merged = adjustedRandIndex(['a', 'a', 'b', 'b', 'c', 'c'], ['x', 'x', 'x', 'x', 'z', 'z']);
    expect(merged).toBeGreaterThan(0);
    expect(merged).toBeLessThan(1);
  });
  it('matches a hand-computed value', () => {
    // Contingency (a,x)=2 (b,x)=1 (b,y)=1: index 1; rows 1+1=2; cols 3+0=3; n=4 → expected 2·3/6=1, max 2.5 → 0.
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], ['x', 'x', 'x', 'y'])).toBeCloseTo(0, 5);
  });
});

describe('extraction scoring', () => {
  const truth = {
    file: 'm.eml',
    kind: 'phone',
    numbers: [
      { e164: '+18047134598', role: 'primary', placements: [{ where: 'image', disguise: 'none', raw: '+1 804 713 4598' }] },
      { e164: '+18047134599', role: 'secondary', placements: [{ where: 'body', disguise: 'letter-digits', raw: '8O4 713 4599' }] },
    ],
    decoys: [{ kind: 'customer', text: '209-825-4931' }],
  } as unknown as TruthMessage;
  const obs = { numbers: [{ e164: '+18047134598' }, { e164: '+12098254931', raw: ['209-825-4931'] }] } as unknown as Observation;

  it('counts true and false positives, misses, attachment-only numbers, and blames decoys', () => {
    const score = newExtractionScore();
    scoreExtraction(score, truth, obs);
    expect([score.tp, score.fp, score.fn]).toEqual([1, 1, 1]);
    expect(rate(score.attachmentOnly)).toBe(1);
    expect(rate(score.byPlacement.get('body')!)).toBe(0);
    expect(rate(score.byDisguise.get('letter-digits')!)).toBe(0);
    expect(score.falsePositivesBy.get('decoy:customer')).toBe(1);
  });
});
