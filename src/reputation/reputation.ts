import type { Driver } from 'neo4j-driver';
import { CallhoundError } from '../errors.js';
import { readRows } from '../graph/driver.js';
import { GenerationCache } from '../graph/generation-cache.js';
import { plainValue } from '../graph/values.js';
import { blockPrefix, blockSuffix, toE164 } from '../domain/index.js';
import { blockRuns, defaultRunOptions, positionInRun, type BlockNumber, type RunPosition, type SequentialRun } from './runs.js';
import { scoreKnown, scoreUnseen, type KnownFacts, type Neighbour, type Reason } from './score.js';

export interface ReputationOptions {
  /** ISO-2 region for numbers written without a country code. */
  defaultRegion: string;
  /** Score recency against this day (default: the newest day in the graph, the graph's own clock). */
  asOf?: string | undefined;
  /** Run window in last-four digits (default 100). */
  window?: number;
  /** Time window of a sequential run in days (default 30). */
  timeWindowDays?: number;
  database?: string | undefined;
  /** Block data kept between look-ups (the API server's); without it every look-up asks the database. */
  blockMemo?: BlockMemo | undefined;
}

export type Verdict = 'known' | 'likely-next-rotation' | 'near-known-numbers' | 'known-block' | 'unknown';

export interface Reputation {
  /** The number as E.164. */
  number: string;
  known: boolean;
  verdict: Verdict;
  /** 0–100; the sum of the reasons' points, capped (95 at most for a number never seen). */
  score: number;
  reasons: Reason[];
  /** What the graph knows about a known number. */
  facts: (KnownFacts & { cluster: string | null; longestRun: number | null }) | null;
  block: { prefix: string; knownNumbers: number };
  /** Known numbers of the same block within the run window, nearest first. */
  neighbours: Neighbour[];
  /** The sequential run the number belongs to or sits next to. */
  run: { prefix: string; from: string; to: string; numbers: string[]; firstSeen: string; lastSeen: string; position: RunPosition | 'member' } | null;
  likelyNextRotation: boolean;
  asOf: string;
}

interface NumberRow {
  e164: string;
  activeDays: number | null;
  longestRun: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  emails: number;
  brands: string[];
  lures: string[];
  cluster: { id: string; size: number } | null;
}

// Brands come from the facets `callhound analyze` writes (docs/graph-model.md) when it has run, so a busy
// number's emails are not walked on every look-up; MENTIONS is counted by degree (it only ever points at a
// PhoneNumber from an Email). Block rows are lists, which the driver decodes far faster than maps.
const factsPart = `
CALL () {
  OPTIONAL MATCH (p:PhoneNumber {e164: $e164})
  RETURN CASE WHEN p IS NULL THEN null ELSE {
    e164: p.e164, activeDays: p.activeDays, longestRun: p.longestRun, firstSeen: p.firstSeen, lastSeen: p.lastSeen,
    emails: COUNT { (p)<-[:MENTIONS]-() },
    brands: CASE WHEN p.brands IS NOT NULL THEN p.brands
                 ELSE COLLECT { MATCH (p)<-[:MENTIONS]-(:Email)-[:IMPERSONATES]->(b:Brand) RETURN DISTINCT b.name AS name ORDER BY name } END,
    lures: COLLECT { MATCH (p)<-[:MENTIONS]-(:Email)-[:USES_LURE]->(l:Lure) RETURN DISTINCT l.key AS key ORDER BY key },
    cluster: COLLECT { MATCH (p)-[:IN_CLUSTER]->(c:Cluster) RETURN c {.id, .size} AS c LIMIT 1 }[0]
  } END AS facts
}`;

// What a look-up needs about the number's block, the same for every number of it: its dated numbers, every
// number of the graph with that prefix (by the e164 index, whatever its links), and the graph's newest day.
const blockPart = `
CALL () {
  MATCH (:DidBlock {prefix: $prefix})<-[:IN_BLOCK]-(p:PhoneNumber)
  WHERE p.firstSeen IS NOT NULL
  RETURN collect([
    p.e164, p.firstSeen, p.lastSeen, COUNT { (p)<-[:MENTIONS]-() },
    CASE WHEN p.brands IS NOT NULL THEN p.brands
         ELSE COLLECT { MATCH (p)<-[:MENTIONS]-(:Email)-[:IMPERSONATES]->(b:Brand) RETURN DISTINCT b.name AS name ORDER BY name } END,
    p.analysisHash IS NOT NULL, p.runId
  ]) AS block
}
CALL () {
  MATCH (p:PhoneNumber) WHERE p.e164 STARTS WITH $prefix AND size(p.e164) = size($prefix) + 4
  RETURN collect(p.e164) AS present
}`;

const newestPart = `COLLECT { MATCH (p:PhoneNumber) WHERE p.lastSeen IS NOT NULL RETURN p.lastSeen AS newest ORDER BY newest DESC LIMIT 1 }[0] AS newest`;

/** One round trip for a look-up whose block is not kept; the facts alone when it is. */
const lookupQuery = `${factsPart}${blockPart}\nRETURN facts, block, present, ${newestPart}`;
const factsQuery = `${factsPart}\nRETURN facts`;

type BlockRow = BlockNumber & { emails: number; brands: string[] };

/** A block as a look-up needs it; kept per prefix by a BlockMemo until the graph changes. */
export interface BlockData {
  block: BlockRow[];
  /** Every number of the graph with the block's prefix: a number not in it has no node, so no facts. */
  present: ReadonlySet<string>;
  newest: string | null;
}

/**
 * Block data kept between look-ups (the API server's reputation provider keeps one, dropped with its response
 * cache when the graph changes). Unseen numbers next to known ones are the point of reputation, and they share
 * their block: with it kept, such a look-up needs no database round trip at all.
 */
export type BlockMemo = GenerationCache<BlockData>;

export function createBlockMemo(options: { maxBlocks: number; maxAgeMs: number }): BlockMemo {
  return new GenerationCache<BlockData>({ maxSize: options.maxBlocks, maxEntrySize: 1, maxAgeMs: options.maxAgeMs, sizeOf: () => 1 });
}

export const newestDayQuery = `
MATCH (p:PhoneNumber) WHERE p.lastSeen IS NOT NULL
RETURN p.lastSeen AS newest ORDER BY newest DESC LIMIT 1`;

/** The newest active day in the graph (the graph's clock), or today when the graph is empty. */
export async function newestDay(driver: Driver, database?: string): Promise<string> {
  const [row] = await readRows(driver, newestDayQuery, {}, database);
  return row ? String(plainValue(row.newest)) : new Date().toISOString().slice(0, 10);
}

/**
 * The reputation of one number, for `callhound reputation` and `GET /api/reputation/:number`. Accepts any
 * written form of a number; a CallhoundError `bad_number` (status 400) when it is not a phone number.
 */
export async function reputation(driver: Driver, numberText: string, options: ReputationOptions): Promise<Reputation> {
  const e164 = toE164(numberText, options.defaultRegion);
  if (e164 === undefined) {
    throw new CallhoundError('bad_number', `${JSON.stringify(numberText)} is not a phone number (numbers without a country code are read as ${options.defaultRegion})`, { status: 400 });
  }
  const window = options.window ?? defaultRunOptions.window;
  const prefix = blockPrefix(e164);
  const last4 = blockSuffix(e164);
  const params = { e164, prefix };
  const memo = options.blockMemo;
  const generation = memo?.generation ?? 0;
  let data = memo?.get(prefix);
  let factsRow: Record<string, unknown> | null = null;
  if (data === undefined) {
    const [found] = await readRows<{ facts: Record<string, unknown> | null; block: unknown[][]; present: string[]; newest: unknown }>(driver, lookupQuery, params, options.database);
    data = {
      block: (found?.block ?? []).map((cells) => {
        const [number, firstSeen, lastSeen, emails, brands, analysed, runId] = plainValue(cells) as [string, string, string, number, string[], boolean, string | null];
        return { e164: number, firstSeen, lastSeen, emails, brands, analysed, runId };
      }),
      present: new Set(found?.present ?? []),
      newest: found?.newest != null ? String(plainValue(found.newest)) : null,
    };
    memo?.set(prefix, data, generation);
    factsRow = found?.facts ?? null;
  } else if (data.present.has(e164)) {
    const [found] = await readRows<{ facts: Record<string, unknown> | null }>(driver, factsQuery, params, options.database);
    factsRow = found?.facts ?? null;
  }
  const asOf = options.asOf ?? data.newest ?? new Date().toISOString().slice(0, 10);
  const row = factsRow ? (plainValue(factsRow) as NumberRow) : undefined;
  const block = data.block;
  const others = block.filter((n) => n.e164 !== e164);
  const neighbours: Neighbour[] = others
    .map((n) => ({ e164: n.e164, offset: blockSuffix(n.e164) - last4, firstSeen: n.firstSeen, lastSeen: n.lastSeen, emails: n.emails, brands: n.brands }))
    .filter((n) => Math.abs(n.offset) <= window)
    .sort((a, b) => Math.abs(a.offset) - Math.abs(b.offset) || a.offset - b.offset);
  // The runs analyze wrote (PhoneNumber.runId), or the same algorithm when it has not run or other windows are asked.
  const runs = blockRuns(prefix, block, { window: options.window, timeWindowDays: options.timeWindowDays });
  const known = row !== undefined && row.emails > 0;
  const base = { number: e164, known, neighbours, asOf, block: { prefix, knownNumbers: others.length + (known ? 1 : 0) } };

  if (known) {
    const facts: KnownFacts = { emails: row.emails, brands: row.brands, lures: row.lures, activeDays: row.activeDays ?? 0, firstSeen: row.firstSeen, lastSeen: row.lastSeen, clusterSize: row.cluster?.size ?? null };
    const { score, reasons } = scoreKnown(facts, asOf);
    const member = runs.find((r) => r.numbers.some((n) => n.e164 === e164));
    return { ...base, verdict: 'known', score, reasons, facts: { ...facts, cluster: row.cluster?.id ?? null, longestRun: row.longestRun }, run: member ? describe(member, 'member') : null, likelyNextRotation: false };
  }

  const placed = runs
    .map((run) => ({ run, position: positionInRun(run, last4, window) }))
    .filter((p): p is { run: SequentialRun; position: RunPosition } => p.position !== undefined)
    // Inside a gap beats past an end; then the most recent run.
    .sort((a, b) => Number(b.position === 'gap') - Number(a.position === 'gap') || b.run.lastSeen.localeCompare(a.run.lastSeen))[0];
  const { score, reasons, likelyNextRotation } = scoreUnseen(e164, { blockKnown: others.length, neighbours, run: placed, asOf });
  const verdict: Verdict = likelyNextRotation ? 'likely-next-rotation' : neighbours.length > 0 ? 'near-known-numbers' : others.length > 0 ? 'known-block' : 'unknown';
  return { ...base, verdict, score, reasons, facts: null, run: placed ? describe(placed.run, placed.position) : null, likelyNextRotation };
}

function describe(run: SequentialRun, position: RunPosition | 'member'): NonNullable<Reputation['run']> {
  const pad = (v: number): string => String(v).padStart(4, '0');
  return { prefix: run.prefix, from: pad(run.from), to: pad(run.to), numbers: run.numbers.map((n) => n.e164), firstSeen: run.firstSeen, lastSeen: run.lastSeen, position };
}
