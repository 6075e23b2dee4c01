import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetGraph, testDriver } from '../helpers/neo4j.js';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { seedUiGraph, sha, uiGraph, xssSubject } from '../helpers/ui-graph.js';

const enc = encodeURIComponent;

describe('the workspace API against the real Neo4j', () => {
  let driver: Driver;
  let server: TestServer;
  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
    await seedUiGraph(driver);
    server = await startTestServer(driver, { maxElements: 1000 });
  });
  afterAll(async () => {
    await server.close();
    await driver.close();
  });

  describe('access', () => {
    it('refuses API calls without the token, with a JSON error', async () => {
      const res = await server.call('/api/meta', { auth: false });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    });
    it('refuses a wrong token', async () => {
      const res = await server.call('/api/meta', { auth: false, headers: { authorization: 'Bearer wrong-token-wrong-token-x' } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    });
    it('ignores a token in the query string', async () => {
      const res = await server.call(`/api/meta?token=${server.token}`, { auth: false });
      expect(res.status).toBe(401);
    });
    it('sends a strict Content-Security-Policy', async () => {
      const res = await server.call('/api/meta');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });
    it('answers unknown endpoints with a JSON 404', async () => {
      const res = await server.call('/api/nope');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    });
  });

  describe('search', () => {
    it.each(['(804) 713-4598', '+1 804.713.4598', '8047134598', 'tel:+18047134598'])('finds the number pasted as %s', async (q) => {
      const res = await server.call(`/api/search?q=${enc(q)}`);
      expect(res.status).toBe(200);
      expect(res.body.kind).toBe('number');
      expect(res.body.normalised).toBe(uiGraph.numberA);
      expect(res.body.results.map((r: { key: string }) => r.key)).toEqual([`PhoneNumber:${uiGraph.numberA}`]);
      expect(res.body.results[0].props.emailCount).toBe(3);
    });
    it('rejects a malformed number with 400 bad_number', async () => {
      const res = await server.call(`/api/search?q=${enc('804-713-459')}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_number');
    });
    it('finds emails by subject words through the full-text index', async () => {
      const res = await server.call(`/api/search?q=${enc('renewal notice')}`);
      expect(res.status).toBe(200);
      expect(res.body.kind).toBe('subject');
      expect(res.body.results[0].key).toBe(`Email:${sha('email-3')}`);
    });
    it('survives Lucene operators in subject words', async () => {
      const res = await server.call(`/api/search?q=${enc('invoice" OR *:* (')}`);
      expect(res.status).toBe(200);
    });
    it('finds an email by id, a cluster by id, a domain and a brand', async () => {
      const email = await server.call(`/api/search?q=${sha('email-1')}`);
      expect(email.body.results[0].key).toBe(`Email:${sha('email-1')}`);
      const cluster = await server.call(`/api/search?q=${uiGraph.clusterA}`);
      expect(cluster.body.results[0].key).toBe(`Cluster:${uiGraph.clusterA}`);
      const domain = await server.call(`/api/search?q=renewals.example`);
      expect(domain.body.results[0].key).toBe('Domain:renewals.example');
      const brand = await server.call(`/api/search?q=paypal&kind=brand`);
      expect(brand.body.results.map((r: { key: string }) => r.key)).toEqual(['Brand:PayPal']);
    });
    it('validates the query', async () => {
      expect((await server.call('/api/search')).status).toBe(400);
      expect((await server.call(`/api/search?q=x&limit=1000`)).body.error.code).toBe('bad_request');
      expect((await server.call(`/api/search?q=x&kind=weird`)).status).toBe(400);
    });
  });

  describe('expand', () => {
    it('returns neighbours by model key with hidden counts per relationship type', async () => {
      const res = await server.call(`/api/nodes/${enc(`PhoneNumber:${uiGraph.numberA}`)}/neighbours`);
      expect(res.status).toBe(200);
      const keys = res.body.nodes.map((n: { key: string }) => n.key);
      expect(keys).toContain(`Email:${sha('email-1')}`);
      expect(keys).toContain('DidBlock:+1804713');
      expect(keys).toContain(`Cluster:${uiGraph.clusterA}`);
      expect(res.body.total).toBe(6); // 3 emails, block, carrier, cluster
      const mentions = res.body.neighbours.find((n: { type: string }) => n.type === 'MENTIONS');
      expect(mentions).toMatchObject({ label: 'Email', count: 3, matching: 3 });
      for (const edge of res.body.edges) expect(edge.id).toBe(`${edge.source}|${edge.type}|${edge.target}`);
      const email = res.body.edges.find((e: { type: string }) => e.type === 'MENTIONS');
      expect(email.target).toBe(`PhoneNumber:${uiGraph.numberA}`);
      expect(JSON.stringify(res.body)).not.toMatch(/elementId|"identity"/);
    });
    it('filters by relationship type, neighbour label and date range', async () => {
      const key = enc(`PhoneNumber:${uiGraph.numberA}`);
      const byType = await server.call(`/api/nodes/${key}/neighbours?types=MENTIONS&from=2024-03-02&to=2024-03-04`);
      expect(byType.body.nodes.map((n: { key: string }) => n.key)).toEqual([`Email:${sha('email-2')}`]);
      expect(byType.body.total).toBe(1);
      const byLabel = await server.call(`/api/nodes/${key}/neighbours?labels=DidBlock,Carrier`);
      expect(byLabel.body.nodes.map((n: { label: string }) => n.label).sort()).toEqual(['Carrier', 'DidBlock']);
    });
    it('pages with limit and next', async () => {
      const key = enc('Brand:PayPal');
      const first = await server.call(`/api/nodes/${key}/neighbours?limit=2`);
      expect(first.body.nodes).toHaveLength(2);
      expect(first.body.total).toBe(3);
      expect(first.body.next).toBe(2);
      const second = await server.call(`/api/nodes/${key}/neighbours?limit=2&skip=2`);
      expect(second.body.nodes).toHaveLength(1);
      expect(second.body.next).toBeNull();
      const all = new Set([...first.body.nodes, ...second.body.nodes].map((n: { key: string }) => n.key));
      expect(all.size).toBe(3);
    });
    it('rejects unknown ids, bad keys, unknown types and oversized limits', async () => {
      const unknown = await server.call(`/api/nodes/${enc('PhoneNumber:+15555550000')}/neighbours`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('not_found');
      const badKey = await server.call(`/api/nodes/${enc('Person:bob')}/neighbours`);
      expect(badKey.status).toBe(400);
      expect(badKey.body.error.code).toBe('bad_key');
      const badType = await server.call(`/api/nodes/${enc(`PhoneNumber:${uiGraph.numberA}`)}/neighbours?types=KNOWS`);
      expect(badType.status).toBe(400);
      const tooMany = await server.call(`/api/nodes/${enc(`PhoneNumber:${uiGraph.numberA}`)}/neighbours?limit=100000`);
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.message).toMatch(/at most/);
      const badDate = await server.call(`/api/nodes/${enc(`PhoneNumber:${uiGraph.numberA}`)}/neighbours?from=yesterday`);
      expect(badDate.status).toBe(400);
    });
  });

  describe('details', () => {
    it('describes a number: formats, line type, carrier, activity, brands, lures, attachments, block, cluster', async () => {
      const res = await server.call(`/api/nodes/${enc(`PhoneNumber:${uiGraph.numberB}`)}`);
      expect(res.status).toBe(200);
      const d = res.body;
      expect(d).toMatchObject({ kind: 'number', e164: uiGraph.numberB, national: '(804) 713-4611', country: 'US', lineType: 'voip', firstSeen: '2024-03-02', lastSeen: '2024-03-04', lifespan: 3, activeDays: 2 });
      expect(d.carriers[0].name).toBe('Bandwidth.com');
      expect(d.timeline).toEqual([{ day: '2024-03-02', emails: 1 }, { day: '2024-03-04', emails: 1 }]);
      expect(d.brands.map((b: { name: string }) => b.name).sort()).toEqual(['Geek Squad', 'PayPal']);
      expect(d.lures[0].name).toBe('invoice-or-billing·urgency·call-phone');
      expect(d.attachmentTypes).toEqual([{ name: 'pdf', count: 1 }]);
      expect(d.blockSiblings.map((s: { e164: string }) => s.e164)).toEqual([uiGraph.numberA]);
      expect(d.cluster.id).toBe(uiGraph.clusterA);
      expect(d.emails[0].context).toContain('8047134611');
    });
    it('describes an email with where each number appeared and its context', async () => {
      const res = await server.call(`/api/nodes/${enc(`Email:${sha('email-2')}`)}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ kind: 'email', subject: 'PayPal order confirmation #88231', from: 'orders@pp-support.example', domain: 'pp-support.example' });
      expect(res.body.attachments).toEqual([{ sha256: sha('att-1'), filename: 'invoice_88231.pdf', bytes: 20480, mime: 'application/pdf', type: 'pdf' }]);
      const a = res.body.numbers.find((n: { e164: string }) => n.e164 === uiGraph.numberA);
      expect(a).toMatchObject({ where: ['pdf'], raw: ['+1 804.713.4598'], context: 'Questions? Call +1 804.713.4598' });
    });
    it('returns an untrusted subject as data, unchanged', async () => {
      const res = await server.call(`/api/nodes/${enc(`Email:${uiGraph.xssEmail}`)}`);
      expect(res.body.subject).toBe(xssSubject);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
    });
    it('describes other nodes generically and 404s unknown ones', async () => {
      const brand = await server.call(`/api/nodes/${enc('Brand:PayPal')}`);
      expect(brand.body).toMatchObject({ kind: 'other', node: { key: 'Brand:PayPal', label: 'Brand' } });
      const missing = await server.call(`/api/nodes/${enc(`Email:${sha('nothing')}`)}`);
      expect(missing.status).toBe(404);
    });
  });

  describe('clusters and timeline', () => {
    it('lists clusters by size with brands and active period', async () => {
      const res = await server.call('/api/clusters');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(2);
      expect(res.body.clusters[0]).toMatchObject({ id: uiGraph.clusterA, size: 2, emails: 4, firstSeen: '2024-03-01', lastSeen: '2024-03-05' });
      expect(res.body.clusters[0].brands.sort()).toEqual(['Geek Squad', 'PayPal']);
      const filtered = await server.call(`/api/clusters?brand=${enc('Norton LifeLock')}`);
      expect(filtered.body.clusters.map((c: { id: string }) => c.id)).toEqual([uiGraph.clusterB]);
      expect((await server.call('/api/clusters?limit=5000')).status).toBe(400);
    });
    it('returns a cluster as a graph, with emails on request', async () => {
      const res = await server.call(`/api/clusters/${uiGraph.clusterA}/graph?emails=true`);
      expect(res.status).toBe(200);
      expect(res.body.nodes.filter((n: { label: string }) => n.label === 'PhoneNumber')).toHaveLength(2);
      expect(res.body.nodes.filter((n: { label: string }) => n.label === 'Email')).toHaveLength(4);
      expect(res.body.truncated).toBe(false);
      const small = await server.call(`/api/clusters/${uiGraph.clusterA}/graph?emails=true&limit=3`);
      expect(small.body.nodes).toHaveLength(3);
      expect(small.body.truncated).toBe(true);
      expect((await server.call('/api/clusters/c-000000000000/graph')).status).toBe(404);
      expect((await server.call(`/api/clusters/${uiGraph.clusterA}/graph?limit=1001`)).status).toBe(400);
    });
    it('gives daily email counts for the timeline brush', async () => {
      const res = await server.call('/api/timeline');
      expect(res.body.days[0]).toEqual({ day: '2024-03-01', emails: 1 });
      expect(res.body.days).toHaveLength(6);
    });
  });

  describe('snapshots', () => {
    const view = {
      title: 'PayPal callback cluster',
      note: 'two numbers from one block',
      query: { kind: 'search', q: '(804) 713-4598' },
      elements: {
        nodes: [
          { key: `PhoneNumber:${uiGraph.numberA}`, label: 'PhoneNumber', caption: uiGraph.numberA, volume: 3, props: { national: '(804) 713-4598', emailCount: 3 } },
          { key: `Email:${uiGraph.xssEmail}`, label: 'Email', caption: xssSubject, volume: 1, props: { subject: xssSubject, from: 'x@evil.example' } },
        ],
        edges: [{ id: `Email:${uiGraph.xssEmail}|MENTIONS|PhoneNumber:${uiGraph.numberA}`, source: `Email:${uiGraph.xssEmail}`, target: `PhoneNumber:${uiGraph.numberA}`, type: 'MENTIONS' }],
      },
      positions: { [`PhoneNumber:${uiGraph.numberA}`]: { x: 0, y: 0 }, [`Email:${uiGraph.xssEmail}`]: { x: 120, y: 40 } },
      view: { layout: 'fcose' },
    };
    let id = '';
    it('saves a view with an unguessable id and lists it', async () => {
      const res = await server.call('/api/snapshots', { method: 'POST', body: JSON.stringify(view) });
      expect(res.status).toBe(201);
      id = res.body.id;
      expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(Buffer.from(id, 'base64url').length).toBeGreaterThanOrEqual(16);
      expect(res.body.url).toBe(`/s/${id}`);
      const other = await server.call('/api/snapshots', { method: 'POST', body: JSON.stringify(view) });
      expect(other.body.id).not.toBe(id);
      const list = await server.call('/api/snapshots');
      expect(list.body.snapshots.map((s: { id: string }) => s.id)).toContain(id);
      const stored = await driver.executeQuery('MATCH (s:Snapshot {id: $id}) RETURN s.elements AS elements', { id });
      expect(String(stored.records[0]?.get('elements'))).toContain(`PhoneNumber:${uiGraph.numberA}`);
    });
    it('opens read-only by link without a token, and not with a made-up id', async () => {
      const data = await server.call(`/s/${id}/data`, { auth: false });
      expect(data.status).toBe(200);
      expect(data.body.title).toBe(view.title);
      expect(data.body.elements.nodes).toHaveLength(2);
      expect(data.body.positions[`Email:${uiGraph.xssEmail}`]).toEqual({ x: 120, y: 40 });
      const guess = await server.call('/s/AAAAAAAAAAAAAAAAAAAAAAAA/data', { auth: false });
      expect(guess.status).toBe(404);
      const listWithoutToken = await server.call('/api/snapshots', { auth: false });
      expect(listWithoutToken.status).toBe(401);
    });
    it('exports CSV, MISP, Cytoscape JSON and SVG', async () => {
      const csv = await server.call(`/s/${id}/export/csv`, { auth: false });
      expect(csv.text.split('\r\n')[1]).toBe(`${uiGraph.numberA},(804) 713-4598,,,,,,3`);
      const misp = await server.call(`/s/${id}/export/misp`, { auth: false });
      const attributes = misp.body.Event.Attribute as Array<{ type: string; value: string; category: string }>;
      expect(attributes).toContainEqual(expect.objectContaining({ type: 'phone-number', value: uiGraph.numberA, category: 'Person' }));
      expect(attributes).toContainEqual(expect.objectContaining({ type: 'email-subject', value: xssSubject }));
      expect(attributes).toContainEqual(expect.objectContaining({ type: 'email-src', value: 'x@evil.example' }));
      const cy = await server.call(`/s/${id}/export/cyjs`, { auth: false });
      expect(cy.body.elements.nodes[0].data.id).toBe(`PhoneNumber:${uiGraph.numberA}`);
      const svg = await server.call(`/s/${id}/export/svg`, { auth: false });
      expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
      expect(svg.text).toContain('&lt;img src=x');
      expect(svg.text).not.toContain('<img');
      expect((await server.call(`/s/${id}/export/docx`, { auth: false })).status).toBe(400);
    });
    it('validates snapshots and imports an exported one under a new id', async () => {
      const bad = await server.call('/api/snapshots', { method: 'POST', body: JSON.stringify({ title: '', elements: { nodes: [{ key: 'nokey' }], edges: [] } }) });
      expect(bad.status).toBe(400);
      const badJson = await server.call('/api/snapshots', { method: 'POST', body: '{not json' });
      expect(badJson.status).toBe(400);
      const exported = await server.call(`/s/${id}/export/json`, { auth: false });
      const imported = await server.call('/api/snapshots/import', { method: 'POST', body: exported.text });
      expect(imported.status).toBe(201);
      expect(imported.body.id).not.toBe(id);
      const again = await server.call(`/api/snapshots/${imported.body.id}`);
      expect(again.body.elements).toEqual(view.elements);
    });
    it('refuses oversized bodies', async () => {
      const huge = JSON.stringify({ ...view, note: 'x'.repeat(9 * 1024 * 1024) });
      const res = await server.call('/api/snapshots', { method: 'POST', body: huge });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('too_large');
    });
    it('deletes a snapshot', async () => {
      expect((await server.call(`/api/snapshots/${id}`, { method: 'DELETE' })).status).toBe(200);
      expect((await server.call(`/s/${id}/data`, { auth: false })).status).toBe(404);
    });
  });

  describe('hunts, report and reputation without their modules', () => {
    it('say so with 503 rather than failing', async () => {
      const res = await server.call('/api/report');
      expect([200, 503]).toContain(res.status);
    });
  });
});
