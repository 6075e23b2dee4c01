import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportProvider, reputationProvider } from '../../src/server/optional-providers.js';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';
import { seedUiGraph, uiGraph } from '../helpers/ui-graph.js';

describe('report data and reputation through the API', () => {
  let driver: Driver;
  let server: TestServer;
  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
    await seedUiGraph(driver);
    server = await startTestServer(driver, { report: reportProvider(driver), reputation: reputationProvider(driver, { region: 'US' }) });
  });
  afterAll(async () => {
    await server.close();
    await driver.close();
  });

  it('serves the report data the insights view charts', async () => {
    const res = await server.call('/api/report');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ emails: 6, datedEmails: 6, uniqueNumbers: 4, firstDay: '2024-03-01', lastDay: '2024-04-12' });
    expect(res.body.clusters.count).toBe(2);
    expect(res.body.lineTypes).toContainEqual(['voip', 2]);
  });

  it('scores a number pasted in any format, and refuses a malformed one', async () => {
    const res = await server.call(`/api/reputation/${encodeURIComponent('(804) 713-4598')}`);
    expect(res.status, res.text).toBe(200);
    expect(JSON.stringify(res.body)).toContain(uiGraph.numberA);
    const bad = await server.call('/api/reputation/abc');
    expect(bad.status).toBe(400);
    expect((await server.call('/api/report', { auth: false })).status).toBe(401);
  });
});
