import { describe, expect, it } from 'vitest';
import { sameName } from '../../eval/real/score.js';
import { adjustedRandIndex, newExtractionScore, newPlatformScore, precisionOf, rate, recallOf, scoreBrand, scoreExtraction, scorePlatform } from '../../eval/score.js';
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

describe('scoring per delivery technique', () => {
  const message = (delivery: string | undefined, e164s: string[], extra: Record<string, unknown> = {}): TruthMessage =>
    ({
      file: `${delivery ?? 'old'}.eml`,
      kind: 'phone',
      brand: 'Norton LifeLock',
      ...(delivery === undefined ? {} : { delivery, platform: delivery === 'platform-invoice' ? 'PayPal' : delivery === 'calendar-google' ? 'Google Calendar' : null }),
      numbers: e164s.map((e164) => ({ e164, role: 'primary', placements: [{ where: 'calendar', disguise: 'none', raw: e164 }] })),
      decoys: [],
      ...extra,
    }) as unknown as TruthMessage;
  const observed = (e164s: string[], brand: string | null, platform: string | null = null): Observation =>
    ({ numbers: e164s.map((e164) => ({ e164, raw: [e164] })), brand, platform }) as unknown as Observation;

  it.each([
    // delivery, planted, observed, [tp, fp, fn]
    ['calendar-google', ['+18047134598', '+18047134599'], ['+18047134598'], [1, 0, 1]],
    ['platform-invoice', ['+18047134598'], ['+18047134598', '+12098254931'], [1, 1, 0]],
    ['ics-attachment', ['+18047134598'], [], [0, 0, 1]],
    [undefined, ['+18047134598'], ['+18047134598'], [1, 0, 0]],
  ] as const)('%s: planted %j, observed %j → tp/fp/fn %j', (delivery, planted, got, expected) => {
    const score = newExtractionScore();
    scoreExtraction(score, message(delivery, [...planted]), observed([...got], null));
    const d = score.byDelivery.get(delivery ?? 'direct')!;
    expect([d.tp, d.fp, d.fn]).toEqual(expected);
    expect(score.byDelivery.size).toBe(1);
  });

  it('counts a layer as found only when the observation names that layer', () => {
    const score = newExtractionScore();
    const truth = message('calendar-google', ['+18047134598']);
    truth.numbers[0]!.placements.push({ where: 'body', disguise: 'none', raw: '+18047134598' });
    scoreExtraction(score, truth, { numbers: [{ e164: '+18047134598', raw: ['x'], where: ['body'] }] } as unknown as Observation);
    expect(rate(score.byPlacement.get('calendar')!)).toBe(1);
    expect(rate(score.byLayer.get('calendar')!)).toBe(0);
    expect(rate(score.byLayer.get('body')!)).toBe(1);
  });

  it('computes precision and recall per technique, null when there is nothing to count', () => {
    expect(precisionOf({ tp: 3, fp: 1 })).toBe(0.75);
    expect(recallOf({ tp: 1, fn: 3 })).toBe(0.25);
    expect(precisionOf({ tp: 0, fp: 0 })).toBeNull();
  });

  it('scores the impersonated brand per technique: naming the platform is a miss', () => {
    const score = newExtractionScore();
    expect(scoreBrand(score, message('platform-invoice', []), observed([], 'PayPal'))).toBe(false);
    expect(scoreBrand(score, message('platform-invoice', []), observed([], 'Norton LifeLock'))).toBe(true);
    expect(scoreBrand(score, message('direct', []), observed([], 'Norton LifeLock'))).toBe(true);
    expect(rate(score.byDelivery.get('platform-invoice')!.brand)).toBe(0.5);
    expect(rate(score.byDelivery.get('direct')!.brand)).toBe(1);
  });

  it('scores the platform on mail sent through one, and counts a platform named where there is none', () => {
    const score = newPlatformScore();
    scorePlatform(score, message('calendar-google', []), observed([], 'Norton LifeLock', 'google calendar'), sameName);
    scorePlatform(score, message('platform-invoice', []), observed([], 'PayPal', null), sameName);
    scorePlatform(score, message('direct', []), observed([], null, 'PayPal'), sameName);
    scorePlatform(score, message('direct', []), observed([], null), sameName);
    expect(score.hit).toEqual({ found: 1, total: 2 });
    expect(score.falseNamed).toBe(1);
    expect(score.misses).toHaveLength(1);
  });

  it('blames a false positive on the hidden decoy number it came from', () => {
    const score = newExtractionScore();
    const truth = message('direct', ['+18047134598'], { decoys: [{ kind: 'hidden-phone', text: '(209) 825-4931', e164: '+12098254931', hiding: 'display-none' }] });
    scoreExtraction(score, truth, observed(['+18047134598', '+12098254931'], null));
    expect(score.falsePositivesBy.get('decoy:hidden-phone')).toBe(1);
  });
});
