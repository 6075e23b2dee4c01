/**
 * Hostile mail all the way into Neo4j (issue 15, part 2): the hostile corpus's over-long header cases
 * among healthy messages in one batch, and fast-check messages with long subjects, Message-IDs and sender
 * domains (test/hostile/arbitraries.ts). Whatever a message holds, the ingest ends normally and every
 * message is either an Email or an IngestIssue of a message that could not be read; the database refuses
 * none (`load_refused` would mean a value reached an index unbounded).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Driver, RecordShape } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { extractMessage } from '../../src/extract/index.js';
import { readRows } from '../../src/graph/driver.js';
import { fatalIssueCodes } from '../../src/extract/index.js';
import { type Extractor, ingestMessages } from '../../src/ingest/pipeline.js';
import { FUZZ_SEED, fuzzRuns, mimeMessage, SOAK } from '../hostile/arbitraries.js';
import { healthyMessage, MARKER_E164, overlongHeaderCases } from '../hostile/corpus.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

const extractor: Extractor = { extract: (m) => extractMessage(m.raw, m.file, { ocr: false }) };
const sha = (raw: Buffer): string => createHash('sha256').update(raw).digest('hex');

async function rows<T extends RecordShape>(driver: Driver, cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return readRows<T>(driver, cypher, params);
}

describe('hostile headers through ingest into Neo4j', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
  });
  afterAll(async () => driver.close());
  beforeEach(async () => resetGraph(driver));

  it('the corpus\'s over-long header cases among healthy messages, one batch: all loaded, each recorded, rerun idempotent', async () => {
    const cases = overlongHeaderCases();
    const messages = cases.flatMap((c, i) => [
      { file: `healthy-${i}.eml`, raw: healthyMessage(i) },
      { file: `${c.name}.eml`, raw: c.raw },
    ]);
    const first = await ingestMessages(driver, messages, extractor, { source: 'hostile', batchSize: 100 });
    expect(first).toMatchObject({ messages: messages.length, loaded: messages.length, newEmails: messages.length, errors: 0, refused: 0 });
    expect(first.shortened).toBeGreaterThanOrEqual(cases.length);

    const loaded = await rows<{ file: string; numbers: string[] }>(driver, 'MATCH (e:Email) RETURN e.file AS file, [(e)-[:MENTIONS]->(p) | p.e164] AS numbers ORDER BY file');
    expect(loaded.map((e) => e.file)).toEqual(messages.map((m) => m.file).sort());
    for (const e of loaded) expect(e.numbers).toEqual([MARKER_E164]);
    const flagged = await rows<{ file: string }>(driver, "MATCH (i:IngestIssue {code: 'value_too_long'}) RETURN DISTINCT i.file AS file ORDER BY file");
    expect(flagged.map((i) => i.file)).toEqual(cases.map((c) => `${c.name}.eml`).sort());

    const count = async (): Promise<unknown> => rows(driver, 'MATCH (n) WHERE NOT n:GraphState RETURN count(n) AS nodes, COUNT { ()-[]->() } AS rels');
    const before = await count();
    const rerun = await ingestMessages(driver, messages, extractor, { source: 'hostile', batchSize: 100 });
    expect(rerun).toMatchObject({ skipped: messages.length, newEmails: 0, issues: 0 });
    expect(await count()).toEqual(before);
  });

  it('fast-check: batches of generated messages with long headers never stop the ingest; each message is an Email or an unreadable-message issue', { timeout: SOAK ? 3_600_000 : 300_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mimeMessage, { minLength: 1, maxLength: 6 }), async (raws) => {
        run += 1;
        const messages = raws.map((raw, i) => ({ file: `run${run}-${i}.eml`, raw }));
        const summary = await ingestMessages(driver, messages, extractor, { source: 'fuzz', batchSize: 3 });
        expect(summary.refused).toBe(0);
        expect(summary.interrupted).toBe(false);
        for (const m of messages) {
          const [email] = await rows<{ n: number }>(driver, 'MATCH (e:Email {id: $id}) RETURN count(e) AS n', { id: sha(m.raw) });
          if (email?.n === 1) continue;
          const issues = await rows<{ code: string }>(driver, 'MATCH (i:IngestIssue {file: $file}) RETURN i.code AS code', { file: m.file });
          expect(issues.length, `${m.file} is neither loaded nor recorded`).toBeGreaterThan(0);
          for (const issue of issues) expect(fatalIssueCodes.has(issue.code), issue.code).toBe(true);
        }
      }),
      { numRuns: fuzzRuns(25), seed: FUZZ_SEED, endOnFailure: true },
    );
  });
});
