import neo4j, { type Node, type Path, type Relationship } from 'neo4j-driver';
import { modelKey } from './model-key.js';
import { plainValue } from '../graph/values.js';

/** A node as the UI receives it: named by model key, never by Neo4j's internal id. */
export interface GraphNode {
  key: string;
  /** The keyed label (`PhoneNumber`, `Email`, …). */
  label: string;
  labels: string[];
  properties: Record<string, unknown>;
}

export interface GraphEdge {
  /** `source-TYPE->target`, stable across database rebuilds. */
  key: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Nodes without a model key, and relationships whose ends were not returned, cannot be named: counted here. */
  unnamed: number;
}

/**
 * Collects nodes, relationships and paths from result rows. Internal element ids are used only inside this
 * function to join relationships to their end nodes; they never leave it.
 */
export class GraphCollector {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly keyByElementId = new Map<string, string>();
  private readonly pending: Relationship[] = [];
  private unnamedNodes = 0;

  add(value: unknown): void {
    if (value === null || value === undefined) return;
    if (neo4j.isNode(value)) this.addNode(value as Node);
    else if (neo4j.isRelationship(value)) this.pending.push(value as Relationship);
    else if (neo4j.isPath(value)) {
      const path = value as Path;
      this.addNode(path.start);
      for (const segment of path.segments) {
        this.addNode(segment.start);
        this.addNode(segment.end);
        this.pending.push(segment.relationship);
      }
    } else if (Array.isArray(value)) value.forEach((item) => this.add(item));
  }

  private addNode(node: Node): void {
    if (this.keyByElementId.has(node.elementId)) return;
    const key = modelKey(node.labels, node.properties as Record<string, unknown>);
    if (key === undefined) {
      this.unnamedNodes += 1;
      return;
    }
    this.keyByElementId.set(node.elementId, key);
    if (!this.nodes.has(key)) {
      this.nodes.set(key, { key, label: key.slice(0, key.indexOf(':')), labels: [...node.labels], properties: plainValue(node.properties) as Record<string, unknown> });
    }
  }

  result(): GraphData {
    const edges = new Map<string, GraphEdge>();
    let unnamed = this.unnamedNodes;
    for (const rel of this.pending) {
      const source = this.keyByElementId.get(rel.startNodeElementId);
      const target = this.keyByElementId.get(rel.endNodeElementId);
      if (source === undefined || target === undefined) {
        unnamed += 1;
        continue;
      }
      const key = `${source}-${rel.type}->${target}`;
      if (!edges.has(key)) edges.set(key, { key, type: rel.type, source, target, properties: plainValue(rel.properties) as Record<string, unknown> });
    }
    return { nodes: [...this.nodes.values()], edges: [...edges.values()], unnamed };
  }

  /** A graph value as table text: nodes by model key, relationships as `a-TYPE->b`, paths as lists. */
  cell(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (neo4j.isNode(value)) {
      const node = value as Node;
      return modelKey(node.labels, node.properties as Record<string, unknown>) ?? null;
    }
    if (neo4j.isRelationship(value)) {
      const rel = value as Relationship;
      const source = this.keyByElementId.get(rel.startNodeElementId) ?? '?';
      const target = this.keyByElementId.get(rel.endNodeElementId) ?? '?';
      return `${source}-${rel.type}->${target}`;
    }
    if (neo4j.isPath(value)) {
      const path = value as Path;
      return [this.cell(path.start), ...path.segments.flatMap((s) => [this.cell(s.relationship), this.cell(s.end)])];
    }
    if (Array.isArray(value)) return value.map((item) => this.cell(item));
    if (typeof value === 'object' && !isTemporalOrInt(value)) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, this.cell(v)]));
    }
    return plainValue(value);
  }
}

function isTemporalOrInt(value: unknown): boolean {
  return (
    neo4j.isInt(value) ||
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  );
}
