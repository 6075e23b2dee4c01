/**
 * Issue 15 part 2: one message must not stop an ingest. Each indexed property that mail or an observation
 * fills gets an over-long value in one message among healthy ones, in one batch: every message is loaded,
 * the over-long value is stored bounded (full value beside it), an IngestIssue names it, and a rerun changes
 * nothing. A value Neo4j refuses for another reason (a map where a property needs a primitive) shows the
 * batch being split down to the one message, recorded as `load_refused`, while the others load.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Observation } from '../../src/extract/observation.js';
import { extractMessage } from '../../src/extract/index.js';
import { indexedLimits } from '../../src/graph/bounded.js';
import { readRows } from '../../src/graph/driver.js';
import { search } from '../../src/server/search.js';
import { type Extractor, ingestMessages, ingestObservations, type IngestSummary } from '../../src/ingest/pipeline.js';
import { observation } from '../graph/corpus-fixture.js';
import { resetGraph, testDriver, testNeo4jConfig } from '../helpers/neo4j.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const temp = tempDirs();
const CRLF = '\r\n';
const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Real extraction, in-process (no worker pool needed for plain-text messages). */
const extractor: Extractor = { extract: (m) => extractMessage(m.raw, m.file, { ocr: false }) };

interface Headers {
  subject?: string;
  messageId?: string;
  fromDomain?: string;
}

function mail(index: number, h: Headers = {}): Buffer {
  return Buffer.from(
    [
      `From: "Billing Desk" <billing@${h.fromDomain ?? 'desk.example'}>`,
      'To: victim@example.org',
      `Subject: ${h.subject ?? `Your renewal ${index}`}`,
      'Date: Tue, 3 Mar 2026 10:21:55 +0000',
      `Message-ID: ${h.messageId ?? `<m${index}@desk.example>`}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Dear customer ${index}, call support now: +1 888-555-${String(1000 + index)}`,
      '',
    ].join(CRLF),
    'utf8',
  );
}

/** About 9 kB of ordinary words, as in the report. */
const longSubject = Array.from({ length: 1300 }, (_, i) => ['your', 'account', 'invoice', 'payment', 'was', 'declined', 'call', 'support'][i % 8]).join(' ');
const longMessageId = `<${'m'.repeat(10_000)}@x.example>`;
const longDomain = `${'d'.repeat(9763 - '.example'.length)}.example`;

async function count(driver: Driver, cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await readRows<{ n: number }>(driver, cypher, params);
  return row?.n ?? -1;
}

/** Node counts per label and relationship counts per type (GraphState is bookkeeping). */
async function shape(driver: Driver): Promise<string> {
  const labels = await readRows(driver, 'MATCH (n) WHERE NOT n:GraphState UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label');
  const rels = await readRows(driver, 'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type');
  const issues = await readRows(driver, 'MATCH (i:IngestIssue) RETURN i.id AS id, i.code AS code, i.file AS file ORDER BY id');
  return JSON.stringify({ labels, rels, issues });
}

async function issuesOf(driver: Driver): Promise<{ code: string; file: string; field: string | null; emailId: string | null; message: string }[]> {
  return readRows(driver, 'MATCH (i:IngestIssue) RETURN i.code AS code, i.file AS file, i.field AS field, i.emailId AS emailId, i.message AS message ORDER BY field');
}

describe('over-long indexed values (issue 15, part 2)', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
  });
  afterAll(async () => driver.close());
  beforeEach(async () => resetGraph(driver));

  /** Four healthy messages and the bad one in the middle, all in one batch. */
  async function ingestWithOneBad(bad: Headers): Promise<{ first: IngestSummary; badId: string; files: string[] }> {
    const raws = [0, 1, 2, 3, 4].map((i) => (i === 2 ? mail(i, bad) : mail(i)));
    const files = raws.map((_, i) => `m${i}.eml`);
    const messages = raws.map((raw, i) => ({ file: files[i] as string, raw }));
    const first = await ingestMessages(driver, messages, extractor, { source: 'refusals', batchSize: 10 });
    return { first, badId: sha(raws[2] as Buffer), files };
  }

  it.each([
    {
      name: 'a subject of about 9 kB of words (Email.subject, full-text index, and Email.subjectTemplate)',
      bad: { subject: longSubject },
      fields: ['Email.subject', 'Email.subjectTemplate'],
      check: async (driver: Driver, id: string) => {
        const [e] = await readRows<{ subject: string; full: string; template: string }>(driver, 'MATCH (e:Email {id: $id}) RETURN e.subject AS subject, e.subjectFull AS full, e.subjectTemplate AS template', { id });
        expect([...(e?.subject ?? '')].length).toBe(indexedLimits.subject.maxChars);
        expect(e?.full).toBe(longSubject);
        expect([...(e?.template ?? '')].length).toBe(indexedLimits.subjectTemplate.maxChars);
        // Still found by the full-text index.
        const hits = await count(driver, "CALL db.index.fulltext.queryNodes('email_subject_fulltext', 'declined') YIELD node WHERE node.id = $id RETURN count(*) AS n", { id });
        expect(hits).toBe(1);
      },
    },
    {
      name: 'a 10,000-character Message-ID (Email.messageId, range index)',
      bad: { messageId: longMessageId },
      fields: ['Email.messageId'],
      check: async (driver: Driver, id: string) => {
        const [e] = await readRows<{ messageId: string; full: string }>(driver, 'MATCH (e:Email {id: $id}) RETURN e.messageId AS messageId, e.messageIdFull AS full', { id });
        expect([...(e?.messageId ?? '')].length).toBe(indexedLimits.messageId.maxChars);
        expect(e?.full).toBe(longMessageId);
        // The workspace search finds it by the Message-ID as sent.
        const found = await search(driver, { q: longMessageId, limit: 5, region: 'US' });
        expect(found.kind).toBe('email');
        expect(found.results.map((r) => r.key)).toEqual([`Email:${id}`]);
      },
    },
    {
      name: 'a sender domain of 9,763 characters (Domain.name, unique key)',
      bad: { fromDomain: longDomain },
      fields: ['Domain.name'],
      check: async (driver: Driver, id: string) => {
        const [d] = await readRows<{ name: string; full: string }>(driver, 'MATCH (:Email {id: $id})-[:SENT_FROM]->(d:Domain) RETURN d.name AS name, d.nameFull AS full', { id });
        expect([...(d?.name ?? '')].length).toBe(indexedLimits.domain.maxChars);
        expect(d?.full).toBe(longDomain);
        expect(await count(driver, 'MATCH (d:Domain) RETURN count(d) AS n')).toBe(2);
      },
    },
  ])('$name: every message loaded, an IngestIssue for the bad one, rerun idempotent', async ({ bad, fields, check }) => {
    const { first, badId, files } = await ingestWithOneBad(bad);
    expect(first).toMatchObject({ messages: 5, loaded: 5, newEmails: 5, errors: 0, refused: 0, shortened: fields.length, issues: fields.length });
    expect(await count(driver, 'MATCH (e:Email) RETURN count(e) AS n')).toBe(5);
    expect(await count(driver, 'MATCH (:Email)-[:MENTIONS]->(p:PhoneNumber) RETURN count(DISTINCT p) AS n')).toBe(5);
    const issues = await issuesOf(driver);
    expect(issues.map((i) => i.field)).toEqual([...fields].sort());
    for (const issue of issues) expect(issue).toMatchObject({ code: 'value_too_long', file: files[2], emailId: badId });
    expect(await count(driver, 'MATCH (e:Email {id: $id}) RETURN e.issueCount AS n', { id: badId })).toBeGreaterThanOrEqual(fields.length);
    await check(driver, badId);

    const before = await shape(driver);
    const again = await ingestWithOneBad(bad);
    expect(again.first).toMatchObject({ messages: 5, skipped: 5, newEmails: 0, errors: 0, issues: 0 });
    expect(await shape(driver)).toBe(before);
  });

  /** Observations as `--jsonl` brings them: fields that no mail header fills directly. */
  it.each([
    {
      name: 'a 5,000-character brand name (Brand.name, unique key)',
      make: (o: Observation): Observation => ({ ...o, brand: 'B'.repeat(5000), brands: [{ name: 'B'.repeat(5000), where: ['subject'], confidence: 0.9 }] }),
      field: 'Brand.name',
      check: async (driver: Driver) => {
        const [b] = await readRows<{ name: string; full: string; primary: string }>(driver, 'MATCH (e:Email)-[:IMPERSONATES]->(b:Brand) RETURN b.name AS name, b.nameFull AS full, e.brand AS primary');
        expect([...(b?.name ?? '')].length).toBe(indexedLimits.brand.maxChars);
        expect(b?.full).toBe('B'.repeat(5000));
        expect(b?.primary).toBe(b?.name);
      },
    },
    {
      name: 'a lure whose context is 9,000 characters (Lure.key, unique key)',
      make: (o: Observation): Observation => ({ ...o, lure: { context: 'c'.repeat(9000), trigger: 'urgency', cta: 'call-phone', confidence: 0.8, byLayer: {} } }),
      field: 'Lure.key',
      check: async (driver: Driver) => {
        const [l] = await readRows<{ key: string; context: string }>(driver, 'MATCH (:Email)-[:USES_LURE]->(l:Lure) RETURN l.key AS key, l.context AS context');
        expect([...(l?.key ?? '')].length).toBe(indexedLimits.lureKey.maxChars);
        expect(l?.context).toBe('c'.repeat(9000));
      },
    },
    {
      name: 'a 10,000-character subject template (Email.subjectTemplate, range index)',
      make: (o: Observation): Observation => ({ ...o, subjectTemplate: 'Order {n} '.repeat(1000) }),
      field: 'Email.subjectTemplate',
      check: async (driver: Driver) => {
        const [e] = await readRows<{ template: string }>(driver, "MATCH (e:Email {file: 'j2.eml'}) RETURN e.subjectTemplate AS template");
        expect([...(e?.template ?? '')].length).toBe(indexedLimits.subjectTemplate.maxChars);
      },
    },
  ])('$name: every observation loaded, an IngestIssue for the bad one, rerun idempotent', async ({ make, field, check }) => {
    const batch = [0, 1, 2, 3, 4].map((i) => {
      const o = observation({ key: `j${i}`, numbers: [`+1202555${1000 + i}`] });
      return i === 2 ? make(o) : o;
    });
    const first = await ingestObservations(driver, batch, { source: 'refusals', batchSize: 10 });
    expect(first).toMatchObject({ messages: 5, loaded: 5, newEmails: 5, errors: 0, shortened: 1, issues: 1 });
    expect(await count(driver, 'MATCH (e:Email) RETURN count(e) AS n')).toBe(5);
    expect(await issuesOf(driver)).toMatchObject([{ code: 'value_too_long', file: 'j2.eml', field, emailId: batch[2]?.id }]);
    await check(driver);
    const before = await shape(driver);
    expect(await ingestObservations(driver, batch, { source: 'refusals', batchSize: 10 })).toMatchObject({ skipped: 5, newEmails: 0, issues: 0 });
    expect(await shape(driver)).toBe(before);
  });

  it('an over-long source name (Email.source, range index) is bounded: the ingest loads every message', async () => {
    const source = 's'.repeat(9000);
    const summary = await ingestObservations(driver, [0, 1, 2].map((i) => observation({ key: `s${i}` })), { source, batchSize: 10 });
    expect(summary).toMatchObject({ loaded: 3, errors: 0 });
    const [row] = await readRows<{ sources: string[] }>(driver, 'MATCH (e:Email) RETURN collect(DISTINCT e.source) AS sources');
    expect(row?.sources).toHaveLength(1);
    expect([...(row?.sources[0] ?? '')].length).toBe(indexedLimits.source.maxChars);
  });
});

describe('a row the database refuses is isolated by splitting the batch', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
  });
  afterAll(async () => driver.close());
  beforeEach(async () => resetGraph(driver));

  /** A map where Neo4j stores only primitives and lists of them: Neo.ClientError.Statement.TypeError. */
  const refusedByNeo4j = (o: Observation): Observation => ({ ...o, fromName: { not: 'a string' } as unknown as string });

  it('loads the others, records the refused one as load_refused with the error, goes on; a rerun changes nothing', async () => {
    const batch = Array.from({ length: 7 }, (_, i) => {
      const o = observation({ key: `r${i}`, numbers: [`+1202555${2000 + i}`], domain: `d${i}.test` });
      return i === 3 ? refusedByNeo4j(o) : o;
    });
    // Two batches: the refused message's batch and one after it, to show the ingest goes on past it.
    const first = await ingestObservations(driver, [...batch, observation({ key: 'after' })], { source: 'split', batchSize: 7 });
    expect(first).toMatchObject({ messages: 8, loaded: 7, newEmails: 7, errors: 1, refused: 1, issues: 1, interrupted: false });
    expect(await count(driver, 'MATCH (e:Email) RETURN count(e) AS n')).toBe(7);
    expect(await count(driver, 'MATCH (e:Email {id: $id}) RETURN count(e) AS n', { id: batch[3]?.id })).toBe(0);
    // Everything of the healthy messages is there: their numbers and domains.
    expect(await count(driver, 'MATCH (:Email)-[:MENTIONS]->(p:PhoneNumber) RETURN count(DISTINCT p) AS n')).toBe(6);
    expect(await count(driver, 'MATCH (:Email)-[:SENT_FROM]->(d:Domain) RETURN count(DISTINCT d) AS n')).toBe(6 + 1);
    const issues = await issuesOf(driver);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'load_refused', file: 'r3.eml', emailId: batch[3]?.id });
    expect(issues[0]?.message).toContain('Neo.ClientError.Statement.TypeError');

    // The refused message is tried again (it has no Email node) and refused again: the same IngestIssue.
    const before = await shape(driver);
    const rerun = await ingestObservations(driver, [...batch, observation({ key: 'after' })], { source: 'split', batchSize: 7 });
    expect(rerun).toMatchObject({ messages: 8, skipped: 7, newEmails: 0, errors: 1, refused: 1, issues: 0 });
    expect(await shape(driver)).toBe(before);
  });

  it('a batch where every message is refused records each of them, and loads nothing else', async () => {
    const batch = Array.from({ length: 4 }, (_, i) => refusedByNeo4j(observation({ key: `all${i}` })));
    const summary = await ingestObservations(driver, batch, { source: 'split', batchSize: 4 });
    expect(summary).toMatchObject({ loaded: 0, errors: 4, refused: 4, issues: 4 });
    expect((await issuesOf(driver)).map((i) => i.file).sort()).toEqual(['all0.eml', 'all1.eml', 'all2.eml', 'all3.eml']);
    expect(await count(driver, 'MATCH (e:Email) RETURN count(e) AS n')).toBe(0);
  });
});

describe('callhound ingest (CLI) with a message the database would refuse', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
  });
  afterAll(async () => driver.close());
  beforeEach(async () => resetGraph(driver));

  function callhound(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const db = testNeo4jConfig();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password, CALLHOUND_DB_RETRY_S: '0' },
      timeout: 120_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  it('messages with a 10,000-character Message-ID, a 9 kB subject and a 9,763-character domain: exit 0, all loaded, counted in the summary', () => {
    const dir = temp.make('callhound-refusals-');
    writeFileSync(path.join(dir, 'a.eml'), mail(1));
    writeFileSync(path.join(dir, 'b.eml'), mail(2, { messageId: longMessageId }));
    writeFileSync(path.join(dir, 'c.eml'), mail(3, { subject: longSubject, fromDomain: longDomain }));
    writeFileSync(path.join(dir, 'd.eml'), mail(4));
    const run = callhound(['ingest', dir, '--workers', '1', '--no-ocr', '--json']);
    expect(run.stderr).not.toMatch(/unexpected error/i);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/4 new, .* 0 errors recorded as IngestIssue, 4 over-long values stored shortened \(IngestIssue value_too_long\)/);
    expect(JSON.parse(run.stdout)).toMatchObject({ messages: 4, newEmails: 4, errors: 0, shortened: 4 });
  });

  it('--jsonl with a line Neo4j refuses: exit 0, the others loaded, the refused one counted', () => {
    const dir = temp.make('callhound-refusals-');
    const file = path.join(dir, 'obs.jsonl');
    const lines = [observation({ key: 'c1' }), { ...observation({ key: 'c2' }), fromName: { not: 'a string' } }, observation({ key: 'c3' })];
    writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const run = callhound(['ingest', '--jsonl', file, '--no-analyze', '--json']);
    expect(run.stderr).not.toMatch(/unexpected error/i);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/1 errors recorded as IngestIssue \(1 refused by the database: IngestIssue load_refused\)/);
    expect(JSON.parse(run.stdout)).toMatchObject({ messages: 3, loaded: 2, errors: 1, refused: 1 });
  });
});
