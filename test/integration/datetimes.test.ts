import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRows } from '../../src/graph/driver.js';
import { loadHunts, runHunt } from '../../src/hunts/index.js';
import { huntsProvider } from '../../src/server/hunts-provider.js';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';
import { tempDirs } from '../helpers/temp-dirs.js';

/**
 * One instant prints one way wherever it leaves callhound (src/graph/values.ts): in the API's search, node
 * details and hunt answers, in a hunt run from the CLI's code path, and in snapshots — always as JavaScript
 * prints an instant (`Date#toISOString`), whatever offset or zone the database stored it with.
 */
const stored = [
  // How the loader writes sentAt (src/graph/rows.ts utcInstant): UTC with milliseconds.
  { id: 'e'.repeat(63) + '1', sentAt: '2026-03-03T10:00:00.250Z' },
  // Written by another tool with an offset: the same kind of value, another text from Neo4j.
  { id: 'e'.repeat(63) + '2', sentAt: '2026-03-03T10:00:00.250+02:00' },
  // With a zone id, and no fraction at all.
  { id: 'e'.repeat(63) + '3', sentAt: '2026-03-03T10:00:00[Europe/Berlin]' },
];
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const tableHunt = `// @title Sent at (datetimes test)
// @result table
// @param id string required -- email id
MATCH (e:Email {id: $id}) RETURN e.sentAt AS sentAt, {at: e.sentAt} AS nested, [e.sentAt] AS list
`;
const graphHunt = `// @title Email as a graph (datetimes test)
// @result graph
// @param id string required -- email id
MATCH (e:Email {id: $id}) RETURN e
`;

describe('datetimes leave callhound in one form', () => {
  const dirs = tempDirs();
  let driver: Driver;
  let server: TestServer;
  let huntsDir: string;
  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
    await writeRows(driver, `UNWIND $rows AS row CREATE (:Email {id: row.id, subject: 'datetime ' + row.id, sentAt: datetime(row.sentAt), day: date(datetime(row.sentAt))})`, { rows: stored });
    huntsDir = dirs.make('callhound-datetimes-');
    writeFileSync(path.join(huntsDir, 'test-sent-at.cypher'), tableHunt);
    writeFileSync(path.join(huntsDir, 'test-email-graph.cypher'), graphHunt);
    server = await startTestServer(driver, { hunts: huntsProvider(driver, { region: 'US', userDir: huntsDir }) });
  });
  afterAll(async () => {
    await server.close();
    await driver.close();
  });

  it.each(stored)('prints $sentAt the same in a hunt result and in the API answers', async ({ id, sentAt }) => {
    // Europe/Berlin is UTC+1 in March.
    const expected = new Date(sentAt.replace('[Europe/Berlin]', '+01:00')).toISOString();

    const details = await server.call(`/api/nodes/${encodeURIComponent(`Email:${id}`)}`);
    expect(details.status, details.text).toBe(200);
    const search = await server.call(`/api/search?kind=key&q=${encodeURIComponent(`Email:${id}`)}`);
    expect(search.status, search.text).toBe(200);
    const apiHunt = await server.call('/api/hunts/test-sent-at/run', { method: 'POST', body: JSON.stringify({ params: { id } }) });
    expect(apiHunt.status, apiHunt.text).toBe(200);

    const catalog = await loadHunts({ defaultRegion: 'US', userDir: huntsDir });
    const table = await runHunt(driver, catalog.hunts.get('test-sent-at')!, { id }, { defaultRegion: 'US' });
    const graph = await runHunt(driver, catalog.hunts.get('test-email-graph')!, { id }, { defaultRegion: 'US' });

    const printed = {
      'API node details': details.body.sentAt,
      'API search node': search.body.results[0]?.props.sentAt,
      'API hunt row': apiHunt.body.rows[0]?.sentAt,
      'API hunt row, in a map': apiHunt.body.rows[0]?.nested.at,
      'API hunt row, in a list': apiHunt.body.rows[0]?.list[0],
      'hunt row (CLI)': table.rows[0]?.sentAt,
      'hunt graph node (CLI)': graph.graph?.nodes[0]?.properties.sentAt,
    };
    expect(printed).toEqual(Object.fromEntries(Object.keys(printed).map((where) => [where, expected])));
  });

  it('prints a snapshot’s creation time as an instant too, saved and listed alike', async () => {
    const body = { title: 'datetimes', elements: { nodes: [{ key: `Email:${stored[0]!.id}`, label: 'Email' }], edges: [] } };
    const saved = await server.call('/api/snapshots', { method: 'POST', body: JSON.stringify(body) });
    expect(saved.status, saved.text).toBe(201);
    expect(saved.body.created).toMatch(isoInstant);
    const fetched = await server.call(`/api/snapshots/${saved.body.id}`);
    const listed = await server.call('/api/snapshots');
    expect(fetched.body.created).toBe(saved.body.created);
    expect(listed.body.snapshots.find((s: { id: string }) => s.id === saved.body.id)?.created).toBe(saved.body.created);
  });
});
