/** Shapes the API sends (see src/server/*.ts). */
export interface GraphNode {
  key: string;
  label: string;
  caption: string;
  volume: number;
  degree: number;
  props: Record<string, unknown>;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  props?: Record<string, unknown>;
}

export interface NeighbourCount {
  type: string;
  label: string;
  count: number;
  matching: number;
}

export interface Expansion {
  node: GraphNode;
  nodes: GraphNode[];
  edges: GraphEdge[];
  total: number;
  skip: number;
  limit: number;
  next: number | null;
  neighbours: NeighbourCount[];
}

export interface SearchResult {
  query: string;
  kind: string;
  normalised?: string;
  results: Array<GraphNode & { score?: number }>;
}

export interface Meta {
  region: string;
  maxElements: number;
  labels: string[];
  relationshipTypes: string[];
  features: { hunts: boolean; report: boolean; reputation: boolean };
}

export interface HuntInfo {
  id: string;
  title: string;
  description: string;
  result: 'graph' | 'table';
  params: Array<{ name: string; type: string; default?: string; required?: boolean; description?: string }>;
  cypher: string;
}

export interface HuntRun {
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
  notice: string | null;
  ms: number;
}

export interface ClusterSummary {
  id: string;
  size: number;
  numbers: number;
  emails: number;
  brands: string[];
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface SnapshotData {
  id: string;
  title: string;
  note: string;
  author: string;
  created: string;
  query: Record<string, unknown>;
  elements: { nodes: Array<{ key: string; label: string; caption: string; volume: number; props: Record<string, unknown> }>; edges: GraphEdge[] };
  positions: Record<string, { x: number; y: number }>;
  view: Record<string, unknown>;
  offline?: boolean;
}
