/**
 * npm run bench:ingest [-- --emails 100000] [--parse-sample N] [--naive-emails 2000] [--workers 2] [--batch-size 1000] [--keep]
 *
 * One run on one generated, text-only corpus (src/generate, profile talos), against a throw-away local Neo4j:
 *  1. parse-only: the extraction pool over every message, nothing loaded (messages/s);
 *  2. end-to-end ingest: the same messages through `ingestMessages` (hash, skip known, extract, batched
 *     load) into an empty graph (messages/s), with RSS sampled along the way (flat memory).
 *     Phases 1 and 2 alternate in rounds of --round messages (default 10,000: parse-only of a round, then
 *     ingest of the same round), so that both see the same machine: on a shared machine a load spike
 *     would otherwise land on one phase and skew their ratio.
 *  3. loader only, batched vs naive: the first N observations loaded by `loadObservations` and by a naive
 *     loader (one auto-commit MERGE statement per entity per message);
 *  4. `analyzeGraph` on the loaded graph (read, compute, write); analysis at 1M emails is bench:analyze.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { analyzeGraph } from '../src/analysis/analyze.js';
import { createExtractionPool } from '../src/ingest/pool.js';
import type { Observation } from '../src/extract/observation.js';
import { readSources } from '../src/ingest/sources.js';
import { generateCorpus } from '../src/generate/index.js';
import { connect, neo4j } from '../src/graph/driver.js';
import { loadObservations } from '../src/graph/load.js';
import { chunks, ingestMessages, type RawMessage } from '../src/ingest/pipeline.js';
import { blockPrefix, buildBatchRows } from '../src/graph/rows.js';
import { applySchema } from '../src/graph/schema.js';
import { freePort, startLocalDb, stopLocalDb } from '../src/localdb/process.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const emails = arg('emails', 100_000);
const naiveEmails = arg('naive-emails', 2_000);
// Parse-only runs over the first N messages (default: all); rates of both phases are per message.
const parseSample = arg('parse-sample', emails);
const round = arg('round', 10_000);
const workers = arg('workers', os.availableParallelism());
const batchSize = arg('batch-size', 1000);
const keep = process.argv.includes('--keep');
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const log = (line: string): void => {
  process.stderr.write(`bench:ingest ${line}\n`);
};
const seconds = (since: number): number => (Date.now() - since) / 1000;

/** The corpus's message files, listed once in a stable order (rounds read slices of it, never the whole). */
async function messageFiles(dir: string): Promise<string[]> {
  const root = path.join(dir, 'messages');
  const names = await readdir(root, { recursive: true });
  return names.filter((name) => name.endsWith('.eml')).sort().map((name) => path.join(root, name));
}

/** Messages [from, to) of the corpus. */
async function* messages(files: readonly string[], from = 0, to = files.length): AsyncGenerator<RawMessage> {
  const slice = files.slice(from, to);
  if (slice.length === 0) return;
  for await (const m of readSources(slice)) yield { file: m.source, raw: m.raw, truncatedBytes: m.truncatedBytes };
}

async function resetGraph(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
  await applySchema(driver);
}

/** The baseline: what a first attempt looks like — one auto-commit statement per entity per message. */
async function naiveLoad(driver: Driver, observations: readonly Observation[]): Promise<void> {
  const session = driver.session();
  try {
    for (const obs of observations) {
      const rows = buildBatchRows([obs], 'naive');
      for (const e of rows.emails) {
        await session.run('MERGE (e:Email {id: $id}) ON CREATE SET e.source = $source, e.file = $file, e.ingestedAt = datetime() SET e += $props, e.sentAt = datetime($sentAt), e.day = date($day)', e);
      }
      for (const d of rows.domains) await session.run('MATCH (e:Email {id: $emailId}) MERGE (d:Domain {name: $name}) MERGE (e)-[:SENT_FROM]->(d)', d);
      for (const n of rows.numbers) {
        await session.run("MERGE (p:PhoneNumber {e164: $e164}) ON CREATE SET p.country = $country, p.numberType = $numberType, p.lineType = $lineType, p.lineTypeSource = 'libphonenumber', p.lineTypeAt = datetime(), p.national = $national", n);
        await session.run('MERGE (b:DidBlock {prefix: $prefix}) ON CREATE SET b.country = $country', n);
        await session.run('MATCH (p:PhoneNumber {e164: $e164}) MATCH (b:DidBlock {prefix: $prefix}) MERGE (p)-[:IN_BLOCK]->(b)', n);
        await session.run('MATCH (b:DidBlock {prefix: $prefix}) SET b.numberCount = COUNT { (b)<-[:IN_BLOCK]-(:PhoneNumber) }', { prefix: blockPrefix(n.e164) });
      }
      for (const m of rows.mentions) {
        await session.run('MATCH (e:Email {id: $emailId}) MATCH (p:PhoneNumber {e164: $e164}) MERGE (e)-[r:MENTIONS]->(p) SET r.where = $where, r.raw = $raw, r.obfuscated = $obfuscated, r.confidence = $confidence, r.context = $context', m);
      }
      for (const b of rows.brands) await session.run('MATCH (e:Email {id: $emailId}) MERGE (b:Brand {name: $name}) MERGE (e)-[r:IMPERSONATES]->(b) SET r.primary = $primary, r.where = $where, r.confidence = $confidence', b);
      for (const l of rows.lures) {
        await session.run('MATCH (e:Email {id: $emailId}) MERGE (l:Lure {key: $key}) ON CREATE SET l.context = $context, l.trigger = $trigger, l.cta = $cta MERGE (e)-[r:USES_LURE {layer: $layer}]->(l) SET r.confidence = $confidence', l);
      }
      for (const a of rows.attachments) {
        await session.run('MATCH (e:Email {id: $emailId}) MERGE (t:AttachmentType {name: $type}) MERGE (a:Attachment {sha256: $sha256}) ON CREATE SET a.filename = $filename, a.bytes = $bytes, a.mime = $mime MERGE (a)-[:OF_TYPE]->(t) MERGE (e)-[:HAS_ATTACHMENT]->(a)', a);
      }
    }
  } finally {
    await session.close();
  }
}

async function counts(driver: Driver): Promise<string> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const r = await session.run('MATCH (e:Email) WITH count(e) AS emails MATCH (p:PhoneNumber) WITH emails, count(p) AS numbers MATCH ()-[m:MENTIONS]->() RETURN emails, numbers, count(m) AS mentions');
    const row = r.records[0];
    return row ? `${row.get('emails')} emails, ${row.get('numbers')} numbers, ${row.get('mentions')} mentions` : 'empty';
  } finally {
    await session.close();
  }
}

const work = mkdtempSync(path.join(os.tmpdir(), 'callhound-bench-ingest-'));
const corpus = path.join(work, 'corpus');
const dataDir = path.join(work, 'neo4j');
const results: string[] = [];
let driver: Driver | undefined;
try {
  log(`generating ${emails} text-only messages into ${corpus}`);
  let t = Date.now();
  await generateCorpus({ out: corpus, emails, seed: 'bench-ingest', profile: 'talos', attachments: 'none', force: true, onProgress: (done, total) => done % 20_000 === 0 && log(`generate ${done}/${total}`) });
  log(`generated in ${seconds(t).toFixed(0)} s`);

  const port = await freePort();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const password = 'callhound-bench';
  log(`starting a throw-away Neo4j on port ${port}`);
  const db = await startLocalDb({ port, dataDir, heap: '2g', pageCache: '1g', startTimeoutS: 300, user: 'neo4j', password }, log);
  driver = (await connect({ uri: db.uri, user: 'neo4j', password, database: undefined, connectTimeoutMs: 10_000 })).driver;
  await applySchema(driver);

  const files = await messageFiles(corpus);
  // 1 and 2, alternating per round: parse-only (the same pool, the same batching, no database), then the
  // end-to-end ingest of the same messages into the graph, RSS sampled every batch.
  const pool = createExtractionPool({ workers, ocr: false });
  let parsed = 0;
  let numbersSeen = 0;
  let parseMs = 0;
  let ingestMs = 0;
  const naiveSample: Observation[] = [];
  const rss: { done: number; rss: number }[] = [];
  const summary = { messages: 0 };
  for (let from = 0; from < emails; from += round) {
    const to = Math.min(emails, from + round);
    if (from < parseSample) {
      t = Date.now();
      for await (const batch of chunks(messages(files, from, Math.min(to, parseSample)), batchSize)) {
        const observations = await Promise.all(batch.map((m) => pool.extract(m.raw, m.file, m.truncatedBytes ?? 0)));
        parsed += observations.length;
        for (const o of observations) {
          numbersSeen += o.numbers.length;
          if (naiveSample.length < naiveEmails) naiveSample.push(o);
        }
      }
      parseMs += Date.now() - t;
    }
    t = Date.now();
    const done = summary.messages;
    const roundSummary = await ingestMessages(driver, messages(files, from, to), { extract: (m) => pool.extract(m.raw, m.file, m.truncatedBytes ?? 0) }, {
      source: 'bench',
      batchSize,
      onBatch: (p) => rss.push({ done: done + p.messages, rss: process.memoryUsage().rss }),
    });
    ingestMs += Date.now() - t;
    summary.messages += roundSummary.messages;
    log(`round ${from}-${to}: parse-only ${parsed} so far (${(parsed / (parseMs / 1000)).toFixed(0)}/s), ingested ${summary.messages} (${(summary.messages / (ingestMs / 1000)).toFixed(0)}/s), rss ${mb(process.memoryUsage().rss)}, load ${(os.loadavg()[0] ?? 0).toFixed(1)}`);
  }
  const parseSeconds = parseMs / 1000;
  const parseRate = parsed / parseSeconds;
  const ingestSeconds = ingestMs / 1000;
  const ingestRate = summary.messages / ingestSeconds;
  await pool.close();
  const graphCounts = await counts(driver);
  log(`end-to-end: ${summary.messages} messages in ${ingestSeconds.toFixed(1)} s (${graphCounts})`);

  // 4. Analysis on the loaded graph.
  t = Date.now();
  const analysis = await analyzeGraph(driver);
  const analysisSeconds = seconds(t);
  log(`analyze: ${analysisSeconds.toFixed(1)} s`);

  // 3. Loader only, on a sample: batched vs naive, each into an empty graph.
  await resetGraph(driver);
  t = Date.now();
  for (let i = 0; i < naiveSample.length; i += batchSize) await loadObservations(driver, naiveSample.slice(i, i + batchSize), { source: 'batched' });
  const batchedRate = naiveSample.length / seconds(t);
  log(`loader only, batched: ${batchedRate.toFixed(0)} messages/s; now the naive loader on ${naiveSample.length} messages`);
  await resetGraph(driver);
  t = Date.now();
  await naiveLoad(driver, naiveSample);
  const naiveRate = naiveSample.length / seconds(t);
  log(`loader only, naive: ${naiveRate.toFixed(1)} messages/s`);

  const steady = rss.filter((s) => s.done >= summary.messages * 0.1).map((s) => s.rss);
  results.push(
    `corpus:                 ${emails} generated text-only messages (profile talos), ${numbersSeen} number sightings; ${workers} extraction workers; batches of ${batchSize}; machine: ${os.availableParallelism()} cores (Neo4j on the same cores)`,
    `parse-only:             ${parseRate.toFixed(0)} messages/s (${parsed} in ${parseSeconds.toFixed(1)} s)`,
    `end-to-end ingest:      ${ingestRate.toFixed(0)} messages/s (${summary.messages} in ${ingestSeconds.toFixed(1)} s; ${graphCounts})`,
    `end-to-end / parse:     ${((ingestRate / parseRate) * 100).toFixed(0)}% (target ≥ 60%)`,
    `loader only, ${naiveSample.length} msgs:  batched ${batchedRate.toFixed(0)} messages/s, naive ${naiveRate.toFixed(1)} messages/s → ${(batchedRate / naiveRate).toFixed(0)}× (target ≥ 20×)`,
    `end-to-end vs naive:    ${(ingestRate / naiveRate).toFixed(0)}× (end-to-end ingest rate over the naive loader's rate)`,
    `machine load:           1-minute load average ${loadAtStart.toFixed(1)} at start, ${(os.loadavg()[0] ?? 0).toFixed(1)} at the end; phases alternate in rounds of ${round} messages`,
    `RSS during ingest:      after 10%: min ${mb(Math.min(...steady))}, max ${mb(Math.max(...steady))}; end ${mb(rss.at(-1)?.rss ?? 0)}`,
    `analyze (${analysis.emails} emails): ${analysisSeconds.toFixed(1)} s total — read ${analysis.ms.read} ms, compute ${analysis.ms.compute} ms, write ${analysis.ms.write} ms; ${analysis.numbers} numbers, ${analysis.runs} runs, ${analysis.clusters} clusters`,
  );
  process.stdout.write(`${results.join('\n')}\n`);
} finally {
  await driver?.close();
  await stopLocalDb(dataDir).catch(() => undefined);
  if (keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
