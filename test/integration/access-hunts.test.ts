import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRows } from '../../src/graph/driver.js';
import { huntsProvider } from '../../src/server/hunts-provider.js';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { huntBypasses } from '../helpers/hunt-bypasses.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';
import { seedUiGraph } from '../helpers/ui-graph.js';

/**
 * Hunts cannot write, through the API either: hunt files in the user's directory that try to create, set,
 * merge, delete, call writing procedures, load files or batch writes are refused when run over HTTP, hostile
 * parameter values stay parameters, and the graph (nodes, relationships, properties, label tokens) is
 * exactly what it was.
 */

const writingHunts: Record<string, string> = {
  'w-create': 'CREATE (n:Pwned {by: "hunt"}) RETURN n',
  'w-create-lower': 'create (n:Pwned) return n',
  'w-merge': 'MERGE (n:Pwned {x: 1}) RETURN n',
  'w-set': 'MATCH (p:PhoneNumber) SET p.pwned = true RETURN p',
  'w-set-map': 'MATCH (p:PhoneNumber) SET p += {pwned: true} RETURN p',
  'w-remove': 'MATCH (p:PhoneNumber) REMOVE p.country RETURN p',
  'w-delete': 'MATCH (n) DETACH DELETE n RETURN count(*) AS gone',
  'w-delete-commented': 'MATCH (n) /* harmless */ DETACH /* really */ DELETE n RETURN 1 AS one',
  'w-subquery': 'CALL () { CREATE (:Pwned) } RETURN 1 AS one',
  'w-foreach': 'MATCH (p:PhoneNumber) FOREACH (x IN [1] | CREATE (:Pwned)) RETURN p',
  'w-union': 'RETURN 1 AS a UNION ALL CREATE (n:Pwned) RETURN 1 AS a',
  'w-in-transactions': 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS RETURN 1 AS one',
  'w-create-label': "CALL db.createLabel('Pwned') RETURN 1 AS one",
  'w-create-property': "CALL db.createProperty('pwned') RETURN 1 AS one",
  'w-apoc': "CALL apoc.cypher.runWrite('CREATE (:Pwned)', {}) YIELD value RETURN value",
  'w-load-csv': "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
  'w-clear-caches': 'CALL db.clearQueryCaches() YIELD value RETURN value',
  'w-set-config': "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF') RETURN 1 AS one",
  'w-create-index': 'CREATE INDEX pwned FOR (n:Pwned) ON (n.x)',
  'w-drop-constraint': 'DROP CONSTRAINT phone_e164 IF EXISTS',
  'w-use-system': 'USE system CREATE USER pwned SET PASSWORD "pwned-password"',
  // Changes no graph data, so it passes EXPLAIN and a READ transaction, but it kills other sessions' work.
  'w-terminate': 'TERMINATE TRANSACTIONS "neo4j-transaction-1"',
  'w-terminate-lower': "terminate transaction 'neo4j-transaction-2' YIELD message RETURN message",
};

async function graphState(driver: Driver): Promise<{ nodes: number; relationships: number; properties: number; labels: string[]; propertyKeys: string[] }> {
  const [counts] = await readRows<{ nodes: number; relationships: number; properties: number }>(
    driver,
    `MATCH (n) WITH count(n) AS nodes, sum(size(keys(n))) AS nodeProps
     OPTIONAL MATCH ()-[r]->() WITH nodes, nodeProps, count(r) AS relationships, sum(size(keys(r))) AS relProps
     RETURN nodes, relationships, nodeProps + relProps AS properties`,
    {},
  );
  const labels = (await readRows<{ label: string }>(driver, 'CALL db.labels() YIELD label RETURN label ORDER BY label', {})).map((r) => r.label);
  const propertyKeys = (await readRows<{ key: string }>(driver, 'CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey AS key ORDER BY key', {})).map((r) => r.key);
  return { ...(counts as { nodes: number; relationships: number; properties: number }), labels, propertyKeys };
}

describe('access: hunts cannot write, also through the API', () => {
  let driver: Driver;
  let server: TestServer;
  let huntsDir: string;
  let before: Awaited<ReturnType<typeof graphState>>;
  // Where a hunt that got out would send the graph's numbers: it must receive nothing.
  let listener: net.Server;
  let leaks = 0;
  let bypasses: ReturnType<typeof huntBypasses>;

  beforeAll(async () => {
    listener = net.createServer((socket) => {
      leaks += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    bypasses = huntBypasses(`http://127.0.0.1:${(listener.address() as net.AddressInfo).port}/leak`);
    huntsDir = mkdtempSync(path.join(os.tmpdir(), 'callhound-access-hunts-'));
    for (const [name, statement] of [...Object.entries(writingHunts), ...Object.entries(bypasses).map(([n, b]) => [n, b.statement] as const)]) {
      writeFileSync(path.join(huntsDir, `${name}.cypher`), `// @title ${name}\n// @result table\n${statement}\n`);
    }
    writeFileSync(
      path.join(huntsDir, 'numbers-by-brand.cypher'),
      '// @title Numbers by brand\n// @result table\n// @param brand string = PayPal -- brand\nMATCH (b:Brand {name: $brand})<-[:IMPERSONATES]-(:Email)-[:MENTIONS]->(p:PhoneNumber) RETURN DISTINCT p.e164 AS number ORDER BY number\n',
    );
    driver = await testDriver();
    await resetGraph(driver);
    await seedUiGraph(driver);
    server = await startTestServer(driver, { hunts: huntsProvider(driver, { region: 'US', userDir: huntsDir }) });
    before = await graphState(driver);
    expect(before.nodes).toBeGreaterThan(10);
    expect(before.labels).not.toContain('Pwned');
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
    await server?.close();
    await driver?.close();
    rmSync(huntsDir, { recursive: true, force: true });
  });

  it('a read-only user hunt runs over the API (the refusals below are about writing)', async () => {
    const res = await server.call('/api/hunts/numbers-by-brand/run', { method: 'POST', body: JSON.stringify({ params: { brand: 'PayPal' } }) });
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { number: string }) => r.number)).toEqual(['+18047134598', '+18047134611']);
  });

  it.each(Object.keys(writingHunts))('refuses the writing hunt %s over the API', async (name) => {
    const res = await server.call(`/api/hunts/${name}/run`, { method: 'POST', body: '{}' });
    // 404: refused when the directory was read (never in the catalog); 422: refused before running; never 200 or 500.
    expect([404, 422], `${name}: ${res.status} ${res.text.slice(0, 300)}`).toContain(res.status);
    expect(res.text).not.toMatch(/root:.*:0:0:/);
  });

  it('refuses every guard bypass at load: not listed, and 404 when run (issue 15)', async () => {
    const listed = ((await server.call('/api/hunts')).body.hunts as { id: string }[]).map((h) => h.id);
    expect(listed).toContain('numbers-by-brand');
    for (const name of Object.keys(bypasses)) {
      expect(listed, name).not.toContain(name);
      const res = await server.call(`/api/hunts/${name}/run`, { method: 'POST', body: '{}' });
      expect(res.status, `${name}: ${res.text.slice(0, 300)}`).toBe(404);
      expect(res.text).not.toMatch(/root:.*:0:0:/);
    }
    expect(leaks).toBe(0);
  });

  it('hostile parameter values stay values', async () => {
    for (const brand of ["PayPal'}) DETACH DELETE b //", 'PayPal"}) SET b.pwned = true //', '$brand', '`Brand`', 'PayPal\u0000CREATE (:Pwned)']) {
      const res = await server.call('/api/hunts/numbers-by-brand/run', { method: 'POST', body: JSON.stringify({ params: { brand } }) });
      expect(res.status, brand).toBe(200);
      expect(res.body.rows, brand).toEqual([]);
    }
  });

  it('the graph is exactly as it was: no node, relationship, property, label or property key added or removed', async () => {
    expect(await graphState(driver)).toEqual(before);
  });
});
