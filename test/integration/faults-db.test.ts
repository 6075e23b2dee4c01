import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../src/extract/observation.js';
import { connect, readRows } from '../../src/graph/driver.js';
import { createExtractor } from '../../src/ingest/extractor.js';
import { type Extractor, ingestMessages, ingestObservations, type RawMessage } from '../../src/ingest/pipeline.js';
import type { RetryEvent } from '../../src/graph/retry.js';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { cliEnv, corpusIds, emailCount, emailIds, emptyGraph, runCli, fingerprint, type GraphFingerprint, generatedCorpus, type OwnDb, ownDriver, sleep, startOwnDb } from '../helpers/faults.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

/**
 * Database faults (issue 9, part 2): Neo4j is killed in the middle of an ingest and started again on the
 * same data directory. The ingest must wait, retry and end with exactly the graph of an undisturbed run;
 * extraction must be held back while it waits; the API must answer 503 while the database is down and
 * recover by itself. Uses a Neo4j of its own (the shared test database is never stopped).
 */

const messages = Number(process.env.CALLHOUND_FAULTS_MESSAGES ?? 160);
const batchSize = 10;
const outageAfterBatch = 3;
/** Observations loaded by the CLI scenario (--jsonl, batches of 5). */
const cliMessages = 120;
/** How Neo4j goes away: `kill` (SIGKILL, a crash: commits in flight have an unknown outcome) or `stop` (SIGTERM, clean). */
const outageKinds = (process.env.CALLHOUND_FAULTS_OUTAGES ?? 'kill').split(',') as OutageKind[];
type OutageKind = 'kill' | 'stop';

/** Extraction is done once up front; the pipeline's extractor hands out the results and counts the calls. */
function cachedExtractor(cache: Map<string, Observation>): Extractor & { calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    extract: async (message) => {
      calls += 1;
      const observation = cache.get(message.file);
      if (!observation) throw new Error(`not pre-extracted: ${message.file}`);
      return observation;
    },
  };
}

function* rawMessages(files: readonly string[]): Generator<RawMessage> {
  for (const file of files) yield { file, raw: readFileSync(file) };
}

/** Extracts every message of `files` once and writes the observations as `ingest --jsonl` reads them. */
async function observationsFile(files: readonly string[], dir: string): Promise<{ jsonl: string; observations: Observation[] }> {
  const extractor = createExtractor({ workers: 1, ocr: false, region: 'US' });
  const observations: Observation[] = [];
  try {
    for (const message of rawMessages(files)) observations.push(await extractor.extract(message));
  } finally {
    await extractor.close();
  }
  const jsonl = path.join(dir, 'observations.jsonl');
  writeFileSync(jsonl, `${observations.map((o) => JSON.stringify(o)).join('\n')}\n`);
  return { jsonl, observations };
}

// One Neo4j of our own for the file, killed and restarted by each scenario on the same data directory.
let db: OwnDb;
beforeAll(async () => {
  db = await startOwnDb();
});
afterAll(async () => {
  await db?.destroy();
});

describe('a Neo4j restart in the middle of an ingest', () => {
  let corpus: Awaited<ReturnType<typeof generatedCorpus>>;
  const cache = new Map<string, Observation>();
  let reference: GraphFingerprint;

  beforeAll(async () => {
    corpus = await generatedCorpus(messages, 'faults-db');
    const extractor = createExtractor({ workers: 1, ocr: false, region: 'US' });
    try {
      for (const message of rawMessages(corpus.files)) cache.set(message.file, await extractor.extract(message));
    } finally {
      await extractor.close();
    }
    // The undisturbed run, on the shared test database.
    const shared = await testDriver();
    try {
      await resetGraph(shared);
      await ingestMessages(shared, rawMessages(corpus.files), cachedExtractor(cache), { source: 'faults', batchSize });
      reference = await fingerprint(shared);
      await resetGraph(shared);
    } finally {
      await shared.close();
    }
  });

  afterAll(() => {
    if (corpus) rmSync(corpus.dir, { recursive: true, force: true });
  });

  it.each(outageKinds)('Neo4j %s: the ingest waits, retries, loses nothing and ends with the counts of an undisturbed run; the API says 503 meanwhile and recovers alone', { timeout: 300_000 }, async (kind) => {
    expect(reference.labels.Email).toBe(messages);
    // Driver retries as short as `callhound ingest` sets them: the outage is the pipeline's to wait out.
    const driver: Driver = await ownDriver(db, { maxTransactionRetryTimeMs: 5000 });
    await emptyGraph(driver);
    // The API's driver is set up as `callhound serve` sets it up (short driver retries).
    const { driver: apiDriver } = await connect(db.config, { maxTransactionRetryTimeMs: 2000 });
    const serverLog: string[] = [];
    const api: TestServer = await startTestServer(apiDriver, { log: (line) => serverLog.push(line) });
    try {
      expect((await api.call('/api/search?q=%2B1')).status).toBe(200);

      const extractor = cachedExtractor(cache);
      const retries: RetryEvent[] = [];
      let recoveredAfterMs: number | undefined;
      let outage: Promise<OutageReport> | undefined;
      const summary = await ingestMessages(driver, rawMessages(corpus.files), extractor, {
        source: 'faults',
        batchSize,
        retry: {
          maxWaitMs: 240_000,
          initialDelayMs: 500,
          maxDelayMs: 2000,
          onRetry: (e) => retries.push(e),
          onRecovered: (r) => (recoveredAfterMs = r.waitedMs),
        },
        onBatch: (p) => {
          if (outage === undefined && p.loaded >= outageAfterBatch * batchSize) outage = runOutage(kind, db, api, extractor.calls);
        },
      });
      expect(outage, 'the outage was started').toBeDefined();
      const report = await (outage as Promise<OutageReport>);

      // The ingest noticed, waited and resumed.
      expect(retries.length).toBeGreaterThan(0);
      expect(recoveredAfterMs).toBeGreaterThan(0);
      // Back-pressure: while the database was down, extraction took on at most the batch being prepared
      // and the one after it, never the rest of the corpus.
      expect(report.extractedDuringOutage).toBeLessThanOrEqual(2 * batchSize);
      expect(report.extractedBeforeOutage).toBeLessThan(messages - 2 * batchSize);
      // Nothing lost, nothing twice: every message extracted exactly once and in the graph exactly once.
      expect(extractor.calls()).toBe(messages);
      expect(summary).toMatchObject({ messages, errors: 0, interrupted: false });
      const { ids, duplicates } = await emailIds(driver);
      expect(duplicates).toBe(0);
      expect(ids).toEqual(corpusIds(corpus.files));
      // Exactly the graph of the undisturbed run.
      expect(await fingerprint(driver)).toEqual(reference);

      // The API: a clear JSON 503 while down, quickly, and back to 200 by itself.
      expect(report.downStatus).toBe(503);
      expect(report.downBody).toMatchObject({ error: { code: 'neo4j_unavailable' } });
      expect(report.downBody?.error.message).toMatch(/not reachable/);
      expect(report.firstDownMs).toBeLessThan(8000);
      expect(report.secondDownMs).toBeLessThan(1000);
      expect(report.healthWhileDown).toBe(503);
      // Bounded, not tight: after a SIGKILL Neo4j first recovers its store, which takes long on a busy machine.
      expect(report.recoveredInMs).toBeLessThan(90_000);
      expect(serverLog.some((l) => /reachable again/.test(l))).toBe(true);
      const after = await api.call('/api/search?q=%2B1');
      expect(after.status).toBe(200);
      process.stderr.write(
        `faults-db: ${messages} messages, Neo4j ${kind === 'kill' ? 'SIGKILLed' : 'stopped'} after batch ${outageAfterBatch}, restarted in ${(report.restartMs / 1000).toFixed(1)} s; ` +
          `ingest retried ${retries.length}x and resumed ${((recoveredAfterMs ?? 0) / 1000).toFixed(1)} s after the first failure; ` +
          `API 503 in ${report.firstDownMs} ms (then ${report.secondDownMs} ms), queries run again ${report.servingInMs} ms and the API answers 200 ${report.recoveredInMs} ms after the restart; counts equal\n`,
      );
    } finally {
      await api.close();
      await apiDriver.close();
      await driver.close();
    }
  });
});

describe('a Neo4j restart in the middle of `callhound ingest` (child process)', () => {
  let corpus: Awaited<ReturnType<typeof generatedCorpus>>;
  let reference: GraphFingerprint;
  let jsonl: string;

  beforeAll(async () => {
    corpus = await generatedCorpus(cliMessages, 'faults-db-cli');
    // Observations extracted once, loaded with `ingest --jsonl`: this test is about the loader, not extraction.
    const written = await observationsFile(corpus.files, corpus.dir);
    jsonl = written.jsonl;
    const observations = written.observations;
    const driver = await ownDriver(db);
    try {
      await emptyGraph(driver);
      // The undisturbed run: what `ingest --jsonl` calls, in-process (saves a CLI start-up).
      await ingestObservations(driver, observations, { source: 'faults', batchSize: 5 });
      reference = await fingerprint(driver);
      await emptyGraph(driver);
    } finally {
      await driver.close();
    }
  });

  afterAll(() => {
    if (corpus) rmSync(corpus.dir, { recursive: true, force: true });
  });

  it('says "Neo4j unreachable, retrying" on stderr, resumes by itself and ends with the same counts', { timeout: 300_000 }, async () => {
    expect(reference.labels.Email).toBe(cliMessages);
    const driver = await ownDriver(db);
    try {
      const run = runCli(['ingest', '--jsonl', jsonl, '--batch-size', '5', '--no-analyze', '--source', 'faults'], cliEnv(db.config, { CALLHOUND_DB_RETRY_S: '240', NEO4J_CONNECT_TIMEOUT_MS: '3000' }));
      let finished = false;
      void run.done.then(() => (finished = true));
      // Kill Neo4j once the ingest has committed a few batches (by progress: start-up time varies with load).
      while (!finished && (await emailCount(driver).catch(() => 0)) < 20) await sleep(50);
      expect(finished, 'the ingest was still running when Neo4j was killed').toBe(false);
      await db.kill();
      const killedAt = Date.now();
      await sleep(3000);
      const restart = await db.start();
      const exit = await run.done;
      const stderr = run.stderr();
      expect(exit.code, stderr).toBe(0);
      expect(stderr).toMatch(/Neo4j unreachable, retrying in \d+s \(attempt 1,/);
      expect(stderr).toMatch(/Neo4j is reachable again after [\d.]+s; resuming the ingest/);
      expect(stderr).not.toMatch(/INTERRUPTED/);
      const { ids, duplicates } = await emailIds(driver);
      expect(duplicates).toBe(0);
      expect(ids).toEqual(corpusIds(corpus.files));
      expect(await fingerprint(driver)).toEqual(reference);
      const retries = stderr.split('\n').filter((l) => /Neo4j unreachable, retrying/.test(l)).length;
      process.stderr.write(
        `faults-db (CLI): ${cliMessages} observations, Neo4j SIGKILLed after >= 20 emails, restarted in ${(restart.startedInMs / 1000).toFixed(1)} s; ` +
          `${retries} retry lines, ingest done ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill; counts equal\n`,
      );
    } finally {
      await driver.close();
    }
  });
});

describe('`callhound ingest` started while Neo4j is down', () => {
  it('waits for the database, then loads everything (a host name that does not resolve fails at once)', { timeout: 300_000 }, async () => {
    const corpus = await generatedCorpus(120, 'faults-db-start');
    const { jsonl } = await observationsFile(corpus.files, corpus.dir);
    try {
      const typo = runCli(['ingest', '--jsonl', jsonl, '--no-analyze'], cliEnv({ ...db.config, uri: 'bolt://no-such-host.invalid:7687' }, { CALLHOUND_DB_RETRY_S: '240' }));
      const typoExit = await typo.done;
      expect(typoExit.code).not.toBe(0);
      expect(typo.stderr()).not.toMatch(/retrying/);
      expect(typo.stderr()).toMatch(/cannot reach Neo4j at bolt:\/\/no-such-host\.invalid/);

      let driver = await ownDriver(db);
      await emptyGraph(driver);
      await driver.close();
      await db.stop();
      const run = runCli(['ingest', '--jsonl', jsonl, '--no-analyze', '--source', 'faults-start'], cliEnv(db.config, { CALLHOUND_DB_RETRY_S: '240', NEO4J_CONNECT_TIMEOUT_MS: '3000' }));
      while (!/Neo4j unreachable, retrying/.test(run.stderr()) && run.child.exitCode === null) await sleep(100);
      expect(run.child.exitCode, run.stderr()).toBeNull();
      await db.start();
      const exit = await run.done;
      expect(exit.code, run.stderr()).toBe(0);
      expect(run.stderr()).toMatch(/Neo4j is reachable again after [\d.]+s/);
      driver = await ownDriver(db);
      try {
        const { ids, duplicates } = await emailIds(driver);
        expect(duplicates).toBe(0);
        expect(ids).toEqual(corpusIds(corpus.files));
      } finally {
        await driver.close();
      }
    } finally {
      rmSync(corpus.dir, { recursive: true, force: true });
    }
  });
});

interface OutageReport {
  extractedBeforeOutage: number;
  extractedDuringOutage: number;
  downStatus: number;
  downBody: { error: { code: string; message: string } } | undefined;
  firstDownMs: number;
  secondDownMs: number;
  healthWhileDown: number;
  restartMs: number;
  /** After the restart: until a query runs again on a fresh connection, and until the API answers 200. */
  servingInMs: number;
  recoveredInMs: number;
}

/** Kills Neo4j, probes the API while it is down, starts Neo4j again and waits for the API to recover. */
/** Milliseconds until a fresh connection can run a query (Neo4j may still be recovering its store). */
async function timeUntilServing(db: OwnDb): Promise<number> {
  const started = Date.now();
  const { driver } = await connect(db.config);
  try {
    await readRows(driver, 'RETURN 1 AS one');
    return Date.now() - started;
  } finally {
    await driver.close();
  }
}

async function runOutage(kind: OutageKind, db: OwnDb, api: TestServer, extracted: () => number): Promise<OutageReport> {
  if (kind === 'kill') await db.kill();
  else await db.stop();
  const extractedBeforeOutage = extracted();
  let started = Date.now();
  const down = await api.call('/api/search?q=%2B1');
  const firstDownMs = Date.now() - started;
  started = Date.now();
  await api.call('/api/search?q=%2B1');
  const secondDownMs = Date.now() - started;
  const healthWhileDown = (await api.call('/api/health')).status;
  // Leave the database down a while so that the ingest has to wait through several retries.
  await sleep(3000);
  const extractedDuringOutage = extracted() - extractedBeforeOutage;
  const restart = await db.start();
  const restarted = Date.now();
  const servingInMs = await timeUntilServing(db);
  let status = 0;
  while (Date.now() - restarted < 30_000) {
    status = (await api.call('/api/search?q=%2B1')).status;
    if (status === 200) break;
    await sleep(250);
  }
  return {
    extractedBeforeOutage,
    extractedDuringOutage,
    downStatus: down.status,
    downBody: down.body,
    firstDownMs,
    secondDownMs,
    healthWhileDown,
    restartMs: restart.startedInMs,
    servingInMs,
    recoveredInMs: status === 200 ? Date.now() - restarted : Number.POSITIVE_INFINITY,
  };
}
