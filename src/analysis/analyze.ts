import { createHash } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { bumpGraphVersion } from '../graph/graph-version.js';
import { neo4j } from '../graph/driver.js';
import { type ActivityRow, type AnalysisOptions, type AnalysisResult, CorpusAnalysis, defaultAnalysisOptions } from './corpus.js';
import { attachmentPlacements, FacetAccumulator, type FacetRow, type NumberFacets } from './facets.js';

/**
 * `callhound analyze`: streams per-number activity and the links between numbers out of Neo4j into the
 * in-process CorpusAnalysis, then writes the results back (docs/graph-model.md, "Written by analysis"):
 * number timelines and run ids, DID-block statistics, and `:Cluster` nodes with `IN_CLUSTER`.
 * No GDS needed; the union-find runs in this process.
 */

export interface AnalyzeOptions extends Partial<AnalysisOptions> {
  database?: string | undefined;
  /** Rows per write transaction. */
  batchSize?: number;
  onProgress?: (stage: string, done: number, total?: number) => void;
}

export interface AnalyzeSummary {
  emails: number;
  numbers: number;
  blocks: number;
  runs: number;
  clusters: number;
  largestCluster: number;
  ms: { read: number; compute: number; write: number };
  /** Milliseconds per stage: reading activity, reading links, computing, writing numbers, blocks, clusters. */
  stages: Record<'readActivity' | 'readLinks' | 'compute' | 'writeNumbers' | 'writeBlocks' | 'writeClusters', number>;
  /** Numbers whose analysis properties changed (only those are written). */
  numbersWritten: number;
  /** Numbers that joined, left or changed cluster. */
  membershipsChanged: number;
}

// Three streams, each proportional to numbers or to the emails that link numbers, not to all emails:
// per-number activity (emails per day and brand, aggregated inside Neo4j, with the facets of those emails),
// emails naming ≥ 2 numbers, and attachment files whose emails name ≥ 2 numbers.
// Facet lists are de-duplicated per (day, brand) group inside Neo4j, so what crosses the wire stays small.
const streamActivity = `
MATCH (p:PhoneNumber)
CALL (p) {
  MATCH (p)<-[m:MENTIONS]-(e:Email)
  WITH e, m,
       COLLECT { MATCH (e)-[:IMPERSONATES]->(b:Brand) RETURN b.name AS name ORDER BY name } AS brands,
       CASE WHEN any(place IN m.where WHERE place IN $attachmentPlacements)
            THEN COLLECT { MATCH (e)-[:HAS_ATTACHMENT]->(:Attachment)-[:OF_TYPE]->(t:AttachmentType) RETURN DISTINCT t.name AS name ORDER BY name }
            ELSE [] END AS types
  WITH toString(e.day) AS day, e.brand AS brand, count(*) AS emails,
       collect(DISTINCT e.subjectTemplate) AS templates, collect(DISTINCT e.context) AS contexts,
       collect(DISTINCT m.where) AS wheres, collect(DISTINCT brands) AS brands, collect(DISTINCT types) AS types
  RETURN collect({day: day, brand: brand, emails: emails, templates: templates, contexts: contexts, wheres: wheres, brands: brands, types: types}) AS activity
}
RETURN p.e164 AS e164, activity, p.analysisHash AS hash, [(p)-[:IN_CLUSTER]->(c:Cluster) | c.id][0] AS cluster`;

// The degree check (no label on the far end) is answered from the node's relationship counts, without
// expanding: MENTIONS only ever points at a PhoneNumber.
const streamMultiNumberEmails = `
MATCH (e:Email) WHERE COUNT { (e)-[:MENTIONS]->() } > 1
RETURN [(e)-[:MENTIONS]->(p:PhoneNumber) | p.e164] AS numbers`;

// An attachment carried by one email only links nothing the email itself does not link, unless emails are
// not evidence ($singleEmail): then every attachment counts.
const streamSharedAttachments = `
MATCH (a:Attachment) WHERE $singleEmail OR COUNT { (a)<-[:HAS_ATTACHMENT]-() } > 1
WITH a, COLLECT { MATCH (a)<-[:HAS_ATTACHMENT]-(:Email)-[:MENTIONS]->(p:PhoneNumber) RETURN DISTINCT p.e164 } AS numbers
WHERE size(numbers) > 1
RETURN numbers`;

const writeNumbers = `
UNWIND $rows AS row
MATCH (p:PhoneNumber {e164: row.e164})
SET p.firstSeen = date(row.firstSeen), p.lastSeen = date(row.lastSeen), p.activeDays = toInteger(row.activeDays),
    p.days = [d IN row.days | date(d)], p.dayEmails = [n IN row.dayEmails | toInteger(n)], p.lifespan = toInteger(row.lifespan), p.longestRun = toInteger(row.longestRun),
    p.coolDowns = toInteger(row.coolDowns), p.maxGap = toInteger(row.maxGap), p.emailCount = toInteger(row.emailCount),
    p.peakDay = date(row.peakDay), p.peakDayEmails = toInteger(row.peakDayEmails), p.runId = row.runId,
    p.brands = row.brands, p.brandCount = toInteger(row.brandCount), p.subjectTemplates = row.subjectTemplates,
    p.templateCount = toInteger(row.templateCount), p.contexts = row.contexts, p.contextCount = toInteger(row.contextCount),
    p.seenIn = row.seenIn, p.attachmentTypes = row.attachmentTypes, p.attachmentTypeCount = toInteger(row.attachmentTypeCount),
    p.analysisHash = row.analysisHash`;

const writeBlocks = `
UNWIND $rows AS row
MATCH (b:DidBlock {prefix: row.prefix})
SET b.firstSeen = date(row.firstSeen), b.lastSeen = date(row.lastSeen), b.emailCount = toInteger(row.emailCount),
    b.activeNumbers = toInteger(row.activeNumbers), b.numberCount = toInteger(row.numberCount)`;

// Brands of a block with the distinct emails per brand, for the blocks-across-brands hunt (Talos figure 10):
// walked once here, not by every run of the hunt. Done inside Neo4j, batched.
const writeBlockBrands = `
MATCH (b:DidBlock)
CALL (b) {
  OPTIONAL MATCH (b)<-[:IN_BLOCK]-(:PhoneNumber)<-[:MENTIONS]-(e:Email)-[:IMPERSONATES]->(brand:Brand)
  WITH brand.name AS name, count(DISTINCT e) AS emails
  ORDER BY name
  WITH collect(name) AS names, collect(CASE WHEN name IS NULL THEN null ELSE emails END) AS counts
  SET b.brands = names, b.brandEmails = counts
} IN TRANSACTIONS OF 1000 ROWS`;

const writeClusters = `
UNWIND $rows AS row
MERGE (c:Cluster {id: row.id})
SET c.size = toInteger(row.size), c.numbers = toInteger(row.size), c.emails = toInteger(row.emails), c.brands = row.brands,
    c.firstSeen = date(row.firstSeen), c.lastSeen = date(row.lastSeen), c.evidence = row.evidence, c.computedAt = datetime($at)`;

const writeMembers = `
UNWIND $rows AS row
MATCH (p:PhoneNumber {e164: row.e164})
MATCH (c:Cluster {id: row.cluster})
MERGE (p)-[:IN_CLUSTER]->(c)`;

const dropMemberships = `
UNWIND $rows AS e164
MATCH (:PhoneNumber {e164: e164})-[r:IN_CLUSTER]->(:Cluster)
DELETE r`;

export interface PreviousAnalysis {
  hash: string | null;
  cluster: string | null;
}

export interface ComputedAnalysis {
  result: AnalysisResult;
  /** Per-number facets (e164 → facets), written with the number's timeline. */
  facets: Map<string, NumberFacets>;
  /** What the graph held before this analysis, per number: the hash of its analysis properties and its cluster. */
  previous: Map<string, PreviousAnalysis>;
  readMs: number;
  /** Of readMs: the per-number activity stream, and the streams of links between numbers. */
  readActivityMs: number;
  readLinksMs: number;
  computeMs: number;
}

/** Reads the whole corpus and computes everything (no writes). */
export async function computeAnalysis(driver: Driver, options: AnalyzeOptions = {}): Promise<ComputedAnalysis> {
  const analysis = new CorpusAnalysis(options);
  const facets = new Map<string, NumberFacets>();
  const previous = new Map<string, PreviousAnalysis>();
  const started = Date.now();
  const session = driver.session({ defaultAccessMode: neo4j.session.READ, fetchSize: 10_000, ...(options.database ? { database: options.database } : {}) });
  let count = 0;
  let readActivityMs = 0;
  // Auto-commit reads streamed with back-pressure: records are consumed as they arrive, never held all at once.
  const stream = async <T extends Record<string, unknown>>(cypher: string, params: Record<string, unknown>, each: (row: T) => void): Promise<void> => {
    const result = session.run<T>(cypher, params);
    for await (const record of result) {
      each(record.toObject() as T);
      count += 1;
      if (count % 100_000 === 0) options.onProgress?.('read', count);
    }
  };
  try {
    await stream<{ e164: string; activity: (ActivityRow & FacetRow)[]; hash: string | null; cluster: string | null }>(streamActivity, { attachmentPlacements }, (row) => {
      analysis.addActivity(row.e164, row.activity);
      previous.set(row.e164, { hash: row.hash, cluster: row.cluster });
      const acc = new FacetAccumulator();
      for (const group of row.activity) acc.add(group);
      facets.set(row.e164, acc.facets());
    });
    readActivityMs = Date.now() - started;
    await stream<{ numbers: string[] }>(streamMultiNumberEmails, {}, (row) => analysis.addMultiNumberEmail(row.numbers));
    const evidence = options.evidence ?? defaultAnalysisOptions.evidence;
    if (evidence.includes('attachment')) {
      await stream<{ numbers: string[] }>(streamSharedAttachments, { singleEmail: !evidence.includes('email') }, (row) => analysis.addSharedAttachment(row.numbers));
    }
  } finally {
    await session.close();
  }
  const readMs = Date.now() - started;
  const computeStarted = Date.now();
  const result = analysis.finish();
  return { result, facets, previous, readMs, readActivityMs, readLinksMs: readMs - readActivityMs, computeMs: Date.now() - computeStarted };
}

/** Computes and writes back timelines, block stats, runs and clusters. Idempotent. */
export async function analyzeGraph(driver: Driver, options: AnalyzeOptions = {}): Promise<AnalyzeSummary> {
  const { result, facets, previous, readMs, readActivityMs, readLinksMs, computeMs } = await computeAnalysis(driver, options);
  const writeStarted = Date.now();
  const { numbersWritten, membershipsChanged, ...written } = await writeAnalysis(driver, result, facets, previous, options);
  return {
    emails: result.emails,
    numbers: result.numbers.length,
    blocks: result.blocks.length,
    runs: result.runs.length,
    clusters: result.clusters.length,
    largestCluster: result.clusters[0]?.size ?? 0,
    ms: { read: readMs, compute: computeMs, write: Date.now() - writeStarted },
    stages: { readActivity: readActivityMs, readLinks: readLinksMs, compute: computeMs, ...written },
    numbersWritten,
    membershipsChanged,
  };
}

const noFacets: NumberFacets = { brands: [], brandCount: 0, subjectTemplates: [], templateCount: 0, contexts: [], contextCount: 0, seenIn: [], attachmentTypes: [], attachmentTypeCount: 0 };

// Bump when the meaning of a written property changes, so that every number is rewritten once.
const analysisVersion = 1;

/** The hash stored as `PhoneNumber.analysisHash`: equal hashes mean nothing to write. */
function analysisHash(row: Record<string, unknown>): string {
  return createHash('sha1').update(`${analysisVersion}:${JSON.stringify(row)}`).digest('base64');
}

/**
 * Writes the results. Only numbers whose analysis properties changed are written, and only memberships that
 * changed are replaced (`previous`: what the graph held): a re-analysis after a day's mail touches the numbers
 * that mail touched, not all of them. Answers what it wrote and the milliseconds per part.
 */
export async function writeAnalysis(
  driver: Driver,
  result: AnalysisResult,
  facets: ReadonlyMap<string, NumberFacets>,
  previous: ReadonlyMap<string, PreviousAnalysis> = new Map(),
  options: AnalyzeOptions = {},
): Promise<{ writeNumbers: number; writeBlocks: number; writeClusters: number; numbersWritten: number; membershipsChanged: number }> {
  const batchSize = options.batchSize ?? 5_000;
  const database = options.database ? { database: options.database } : {};
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE, ...database });
  const at = new Date().toISOString();
  const inBatches = async <T>(stage: string, rows: readonly T[], cypher: string, extra: Record<string, unknown> = {}): Promise<void> => {
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      await session.executeWrite(async (tx) => {
        await tx.run(cypher, { rows: batch, ...extra });
        await bumpGraphVersion(tx);
      });
      options.onProgress?.(stage, Math.min(i + batchSize, rows.length), rows.length);
    }
  };
  try {
    let t = Date.now();
    const changedNumbers = [];
    for (const n of result.numbers) {
      const row = { ...n, ...(facets.get(n.e164) ?? noFacets) };
      const hash = analysisHash(row);
      if (previous.get(n.e164)?.hash !== hash) changedNumbers.push({ ...row, analysisHash: hash });
    }
    await inBatches('numbers', changedNumbers, writeNumbers);
    const numbersMs = Date.now() - t;
    t = Date.now();
    await inBatches('blocks', result.blocks, writeBlocks);
    await session.run(writeBlockBrands);
    const blocksMs = Date.now() - t;
    t = Date.now();
    // Clusters are recomputed from scratch, memberships replaced where they changed: drop the changed numbers'
    // old memberships, upsert the clusters (ids are stable), link the changed members, then remove clusters
    // that no longer have members.
    const clusterOf = new Map<string, string>();
    for (const c of result.clusters) for (const e164 of c.numbers) clusterOf.set(e164, c.id);
    const moved = result.numbers.map((n) => n.e164).filter((e164) => (previous.get(e164)?.cluster ?? null) !== (clusterOf.get(e164) ?? null));
    await inBatches('old memberships', moved.filter((e164) => (previous.get(e164)?.cluster ?? null) !== null), dropMemberships);
    await inBatches('clusters', result.clusters, writeClusters, { at });
    const members = moved.filter((e164) => clusterOf.has(e164)).map((e164) => ({ e164, cluster: clusterOf.get(e164) as string }));
    await inBatches('members', members, writeMembers);
    await session.run('MATCH (c:Cluster) WHERE NOT EXISTS { (c)<-[:IN_CLUSTER]-(:PhoneNumber) } CALL (c) { DETACH DELETE c } IN TRANSACTIONS OF 10000 ROWS');
    // The two auto-commit statements above (block brands, emptied clusters) raise no version themselves.
    await session.executeWrite(bumpGraphVersion);
    return { writeNumbers: numbersMs, writeBlocks: blocksMs, writeClusters: Date.now() - t, numbersWritten: changedNumbers.length, membershipsChanged: moved.length };
  } finally {
    await session.close();
  }
}
