import { get } from 'node:http';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../src/analysis/analyze.js';
import { writeRows } from '../../src/graph/driver.js';
import { loadObservations } from '../../src/graph/load.js';
import { reputationProvider } from '../../src/server/optional-providers.js';
import { observation } from '../graph/corpus-fixture.js';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

// The response cache against the real database: answers are kept, and every way the graph changes
// (the loader, analyze, a write from outside callhound) makes the next answer fresh again.
const NUMBER = '+18047134598';
const path = `/api/reputation/${encodeURIComponent(NUMBER)}`;

/** Asks until `done` holds for an answer (the watcher reads the graph every 50 ms here), or gives up. */
async function until(server: TestServer, url: string, done: (body: any) => boolean, ms = 5000): Promise<{ body: any; headers: Headers }> {
  const deadline = Date.now() + ms;
  for (;;) {
    const res = await server.call(url);
    expect(res.status, res.text).toBe(200);
    if (done(res.body) || Date.now() > deadline) return res;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Asks until an answer comes from the cache: the watcher has seen every earlier write (an answer stored
 * before its last reading would have been dropped by it). Returns the kept answer.
 */
async function kept(server: TestServer, url: string): Promise<{ status: number; body: any; headers: Headers; text: string }> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const res = await server.call(url);
    if (res.headers.get('x-callhound-cache') === 'hit' || Date.now() > deadline) return res;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** GET with If-None-Match over node:http: fetch() adds Cache-Control: no-cache to conditional requests. */
function conditionalGet(server: TestServer, url: string, etag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(`${server.url}${url}`, { headers: { authorization: `Bearer ${server.token}`, 'if-none-match': etag } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('response cache of the read-only API', () => {
  let driver: Driver;
  let server: TestServer;
  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
    await loadObservations(driver, [observation({ key: 'c1', numbers: [NUMBER], brand: 'PayPal', date: '2026-03-03T10:00:00Z' })], { source: 'cache' });
    await analyzeGraph(driver);
    server = await startTestServer(driver, {
      reputation: reputationProvider(driver, { region: 'US' }),
      responseCache: { maxBytes: 8 * 1024 * 1024, maxAgeMs: 60_000, pollMs: 50 },
    });
  });
  afterAll(async () => {
    await server.close();
    await driver.close();
  });

  it('answers a repeated question from the cache, byte for byte, and honours If-None-Match', async () => {
    const first = await server.call(path);
    const second = await kept(server, path);
    expect(second.headers.get('x-callhound-cache')).toBe('hit');
    expect(second.text).toBe(first.text);
    expect(second.body.facts.emails).toBe(1);
    expect(second.headers.get('cache-control')).toBe('private, no-cache');
    const etag = second.headers.get('etag');
    expect(etag).toMatch(/^W\//);
    expect(await conditionalGet(server, path, etag as string)).toBe(304);
    expect(await conditionalGet(server, path, 'W/"0-stale"')).toBe(200);
  });

  it('forgets its answers when the loader adds an email', async () => {
    expect((await kept(server, path)).headers.get('x-callhound-cache')).toBe('hit');
    await loadObservations(driver, [observation({ key: 'c2', numbers: [NUMBER], brand: 'PayPal', date: '2026-03-04T10:00:00Z' })], { source: 'cache' });
    const fresh = await until(server, path, (body) => body.facts.emails === 2);
    expect(fresh.body.facts.emails).toBe(2);
  });

  it('forgets its answers when analyze rewrites properties only', async () => {
    const before = await until(server, path, (body) => body.facts.emails === 2);
    expect(before.body.facts.activeDays).toBe(1);
    await analyzeGraph(driver);
    const after = await until(server, path, (body) => body.facts.activeDays === 2);
    expect(after.body.facts.activeDays).toBe(2);
    expect(after.body.facts.lastSeen).toBe('2026-03-04');
  });

  it('notices data created outside callhound (no version raised) through the count store', async () => {
    const before = await kept(server, '/api/search?q=Norton');
    expect(before.headers.get('x-callhound-cache')).toBe('hit');
    expect(before.body.results).toEqual([]);
    await writeRows(driver, "CREATE (:Brand {name: 'Norton'})");
    const fresh = await until(server, '/api/search?q=Norton', (body) => body.results.length === 1);
    expect(fresh.body.results.map((r: { key: string }) => r.key)).toEqual(['Brand:Norton']);
  });

  it('keeps nothing it should not: errors, hunts, health and snapshots are asked every time', async () => {
    expect((await server.call('/api/reputation/abc')).status).toBe(400);
    expect((await server.call('/api/reputation/abc')).headers.get('x-callhound-cache')).toBeNull();
    expect((await server.call('/api/snapshots')).headers.get('x-callhound-cache')).toBeNull();
    const health = await server.call('/api/health');
    expect(health.headers.get('x-callhound-cache')).toBeNull();
    expect(health.body.cache).toMatchObject({ maxBytes: 8 * 1024 * 1024 });
    expect(health.body.cache.hits).toBeGreaterThan(0);
  });
});

describe('response cache bounds', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
    await loadObservations(driver, [observation({ key: 'd1', numbers: [NUMBER], brand: 'PayPal' })], { source: 'cache' });
    await analyzeGraph(driver);
  });
  afterAll(async () => driver.close());

  it('serves a property edited outside callhound once the answer is older than maxAge', async () => {
    const server = await startTestServer(driver, { reputation: reputationProvider(driver, { region: 'US' }), responseCache: { maxBytes: 1024 * 1024, maxAgeMs: 400, pollMs: 50 } });
    try {
      const before = await kept(server, path);
      expect(before.headers.get('x-callhound-cache')).toBe('hit');
      expect(before.body.facts.longestRun).not.toBe(99);
      // Neither the version nor a count changes: only the age bound can bring the edit in.
      await writeRows(driver, 'MATCH (p:PhoneNumber {e164: $e164}) SET p.longestRun = 99', { e164: NUMBER });
      const fresh = await until(server, path, (body) => body.facts.longestRun === 99, 3000);
      expect(fresh.body.facts.longestRun).toBe(99);
    } finally {
      await server.close();
    }
  });

  it('can be turned off', async () => {
    const server = await startTestServer(driver, { reputation: reputationProvider(driver, { region: 'US' }), responseCache: false });
    try {
      await server.call(path);
      const again = await server.call(path);
      expect(again.status).toBe(200);
      expect(again.headers.get('x-callhound-cache')).toBeNull();
      expect((await server.call('/api/health')).body.cache).toBeNull();
    } finally {
      await server.close();
    }
  });
});
