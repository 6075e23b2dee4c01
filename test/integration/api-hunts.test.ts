import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { huntsProvider } from '../../src/server/hunts-provider.js';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';
import { seedUiGraph, uiGraph } from '../helpers/ui-graph.js';

const huntsDir = path.resolve(import.meta.dirname, '../e2e/fixtures/hunts');

describe('hunts through the API', () => {
  let driver: Driver;
  let server: TestServer;
  let bare: TestServer;
  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
    await seedUiGraph(driver);
    server = await startTestServer(driver, { hunts: huntsProvider(driver, { region: 'US', userDir: huntsDir }) });
    bare = await startTestServer(driver);
  });
  afterAll(async () => {
    await server.close();
    await bare.close();
    await driver.close();
  });

  it('lists saved hunts with their declared parameters and Cypher', async () => {
    const res = await server.call('/api/hunts');
    expect(res.status).toBe(200);
    const hunt = res.body.hunts.find((h: { id: string }) => h.id === 'e2e-numbers-by-brand');
    expect(hunt).toMatchObject({ title: 'Numbers used with a brand (e2e)', result: 'graph', params: [{ name: 'brand', type: 'string', default: 'PayPal' }] });
    expect(hunt.cypher).toContain('$brand');
  });

  it('runs a hunt with a parameter: rows, nodes by model key with captions, and the Cypher', async () => {
    const res = await server.call('/api/hunts/e2e-numbers-by-brand/run', { method: 'POST', body: JSON.stringify({ params: { brand: 'Norton LifeLock' } }) });
    expect(res.status, res.text).toBe(200);
    expect(res.body.rows).toHaveLength(3);
    const keys = res.body.nodes.map((n: { key: string }) => n.key).sort();
    expect(keys).toContain(`PhoneNumber:${uiGraph.numberC}`);
    expect(keys).toContain('Brand:Norton LifeLock');
    const number = res.body.nodes.find((n: { key: string }) => n.key === `PhoneNumber:${uiGraph.numberC}`);
    expect(number.degree).toBeGreaterThan(0);
    expect(res.body.edges.every((e: { source: string; target: string }) => keys.includes(e.source) && keys.includes(e.target))).toBe(true);
    expect(res.body.cypher).toContain('MATCH (b:Brand {name: $brand})');
    expect(res.body.params).toEqual({ brand: 'Norton LifeLock' });
  });

  it('rejects unknown hunts and unknown parameters', async () => {
    const unknown = await server.call('/api/hunts/no-such-hunt/run', { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    const badParam = await server.call('/api/hunts/e2e-numbers-by-brand/run', { method: 'POST', body: JSON.stringify({ params: { nope: 1 } }) });
    expect(badParam.status).toBe(400);
    expect(badParam.body.error.code).toBe('bad_param');
    const badId = await server.call('/api/hunts/..%2Fetc/run', { method: 'POST', body: '{}' });
    expect(badId.status).toBe(400);
  });

  it('answers 503 when hunts, report or reputation are not wired', async () => {
    for (const path of ['/api/hunts', '/api/report', `/api/reputation/${encodeURIComponent('(804) 713-4598')}`]) {
      const res = await bare.call(path);
      expect(res.status, path).toBe(503);
      expect(res.body.error.code).toMatch(/_unavailable$/);
    }
  });

  it('rejects a malformed number for reputation before asking anyone', async () => {
    const res = await bare.call('/api/reputation/12');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_number');
  });
});
