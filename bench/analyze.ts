/**
 * `npm run bench:analyze`: `callhound analyze` (timelines, facets, DID blocks, sequential runs, clusters) on a
 * generated graph of 1,000,000 emails in a throw-away local Neo4j, with the time of every stage. Target
 * (issue 6): cluster computation for 1M emails in under a minute on this machine.
 *
 * The graph is the seeded scenario of bench:hunts (bench/scenario.ts), written straight into an empty
 * database with CREATE in large batches (the loader's MERGE path is measured by bench:ingest; here only the
 * analysis is timed, and building a 1M-email graph through the loader would take most of an hour).
 *
 * Options: --emails N (default 1000000), --runs N analyses (default 2: the second shows a re-analysis),
 * --json; --uri bolt://… --password P to use an existing database (must be empty unless --no-build).
 */
import os from 'node:os';
import type { Driver } from 'neo4j-driver';
import { analyzeGraph, type AnalyzeSummary } from '../src/analysis/analyze.js';
import { connect, readRows, writeRows } from '../src/graph/driver.js';
import { applySchema } from '../src/graph/schema.js';
import type { ScenarioEmail } from '../test/helpers/hunt-graph.js';
import { openBenchDatabase } from './bench-db.js';
import { scenario } from './scenario.js';

const args = process.argv.slice(2);
const textOption = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const emailCount = Number(textOption('emails') ?? 1_000_000);
const runs = Number(textOption('runs') ?? 2);
const asJson = args.includes('--json');
const existingUri = textOption('uri');
const build = !args.includes('--no-build');
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const seconds = (ms: number): string => (ms / 1000).toFixed(1);

const statements = {
  brands: 'UNWIND $rows AS name MERGE (:Brand {name: name})',
  types: 'UNWIND $rows AS name MERGE (:AttachmentType {name: name})',
  blocks: "UNWIND $rows AS prefix CREATE (:DidBlock {prefix: prefix, country: 'US'})",
  numbers: `UNWIND $rows AS row
    CREATE (p:PhoneNumber {e164: row.e164, country: 'US', numberType: 'VOIP', lineType: 'voip', lineTypeSource: 'libphonenumber'})
    WITH p, row MATCH (b:DidBlock {prefix: row.prefix}) CREATE (p)-[:IN_BLOCK]->(b)`,
  attachments: `UNWIND $rows AS row
    CREATE (a:Attachment {sha256: row.sha256, filename: row.sha256 + '.' + row.type, bytes: 1000})
    WITH a, row MATCH (t:AttachmentType {name: row.type}) CREATE (a)-[:OF_TYPE]->(t)`,
  emails: `UNWIND $rows AS row
    CREATE (e:Email {id: row.id, subject: row.subjectTemplate, subjectTemplate: row.subjectTemplate, day: date(row.day),
                     brand: row.brand, context: row.context, trigger: row.trigger, cta: row.cta, source: 'bench'})
    WITH e, row
    CALL (e, row) { MATCH (b:Brand {name: row.brand}) CREATE (e)-[:IMPERSONATES {primary: true, where: ['body'], confidence: 0.9}]->(b) }
    CALL (e, row) { UNWIND row.numbers AS n MATCH (p:PhoneNumber {e164: n.e164}) CREATE (e)-[:MENTIONS {where: n.where, raw: [n.e164], obfuscated: false, confidence: 0.95}]->(p) }
    CALL (e, row) { UNWIND row.attachments AS sha MATCH (a:Attachment {sha256: sha}) CREATE (e)-[:HAS_ATTACHMENT]->(a) }`,
};

async function writeInBatches(driver: Driver, step: keyof typeof statements, rows: readonly unknown[], batchSize = 10_000): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    await writeRows(driver, statements[step], { rows: rows.slice(i, i + batchSize) });
    const done = Math.min(i + batchSize, rows.length);
    if (done === rows.length || (done / batchSize) % 10 === 0) log(`  ${step}: ${done}/${rows.length}`);
  }
}

async function buildGraph(driver: Driver, emails: readonly ScenarioEmail[]): Promise<void> {
  const [existing] = await readRows<{ n: number }>(driver, 'MATCH (e:Email) RETURN count(e) AS n');
  if ((existing?.n ?? 0) > 0) throw new Error(`the database already holds ${existing?.n} emails: give an empty one, or --no-build`);
  const numbers = new Map<string, string>();
  const attachments = new Map<string, string>();
  for (const email of emails) {
    for (const n of email.numbers) numbers.set(n.e164, n.e164.slice(0, -4));
    for (const a of email.attachments ?? []) attachments.set(a.sha256, a.type);
  }
  await writeInBatches(driver, 'brands', [...new Set(emails.map((e) => e.brand).filter((b): b is string => b !== undefined))]);
  await writeInBatches(driver, 'types', [...new Set(attachments.values())]);
  await writeInBatches(driver, 'blocks', [...new Set(numbers.values())]);
  await writeInBatches(driver, 'numbers', [...numbers].map(([e164, prefix]) => ({ e164, prefix })));
  await writeInBatches(driver, 'attachments', [...attachments].map(([sha256, type]) => ({ sha256, type })));
  await writeInBatches(
    driver,
    'emails',
    emails.map((e) => ({ ...e, brand: e.brand ?? null, context: e.context ?? null, trigger: e.trigger ?? null, cta: e.cta ?? null, attachments: (e.attachments ?? []).map((a) => a.sha256) })),
  );
}

const password = textOption('password') ?? 'callhound-bench';
const database = await openBenchDatabase({ name: 'bench-analyze', uri: existingUri, password, heap: '3g', pageCache: '2g', log });
try {
  const { driver } = await connect({ uri: database.uri, user: 'neo4j', password, database: undefined, connectTimeoutMs: 10_000 });
  try {
    await applySchema(driver);
    if (build) {
      const started = Date.now();
      const emails = scenario(emailCount);
      log(`scenario: ${emails.length} emails generated in ${seconds(Date.now() - started)} s; writing`);
      await buildGraph(driver, emails);
      log(`graph written in ${seconds(Date.now() - started)} s`);
    }
    const [counts] = await readRows<{ emails: number; numbers: number; mentions: number }>(
      driver,
      'CALL () { MATCH (e:Email) RETURN count(e) AS emails } CALL () { MATCH (p:PhoneNumber) RETURN count(p) AS numbers } CALL () { MATCH ()-[m:MENTIONS]->() RETURN count(m) AS mentions } RETURN emails, numbers, mentions',
    );
    const results: (AnalyzeSummary & { wallMs: number; clusterMs: number })[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const loadBefore = os.loadavg()[0] ?? 0;
      const started = Date.now();
      const summary = await analyzeGraph(driver, { onProgress: (stage, done, total) => log(`  analyze ${stage}: ${done}${total === undefined ? '' : `/${total}`}`) });
      const wallMs = Date.now() - started;
      // Cluster computation: the link streams (multi-number emails, shared attachments), the in-process
      // union-find (with the other in-process results: timelines, blocks and runs take a share of it), and
      // writing the clusters and memberships.
      const clusterMs = summary.stages.readLinks + summary.stages.compute + summary.stages.writeClusters;
      results.push({ ...summary, wallMs, clusterMs });
      log(
        `analysis ${run}: ${seconds(wallMs)} s wall (load ${loadBefore.toFixed(1)}) — ` +
          Object.entries(summary.stages).map(([stage, ms]) => `${stage} ${seconds(ms)} s`).join(', ') +
          `; cluster computation ${seconds(clusterMs)} s; ${summary.clusters} clusters, largest ${summary.largestCluster}`,
      );
    }
    if (asJson) process.stdout.write(`${JSON.stringify({ graph: counts, results })}\n`);
    else {
      process.stdout.write(`graph: ${counts?.emails} emails, ${counts?.numbers} numbers, ${counts?.mentions} mentions; ${os.cpus().length} cores\n`);
      process.stdout.write('run  wall s  activity+facets s  links s  compute s  write numbers s  write blocks s  write clusters s  cluster computation s (target < 60)\n');
      results.forEach((r, i) => {
        const s = r.stages;
        process.stdout.write(
          `${String(i + 1).padStart(3)}  ${seconds(r.wallMs).padStart(6)}  ${seconds(s.readActivity).padStart(17)}  ${seconds(s.readLinks).padStart(7)}  ${seconds(s.compute).padStart(9)}  ${seconds(s.writeNumbers).padStart(15)}  ${seconds(s.writeBlocks).padStart(14)}  ${seconds(s.writeClusters).padStart(16)}  ${seconds(r.clusterMs).padStart(6)} ${r.clusterMs < 60_000 ? 'ok' : 'OVER'}\n`,
        );
      });
    }
  } finally {
    await driver.close();
  }
} finally {
  await database.close();
}
