import type { Driver } from 'neo4j-driver';
import { CallhoundError } from '../errors.js';
import { int, readRows } from '../graph/driver.js';
import { formatModelKey, matchByKey, neighbourLabel, nodeLabels, relationshipTypes, type ModelKey } from './keys.js';
import { edgeId, nodeProjection, toGraphNode, type GraphEdge, type GraphNode, type RawNode } from './nodes.js';
import { plainValue } from '../graph/values.js';

export interface ExpandFilter {
  types?: string[] | undefined;
  labels?: string[] | undefined;
  /** ISO dates, inclusive. Emails are kept by their day, numbers/blocks/clusters by overlap of their active period. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface NeighbourCount {
  type: string;
  label: string;
  /** All neighbours of this relationship type and label. */
  count: number;
  /** Those that pass the filter. */
  matching: number;
}

export interface Expansion {
  node: GraphNode;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Neighbours that pass the filter, over all pages. */
  total: number;
  skip: number;
  limit: number;
  /** `skip` for the next page, or null when this was the last one. */
  next: number | null;
  neighbours: NeighbourCount[];
}

// The filter is one fixed expression; lists and dates are parameters ($types, $labels, $from, $to).
const neighbourFilter = `
  ($types IS NULL OR type(r) IN $types)
  AND ($labels IS NULL OR any(l IN labels(m) WHERE l IN $labels))
  AND ($from IS NULL OR coalesce(m.day, m.lastSeen) IS NULL OR coalesce(m.day, m.lastSeen) >= date($from))
  AND ($to IS NULL OR coalesce(m.day, m.firstSeen) IS NULL OR coalesce(m.day, m.firstSeen) <= date($to))`;

/**
 * One page of a node's neighbourhood, plus the count of neighbours per relationship type and neighbour
 * label (so the UI can say "+37 MENTIONS → Email" before expanding). Paging is by skip/limit over a stable
 * order (relationship type, then the neighbour's volume), so "more" continues where the last page ended.
 */
export async function expand(
  driver: Driver,
  key: ModelKey,
  filter: ExpandFilter,
  page: { skip: number; limit: number },
  database?: string,
): Promise<Expansion> {
  const params = {
    value: key.value,
    types: filter.types && filter.types.length > 0 ? filter.types : null,
    labels: filter.labels && filter.labels.length > 0 ? filter.labels : null,
    from: filter.from ?? null,
    to: filter.to ?? null,
    modelLabels: nodeLabels,
    skip: int(page.skip),
    limit: int(page.limit),
  };
  const match = matchByKey(key.label);
  const dated = params.from !== null || params.to !== null;
  type Count = { type: string; label: string | null; count: number; matching: number };
  type NeighbourRow = [node: RawNode, type: string, outgoing: boolean, propNames: string[], propValues: unknown[]];
  // One statement per expand: one round trip and one transaction. Without a date filter the counts per
  // relationship type come from Neo4j's degree store (O(1) even for a brand with 100,000 emails); the
  // neighbour's label follows from the type (model ends). With dates, a traversal counts what passes. The
  // type names are the model's constants, not user input. Rows are lists, not maps (see nodeProjection).
  const [head0] = await readRows<{ node: RawNode; degrees: Record<string, number>; rows: NeighbourRow[]; datedCounts: Count[] | null }>(
    driver,
    `${match}
     CALL (n) {
       WITH n WHERE $dated
       MATCH (n)-[r]-(m)
       WITH r, m, ${neighbourFilter} AS kept
       WITH type(r) AS type, head([l IN labels(m) WHERE l IN $modelLabels]) AS label, count(*) AS count, sum(CASE WHEN kept THEN 1 ELSE 0 END) AS matching
       ORDER BY type, label
       RETURN collect({type: type, label: label, count: count, matching: matching}) AS datedCounts
     }
     RETURN ${nodeProjection('n')} AS node,
            {${relationshipTypes.map((t) => `${t}: COUNT { (n)-[:${t}]-() }`).join(', ')}} AS degrees,
            COLLECT {
              MATCH (n)-[r]-(m)
              WHERE ${neighbourFilter}
              WITH r, m ORDER BY type(r), coalesce(m.emailCount, m.size, 0) DESC, coalesce(m.day, date('1970-01-01')) DESC, elementId(r)
              SKIP $skip LIMIT $limit
              RETURN [${nodeProjection('m')}, type(r), startNode(r) = n, keys(r), [k IN keys(r) | r[k]]]
            } AS rows,
            datedCounts`,
    { ...params, dated },
    database,
  );
  const heads = head0 ? [head0] : [];
  const rows = (head0?.rows ?? []).map(([node, type, outgoing, propNames, propValues]) => ({
    node,
    type,
    outgoing,
    props: Object.fromEntries(propNames.map((name, i) => [name, propValues[i]])),
  }));
  const datedCounts = head0?.datedCounts ?? [];
  const summary: Count[] = dated
    ? datedCounts
    : relationshipTypes.flatMap((type) => {
        const count = heads[0]?.degrees[type] ?? 0;
        const label = neighbourLabel(key.label, type);
        if (count === 0 || label === null) return [];
        const kept = (params.types === null || params.types.includes(type)) && (params.labels === null || params.labels.includes(label));
        return [{ type, label, count, matching: kept ? count : 0 }];
      });
  const head = heads[0] ? toGraphNode(heads[0].node) : null;
  if (head === null) throw notFound(key);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const node = toGraphNode(row.node);
    if (node === null) continue;
    if (!seen.has(node.key)) {
      seen.add(node.key);
      nodes.push(node);
    }
    const [source, target] = row.outgoing ? [head.key, node.key] : [node.key, head.key];
    edges.push({ id: edgeId(source, row.type, target), source, target, type: row.type, props: plainValue(row.props) as Record<string, unknown> });
  }
  const neighbours = summary.map((s) => ({ type: s.type, label: s.label ?? 'Other', count: s.count, matching: s.matching }));
  const total = neighbours.reduce((sum, n) => sum + n.matching, 0);
  const next = page.skip + rows.length < total && rows.length === page.limit ? page.skip + page.limit : null;
  return { node: head, nodes, edges, total, skip: page.skip, limit: page.limit, next, neighbours };
}

export function notFound(key: ModelKey): CallhoundError {
  return new CallhoundError('not_found', `no ${key.label} ${formatModelKey(key.label, key.value)} in the graph`, { status: 404 });
}
