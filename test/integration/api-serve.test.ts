import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer, type StartedServer } from '../../src/server/start.js';
import { optionalProviders } from '../../src/server/optional-providers.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';
import { seedUiGraph } from '../helpers/ui-graph.js';

describe('startServer, as `callhound serve` runs it', () => {
  let driver: Driver;
  let started: StartedServer;
  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
    await seedUiGraph(driver);
    const config = loadConfig({ CALLHOUND_PORT: '8080' });
    started = await startServer(driver, config, { port: 0, ...(await optionalProviders(driver, config)) });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => started.server.close(() => resolve()));
    await driver.close();
  });

  it('binds loopback and generates a token when none is configured', async () => {
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.tokenGenerated).toBe(true);
    expect(started.workspaceUrl).toBe(`${started.url}/#token=${started.token}`);
    expect(Buffer.from(started.token, 'base64url')).toHaveLength(32);
  });

  it('answers with the token, refuses without, and wires hunts, report and reputation', async () => {
    const without = await fetch(`${started.url}/api/meta`);
    expect(without.status).toBe(401);
    const meta = await fetch(`${started.url}/api/meta`, { headers: { authorization: `Bearer ${started.token}` } });
    expect(meta.status).toBe(200);
    expect(((await meta.json()) as { features: unknown }).features).toEqual({ hunts: true, report: true, reputation: true });
    const report = await fetch(`${started.url}/api/report`, { headers: { authorization: `Bearer ${started.token}` } });
    expect(report.status).toBe(200);
  });

  it('uses the configured token when there is one', async () => {
    const config = loadConfig({ CALLHOUND_TOKEN: 'a-configured-token-of-some-length' });
    const other = await startServer(driver, config, { port: 0 });
    try {
      expect(other.tokenGenerated).toBe(false);
      const res = await fetch(`${other.url}/api/meta`, { headers: { authorization: 'Bearer a-configured-token-of-some-length' } });
      expect(res.status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => other.server.close(() => resolve()));
    }
  });
});
