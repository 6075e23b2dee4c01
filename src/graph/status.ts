import type { Driver } from 'neo4j-driver';
import { readRows } from './driver.js';

export interface GraphStatus {
  version: string;
  edition: string;
  nodeCounts: Record<string, number>;
  relationshipCount: number;
}

/** Version and per-label node counts, read from Neo4j's count store (cheap on any graph size). */
export async function graphStatus(driver: Driver, database?: string): Promise<GraphStatus> {
  const [component] = await readRows<{ version: string; edition: string }>(
    driver,
    'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
    {},
    database,
  );
  const [counts] = await readRows<{ nodes: { label?: string; count: number }[]; relationships: { relationshipType?: string; count: number }[] }>(
    driver,
    "CALL db.stats.retrieve('GRAPH COUNTS') YIELD data RETURN data.nodes AS nodes, data.relationships AS relationships",
    {},
    database,
  );
  const nodeCounts: Record<string, number> = {};
  let total = 0;
  for (const entry of counts?.nodes ?? []) {
    if (entry.label === undefined) total = entry.count;
    else nodeCounts[entry.label] = entry.count;
  }
  const relationshipCount = (counts?.relationships ?? []).find((r) => r.relationshipType === undefined && !('startLabel' in r) && !('endLabel' in r))?.count ?? 0;
  return { version: component?.version ?? 'unknown', edition: component?.edition ?? 'unknown', nodeCounts: { total, ...nodeCounts }, relationshipCount };
}
