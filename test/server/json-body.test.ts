import { describe, expect, it } from 'vitest';
import { jsonDepth } from '../../src/server/json-body.js';

const depth = (text: string, limit?: number) => jsonDepth(Buffer.from(text), limit);

describe('JSON nesting depth from raw bytes', () => {
  it.each([
    ['1', 0],
    ['"[[[["', 0],
    ['{}', 1],
    ['[[],[[]]]', 3],
    ['{"a":{"b":[1,{"c":"]]]"}]}}', 4],
    ['["\\"[[[", [2]]', 2],
    ['["\\\\", [[3]]]', 3],
  ])('%s is %i deep', (text, expected) => {
    expect(depth(text)).toBe(expected);
  });

  it('stops counting once past the limit, and agrees with JSON.parse on what it nests', () => {
    expect(depth('['.repeat(1_000_000), 64)).toBe(65);
    let nested: unknown = 0;
    for (let i = 0; i < 40; i++) nested = i % 2 ? [nested, '{['] : { k: nested, s: ']}' };
    expect(depth(JSON.stringify(nested))).toBe(40);
  });
});
