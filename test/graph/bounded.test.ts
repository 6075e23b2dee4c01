import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { boundField, boundValue, indexedLimits } from '../../src/graph/bounded.js';

const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const codePoints = (text: string): number => [...text].length;
const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Neo4j's RANGE index (and uniqueness constraint) refused 8,170 bytes and took 8,160 (measured on 5.26). */
const RANGE_INDEX_BYTES = 8160;

describe('boundValue', () => {
  it.each([
    ['short ASCII', 'abc', 100],
    ['exactly at the limit', 'x'.repeat(100), 100],
    ['astral characters count once each', '😀'.repeat(100), 100],
    ['empty', '', 100],
  ])('%s: kept as it is', (_name, value, max) => {
    expect(boundValue(value, max)).toEqual({ value, full: null, chars: codePoints(value) });
  });

  it.each([
    ['one character over', 'x'.repeat(101), 100],
    ['9 kB of words', 'call now about your invoice '.repeat(330), 1000],
    ['10,000-character Message-ID', `<${'a'.repeat(10_000)}@x>`, 1000],
    ['astral characters', '😀'.repeat(5000), 1000],
    ['mixed scripts', 'Ünïcödé 漢字 😀 '.repeat(500), 253],
  ])('%s: a prefix and the sha256 of the full value, exactly the limit long', (_name, value, max) => {
    const bounded = boundValue(value, max);
    expect(bounded.full).toBe(value);
    expect(bounded.chars).toBe(codePoints(value));
    expect(codePoints(bounded.value)).toBe(max);
    expect(bounded.value.endsWith(`…[sha256:${sha(value)}]`)).toBe(true);
    const prefix = bounded.value.slice(0, bounded.value.indexOf('…[sha256:'));
    expect(value.startsWith(prefix)).toBe(true);
    expect(prefix.length).toBeGreaterThan(0);
    // No half of a surrogate pair is left at the cut.
    expect(Buffer.from(bounded.value, 'utf8').toString('utf8')).toBe(bounded.value);
    // Stable: the same value gives the same key on every load.
    expect(boundValue(value, max)).toEqual(bounded);
  });

  it('keeps two long values that share their prefix apart', () => {
    const a = boundValue(`${'x'.repeat(2000)}a`, 253).value;
    const b = boundValue(`${'x'.repeat(2000)}b`, 253).value;
    expect(a).not.toBe(b);
  });

  it('refuses a limit too small for the hash', () => {
    expect(() => boundValue('x'.repeat(200), 50)).toThrow(RangeError);
  });
});

describe('indexed limits', () => {
  it.each(Object.entries(indexedLimits))('%s: the worst case fits the index it is written to', (field, limit) => {
    const worst = boundField(field as keyof typeof indexedLimits, '😀'.repeat(limit.maxChars * 3))!;
    expect(codePoints(worst.value)).toBe(limit.maxChars);
    // Email.subject is only in the full-text index (Lucene, no whole-value limit); the others are RANGE-indexed.
    if (limit.property !== 'Email.subject') expect(utf8(worst.value)).toBeLessThan(RANGE_INDEX_BYTES / 2);
    expect(utf8(worst.value)).toBeLessThanOrEqual(RANGE_INDEX_BYTES);
  });

  it('leaves null alone', () => {
    expect(boundField('messageId', null)).toBeNull();
    expect(boundField('messageId', undefined)).toBeNull();
  });
});
