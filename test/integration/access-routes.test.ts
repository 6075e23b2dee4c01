import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { huntsProvider } from '../../src/server/hunts-provider.js';
import { reportProvider, reputationProvider } from '../../src/server/optional-providers.js';
import { appRoutes, fillPath, type AppRoute } from '../helpers/access.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';
import { seedUiGraph, uiGraph } from '../helpers/ui-graph.js';

/**
 * Every route of the app as `callhound serve` builds it, read from Express's router stack: all of them refuse
 * a request without the token (401), with a wrong token (403) and with a snapshot id used as a token (403),
 * except the named public ones (the workspace page and the read-only snapshot links). A route added later is
 * enumerated too, so it cannot be forgotten; the checker itself is shown to catch an unprotected route.
 */

const token = 'access-test-token-0123456789abcdef';
/** Public on purpose: the page shell (no data; the token lives in the URL fragment) and snapshot links (the unguessable id is the permission). */
const publicRoutes = new Set(['GET /', 'GET /s/:id', 'GET /s/:id/data', 'GET /s/:id/export/:format']);
/** A value for each route parameter, valid enough that a route answering without the token would answer 200. */
const sampleValues: Record<string, string> = {
  key: `PhoneNumber:${uiGraph.numberA}`,
  number: uiGraph.numberA,
  id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
  format: 'json',
};

async function listen(app: Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The routes that answer something other than `expected` for a request carrying `headers`. */
async function routesNotAnswering(url: string, routes: AppRoute[], headers: Record<string, string>, expected: number): Promise<string[]> {
  const wrong: string[] = [];
  for (const route of routes) {
    const init: RequestInit = { method: route.method, headers: { ...headers, 'content-type': 'application/json' } };
    if (route.method !== 'GET' && route.method !== 'HEAD') init.body = '{}';
    const res = await fetch(`${url}${fillPath(route.path, sampleValues)}`, init);
    await res.arrayBuffer();
    if (res.status !== expected) wrong.push(`${route.method} ${route.path} answered ${res.status}`);
  }
  return wrong;
}

describe('access: every API route needs the token', () => {
  let driver: Driver;
  let app: Express;
  let server: { url: string; close: () => Promise<void> };
  let routes: AppRoute[];
  let snapshotId: string;

  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
    await seedUiGraph(driver);
    app = createApp({
      driver,
      token,
      region: 'US',
      log: () => undefined,
      hunts: huntsProvider(driver, { region: 'US' }),
      report: reportProvider(driver),
      reputation: reputationProvider(driver, { region: 'US' }),
    });
    routes = appRoutes(app);
    server = await listen(app);
    const saved = await fetch(`${server.url}/api/snapshots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'shared view', elements: { nodes: [{ key: `PhoneNumber:${uiGraph.numberA}`, label: 'PhoneNumber' }], edges: [] } }),
    });
    expect(saved.status).toBe(201);
    snapshotId = ((await saved.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await server?.close();
    await driver?.close();
  });

  it('finds the routes from the router stack (the walker works)', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(expect.arrayContaining(['GET /api/search', 'GET /api/nodes/:key/neighbours', 'POST /api/hunts/:id/run', 'DELETE /api/snapshots/:id', 'POST /api/export/:format', 'GET /s/:id/data']));
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const name of publicRoutes) expect(names, `public route ${name} no longer exists: update the list`).toContain(name);
  });

  it('refuses every non-public route without a token (401)', async () => {
    const protectedRoutes = routes.filter((r) => !publicRoutes.has(`${r.method} ${r.path}`));
    expect(protectedRoutes.length).toBeGreaterThanOrEqual(15);
    expect(await routesNotAnswering(server.url, protectedRoutes, {}, 401)).toEqual([]);
  });

  it('refuses every non-public route with a wrong token, or with a snapshot link id as the token (403)', async () => {
    const protectedRoutes = routes.filter((r) => !publicRoutes.has(`${r.method} ${r.path}`));
    expect(await routesNotAnswering(server.url, protectedRoutes, { authorization: 'Bearer wrong-token-0123456789abcdef' }, 403)).toEqual([]);
    expect(await routesNotAnswering(server.url, protectedRoutes, { authorization: `Bearer ${snapshotId}` }, 403)).toEqual([]);
    expect(await routesNotAnswering(server.url, protectedRoutes, { 'x-callhound-token': snapshotId }, 403)).toEqual([]);
  });

  it('lets the token through on every route (the refusals above are the token check, not bad sample values)', async () => {
    const protectedRoutes = routes.filter((r) => !publicRoutes.has(`${r.method} ${r.path}`));
    const refused: string[] = [];
    for (const route of protectedRoutes) {
      const res = await fetch(`${server.url}${fillPath(route.path, sampleValues)}`, {
        method: route.method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(route.method === 'GET' ? {} : { body: '{}' }),
      });
      await res.arrayBuffer();
      if (res.status === 401 || res.status === 403) refused.push(`${route.method} ${route.path}`);
    }
    expect(refused).toEqual([]);
  });

  it('does not take the token from the query string, and answers unknown API paths with 401 rather than revealing what exists', async () => {
    const inQuery = await fetch(`${server.url}/api/meta?token=${token}&access_token=${token}`);
    expect(inQuery.status).toBe(401);
    const unknown = await fetch(`${server.url}/api/no-such-thing`);
    expect(unknown.status).toBe(401);
    const unknownMethod = await fetch(`${server.url}/api/search?q=x`, { method: 'PUT' });
    expect(unknownMethod.status).toBe(401);
  });

  it('the checker catches an unprotected route (negative control)', async () => {
    // The same app with one leaky route in front, as a careless change would add it.
    const leaky = express();
    leaky.get('/api/leak', (_req, res) => {
      res.json({ secret: true });
    });
    leaky.use(app);
    const leakyServer = await listen(leaky);
    try {
      const leakyRoutes = appRoutes(leaky).filter((r) => !publicRoutes.has(`${r.method} ${r.path}`));
      expect(leakyRoutes.map((r) => `${r.method} ${r.path}`)).toContain('GET /api/leak');
      expect(await routesNotAnswering(leakyServer.url, leakyRoutes, {}, 401)).toEqual(['GET /api/leak answered 200']);
    } finally {
      await leakyServer.close();
    }
  });
});
