import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readRows } from '../../src/graph/driver.js';
import { loadObservations, recordIngestIssues } from '../../src/graph/load.js';
import { ingestObservations } from '../../src/ingest/pipeline.js';
import { observation, smallCorpus } from '../graph/corpus-fixture.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

async function labelCounts(driver: Driver): Promise<Record<string, number>> {
  // GraphState is the change counter (src/graph/graph-version.ts), bookkeeping rather than data.
  const rows = await readRows<{ label: string; n: number }>(driver, 'MATCH (n) WHERE NOT n:GraphState UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label');
  return Object.fromEntries(rows.map((r) => [r.label, r.n]));
}

async function relCounts(driver: Driver): Promise<Record<string, number>> {
  const rows = await readRows<{ type: string; n: number }>(driver, 'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type');
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}

/** Every node and relationship with its properties, for "nothing changed" comparisons. */
async function dump(driver: Driver): Promise<string> {
  const nodes = await readRows(driver, 'MATCH (n) WHERE NOT n:GraphState RETURN labels(n) AS labels, properties(n) AS props');
  const rels = await readRows(driver, 'MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(r) AS props, properties(a) AS a, properties(b) AS b');
  return JSON.stringify([...nodes, ...rels].map((x) => JSON.stringify(canonical(x))).sort());
}

/** Map keys sorted: Neo4j returns a node's properties in storage order, which a rewrite of equal values may change. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

describe('loading observations into Neo4j', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
  });
  afterAll(async () => driver.close());
  beforeEach(async () => resetGraph(driver));

  it('writes exactly the nodes and relationships of the planted corpus', async () => {
    const counts = await loadObservations(driver, smallCorpus, { source: 'test' });
    expect(counts).toMatchObject({ emails: 5, newEmails: 5, numbers: 4, newNumbers: 4, mentions: 5 });
    expect(await labelCounts(driver)).toEqual({ Email: 5, PhoneNumber: 4, DidBlock: 3, Brand: 2, Lure: 1, Attachment: 2, AttachmentType: 2, Domain: 2 });
    expect(await relCounts(driver)).toEqual({ MENTIONS: 5, IN_BLOCK: 4, IMPERSONATES: 3, USES_LURE: 2, HAS_ATTACHMENT: 3, OF_TYPE: 2, SENT_FROM: 4 });

    const [n1] = await readRows(driver, "MATCH (p:PhoneNumber {e164: '+18047134598'})-[:IN_BLOCK]->(b:DidBlock) RETURN p.lineType AS lineType, p.lineTypeSource AS source, p.numberType AS numberType, p.national AS national, b.prefix AS prefix, b.numberCount AS blockNumbers");
    expect(n1).toEqual({ lineType: 'voip', source: 'libphonenumber', numberType: 'VOIP', national: '(804) 713-4598', prefix: '+1804713', blockNumbers: 2 });
    const [mobile] = await readRows(driver, "MATCH (p:PhoneNumber {e164: '+13125550100'}) RETURN p.lineType AS lineType");
    expect(mobile?.lineType).toBe('wireless');

    const emails = await readRows(driver, "MATCH (e:Email) RETURN e.file AS file, toString(e.day) AS day, e.brand AS brand, e.context AS context, e.issueCount AS issues, e.source AS source ORDER BY file");
    expect(emails).toEqual([
      { file: 'e1.eml', day: '2026-03-03', brand: 'PayPal', context: 'order-confirmation', issues: 0, source: 'test' },
      { file: 'e2.eml', day: '2026-03-04', brand: 'PayPal', context: null, issues: 0, source: 'test' },
      { file: 'e3.eml', day: '2026-03-04', brand: null, context: null, issues: 0, source: 'test' },
      { file: 'e4.eml', day: null, brand: null, context: null, issues: 2, source: 'test' },
      { file: 'e5.eml', day: '2026-03-05', brand: null, context: null, issues: 0, source: 'test' },
    ]);
    const [ints] = await readRows(driver, "MATCH (e:Email {file: 'e4.eml'}) MATCH (a:Attachment {filename: 'photo.heic'}) RETURN valueType(e.issueCount) AS issues, valueType(a.bytes) AS bytes, a.bytes AS size");
    expect(ints).toEqual({ issues: 'INTEGER NOT NULL', bytes: 'INTEGER NOT NULL', size: 2 });
    const lures = await readRows(driver, 'MATCH (:Email)-[r:USES_LURE]->(l:Lure) RETURN l.key AS key, r.layer AS layer ORDER BY layer');
    expect(lures).toEqual([
      { key: 'order-confirmation·urgency·call-phone', layer: 'body' },
      { key: 'order-confirmation·urgency·call-phone', layer: 'email' },
    ]);
    const primary = await readRows(driver, 'MATCH (:Email)-[r:IMPERSONATES]->(b:Brand) RETURN b.name AS brand, r.primary AS primary ORDER BY brand, primary');
    expect(primary).toEqual([
      { brand: 'Norton LifeLock', primary: false },
      { brand: 'PayPal', primary: true },
      { brand: 'PayPal', primary: true },
    ]);
  });

  it('is idempotent: loading again, in other batches, changes nothing', async () => {
    await loadObservations(driver, smallCorpus, { source: 'test' });
    const before = await dump(driver);
    const again = await loadObservations(driver, smallCorpus.slice(0, 2), { source: 'test' });
    await loadObservations(driver, smallCorpus.slice(2), { source: 'test' });
    expect(again).toMatchObject({ newEmails: 0, newNumbers: 0, nodesCreated: 0, relationshipsCreated: 0 });
    expect(await dump(driver)).toBe(before);
  });

  it('skips known ids in the pipeline and records bad input as IngestIssues', async () => {
    const first = await ingestObservations(driver, smallCorpus.slice(0, 3), { source: 'test', batchSize: 2 });
    expect(first).toMatchObject({ messages: 3, newEmails: 3, skipped: 0 });
    const second = await ingestObservations(driver, [...smallCorpus, { file: 'bad.jsonl:7', code: 'bad_jsonl', error: 'not JSON' }], { source: 'test', batchSize: 2 });
    expect(second).toMatchObject({ messages: 6, skipped: 3, newEmails: 2, errors: 1, issues: 1 });
    await recordIngestIssues(driver, [{ source: 'test', file: 'bad.jsonl:7', code: 'bad_jsonl', message: 'not JSON' }]);
    const issues = await readRows(driver, 'MATCH (i:IngestIssue) RETURN i.file AS file, i.code AS code, i.source AS source');
    expect(issues).toEqual([{ file: 'bad.jsonl:7', code: 'bad_jsonl', source: 'test' }]);
    expect((await labelCounts(driver)).Email).toBe(5);
  });

  it('stops after the batch in flight when interrupted (Ctrl-C), and a rerun finishes the job', async () => {
    const corpus = Array.from({ length: 60 }, (_, i) => observation({ key: `int${i}`, numbers: [`+1202555${String(1000 + i).padStart(4, '0')}`] }));
    const controller = new AbortController();
    const first = await ingestObservations(driver, corpus, { source: 'int', batchSize: 10, signal: controller.signal, onBatch: () => controller.abort() });
    expect(first.interrupted).toBe(true);
    expect(first.loaded).toBeLessThan(60);
    expect(first.loaded % 10).toBe(0);
    expect((await labelCounts(driver)).Email).toBe(first.loaded);
    const second = await ingestObservations(driver, corpus, { source: 'int', batchSize: 10 });
    expect(second).toMatchObject({ interrupted: false, messages: 60, skipped: first.loaded, newEmails: 60 - first.loaded });
    expect(await labelCounts(driver)).toMatchObject({ Email: 60, PhoneNumber: 60 });
  });

  it('resumes after the ingest process is killed mid-run: same graph as one clean run', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'callhound-resume-'));
    try {
      // 1500 emails, 750 numbers in 15 blocks; batches of 50 so the kill lands between and inside batches.
      const corpus = Array.from({ length: 1500 }, (_, i) =>
        observation({ key: `m${i}`, date: `2026-03-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`, numbers: [`+1804${String(700 + (i % 15)).padStart(3, '0')}${String(1000 + (i % 750)).padStart(4, '0')}`], brand: i % 2 ? 'PayPal' : 'McAfee', domain: `d${i % 7}.test` }),
      );
      const file = path.join(dir, 'corpus.jsonl');
      writeFileSync(file, `${corpus.map((o) => JSON.stringify(o)).join('\n')}\n`);
      const cli = (): ReturnType<typeof spawn> =>
        spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'ingest', '--jsonl', file, '--batch-size', '50', '--no-analyze', '--source', 'resume'], { env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });

      const victim = cli();
      // Kill it (no chance to clean up) once some batches are committed and more are in flight.
      for (let i = 0; i < 600; i += 1) {
        const [row] = await readRows<{ n: number }>(driver, 'MATCH (e:Email) RETURN count(e) AS n');
        if ((row?.n ?? 0) >= 300) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      victim.kill('SIGKILL');
      await new Promise((r) => victim.once('exit', r));
      const [partial] = await readRows<{ n: number }>(driver, 'MATCH (e:Email) RETURN count(e) AS n');
      expect(partial?.n).toBeGreaterThanOrEqual(300);
      expect(partial?.n).toBeLessThan(1500);
      expect((partial?.n ?? 0) % 50).toBe(0); // whole batches only: a batch is one transaction

      const rerun = cli();
      const code = await new Promise((r) => rerun.once('exit', r));
      expect(code).toBe(0);
      const resumed = { labels: await labelCounts(driver), rels: await relCounts(driver) };

      await resetGraph(driver);
      await loadObservations(driver, corpus, { source: 'resume' });
      expect(resumed).toEqual({ labels: await labelCounts(driver), rels: await relCounts(driver) });
      expect(resumed.labels).toMatchObject({ Email: 1500, PhoneNumber: 750, DidBlock: 15, Domain: 7, Brand: 2 });
      expect(resumed.rels).toMatchObject({ MENTIONS: 1500, IN_BLOCK: 750, SENT_FROM: 1500 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 400_000); // two CLI runs on a busy shared machine
});
