import type { Driver } from 'neo4j-driver';
import { CallhoundError } from '../errors.js';
import { int, readPlainRows, readRows } from '../graph/driver.js';
import { edgeId, nodeProjection, toGraphNode, type GraphEdge, type GraphNode, type RawNode } from './nodes.js';

export interface ClusterSummary {
  id: string;
  size: number;
  numbers: number;
  emails: number;
  brands: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  evidence: string[];
}

/** One page of clusters, largest first, and how many pass the filter in all. */
export interface ClusterList {
  clusters: ClusterSummary[];
  total: number;
}

export async function listClusters(
  driver: Driver,
  options: { skip: number; limit: number; minSize: number; brand?: string | undefined },
  database?: string,
): Promise<ClusterList> {
  const params = { skip: int(options.skip), limit: int(options.limit), minSize: int(options.minSize), brand: options.brand ?? null };
  const where = `WHERE coalesce(c.size, 0) >= $minSize AND ($brand IS NULL OR $brand IN coalesce(c.brands, []))`;
  const [rows, totals] = await Promise.all([
    readPlainRows<ClusterSummary>(
      driver,
      `MATCH (c:Cluster) ${where}
       RETURN c.id AS id, coalesce(c.size, 0) AS size, coalesce(c.numbers, c.size, 0) AS numbers, coalesce(c.emails, 0) AS emails,
              coalesce(c.brands, []) AS brands, c.firstSeen AS firstSeen, c.lastSeen AS lastSeen, coalesce(c.evidence, []) AS evidence
       ORDER BY size DESC, emails DESC, id SKIP $skip LIMIT $limit`,
      params,
      database,
    ),
    readRows<{ total: number }>(driver, `MATCH (c:Cluster) ${where} RETURN count(c) AS total`, params, database),
  ]);
  return { clusters: rows, total: totals[0]?.total ?? 0 };
}

export interface ClusterGraph {
  cluster: GraphNode;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Elements the full picture would have (cluster + numbers + emails + their links). */
  totalElements: number;
  truncated: boolean;
}

/**
 * A cluster as a graph: its numbers and, when asked, the emails that mention them. At most `limit` nodes
 * are returned; `truncated` tells the UI it got a part (it then offers the table or a filter).
 */
export async function clusterGraph(
  driver: Driver,
  id: string,
  options: { limit: number; emails: boolean },
  database?: string,
): Promise<ClusterGraph> {
  const heads = await readRows<{ node: RawNode; numbers: number; emails: number }>(
    driver,
    `MATCH (c:Cluster {id: $id})
     RETURN ${nodeProjection('c')} AS node, COUNT { (c)<-[:IN_CLUSTER]-(:PhoneNumber) } AS numbers,
            COUNT { MATCH (c)<-[:IN_CLUSTER]-(:PhoneNumber)<-[:MENTIONS]-(e:Email) RETURN DISTINCT e } AS emails`,
    { id },
    database,
  );
  const head = heads[0];
  const cluster = head ? toGraphNode(head.node) : null;
  if (!head || cluster === null) throw new CallhoundError('not_found', `no cluster ${id}`, { status: 404 });
  const numberRows = await readRows<{ node: RawNode }>(
    driver,
    `MATCH (c:Cluster {id: $id})<-[:IN_CLUSTER]-(p:PhoneNumber)
     RETURN ${nodeProjection('p')} AS node ORDER BY coalesce(p.emailCount, 0) DESC, p.e164 LIMIT $limit`,
    { id, limit: int(options.limit) },
    database,
  );
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const row of numberRows) {
    const node = toGraphNode(row.node);
    if (node === null) continue;
    nodes.push(node);
    edges.push({ id: edgeId(node.key, 'IN_CLUSTER', cluster.key), source: node.key, target: cluster.key, type: 'IN_CLUSTER', props: {} });
  }
  const room = options.limit - nodes.length;
  if (options.emails && room > 0) {
    const rows = await readRows<{ node: RawNode; numbers: Array<{ e164: string }> }>(
      driver,
      `MATCH (c:Cluster {id: $id})<-[:IN_CLUSTER]-(p:PhoneNumber)<-[:MENTIONS]-(e:Email)
       WITH e, collect(p {.e164}) AS numbers
       RETURN ${nodeProjection('e')} AS node, numbers ORDER BY e.sentAt DESC LIMIT $room`,
      { id, room: int(room) },
      database,
    );
    const shown = new Set(nodes.map((n) => n.key));
    for (const row of rows) {
      const node = toGraphNode(row.node);
      if (node === null) continue;
      nodes.push(node);
      for (const number of row.numbers) {
        const target = `PhoneNumber:${number.e164}`;
        if (shown.has(target)) edges.push({ id: edgeId(node.key, 'MENTIONS', target), source: node.key, target, type: 'MENTIONS', props: {} });
      }
    }
  }
  const totalElements = 1 + head.numbers * 2 + (options.emails ? head.emails * 2 : 0);
  return { cluster, nodes, edges, totalElements, truncated: nodes.length < head.numbers + (options.emails ? head.emails : 0) };
}
