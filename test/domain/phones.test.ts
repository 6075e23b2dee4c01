import { describe, expect, it } from 'vitest';
import { toE164 } from '../../src/domain/index.js';

describe('toE164', () => {
  it.each([
    ['(804) 713-4598', 'US', '+18047134598'],
    ['+1 804.713.4598', 'US', '+18047134598'],
    ['8047134598', 'US', '+18047134598'],
    ['1-804-713-4598', 'US', '+18047134598'],
    ['tel:+18047134598', 'US', '+18047134598'],
    ['TEL:+18047134598', 'US', '+18047134598'],
    ['  804 713 4598  ', 'US', '+18047134598'],
    ['+44 20 7946 0123', 'US', '+442079460123'],
    ['020 7946 0123', 'GB', '+442079460123'],
  ])('%j with region %s → %s', (text, region, e164) => {
    expect(toE164(text, region)).toBe(e164);
  });

  it.each(['804-713-459', '12345', '+1 000', 'not a number', "1' OR 1=1", 'call 804-713-4598 now', ''])('%j is no number', (text) => {
    expect(toE164(text, 'US')).toBeUndefined();
  });
});
