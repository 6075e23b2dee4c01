import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { bumpGraphVersion } from './graph-version.js';
import type { Observation } from '../extract/observation.js';
import { neo4j } from './driver.js';
import { type BatchRows, buildBatchRows, ingestIssueId } from './rows.js';
import { applyRegistryToNumbers, hasRegistry } from './registry.js';

/**
 * The loader: Observations → the graph of docs/graph-model.md, one write transaction per batch of
 * parameterised `UNWIND $rows … MERGE` statements. A batch is atomic, so an email is in the graph with all
 * its numbers, brands, lures and attachments, or not at all — which is what makes a rerun after a crash
 * safe (the ingest command skips email ids that are already present). MERGE on the unique keys makes every
 * statement idempotent: loading the same observations again changes no counts.
 */

export interface LoadOptions {
  /** Ingest source name, stored on new Email nodes. */
  source: string;
  database?: string | undefined;
  /** Look up carriers in the imported number-block registry for new numbers (default: when one exists). */
  applyRegistry?: boolean | undefined;
}

export interface LoadCounts {
  /** Observations handed in (after removing duplicate ids inside the batch). */
  emails: number;
  /** Email nodes created (the rest were already known). */
  newEmails: number;
  /** Distinct numbers in the batch, and how many PhoneNumber nodes were created for them. */
  numbers: number;
  newNumbers: number;
  mentions: number;
  relationshipsCreated: number;
  nodesCreated: number;
  /** Over-long indexed values stored shortened (src/graph/bounded.ts), each recorded as an IngestIssue. */
  shortened: number;
  /** IngestIssue nodes the batch created for them (0 when they were recorded by an earlier load). */
  issuesCreated: number;
}

export const emptyCounts = (): LoadCounts => ({ emails: 0, newEmails: 0, numbers: 0, newNumbers: 0, mentions: 0, relationshipsCreated: 0, nodesCreated: 0, shortened: 0, issuesCreated: 0 });

export function addCounts(into: LoadCounts, more: LoadCounts): LoadCounts {
  for (const key of Object.keys(into) as (keyof LoadCounts)[]) into[key] += more[key];
  return into;
}

// Statements are fixed strings; all values travel as parameters. JS numbers arrive as floats, hence
// toInteger() for the int properties of docs/graph-model.md. Keys are sorted inside rows so that
// concurrent writers lock shared nodes (brands, attachment types) in the same order.
const emailStatement = `
UNWIND $rows AS row
MERGE (e:Email {id: row.id})
ON CREATE SET e.source = row.source, e.file = row.file, e.ingestedAt = datetime()
SET e += row.props, e.issueCount = toInteger(row.props.issueCount), e.sentAt = datetime(row.sentAt), e.day = date(row.day),
  e.calendarEvents = toInteger(row.props.calendarEvents), e.calendarStart = datetime(row.calendarStart)`;

// A message loaded again (a newer extractor or classifier, or --jsonl from elsewhere) replaces what it says:
// links to numbers, brands and lures it no longer names are removed, so nothing stale is left behind for
// the analysis to count. For a new email this matches nothing.
const staleLinksStatement = `
UNWIND $rows AS row
MATCH (e:Email {id: row.id})
CALL (e, row) { MATCH (e)-[r:MENTIONS]->(p:PhoneNumber) WHERE NOT p.e164 IN row.numbers DELETE r }
CALL (e, row) { MATCH (e)-[r:IMPERSONATES]->(b:Brand) WHERE NOT b.name IN row.brands DELETE r }
CALL (e, row) { MATCH (e)-[r:USES_LURE]->(l:Lure) WHERE NOT (r.layer + ' ' + l.key) IN row.lures DELETE r }
CALL (e, row) { MATCH (e)-[r:DELIVERED_VIA]->(p:Platform) WHERE NOT p.name IN row.platforms DELETE r }`;

const platformStatement = `
UNWIND $rows AS row
MATCH (e:Email {id: row.emailId})
MERGE (p:Platform {name: row.name})
MERGE (e)-[:DELIVERED_VIA]->(p)`;

const domainStatement = `
UNWIND $rows AS row
MATCH (e:Email {id: row.emailId})
MERGE (d:Domain {name: row.name})
ON CREATE SET d.nameFull = row.nameFull
MERGE (e)-[:SENT_FROM]->(d)`;

const numberStatement = `
UNWIND $rows AS row
MERGE (p:PhoneNumber {e164: row.e164})
ON CREATE SET p.country = row.country, p.numberType = row.numberType, p.lineType = row.lineType,
  p.lineTypeSource = 'libphonenumber', p.lineTypeAt = datetime(), p.national = row.national`;

const blockStatement = `
UNWIND $rows AS row
MERGE (b:DidBlock {prefix: row.prefix})
ON CREATE SET b.country = row.country`;

const inBlockStatement = `
UNWIND $rows AS row
MATCH (p:PhoneNumber {e164: row.e164})
MATCH (b:DidBlock {prefix: row.prefix})
MERGE (p)-[:IN_BLOCK]->(b)`;

const blockCountStatement = `
UNWIND $prefixes AS prefix
MATCH (b:DidBlock {prefix: prefix})
SET b.numberCount = COUNT { (b)<-[:IN_BLOCK]-(:PhoneNumber) }`;

const mentionStatement = `
UNWIND $rows AS row
MATCH (e:Email {id: row.emailId})
MATCH (p:PhoneNumber {e164: row.e164})
MERGE (e)-[m:MENTIONS]->(p)
SET m.where = row.where, m.raw = row.raw, m.obfuscated = row.obfuscated, m.confidence = row.confidence, m.context = row.context, m.ext = row.ext`;

const brandStatement = `
UNWIND $rows AS row
MATCH (e:Email {id: row.emailId})
MERGE (b:Brand {name: row.name})
ON CREATE SET b.nameFull = row.nameFull
MERGE (e)-[r:IMPERSONATES]->(b)
SET r.primary = row.primary, r.where = row.where, r.confidence = row.confidence`;

const lureStatement = `
UNWIND $rows AS row
MATCH (e:Email {id: row.emailId})
MERGE (l:Lure {key: row.key})
ON CREATE SET l.context = row.context, l.trigger = row.trigger, l.cta = row.cta
MERGE (e)-[r:USES_LURE {layer: row.layer}]->(l)
SET r.confidence = row.confidence`;

const attachmentTypeStatement = `
UNWIND $names AS name
MERGE (:AttachmentType {name: name})`;

const attachmentStatement = `
UNWIND $rows AS row
MATCH (e:Email {id: row.emailId})
MATCH (t:AttachmentType {name: row.type})
MERGE (a:Attachment {sha256: row.sha256})
ON CREATE SET a.filename = row.filename, a.bytes = toInteger(row.bytes), a.mime = row.mime
MERGE (a)-[:OF_TYPE]->(t)
MERGE (e)-[:HAS_ATTACHMENT]->(a)`;

// An over-long value of a loaded email, recorded in the same transaction as the email (so both or neither).
const shortenedIssueStatement = `
UNWIND $rows AS row
MERGE (i:IngestIssue {id: row.id})
ON CREATE SET i.source = row.source, i.file = row.file, i.code = row.code, i.message = row.message,
  i.emailId = row.emailId, i.field = row.field, i.at = datetime()`;

/** Loads one batch of observations in one write transaction. */
export async function loadObservations(driver: Driver, observations: readonly Observation[], options: LoadOptions): Promise<LoadCounts> {
  const rows = buildBatchRows(observations, options.source);
  const withRegistry = options.applyRegistry ?? (rows.numbers.length > 0 && (await hasRegistry(driver, options.database)));
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE, ...(options.database ? { database: options.database } : {}) });
  try {
    return await session.executeWrite((tx) => writeBatch(tx, rows, withRegistry));
  } finally {
    await session.close();
  }
}

/** The statements of one batch, in dependency order (emails and numbers before what links them). */
export async function writeBatch(tx: ManagedTransaction, rows: BatchRows, withRegistry: boolean): Promise<LoadCounts> {
  const counts = emptyCounts();
  counts.emails = rows.emails.length;
  counts.numbers = rows.numbers.length;
  counts.mentions = rows.mentions.length;
  const run = async (cypher: string, params: Record<string, unknown>, hasRows: boolean): Promise<{ nodes: number; rels: number }> => {
    if (!hasRows) return { nodes: 0, rels: 0 };
    const result = await tx.run(cypher, params);
    const updates = result.summary.counters.updates();
    counts.nodesCreated += updates.nodesCreated;
    counts.relationshipsCreated += updates.relationshipsCreated;
    return { nodes: updates.nodesCreated, rels: updates.relationshipsCreated };
  };
  counts.newEmails = (await run(emailStatement, { rows: rows.emails }, rows.emails.length > 0)).nodes;
  if (counts.newEmails < rows.emails.length) await run(staleLinksStatement, { rows: currentLinks(rows) }, true);
  await run(domainStatement, { rows: sortBy(rows.domains, (r) => r.name) }, rows.domains.length > 0);
  await run(platformStatement, { rows: sortBy(rows.platforms, (r) => r.name) }, rows.platforms.length > 0);
  const sortedNumbers = sortBy(rows.numbers, (r) => r.e164);
  counts.newNumbers = (await run(numberStatement, { rows: sortedNumbers }, rows.numbers.length > 0)).nodes;
  await run(blockStatement, { rows: sortBy(rows.blocks, (r) => r.prefix) }, rows.blocks.length > 0);
  await run(inBlockStatement, { rows: sortedNumbers.map((r) => ({ e164: r.e164, prefix: r.prefix })) }, rows.numbers.length > 0);
  await run(blockCountStatement, { prefixes: rows.blocks.map((b) => b.prefix).sort() }, rows.blocks.length > 0);
  await run(mentionStatement, { rows: rows.mentions }, rows.mentions.length > 0);
  await run(brandStatement, { rows: sortBy(rows.brands, (r) => r.name) }, rows.brands.length > 0);
  await run(lureStatement, { rows: sortBy(rows.lures, (r) => r.key) }, rows.lures.length > 0);
  const typeNames = [...new Set(rows.attachments.map((a) => a.type))].sort();
  await run(attachmentTypeStatement, { names: typeNames }, typeNames.length > 0);
  await run(attachmentStatement, { rows: sortBy(rows.attachments, (r) => r.sha256) }, rows.attachments.length > 0);
  counts.shortened = rows.issues.length;
  counts.issuesCreated = (await run(shortenedIssueStatement, { rows: sortBy(rows.issues, (r) => r.id) }, rows.issues.length > 0)).nodes;
  if (withRegistry && rows.numbers.length > 0) {
    const applied = await applyRegistryToNumbers(tx, sortedNumbers.map((r) => r.e164), { onlyUndecided: true });
    counts.relationshipsCreated += applied.relationshipsCreated;
    counts.nodesCreated += applied.nodesCreated;
  }
  await bumpGraphVersion(tx);
  return counts;
}

/** Per email of the batch, the numbers, brands, lures (layer and key) and platform it names now. */
function currentLinks(rows: BatchRows): { id: string; numbers: string[]; brands: string[]; lures: string[]; platforms: string[] }[] {
  const byEmail = new Map(rows.emails.map((e) => [e.id, { id: e.id, numbers: [] as string[], brands: [] as string[], lures: [] as string[], platforms: [] as string[] }]));
  for (const p of rows.platforms) byEmail.get(p.emailId)?.platforms.push(p.name);
  for (const m of rows.mentions) byEmail.get(m.emailId)?.numbers.push(m.e164);
  for (const b of rows.brands) byEmail.get(b.emailId)?.brands.push(b.name);
  for (const l of rows.lures) byEmail.get(l.emailId)?.lures.push(`${l.layer} ${l.key}`);
  return [...byEmail.values()];
}

function sortBy<T>(rows: T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Email ids (sha256 of the raw bytes) among `ids` that are already in the graph. */
export async function knownEmailIds(driver: Driver, ids: readonly string[], database?: string): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const session = driver.session({ defaultAccessMode: neo4j.session.READ, ...(database ? { database } : {}) });
  try {
    const result = await session.executeRead((tx) => tx.run<{ id: string }>('UNWIND $ids AS id MATCH (e:Email {id: id}) RETURN e.id AS id', { ids: [...ids] }));
    return new Set(result.records.map((r) => r.get('id')));
  } finally {
    await session.close();
  }
}

export interface IngestIssueInput {
  source: string;
  file: string;
  code: string;
  message: string;
  /** The message's Email id when it is known (a message the database refused, src/ingest/split-load.ts). */
  emailId?: string | undefined;
}

export { ingestIssueId };

/** Records messages that could not be read or extracted (`:IngestIssue`), so nothing is dropped silently. */
export async function recordIngestIssues(driver: Driver, issues: readonly IngestIssueInput[], database?: string): Promise<number> {
  if (issues.length === 0) return 0;
  const rows = issues.map((i) => ({ id: ingestIssueId(i), source: i.source, file: i.file, code: i.code, message: i.message, emailId: i.emailId ?? null }));
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE, ...(database ? { database } : {}) });
  try {
    const result = await session.executeWrite((tx) =>
      tx.run(
        `UNWIND $rows AS row
         MERGE (i:IngestIssue {id: row.id})
         ON CREATE SET i.source = row.source, i.file = row.file, i.code = row.code, i.message = row.message, i.emailId = row.emailId, i.at = datetime()`,
        { rows },
      ).then(async (result) => {
        await bumpGraphVersion(tx);
        return result;
      }),
    );
    return result.summary.counters.updates().nodesCreated;
  } finally {
    await session.close();
  }
}
