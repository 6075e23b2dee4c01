/** Counterexamples the fuzz tests found, kept as plain tests so they stay fixed whatever the seed. */
import { describe, expect, it } from 'vitest';
import { findPhonesInText } from '../../src/extract/index.js';

describe('fuzz-found regressions', () => {
  it('never reports a "number" longer than E.164 allows (German extensions read out of digit salad)', () => {
    const found = findPhonesInText('936.(543560960196 391628)28002572', { where: 'body', regions: ['DE'], keepLowConfidence: true });
    expect(found.map((f) => f.e164)).not.toContain('+4939162828002572');
    for (const finding of found) expect(finding.e164.length).toBeLessThanOrEqual(16);
    // A real German number next to it is still read.
    const real = findPhonesInText('Rufen Sie uns an: +49 30 901820', { where: 'body', regions: ['DE'] });
    expect(real.map((f) => f.e164)).toEqual(['+4930901820']);
  });
});
