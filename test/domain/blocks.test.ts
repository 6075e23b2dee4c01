import { describe, expect, it } from 'vitest';
import { blockPrefix, blockSuffix } from '../../src/domain/index.js';

describe('DID blocks', () => {
  it.each([
    ['+18047134598', '+1804713', 4598],
    ['+18047130001', '+1804713', 1],
    ['+442079460123', '+44207946', 123],
    ['+4930123456', '+493012', 3456],
  ])('%s is in block %s at position %i', (e164, prefix, suffix) => {
    expect(blockPrefix(e164)).toBe(prefix);
    expect(blockSuffix(e164)).toBe(suffix);
  });

  it('gives an empty prefix, not a negative slice, for strings of four characters or fewer', () => {
    expect(blockPrefix('1234')).toBe('');
    expect(blockPrefix('12')).toBe('');
  });
});
