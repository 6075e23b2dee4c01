import { describe, expect, it } from 'vitest';
import { etagOf, ResponseCache } from '../../src/server/response-cache.js';

const body = (text: string): Buffer => Buffer.from(text);

describe('ResponseCache', () => {
  it('keeps an answer and serves it until the graph changes', () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000, maxAgeMs: 60_000 });
    expect(cache.get('/api/a')).toBeUndefined();
    const stored = cache.set('/api/a', body('{"n":1}'), cache.generation);
    expect(cache.get('/api/a')?.body.toString()).toBe('{"n":1}');
    expect(cache.get('/api/a')?.etag).toBe(stored.etag);
    cache.invalidate();
    expect(cache.get('/api/a')).toBeUndefined();
    // A miss is an answer computed and offered to set(), whether or not it is kept.
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, hits: 2, misses: 1, invalidations: 1, generation: 1 });
  });

  it('refuses an answer computed across a change (started before the invalidation)', () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000, maxAgeMs: 60_000 });
    const startedAt = cache.generation;
    cache.invalidate();
    const returned = cache.set('/api/a', body('{"old":true}'), startedAt);
    expect(returned.etag).toBe(etagOf(body('{"old":true}')));
    expect(cache.get('/api/a')).toBeUndefined();
    expect(cache.stats().discarded).toBe(1);
  });

  it('evicts the least recently used answers to stay within its bytes', () => {
    const cache = new ResponseCache({ maxBytes: 32_000, maxAgeMs: 60_000 });
    const answer = (c: string): Buffer => Buffer.alloc(1_500, c);
    const keys = Array.from({ length: 20 }, (_, i) => `/api/k${String(i).padStart(2, '0')}`);
    for (const key of keys) cache.set(key, answer(key), 0);
    // 20 answers of ~1.8 KB (body, key, validator, overhead) do not fit in 32,000 bytes: the oldest went.
    const kept = cache.stats();
    expect(kept.bytes).toBeLessThanOrEqual(32_000);
    expect(kept.entries).toBeGreaterThan(10);
    expect(kept.entries).toBeLessThan(20);
    expect(cache.get(keys[0] as string)).toBeUndefined();
    expect(cache.get(keys[19] as string)?.body.equals(answer(keys[19] as string))).toBe(true);
    // Reading an answer makes it recent: it outlives answers stored before and after it.
    const oldestKept = keys.find((key) => cache.get(key) !== undefined) as string;
    const next = keys[keys.indexOf(oldestKept) + 1] as string;
    for (let i = 0; i < 5; i += 1) {
      cache.get(oldestKept);
      cache.set(`/api/new${i}`, answer(`new${i}`), 0);
    }
    expect(cache.get(oldestKept)).toBeDefined();
    expect(cache.get(next)).toBeUndefined();
  });

  it('does not keep an answer bigger than a sixteenth of the cache', () => {
    const cache = new ResponseCache({ maxBytes: 16_000, maxAgeMs: 60_000 });
    cache.set('/api/big', Buffer.alloc(2_000, 'x'), 0);
    expect(cache.get('/api/big')).toBeUndefined();
    expect(cache.stats().bytes).toBe(0);
  });

  it('serves nothing older than maxAge', () => {
    let now = 1_000;
    const cache = new ResponseCache({ maxBytes: 1_000_000, maxAgeMs: 500, now: () => now });
    cache.set('/api/a', body('1'), 0);
    now += 499;
    expect(cache.get('/api/a')).toBeDefined();
    now += 2;
    expect(cache.get('/api/a')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('replaces an answer stored again under the same URL without counting it twice', () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000, maxAgeMs: 60_000 });
    cache.set('/api/a', body('first'), 0);
    const once = cache.stats().bytes;
    cache.set('/api/a', body('again'), 0);
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: once });
    expect(cache.get('/api/a')?.body.toString()).toBe('again');
  });

  it('gives equal bodies the same weak validator and different bodies different ones', () => {
    expect(etagOf(body('{"a":1}'))).toBe(etagOf(body('{"a":1}')));
    expect(etagOf(body('{"a":1}'))).not.toBe(etagOf(body('{"a":2}')));
    expect(etagOf(body('{"a":1}'))).toMatch(/^W\/"7-[A-Za-z0-9+/]{27}"$/);
  });
});
