import type { Driver } from 'neo4j-driver';
import { CallhoundError } from '../errors.js';
import { readRows } from '../graph/driver.js';
import { formatParamType, loadHunts, runHunt, type Hunt } from '../hunts/index.js';
import { edgeId, nodeProjection, toGraphNode, type GraphEdge, type GraphNode, type RawNode } from './nodes.js';
import { isNodeLabel, matchAnyByKey, parseModelKey, type NodeLabel } from './keys.js';
import type { HuntInfo, HuntRunResult, HuntsProvider } from './providers.js';

/**
 * The saved hunts (src/hunts) behind the API: the library plus the user's directory, re-read on each list
 * so a hunt saved while the server runs shows up. Graph results are completed with the workspace's node
 * shape (caption, volume, degree for the "+N" badges).
 */
export function huntsProvider(driver: Driver, options: { userDir?: string | undefined; libraryDir?: string; region: string; database?: string | undefined; rowLimit?: number }): HuntsProvider {
  const load = async (): Promise<Map<string, Hunt>> => {
    const catalog = await loadHunts({ defaultRegion: options.region, userDir: options.userDir, ...(options.libraryDir ? { libraryDir: options.libraryDir } : {}) });
    return catalog.hunts;
  };
  return {
    async list(): Promise<HuntInfo[]> {
      const hunts = await load();
      return [...hunts.values()].map((hunt) => ({
        id: hunt.name,
        title: hunt.title,
        description: hunt.description,
        result: hunt.result,
        tags: hunt.tags,
        params: hunt.params.map((p) => ({ name: p.name, type: formatParamType(p.type), ...(p.defaultText !== undefined ? { default: p.defaultText } : {}), required: p.required, description: p.help })),
        cypher: hunt.statement,
      }));
    },
    async run(id: string, params: Record<string, unknown>): Promise<HuntRunResult> {
      const hunt = (await load()).get(id);
      if (!hunt) throw new CallhoundError('not_found', `no hunt named ${id}`, { status: 404 });
      const given: Record<string, string> = {};
      for (const [name, value] of Object.entries(params)) {
        if (value === undefined || value === '') continue;
        given[name] = paramText(hunt, name, value);
      }
      const result = await runHunt(driver, hunt, given, { defaultRegion: options.region, limit: options.rowLimit ?? 1000, database: options.database });
      const graph = result.graph ? await workspaceGraph(driver, result.graph, options.database) : { nodes: [], edges: [] };
      return {
        hunt: hunt.name,
        title: hunt.title,
        result: hunt.result,
        cypher: result.cypher,
        params: result.params,
        columns: result.columns,
        rows: result.rows,
        nodes: graph.nodes,
        edges: graph.edges,
        truncated: result.truncated,
        notice: result.notice ?? null,
        ms: result.elapsedMs,
      };
    },
  };
}

/** Re-reads the hunt's nodes by model key (one query per label) so they carry caption, volume and degree. */
async function workspaceGraph(
  driver: Driver,
  graph: { nodes: Array<{ key: string; label: string }>; edges: Array<{ type: string; source: string; target: string; properties: Record<string, unknown> }> },
  database?: string,
): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
  const byLabel = new Map<NodeLabel, string[]>();
  for (const node of graph.nodes) {
    const key = parseModelKey(node.key);
    if (!isNodeLabel(key.label)) continue;
    byLabel.set(key.label, [...(byLabel.get(key.label) ?? []), key.value]);
  }
  const nodes: GraphNode[] = [];
  for (const [label, values] of byLabel) {
    const rows = await readRows<{ node: RawNode }>(driver, `${matchAnyByKey(label)} RETURN ${nodeProjection('n')} AS node`, { values }, database);
    for (const row of rows) {
      const node = toGraphNode(row.node);
      if (node) nodes.push(node);
    }
  }
  const edges = graph.edges.map((e) => ({ id: edgeId(e.source, e.type, e.target), source: e.source, target: e.target, type: e.type, props: e.properties }));
  return { nodes, edges };
}

/**
 * An API parameter value as the text the hunt runner converts (src/hunts/params.ts). A JSON list goes through
 * as JSON, so an item holding a comma stays one item; a list for a one-value parameter, or an object, is
 * refused (unknown names are left to the runner, which names the hunt's parameters).
 */
function paramText(hunt: Hunt, name: string, value: unknown): string {
  const declared = hunt.params.find((p) => p.name === name);
  if (Array.isArray(value)) {
    if (declared && !declared.type.list) throw new CallhoundError('bad_param', `parameter ${name} takes one ${declared.type.scalar}, not a list`, { status: 400 });
    return JSON.stringify(value);
  }
  if (typeof value === 'object' && value !== null) throw new CallhoundError('bad_param', `parameter ${name}: give a value or a JSON list, not an object`, { status: 400 });
  return String(value);
}
