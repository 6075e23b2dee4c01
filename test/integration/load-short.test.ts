import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLoadGraph, endpointNames, loadEndpoints, startServeProcess, type LoadTargets, type ServeProcess } from '../../bench/load-api.js';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server/start.js';
import { resetGraph, testDriver, testNeo4jConfig } from '../helpers/neo4j.js';

/**
 * The short variant of `npm run load` (bench/load.ts) in `npm test`: a 5,000-email graph, the real
 * `callhound serve` in its own process with its default rate limit raised explicitly, and autocannon in
 * this process driving search, expand and reputation at once with 50 connections for 10 s. Every request
 * must be answered with a 2xx within 30 s, and each endpoint must answer some. (Latency targets belong to
 * the full run on an idle machine, not to a shared CI box.)
 */
describe('API under a short load from a second process', () => {
  let driver: Driver;
  let server: ServeProcess;
  let targets: LoadTargets;

  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
    targets = await buildLoadGraph(driver, 5000, () => undefined);
    const db = testNeo4jConfig();
    server = await startServeProcess({ neo4jUri: db.uri, user: db.user, password: db.password, apiRatePerMinute: 100_000_000 });
  });

  afterAll(async () => {
    await server?.stop();
    await driver?.close();
  });

  it('answers search, expand and reputation at 50 connections for 10 s without an error', async () => {
    const results = await loadEndpoints(server, endpointNames, targets, { connections: 50, seconds: 10, warmupSeconds: 2, parallel: true, timeoutSeconds: 30, log: (line) => process.stderr.write(`${line}\n`) });
    expect(results.map((r) => r.endpoint)).toEqual([...endpointNames]);
    expect(results.reduce((sum, r) => sum + r.connections, 0)).toBe(50);
    for (const r of results) {
      expect(r.requests, r.endpoint).toBeGreaterThan(0);
      expect({ endpoint: r.endpoint, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx }).toEqual({ endpoint: r.endpoint, errors: 0, timeouts: 0, non2xx: 0 });
      expect(Object.keys(r.statusCodes), r.endpoint).toEqual(['200']);
    }
    expect(server.log()).not.toMatch(/unexpected error/);
  });

  it('the rate limit holds for the token holder on loopback too: CALLHOUND_API_RATE_PER_MINUTE=5 gives 429 from the 6th request (the default, 1200 a minute, would cut such a load short)', async () => {
    const config = loadConfig({ CALLHOUND_API_RATE_PER_MINUTE: '5', CALLHOUND_TOKEN: 'rate-limit-token-0123456789', CALLHOUND_PORT: '8080' });
    expect(loadConfig({}).server.apiRatePerMinute).toBe(1200);
    const started = await startServer(driver, config, { port: 0 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        const res = await fetch(`${started.url}/api/meta`, { headers: { authorization: `Bearer ${started.token}` } });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    } finally {
      await new Promise<void>((resolve) => started.server.close(() => resolve()));
    }
  });
});
