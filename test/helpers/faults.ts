import { type ChildProcess, spawn } from 'node:child_process';
import { Rng } from '../../src/generate/random.js';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../../src/config.js';
import { connect, type DriverOptions, readRows } from '../../src/graph/driver.js';
import { applySchema } from '../../src/graph/schema.js';
import { generateCorpus } from '../../src/generate/index.js';
import { freePort, isAlive, runningPid, startLocalDb, stopLocalDb } from '../../src/localdb/process.js';

/**
 * Helpers for the fault-injection tests (test/integration/faults-*.test.ts and scripts/soak.ts): a Neo4j of
 * their own that they may stop, kill and restart (never the shared test database), a generated corpus,
 * the CLI as a child process, and a fingerprint of the graph to compare runs by.
 */

const password = 'callhound-faults';

export interface OwnDb {
  uri: string;
  dataDir: string;
  config: Config['neo4j'];
  /** Starts the database (again) on the same port and data directory; resolves once Bolt answers. */
  start(): Promise<{ startedInMs: number }>;
  /** Clean stop (SIGTERM, as `callhound db stop`). */
  stop(): Promise<void>;
  /** SIGKILL: the process dies mid-write, as on a crash or an OOM kill. */
  kill(): Promise<void>;
  /** Stops the database and deletes its data directory. */
  destroy(): Promise<void>;
}

export async function startOwnDb(log: (line: string) => void = () => undefined): Promise<OwnDb> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callhound-faults-neo4j-'));
  const port = await freePort();
  const options = { port, dataDir, heap: '512m', pageCache: '128m', startTimeoutS: 240, user: 'neo4j', password };
  const uri = `bolt://127.0.0.1:${port}`;
  const db: OwnDb = {
    uri,
    dataDir,
    config: { uri, user: 'neo4j', password, database: undefined, connectTimeoutMs: 4000 },
    start: async () => {
      const started = await startLocalDb(options, log);
      return { startedInMs: started.startedInMs };
    },
    stop: async () => {
      await stopLocalDb(dataDir, 60);
    },
    kill: async () => {
      const pid = runningPid(dataDir);
      if (pid === undefined) return;
      process.kill(pid, 'SIGKILL');
      while (isAlive(pid)) await sleep(50);
      await stopLocalDb(dataDir, 1); // removes the pid file
    },
    destroy: async () => {
      await stopLocalDb(dataDir, 30);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await db.start();
  return db;
}

export async function ownDriver(db: OwnDb, options: DriverOptions = {}): Promise<Driver> {
  const { driver } = await connect(db.config, options);
  await applySchema(driver);
  return driver;
}

/** Empties the database (the schema stays). */
export async function emptyGraph(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

/** Writes a text-only corpus of the `small` profile (deterministic for a seed) into a temp directory. */
export async function generatedCorpus(emails: number, seed: string): Promise<{ dir: string; messagesDir: string; files: string[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'callhound-faults-corpus-'));
  await generateCorpus({ out: dir, emails, seed, profile: 'small', attachments: 'none' });
  const messagesDir = path.join(dir, 'messages');
  const files = (readdirSync(messagesDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.eml')).map((f) => path.join(messagesDir, f));
  return { dir, messagesDir, files };
}

/** Email ids (sha256 of the raw bytes) of the corpus: what a complete ingest must hold. */
export function corpusIds(files: readonly string[]): Set<string> {
  return new Set(files.map((f) => createHash('sha256').update(readFileSync(f)).digest('hex')));
}

export interface GraphFingerprint {
  labels: Record<string, number>;
  relationships: Record<string, number>;
  /** Sums of derived counters, which a replayed or half-done batch would skew. */
  blockNumberCount: number;
  mentionsRaw: number;
}

/** Node counts per label, relationship counts per type and a few derived sums. */
export async function fingerprint(driver: Driver): Promise<GraphFingerprint> {
  const labels = await readRows<{ label: string; n: number }>(driver, 'MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label');
  const rels = await readRows<{ type: string; n: number }>(driver, 'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type');
  const [sums] = await readRows<{ blocks: number; raw: number }>(
    driver,
    'CALL () { MATCH (b:DidBlock) RETURN sum(b.numberCount) AS blocks } CALL () { MATCH ()-[m:MENTIONS]->() RETURN sum(size(m.raw)) AS raw } RETURN blocks, raw',
  );
  return {
    labels: Object.fromEntries(labels.map((r) => [r.label, r.n])),
    relationships: Object.fromEntries(rels.map((r) => [r.type, r.n])),
    blockNumberCount: sums?.blocks ?? 0,
    mentionsRaw: sums?.raw ?? 0,
  };
}

/** Ids of the emails in the graph, and whether any id occurs twice (the unique constraint should forbid it). */
export async function emailIds(driver: Driver): Promise<{ ids: Set<string>; duplicates: number }> {
  const rows = await readRows<{ id: string; n: number }>(driver, 'MATCH (e:Email) RETURN e.id AS id, count(*) AS n');
  return { ids: new Set(rows.map((r) => r.id)), duplicates: rows.filter((r) => r.n > 1).length };
}

export interface CliRun {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the CLI from source (`node --import tsx src/cli/main.ts …`) as a child process. */
export function runCli(args: string[], env: Record<string, string>): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  return { child, stderr: () => err, stdout: () => out, done };
}

/** Environment for a CLI child process that talks to the database of `config`. */
export function cliEnv(config: Config['neo4j'], extra: Record<string, string> = {}): Record<string, string> {
  return { NEO4J_URI: config.uri, NEO4J_USER: config.user, NEO4J_PASSWORD: config.password, ...extra };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Each email's number of relationships: a half-loaded email (a batch that was not atomic) would differ. */
export async function emailDegrees(driver: Driver): Promise<Map<string, number>> {
  const rows = await readRows<{ id: string; degree: number }>(driver, 'MATCH (e:Email) RETURN e.id AS id, COUNT { (e)--() } AS degree');
  return new Map(rows.map((r) => [r.id, r.degree]));
}

/** Emails whose degree differs from the undisturbed run's (should be none: batches are atomic). */
export function partialEmails(found: Map<string, number>, reference: Map<string, number>): string[] {
  return [...found].filter(([id, degree]) => reference.get(id) !== degree).map(([id]) => id);
}

export interface KillOutcome {
  seed: string;
  /** The kill point: once the graph holds this many emails (+ a short seeded delay, so it lands mid-step). */
  targetEmails: number;
  /** Milliseconds after the start at which SIGKILL was sent. */
  killAtMs: number;
  /** False when the run had already finished before the kill landed. */
  killed: boolean;
  /** What the kill interrupted, from the CLI's last stderr line. */
  lastLine: string;
  emailsAfterKill: number;
  partialEmails: number;
  duplicates: number;
}

export async function emailCount(driver: Driver): Promise<number> {
  const [row] = await readRows<{ n: number }>(driver, 'MATCH (e:Email) RETURN count(e) AS n');
  return row?.n ?? 0;
}

/**
 * Starts `callhound ingest` and SIGKILLs it at a seeded random point, then checks that what is in the graph
 * is whole: no duplicate ids and every email with all its relationships. The point is chosen by progress,
 * not by time (start-up time varies tenfold with the machine's load): the seed picks a number of emails
 * between those already in the graph and all of them; once the graph holds that many, a seeded delay of up to `jitterMs` follows, so
 * the kill lands during extraction, inside a load transaction, between batches or, for the last
 * targets, during the analysis at the end.
 */
export async function ingestAndKill(args: string[], env: Record<string, string>, driver: Driver, reference: Map<string, number>, seed: string, totalEmails: number, jitterMs = 1500): Promise<KillOutcome> {
  // The generator's seeded PRNG: a seed reproduces the same kill points.
  const rng = new Rng(seed);
  const random = (): number => rng.next();
  // A rerun resumes from what an earlier kill left: the target lies in what is still to load.
  const already = await emailCount(driver);
  const targetEmails = Math.min(totalEmails, already + Math.floor(random() * (totalEmails - already + 1)));
  const delayMs = Math.round(random() * jitterMs);
  const started = Date.now();
  const run = runCli(args, env);
  let finished = false;
  void run.done.then(() => (finished = true));
  while (!finished && (await emailCount(driver)) < targetEmails) await Promise.race([sleep(50), run.done]);
  if (!finished) await Promise.race([sleep(delayMs), run.done]);
  const killed = !finished;
  const killAtMs = Date.now() - started;
  if (killed) run.child.kill('SIGKILL');
  await run.done;
  const lines = run.stderr().trim().split('\n');
  const degrees = await emailDegrees(driver);
  const { duplicates } = await emailIds(driver);
  return { seed, targetEmails, killAtMs, killed, lastLine: lines[lines.length - 1] ?? '', emailsAfterKill: degrees.size, partialEmails: partialEmails(degrees, reference).length, duplicates };
}
