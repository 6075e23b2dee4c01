import { rmSync } from 'node:fs';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, corpusIds, emailDegrees, emailIds, fingerprint, type GraphFingerprint, generatedCorpus, ingestAndKill, type KillOutcome, runCli } from '../helpers/faults.js';
import { resetGraph, testDriver, testNeo4jConfig } from '../helpers/neo4j.js';

/**
 * The ingest process itself is SIGKILLed at seeded random points (during start-up, extraction, a load or
 * the analysis) and rerun: the graph must end exactly as after an undisturbed run — same counts, no
 * duplicates, no lost message — and after every kill each email in the graph must be whole (batches are
 * atomic). The CLI runs as a child process (`node --import tsx src/cli/main.ts ingest …`) against the shared
 * test database (nothing here stops the database). More seeds and a larger corpus: `npm run soak`.
 */

const messages = Number(process.env.CALLHOUND_FAULTS_MESSAGES ?? 120);
const seeds = (process.env.CALLHOUND_FAULTS_SEEDS ?? 'kill-1,kill-2,kill-3').split(',');
/**
 * `chain` (npm test): one ingest killed at each seed's point in turn, each rerun resuming from the state the
 * previous kill left, then a last run to the end. `independent` (soak): each seed from an empty graph, one
 * kill, one rerun, compared every time.
 */
const mode = process.env.CALLHOUND_FAULTS_MODE === 'independent' ? 'independent' : 'chain';

describe('killing the ingest process and rerunning it', () => {
  let driver: Driver;
  let corpus: Awaited<ReturnType<typeof generatedCorpus>>;
  let env: Record<string, string>;
  let args: string[];

  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
    corpus = await generatedCorpus(messages, 'faults-kill');
    env = cliEnv(testNeo4jConfig());
    args = ['ingest', corpus.messagesDir, '--no-ocr', '--workers', '1', '--batch-size', '10', '--source', 'faults-kill'];
  });

  afterAll(async () => {
    if (driver) {
      await resetGraph(driver);
      await driver.close();
    }
    if (corpus) rmSync(corpus.dir, { recursive: true, force: true });
  });

  it(`ends with the graph of an undisturbed run after kills at ${seeds.length} seeded points (${mode})`, { timeout: 600_000 }, async () => {
    // The undisturbed run.
    const started = Date.now();
    const clean = runCli(args, env);
    expect((await clean.done).code, clean.stderr()).toBe(0);
    const referenceMs = Date.now() - started;
    const reference: GraphFingerprint = await fingerprint(driver);
    const referenceDegrees = await emailDegrees(driver);
    expect(reference.labels.Email).toBe(messages);
    expect(reference.labels.Cluster).toBeGreaterThan(0);

    const expectComplete = async (seed: string): Promise<void> => {
      const { ids, duplicates } = await emailIds(driver);
      expect(duplicates).toBe(0);
      expect(ids, `seed ${seed}: every message is in the graph`).toEqual(corpusIds(corpus.files));
      expect(await fingerprint(driver), `seed ${seed}: counts equal the undisturbed run`).toEqual(reference);
    };
    const rerunToEnd = async (): Promise<number> => {
      const rerunStarted = Date.now();
      const rerun = runCli(args, env);
      expect((await rerun.done).code, rerun.stderr()).toBe(0);
      return Date.now() - rerunStarted;
    };

    const outcomes: (KillOutcome & { rerunMs?: number })[] = [];
    await resetGraph(driver);
    for (const seed of seeds) {
      if (mode === 'independent') await resetGraph(driver);
      const outcome = await ingestAndKill(args, env, driver, referenceDegrees, seed, messages);
      expect(outcome.duplicates, `seed ${seed}`).toBe(0);
      expect(outcome.partialEmails, `seed ${seed}: emails loaded only in part`).toBe(0);
      if (mode === 'independent') {
        outcomes.push({ ...outcome, rerunMs: await rerunToEnd() });
        await expectComplete(seed);
      } else {
        outcomes.push(outcome);
      }
    }
    if (mode === 'chain') {
      const last = outcomes[outcomes.length - 1] as KillOutcome & { rerunMs?: number };
      last.rerunMs = await rerunToEnd();
      await expectComplete(seeds.join('+'));
    }
    // Where a kill lands depends on the machine's speed; at least one must have hit a running ingest.
    expect(outcomes.some((o) => o.killed), 'a kill landed before the run ended').toBe(true);
    process.stderr.write(`faults-kill (${mode}): ${messages} messages, undisturbed run ${(referenceMs / 1000).toFixed(1)} s\n`);
    for (const o of outcomes) {
      process.stderr.write(
        `faults-kill: seed ${o.seed}: SIGKILL at ${o.killAtMs} ms (target ${o.targetEmails} emails)${o.killed ? '' : ' (run already over)'} with ${o.emailsAfterKill}/${messages} emails in the graph, none partial ` +
          `(last line: ${o.lastLine.slice(0, 80) || '-'})${o.rerunMs === undefined ? '' : `; rerun to the end ${(o.rerunMs / 1000).toFixed(1)} s, counts equal`}\n`,
      );
    }
  });
});
