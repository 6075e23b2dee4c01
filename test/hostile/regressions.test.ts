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

describe('memory on a megabytes-long line', () => {
  it('normalising 3,000,000 characters of short digit groups allocates tens of MB, not hundreds', () => {
    const text = 'A1 '.repeat(1_000_000);
    const used = (): number => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = used();
    const found = findPhonesInText(text, { where: 'body', regions: ['US'] });
    // number[] maps per character: 100-150 MB here; typed arrays: ~23 MB (garbage included).
    expect(used() - before).toBeLessThan(60 * 1024 * 1024);
    expect(found).toEqual([]);
  });
});
