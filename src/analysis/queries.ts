import type { Driver } from 'neo4j-driver';
import { int, readRows } from '../graph/driver.js';

/**
 * Read queries over what the loader and the analysis wrote, for hunts, the API/UI and the report.
 * All answer plain rows keyed by model keys (E.164, prefix, cluster id), dates as YYYY-MM-DD strings.
 */

export interface DayVolume {
  e164: string;
  day: string;
  brand: string | null;
  emails: number;
}

/** A number's emails per day and brand (its timeline, as the UI draws it). */
export async function numberActivity(driver: Driver, e164: string, database?: string): Promise<DayVolume[]> {
  return readRows<DayVolume>(
    driver,
    `MATCH (p:PhoneNumber {e164: $e164})<-[:MENTIONS]-(e:Email) WHERE e.day IS NOT NULL
     RETURN p.e164 AS e164, toString(e.day) AS day, e.brand AS brand, count(e) AS emails ORDER BY day, brand`,
    { e164 },
    database,
  );
}

export interface NumberStats {
  e164: string;
  national: string | null;
  lineType: string | null;
  carrier: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  activeDays: number;
  lifespan: number | null;
  longestRun: number;
  coolDowns: number;
  maxGap: number;
  emailCount: number;
  peakDay: string | null;
  peakDayEmails: number;
  runId: string | null;
  cluster: string | null;
  block: string | null;
}

const numberStatsProjection = `
  p.e164 AS e164, p.national AS national, p.lineType AS lineType,
  [(p)-[:ASSIGNED_TO]->(c:Carrier) | c.name][0] AS carrier,
  toString(p.firstSeen) AS firstSeen, toString(p.lastSeen) AS lastSeen, coalesce(p.activeDays, 0) AS activeDays,
  p.lifespan AS lifespan, coalesce(p.longestRun, 0) AS longestRun, coalesce(p.coolDowns, 0) AS coolDowns,
  coalesce(p.maxGap, 0) AS maxGap, coalesce(p.emailCount, 0) AS emailCount, toString(p.peakDay) AS peakDay,
  coalesce(p.peakDayEmails, 0) AS peakDayEmails, p.runId AS runId,
  [(p)-[:IN_CLUSTER]->(k:Cluster) | k.id][0] AS cluster, [(p)-[:IN_BLOCK]->(b:DidBlock) | b.prefix][0] AS block`;

/** One number's computed timeline statistics (null when the number is unknown). */
export async function numberStats(driver: Driver, e164: string, database?: string): Promise<NumberStats | null> {
  const [row] = await readRows<NumberStats>(driver, `MATCH (p:PhoneNumber {e164: $e164}) RETURN ${numberStatsProjection}`, { e164 }, database);
  return row ?? null;
}

export interface BlockSummary {
  prefix: string;
  country: string | null;
  numberCount: number;
  activeNumbers: number;
  emailCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  brands: string[];
  runs: number;
}

const blockProjection = `
  b.prefix AS prefix, b.country AS country, coalesce(b.numberCount, 0) AS numberCount, coalesce(b.activeNumbers, 0) AS activeNumbers,
  coalesce(b.emailCount, 0) AS emailCount, toString(b.firstSeen) AS firstSeen, toString(b.lastSeen) AS lastSeen,
  COLLECT { MATCH (b)<-[:IN_BLOCK]-(:PhoneNumber)<-[:MENTIONS]-(e:Email) WHERE e.brand IS NOT NULL RETURN DISTINCT e.brand ORDER BY e.brand } AS brands,
  COUNT { MATCH (b)<-[:IN_BLOCK]-(p:PhoneNumber) WHERE p.runId IS NOT NULL RETURN DISTINCT p.runId } AS runs`;

/** The busiest DID blocks with at least `minNumbers` numbers (by emails). */
export async function topBlocks(driver: Driver, options: { limit?: number; minNumbers?: number } = {}, database?: string): Promise<BlockSummary[]> {
  return readRows<BlockSummary>(
    driver,
    `MATCH (b:DidBlock) WHERE coalesce(b.numberCount, 0) >= $minNumbers
     WITH b ORDER BY coalesce(b.emailCount, 0) DESC, b.prefix LIMIT $limit
     RETURN ${blockProjection}`,
    { limit: int(options.limit ?? 10), minNumbers: int(options.minNumbers ?? 2) },
    database,
  );
}

export async function blockSummary(driver: Driver, prefix: string, database?: string): Promise<BlockSummary | null> {
  const [row] = await readRows<BlockSummary>(driver, `MATCH (b:DidBlock {prefix: $prefix}) RETURN ${blockProjection}`, { prefix }, database);
  return row ?? null;
}

/** A block's numbers with their statistics, in block order. */
export async function blockNumbers(driver: Driver, prefix: string, database?: string): Promise<NumberStats[]> {
  return readRows<NumberStats>(driver, `MATCH (:DidBlock {prefix: $prefix})<-[:IN_BLOCK]-(p:PhoneNumber) RETURN ${numberStatsProjection} ORDER BY p.e164`, { prefix }, database);
}

/** Emails per number, day and brand inside a block (Talos figures 9 and 10). */
export async function blockActivity(driver: Driver, prefix: string, database?: string): Promise<DayVolume[]> {
  return readRows<DayVolume>(
    driver,
    `MATCH (:DidBlock {prefix: $prefix})<-[:IN_BLOCK]-(p:PhoneNumber)<-[:MENTIONS]-(e:Email) WHERE e.day IS NOT NULL
     RETURN p.e164 AS e164, toString(e.day) AS day, e.brand AS brand, count(e) AS emails ORDER BY e164, day, brand`,
    { prefix },
    database,
  );
}

/** Members of a sequential run (`runId` as written by the analysis). */
export async function runNumbers(driver: Driver, runId: string, database?: string): Promise<NumberStats[]> {
  return readRows<NumberStats>(driver, `MATCH (p:PhoneNumber {runId: $runId}) RETURN ${numberStatsProjection} ORDER BY p.e164`, { runId }, database);
}

/** Numbers of a cluster with their statistics. */
export async function clusterNumbers(driver: Driver, clusterId: string, database?: string): Promise<NumberStats[]> {
  return readRows<NumberStats>(driver, `MATCH (:Cluster {id: $id})<-[:IN_CLUSTER]-(p:PhoneNumber) RETURN ${numberStatsProjection} ORDER BY p.emailCount DESC, p.e164`, { id: clusterId }, database);
}

/** The cluster a number belongs to, if any. */
export async function clusterOfNumber(driver: Driver, e164: string, database?: string): Promise<string | null> {
  const [row] = await readRows<{ id: string }>(driver, 'MATCH (:PhoneNumber {e164: $e164})-[:IN_CLUSTER]->(c:Cluster) RETURN c.id AS id', { e164 }, database);
  return row?.id ?? null;
}
