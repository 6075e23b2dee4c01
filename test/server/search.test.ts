import { describe, expect, it } from 'vitest';
import { guessKind, luceneQuery, toE164 } from '../../src/server/search.js';

describe('reading what a user typed', () => {
  it.each([
    ['(804) 713-4598', 'number'],
    ['+1 804.713.4598', 'number'],
    ['8047134598', 'number'],
    ['tel:+18047134598', 'number'],
    ['+44 20 7946 0123', 'number'],
    ['PhoneNumber:+18047134598', 'key'],
    ['Brand:PayPal', 'key'],
    ['a'.repeat(64), 'email'],
    ['<abc@mail.example>', 'email'],
    ['c-0123456789ab', 'cluster'],
    ['pp-support.example', 'domain'],
    ['renewal notice', 'subject'],
    ['PayPal', 'subject'],
  ] as const)('%s is a %s', (text, kind) => {
    expect(guessKind(text)).toBe(kind);
  });

  it.each([
    ['(804) 713-4598', '+18047134598'],
    ['+1 804.713.4598', '+18047134598'],
    ['8047134598', '+18047134598'],
    ['1-804-713-4598', '+18047134598'],
    ['tel:+18047134598', '+18047134598'],
    ['+44 20 7946 0123', '+442079460123'],
  ])('%s → %s', (text, e164) => {
    expect(toE164(text, 'US')).toBe(e164);
  });

  it('reads national numbers with the configured region', () => {
    expect(toE164('020 7946 0123', 'GB')).toBe('+442079460123');
  });

  it.each(['804-713-459', '12345', '+1 000'])('refuses %s with bad_number (400)', (text) => {
    expect(() => toE164(text, 'US')).toThrow(expect.objectContaining({ code: 'bad_number', status: 400 }));
  });

  it('makes every word required and escapes Lucene operators', () => {
    expect(luceneQuery('renewal notice')).toBe('+renewal +notice');
    expect(luceneQuery('invoice" OR *:* (')).toBe('+invoice\\" +\\*\\:\\* +\\(');
    expect(luceneQuery('AND OR NOT')).toBe('');
  });
});
