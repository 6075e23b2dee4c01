import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { huntsProvider } from '../../src/server/hunts-provider.js';
import { reportProvider, reputationProvider } from '../../src/server/optional-providers.js';
import { Api, ApiError, sharedSnapshot, snapshotExport, snapshotPage } from '../../web/src/api.js';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';
import { seedUiGraph, sha, uiGraph } from '../helpers/ui-graph.js';

/**
 * The workspace's API client (web/src/api.ts) against the real server: every typed method reaches the route
 * it names and gets the answer its contract type (src/api/contract.ts) describes. The compiler checks the
 * types; this checks the URLs, methods, queries and bodies that the types cannot see.
 */
describe('the workspace API client against the real server', () => {
  let driver: Driver;
  let server: TestServer;
  let api: Api;
  const numberKey = `PhoneNumber:${uiGraph.numberA}`;
  const emailKey = `Email:${sha('email-2')}`;
  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
    await seedUiGraph(driver);
    server = await startTestServer(driver, {
      hunts: huntsProvider(driver, { region: 'US', userDir: path.resolve(import.meta.dirname, '../e2e/fixtures/hunts') }),
      report: reportProvider(driver),
      reputation: reputationProvider(driver, { region: 'US' }),
    });
    api = new Api(server.token, server.url);
  });
  afterAll(async () => {
    await server.close();
    await driver.close();
  });

  it('meta and health', async () => {
    const meta = await api.meta();
    expect(meta).toMatchObject({ version: expect.any(String), region: 'US', maxElements: 3000, features: { hunts: true, report: true, reputation: true } });
    expect(meta.labels).toContain('PhoneNumber');
    expect(meta.relationshipTypes).toContain('MENTIONS');
    expect(meta.palette.PhoneNumber?.colour).toMatch(/^#/);
    const health = await api.health();
    expect(health.database).toBe('up');
    expect(health.cache?.entries).toEqual(expect.any(Number));
  });

  it('search, by what was typed and as a forced key', async () => {
    const typed = await api.search('(804) 713-4598');
    expect(typed).toMatchObject({ kind: 'number', normalised: uiGraph.numberA });
    expect(typed.results.map((r) => r.key)).toEqual([numberKey]);
    const byKey = await api.search(emailKey, 'key');
    expect(byKey.kind).toBe('key');
    expect(byKey.results[0]).toMatchObject({ key: emailKey, label: 'Email', caption: 'PayPal order confirmation #88231' });
  });

  it('neighbours, with lists and paging in the query', async () => {
    const all = await api.neighbours(numberKey);
    expect(all.node.key).toBe(numberKey);
    expect(all.neighbours.find((n) => n.type === 'MENTIONS')).toMatchObject({ label: 'Email', count: 3 });
    const page = await api.neighbours(numberKey, { types: ['MENTIONS'], labels: ['Email'], limit: 1 });
    expect(page.nodes).toHaveLength(1);
    expect(page.edges[0]).toMatchObject({ type: 'MENTIONS', target: numberKey });
    expect(page.next).toBe(1);
    const dated = await api.neighbours(numberKey, { types: ['MENTIONS'], from: '2024-03-02', to: '2024-03-02' });
    expect(dated.nodes.map((n) => n.key)).toEqual([emailKey]);
  });

  it('node details of each kind', async () => {
    const number = await api.node(numberKey);
    if (number.kind !== 'number') throw new Error(`expected number details, got ${number.kind}`);
    expect(number).toMatchObject({ e164: uiGraph.numberA, emailCount: expect.any(Number) });
    expect(number.timeline[0]).toEqual({ day: '2024-03-01', emails: 1 });
    const email = await api.node(emailKey);
    if (email.kind !== 'email') throw new Error(`expected email details, got ${email.kind}`);
    expect(email).toMatchObject({ subject: 'PayPal order confirmation #88231', sentAt: '2024-03-02T10:00:00.000Z', platform: null });
    expect(email.attachments[0]).toMatchObject({ filename: 'invoice_88231.pdf', type: 'pdf' });
    const brand = await api.node('Brand:PayPal');
    expect(brand).toMatchObject({ kind: 'other', node: { key: 'Brand:PayPal' }, props: { name: 'PayPal' } });
  });

  it('clusters and a cluster as a graph', async () => {
    const list = await api.clusters({ limit: 10, minSize: 1 });
    expect(list.total).toBe(2);
    expect(list.clusters.map((c) => c.id)).toContain(uiGraph.clusterA);
    const filtered = await api.clusters({ brand: 'Norton LifeLock' });
    expect(filtered.clusters.map((c) => c.id)).toEqual([uiGraph.clusterB]);
    const graph = await api.clusterGraph(uiGraph.clusterA, { emails: true, limit: 50 });
    expect(graph.cluster.key).toBe(`Cluster:${uiGraph.clusterA}`);
    expect(graph.nodes.some((n) => n.label === 'Email')).toBe(true);
    const numbersOnly = await api.clusterGraph(uiGraph.clusterA, { emails: false, limit: 50 });
    expect(numbersOnly.nodes.every((n) => n.label === 'PhoneNumber')).toBe(true);
  });

  it('timeline, report and reputation', async () => {
    const timeline = await api.timeline();
    expect(timeline.days[0]).toEqual({ day: '2024-03-01', emails: 1 });
    const report = await api.report();
    expect(report.emails).toBe(6);
    expect(report.lifespan.all.numbers).toEqual(expect.any(Number));
    const reputation = await api.reputation('804-713-4598');
    expect(reputation).toMatchObject({ number: uiGraph.numberA, known: true });
  });

  it('hunts: the list and a run with parameters in the body', async () => {
    const { hunts } = await api.hunts();
    const hunt = hunts.find((h) => h.id === 'e2e-numbers-by-brand');
    expect(hunt?.params[0]).toMatchObject({ name: 'brand', type: 'string', default: 'PayPal' });
    const run = await api.runHunt('e2e-numbers-by-brand', { brand: 'Norton LifeLock' });
    expect(run).toMatchObject({ hunt: 'e2e-numbers-by-brand', result: 'graph', params: { brand: 'Norton LifeLock' } });
    expect(run.nodes.map((n) => n.key)).toContain(`PhoneNumber:${uiGraph.numberC}`);
  });

  it('snapshots: save, list, read by link, export a view', async () => {
    const body = { title: 'client test', note: 'from the API client', elements: { nodes: [{ key: numberKey, label: 'PhoneNumber', caption: uiGraph.numberA }], edges: [] } };
    const saved = await api.saveSnapshot(body);
    expect(saved.url).toBe(snapshotPage(saved.id));
    const { snapshots } = await api.snapshots();
    expect(snapshots.find((s) => s.id === saved.id)).toMatchObject({ title: 'client test', nodes: 1, created: saved.created });
    const shared = await sharedSnapshot(saved.id, server.url);
    expect(shared).toMatchObject({ id: saved.id, note: 'from the API client', elements: { nodes: [{ key: numberKey }] } });
    const csv = await api.exportView('csv', body);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain(uiGraph.numberA);
    const file = await fetch(`${server.url}${snapshotExport(saved.id, 'json')}`);
    expect(file.status).toBe(200);
  });

  it('errors arrive as ApiError with the server’s code and message', async () => {
    await expect(api.node('PhoneNumber:+19995550123')).rejects.toMatchObject({ status: 404, code: 'not_found' });
    await expect(api.clusters({ limit: 100_000 })).rejects.toMatchObject({ status: 400, code: 'bad_request' });
    await expect(new Api('wrong-token', server.url).meta()).rejects.toBeInstanceOf(ApiError);
    await expect(sharedSnapshot('A'.repeat(24), server.url)).rejects.toMatchObject({ status: 404, code: 'not_found', message: 'no such snapshot' });
    await expect(api.exportView('svg', { title: '', elements: { nodes: [], edges: [] } })).rejects.toMatchObject({ status: 400, code: 'bad_request' });
  });
});
