import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSnapshotId } from '../../src/snapshots/store.js';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

/**
 * A snapshot link exposes its own snapshot and nothing else: not another snapshot, not a list of them, not
 * the API (its id is no token), and ids cannot be guessed or probed (144 random bits, the same answer for a
 * malformed and a missing id, and a rate limit on guessing).
 */

const view = (title: string, number: string) => ({
  title,
  note: `note of ${title}`,
  elements: { nodes: [{ key: `PhoneNumber:${number}`, label: 'PhoneNumber', caption: number }], edges: [] },
});

describe('access: snapshot links', () => {
  let driver: Driver;
  let server: TestServer;
  let a: string;
  let b: string;

  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
    server = await startTestServer(driver, { linkRatePerMinute: 40 });
    const saveA = await server.call('/api/snapshots', { method: 'POST', body: JSON.stringify(view('Alpha view', '+18047134598')) });
    const saveB = await server.call('/api/snapshots', { method: 'POST', body: JSON.stringify(view('Bravo view', '+18885550199')) });
    expect([saveA.status, saveB.status]).toEqual([201, 201]);
    a = saveA.body.id;
    b = saveB.body.id;
  });

  afterAll(async () => {
    await server?.close();
    await driver?.close();
  });

  it('a link shows its own snapshot, in every export format, and nothing of another', async () => {
    const data = await server.call(`/s/${a}/data`, { auth: false });
    expect(data.status).toBe(200);
    expect(data.body.id).toBe(a);
    expect(data.body.title).toBe('Alpha view');
    for (const format of ['data', 'export/json', 'export/cyjs', 'export/csv', 'export/misp', 'export/svg', 'export/html']) {
      const res = await server.call(`/s/${a}/${format}`, { auth: false });
      expect(res.status, format).toBe(200);
      expect(res.text, format).not.toContain(b);
      expect(res.text, format).not.toContain('Bravo');
      expect(res.text, format).not.toContain('+18885550199');
    }
  });

  it('offers no listing of snapshots without the token', async () => {
    for (const p of ['/s', '/s/', '/s/data', '/s/export/json', '/s/*', '/s/%2A/data', '/s/.*/data', '/s/%25/data']) {
      const res = await server.call(p, { auth: false });
      expect([400, 404], p).toContain(res.status);
      expect(res.text, p).not.toContain(a);
      expect(res.text, p).not.toContain(b);
    }
    const list = await server.call('/api/snapshots', { auth: false });
    expect(list.status).toBe(401);
    expect(list.text).not.toContain(a);
    const listWithLink = await server.call('/api/snapshots', { auth: false, headers: { authorization: `Bearer ${a}` } });
    expect(listWithLink.status).toBe(403);
    expect(listWithLink.text).not.toContain(b);
  });

  it("a link's id grants nothing else: not the API, not another snapshot, not deleting its own", async () => {
    const other = await server.call(`/api/snapshots/${b}`, { auth: false, headers: { authorization: `Bearer ${a}` } });
    expect(other.status).toBe(403);
    expect(other.text).not.toContain('Bravo');
    const del = await server.call(`/api/snapshots/${a}`, { method: 'DELETE', auth: false, headers: { authorization: `Bearer ${a}` } });
    expect(del.status).toBe(403);
    for (const method of ['DELETE', 'PUT', 'POST', 'PATCH']) {
      const res = await server.call(`/s/${a}/data`, { method, auth: false, body: '{}' });
      expect([404, 405], method).toContain(res.status);
    }
    expect((await server.call(`/s/${a}/data`, { auth: false })).status).toBe(200);
  });

  it('ids are 144 random bits: well-formed, unique, with no shared structure', () => {
    const ids = Array.from({ length: 4000 }, () => newSnapshotId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [...ids.slice(0, 50), a, b]) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(18);
    }
    // Every position takes many values (no counter, timestamp or fixed prefix): 4000 draws of 64 symbols.
    for (let position = 0; position < 24; position += 1) {
      expect(new Set(ids.map((id) => id[position])).size, `position ${position}`).toBeGreaterThan(55);
    }
    // Consecutive ids share no more than chance (1/64 per position).
    const sharedPositions = ids.slice(1).reduce((sum, id, i) => sum + [...id].filter((ch, k) => ids[i]?.[k] === ch).length, 0);
    expect(sharedPositions / (ids.length - 1)).toBeLessThan(1);
  });

  it('probing gives the same answer for a near miss, a missing and a malformed id', async () => {
    const flipped = `${a.slice(0, -1)}${a.endsWith('A') ? 'B' : 'A'}`;
    const probes = [flipped, a.slice(0, 22), `${a}A`, a.toLowerCase() === a ? a.toUpperCase() : a.toLowerCase(), newSnapshotId(), 'short', 'x'.repeat(300), '%27%20OR%201%3D1'];
    const answers = new Set<string>();
    for (const probe of probes) {
      const res = await server.call(`/s/${probe}/data`, { auth: false });
      expect(res.status, probe).toBe(404);
      answers.add(res.text);
    }
    expect([...answers]).toEqual([JSON.stringify({ error: { code: 'not_found', message: 'no such snapshot' } })]);
  });

  it('the links do not leak through the Referer header', async () => {
    const res = await server.call(`/s/${a}/data`, { auth: false });
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('guessing is rate limited per client (CALLHOUND_LINK_RATE_PER_MINUTE, 40 in this test)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i += 1) statuses.push((await server.call(`/s/${newSnapshotId()}/data`, { auth: false })).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 404 && s !== 429)).toEqual([]);
    const limited = await server.call(`/s/${a}/data`, { auth: false });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
  });
});
