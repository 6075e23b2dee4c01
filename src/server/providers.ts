import type { ReportData } from '../report/data.js';
import type { BlockMemo, Reputation } from '../reputation/reputation.js';
import type { GraphEdge, GraphNode } from './nodes.js';

/**
 * What the server needs from the hunts, report and reputation modules. `callhound serve` wires the real
 * ones (src/hunts, src/report); tests can pass their own. Kept as interfaces so the HTTP layer stays thin.
 */
export interface HuntParameter {
  name: string;
  type: string;
  /** The default as written in the hunt's header (`= PayPal`, `= today-30`), when it has one. */
  default?: string;
  description?: string;
  required?: boolean;
}

export interface HuntInfo {
  id: string;
  title: string;
  description: string;
  /** `graph` hunts return nodes and relationships; `table` hunts only rows. */
  result: 'graph' | 'table';
  tags: string[];
  params: HuntParameter[];
  cypher: string;
}

export interface HuntRunResult {
  hunt: string;
  title: string;
  result: 'graph' | 'table';
  cypher: string;
  params: Record<string, unknown>;
  columns: string[];
  rows: Array<Record<string, unknown>>;
  nodes: GraphNode[];
  edges: GraphEdge[];
  truncated: boolean;
  /** How the result was cut, when it was. */
  notice: string | null;
  ms: number;
}

export interface HuntsProvider {
  list(): Promise<HuntInfo[]>;
  run(id: string, params: Record<string, unknown>): Promise<HuntRunResult>;
}

export interface ReportProvider {
  data(): Promise<ReportData>;
}

export interface ReputationProvider {
  /** `blockMemo`: block data the server keeps while its graph watcher runs (dropped on every change). */
  lookup(e164: string, kept?: { blockMemo?: BlockMemo | undefined }): Promise<Reputation>;
}
