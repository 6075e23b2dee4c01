import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { bumpGraphVersion } from './graph-version.js';
import { neo4j, readRows } from './driver.js';
import type { RegistryRow } from './registry-csv.js';

/**
 * The number-block registry in the graph: one `:RegistryBlock {prefix}` per registry row (docs/graph-model.md),
 * and the longest-prefix assignment of carriers and line types to PhoneNumbers. Kept in the graph so that
 * numbers loaded after an import are assigned too (the loader calls applyRegistryToNumbers for new numbers).
 */

export interface ImportRegistryResult {
  blocks: number;
  numbersAssigned: number;
  carriers: number;
}

const upsertBlocks = `
UNWIND $rows AS row
MERGE (b:RegistryBlock {prefix: row.prefix})
SET b.carrier = row.carrier, b.ocn = row.ocn, b.category = row.category, b.lineType = row.lineType,
    b.source = $source, b.importedAt = datetime($at)
MERGE (c:Carrier {name: row.carrier})
SET c.category = CASE WHEN row.lineType = 'unknown' THEN c.category ELSE row.lineType END,
    c.ocn = coalesce(row.ocn, c.ocn)`;

/**
 * Longest matching prefix wins: candidates are the number's prefixes from longest to shortest, the first
 * that names a RegistryBlock decides. `onlyUndecided` leaves numbers a registry has already decided alone
 * (the loader's case); an import re-decides every number (a newer registry replaces an older one).
 */
const assignStatement = `
UNWIND $e164s AS e164
MATCH (p:PhoneNumber {e164: e164})
WHERE NOT $onlyUndecided OR p.lineTypeSource IS NULL OR p.lineTypeSource = 'libphonenumber'
WITH p, [i IN range(size(p.e164) - 1, 2, -1) | left(p.e164, i)] AS candidates
WITH p, [c IN candidates WHERE EXISTS { MATCH (:RegistryBlock {prefix: c}) }] AS hits
WHERE size(hits) > 0
MATCH (b:RegistryBlock {prefix: hits[0]})
MATCH (c:Carrier {name: b.carrier})
OPTIONAL MATCH (p)-[old:ASSIGNED_TO]->(other:Carrier) WHERE other.name <> c.name
DELETE old
WITH DISTINCT p, b, c
MERGE (p)-[r:ASSIGNED_TO]->(c)
SET r.source = b.source, r.at = b.importedAt
FOREACH (_ IN CASE WHEN b.lineType = 'unknown' THEN [] ELSE [1] END |
  SET p.lineType = b.lineType, p.lineTypeSource = b.source, p.lineTypeAt = b.importedAt)
RETURN count(p) AS assigned`;

export async function applyRegistryToNumbers(
  tx: ManagedTransaction,
  e164s: readonly string[],
  options: { onlyUndecided: boolean },
): Promise<{ assigned: number; nodesCreated: number; relationshipsCreated: number }> {
  const result = await tx.run<{ assigned: number }>(assignStatement, { e164s: [...e164s], onlyUndecided: options.onlyUndecided });
  const updates = result.summary.counters.updates();
  return { assigned: result.records[0]?.get('assigned') ?? 0, nodesCreated: updates.nodesCreated, relationshipsCreated: updates.relationshipsCreated };
}

/** True when a registry has been imported (cheap: label count from the count store). */
export async function hasRegistry(driver: Driver, database?: string): Promise<boolean> {
  const [row] = await readRows<{ n: number }>(driver, 'MATCH (b:RegistryBlock) RETURN count(b) AS n', {}, database);
  return (row?.n ?? 0) > 0;
}

/**
 * Stores registry rows (later duplicates of a prefix win) as RegistryBlocks and Carriers, then assigns every
 * PhoneNumber in the graph by longest prefix. `source` is `registry:<file name>`; `at` the import time.
 */
export async function importRegistry(
  driver: Driver,
  rows: readonly RegistryRow[],
  options: { source: string; at?: Date; database?: string | undefined; batchSize?: number },
): Promise<ImportRegistryResult> {
  const at = (options.at ?? new Date()).toISOString();
  const byPrefix = new Map<string, RegistryRow>();
  for (const row of rows) byPrefix.set(row.prefix, row);
  const unique = [...byPrefix.values()].sort((a, b) => (a.prefix < b.prefix ? -1 : 1));
  const batchSize = options.batchSize ?? 5000;
  const sessionConfig = { defaultAccessMode: neo4j.session.WRITE, ...(options.database ? { database: options.database } : {}) };

  const session = driver.session(sessionConfig);
  let numbersAssigned = 0;
  try {
    for (let i = 0; i < unique.length; i += batchSize) {
      const batch = unique.slice(i, i + batchSize);
      await session.executeWrite(async (tx) => {
        await tx.run(upsertBlocks, { rows: batch, source: options.source, at });
        await bumpGraphVersion(tx);
      });
    }
    // Re-decide every number in batches (a registry import is rare; the graph may hold millions of numbers).
    let after = '';
    for (;;) {
      const page = await session.executeRead((tx) =>
        tx.run<{ e164: string }>('MATCH (p:PhoneNumber) WHERE p.e164 > $after RETURN p.e164 AS e164 ORDER BY e164 LIMIT $limit', {
          after,
          limit: neo4j.int(batchSize),
        }),
      );
      const e164s = page.records.map((r) => r.get('e164'));
      if (e164s.length === 0) break;
      const applied = await session.executeWrite(async (tx) => {
        const result = await applyRegistryToNumbers(tx, e164s, { onlyUndecided: false });
        await bumpGraphVersion(tx);
        return result;
      });
      numbersAssigned += applied.assigned;
      after = e164s[e164s.length - 1] ?? after;
    }
  } finally {
    await session.close();
  }
  const carriers = new Set(unique.map((r) => r.carrier)).size;
  return { blocks: unique.length, numbersAssigned, carriers };
}
