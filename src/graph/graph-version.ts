import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { readRows } from './driver.js';

/**
 * The graph's change counter: one `:GraphState {id: 'graph'}` node whose `version` every callhound writer
 * (loader, ingest issues, registry, analyze) raises inside its own write transaction. Readers that keep
 * answers (the API's response cache, src/server/response-cache.ts) compare it to know when to forget them.
 * Raising it inside the writer's transaction makes the change and the new version visible together.
 *
 * The loader's batches run one after another, so the single node is no point of contention; a statement
 * that locks it is the last of its transaction, so it is held only until the commit.
 */
export const bumpGraphVersionStatement = `
MERGE (s:GraphState {id: 'graph'})
SET s.version = coalesce(s.version, 0) + 1, s.changedAt = datetime()`;

export async function bumpGraphVersion(tx: ManagedTransaction): Promise<void> {
  await tx.run(bumpGraphVersionStatement);
}

/**
 * What a reader compares: the version, plus node and relationship totals from Neo4j's count store (O(1)),
 * so that data created or deleted by something other than callhound (a Neo4j Browser session, a script)
 * is noticed too. Property edits made outside callhound change neither: a bounded cache age covers those.
 */
export const graphFingerprintQuery = `
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
OPTIONAL MATCH (s:GraphState {id: 'graph'})
RETURN coalesce(s.version, 0) AS version, nodes, relationships`;

export async function readGraphFingerprint(driver: Driver, database?: string): Promise<string> {
  const [row] = await readRows<{ version: number; nodes: number; relationships: number }>(driver, graphFingerprintQuery, {}, database);
  return row ? `${row.version}:${row.nodes}:${row.relationships}` : '0:0:0';
}
