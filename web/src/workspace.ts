import type { Core, ElementDefinition, NodeSingular } from 'cytoscape';
import type { Expansion, GraphEdge, GraphNode } from '../../src/api/contract.js';
import type { Api } from './api.js';
import { edgeElement, nodeElement, refreshHiddenCounts, runLayout, type LayoutName } from './graph.js';

export interface ExpandRequest {
  key: string;
  types?: string[];
  labels?: string[];
  from?: string;
  to?: string;
  skip?: number;
  limit?: number;
}

/** What the workspace asks the user when a request would overflow the canvas. */
export type OverflowChoice = 'table' | 'filter' | 'cancel' | 'add-anyway';

export interface WorkspaceHooks {
  /** Too many elements: let the user pick a table, a filter, or cancel. */
  onOverflow(count: number, max: number, nodes: GraphNode[], retry: () => void): Promise<OverflowChoice>;
  onMore(key: string, expansion: Expansion, more: () => void): void;
  status(text: string): void;
}

type ElementsJson = ElementDefinition[];

/**
 * The canvas and what users do to it: add, expand, collapse, hide, pin, with undo and redo over whole-view
 * states (cheap enough for the few thousand elements the guard allows).
 */
export class Workspace {
  private undoStack: ElementsJson[] = [];
  private redoStack: ElementsJson[] = [];
  layout: LayoutName = 'fcose';
  /** The search, hunt or expansion that produced the view, kept for snapshots. */
  lastQuery: Record<string, unknown> = {};

  constructor(
    readonly cy: Core,
    private readonly api: Api,
    public maxElements: number,
    private readonly hooks: WorkspaceHooks,
  ) {}

  private state(): ElementsJson {
    return this.cy.elements().jsons() as unknown as ElementsJson;
  }

  /** Call before each change the user may want to undo. */
  checkpoint(): void {
    this.undoStack.push(this.state());
    if (this.undoStack.length > 50) this.undoStack.shift();
    this.redoStack = [];
  }

  private restore(state: ElementsJson): void {
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(state);
    });
    refreshHiddenCounts(this.cy);
  }

  undo(): boolean {
    const state = this.undoStack.pop();
    if (!state) return false;
    this.redoStack.push(this.state());
    this.restore(state);
    return true;
  }

  redo(): boolean {
    const state = this.redoStack.pop();
    if (!state) return false;
    this.undoStack.push(this.state());
    this.restore(state);
    return true;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /**
   * Adds nodes and edges (by model key; existing ones stay where they are). New nodes start next to `near`
   * and only they are laid out, so the user's mental map survives an expansion.
   */
  async add(nodes: GraphNode[], edges: GraphEdge[], options: { near?: string; relayout?: boolean } = {}): Promise<number> {
    const fresh = nodes.filter((n) => this.cy.getElementById(n.key).empty());
    const freshEdges = edges.filter((e) => this.cy.getElementById(e.id).empty());
    if (this.cy.elements().length + fresh.length + freshEdges.length > this.maxElements) {
      const choice = await this.hooks.onOverflow(this.cy.elements().length + fresh.length + freshEdges.length, this.maxElements, nodes, () => undefined);
      if (choice !== 'add-anyway') return 0;
    }
    this.checkpoint();
    const anchor = options.near ? this.cy.getElementById(options.near) : null;
    const origin = anchor && anchor.nonempty() ? anchor.position() : { x: this.cy.width() / 2, y: this.cy.height() / 2 };
    this.cy.batch(() => {
      fresh.forEach((n, i) => {
        const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
        const radius = 80 + 4 * fresh.length;
        this.cy.add(nodeElement(n, { x: origin.x + radius * Math.cos(angle), y: origin.y + radius * Math.sin(angle) }));
      });
      for (const e of freshEdges) {
        if (this.cy.getElementById(e.source).nonempty() && this.cy.getElementById(e.target).nonempty()) this.cy.add(edgeElement(e));
      }
    });
    refreshHiddenCounts(this.cy);
    if (fresh.length > 0 && options.relayout !== false) {
      let added = this.cy.collection();
      for (const n of fresh) added = added.union(this.cy.getElementById(n.key));
      if (this.cy.nodes().length === fresh.length || !anchor) await runLayout(this.cy, this.layout);
      else await runLayout(this.cy, this.layout, { fit: false, eles: added.union(anchor ?? this.cy.collection()) });
    }
    return fresh.length;
  }

  async expand(request: ExpandRequest): Promise<Expansion> {
    const expansion = await this.api.neighbours(request.key, {
      types: request.types,
      labels: request.labels,
      from: request.from,
      to: request.to,
      skip: request.skip ?? 0,
      limit: request.limit ?? 100,
    });
    if (this.cy.getElementById(request.key).empty()) await this.add([expansion.node], [], { relayout: false });
    const added = await this.add(expansion.nodes, expansion.edges, { near: request.key });
    this.lastQuery = { kind: 'expand', ...request };
    this.hooks.status(`${request.key}: +${added} node(s); ${expansion.total} neighbour(s) match${expansion.next !== null ? `, ${expansion.total - (expansion.next ?? 0)} more` : ''}`);
    if (expansion.next !== null) this.hooks.onMore(request.key, expansion, () => void this.expand({ ...request, skip: expansion.next ?? 0 }));
    return expansion;
  }

  /** Removes the node's neighbours that hang only on it (leaves), as Bloom's "collapse". */
  collapse(node: NodeSingular): void {
    const leaves = node.neighborhood().nodes().filter((n) => n.connectedEdges().length <= 1 && !n.hasClass('pinned'));
    if (leaves.empty()) return;
    this.checkpoint();
    leaves.remove();
    refreshHiddenCounts(this.cy);
  }

  hide(nodes: cytoscape.NodeCollection): void {
    if (nodes.empty()) return;
    this.checkpoint();
    const neighbours = nodes.neighborhood('node');
    nodes.remove();
    refreshHiddenCounts(this.cy, neighbours);
  }

  togglePin(nodes: cytoscape.NodeCollection): void {
    nodes.forEach((n) => {
      if (n.hasClass('pinned')) {
        n.removeClass('pinned');
        n.unlock();
      } else {
        n.addClass('pinned');
        n.lock();
      }
    });
  }

  clearAll(): void {
    this.checkpoint();
    this.cy.elements().remove();
  }
}
