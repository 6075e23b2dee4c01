import cytoscape, { type Core, type ElementDefinition, type NodeSingular, type StylesheetJson } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { nodeSize, palette, styleOf } from '../../src/snapshots/palette.js';
import type { GraphEdge, GraphNode, Snapshot, SnapshotBody } from '../../src/api/contract.js';

cytoscape.use(fcose);

export { palette, styleOf };

export type LayoutName = 'fcose' | 'concentric' | 'grid';

/** What the canvas draws of a node: an API node, or a snapshot's copy of one (whose label is free text). */
export type CanvasNode = Omit<GraphNode, 'label'> & { label: string };
/** What the canvas draws of an edge (a snapshot's edges carry no properties). */
export type CanvasEdge = Pick<GraphEdge, 'id' | 'source' | 'target' | 'type'>;

/** Cytoscape styles: one shape, colour and glyph per label; size by volume; labels that fade out when zoomed far out. */
export function stylesheet(): StylesheetJson {
  const perLabel = Object.entries(palette).map(([label, style]) => ({
    selector: `node[label = "${label}"]`,
    style: { shape: style.shape, 'background-color': style.colour },
  }));
  return [
    {
      selector: 'node',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(display)',
        'font-size': 11,
        'font-family': 'system-ui, sans-serif',
        color: '#1d2330',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        // Captions come truncated from the server; no per-label wrapping or background (both cost a lot at
        // thousands of nodes), and labels disappear when zoomed out so far that they could not be read anyway.
        'text-wrap': 'none',
        'min-zoomed-font-size': 8,
        'border-width': 1,
        'border-color': '#2b2f36',
        'background-color': '#777777',
      },
    },
    ...perLabel,
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1565c0', 'overlay-opacity': 0 } },
    { selector: 'node.pinned', style: { 'border-style': 'dashed', 'border-width': 3, 'border-color': '#111111' } },
    { selector: 'node.hit', style: { 'border-width': 4, 'border-color': '#f9a825' } },
    { selector: '.filtered', style: { display: 'none' } },
    {
      selector: 'edge',
      style: {
        width: 1.3,
        'line-color': '#aab2c0',
        // Haystack edges are the cheapest to draw; direction is implied by the labels at both ends.
        'curve-style': 'haystack',
        'haystack-radius': 0,
        opacity: 0.85,
      },
    },
    { selector: 'edge:selected', style: { label: 'data(type)', 'font-size': 9, 'line-color': '#1565c0', width: 2.5, 'text-background-color': '#ffffff', 'text-background-opacity': 0.8 } },
    { selector: 'node:selected, node.hit', style: { 'text-background-color': '#ffffff', 'text-background-opacity': 0.85 } },
  ] as StylesheetJson;
}

export function createCanvas(container: HTMLElement, options: { webgl?: boolean; interactive?: boolean } = {}): Core {
  return cytoscape({
    container,
    style: stylesheet(),
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 4,
    boxSelectionEnabled: options.interactive !== false,
    // While panning and zooming, move a cached bitmap instead of redrawing every element: keeps large
    // clusters fluid; the full redraw follows when the viewport settles.
    textureOnViewport: true,
    motionBlur: false,
    pixelRatio: 1,
    autoungrabify: options.interactive === false,
    // Opt-in WebGL renderer (Cytoscape.js ≥ 3.31); bench:ui decides the default.
    ...(options.webgl ? { renderer: { name: 'canvas', webgl: true } } : {}),
  });
}

export function displayText(label: string, caption: string, hidden: number): string {
  const glyph = styleOf(label).glyph;
  return hidden > 0 ? `${glyph} ${caption}  +${hidden}` : `${glyph} ${caption}`;
}

export function nodeElement(node: CanvasNode, position?: { x: number; y: number }): ElementDefinition {
  return {
    group: 'nodes',
    data: { id: node.key, label: node.label, caption: node.caption, volume: node.volume, degree: node.degree, props: node.props, size: nodeSize(node.volume), display: displayText(node.label, node.caption, 0) },
    ...(position ? { position: { ...position } } : {}),
  };
}

export function edgeElement(edge: CanvasEdge): ElementDefinition {
  return { group: 'edges', data: { id: edge.id, source: edge.source, target: edge.target, type: edge.type } };
}

/** Refreshes "+N" on nodes: neighbours in the database that are not on the canvas. */
export function refreshHiddenCounts(cy: Core, nodes = cy.nodes()): void {
  cy.batch(() => {
    nodes.forEach((node: NodeSingular) => {
      const degree = Number(node.data('degree') ?? 0);
      const hidden = Math.max(0, degree - node.connectedEdges().length);
      if (node.data('hidden') === hidden) return; // unchanged: skip the style recalculation
      node.data({ hidden, display: displayText(String(node.data('label')), String(node.data('caption')), hidden) });
    });
  });
}

export function runLayout(cy: Core, name: LayoutName, options: { fit?: boolean; animate?: boolean; eles?: cytoscape.Collection } = {}): Promise<void> {
  const eles = options.eles ?? cy.elements();
  const common = { fit: options.fit ?? true, animate: options.animate ?? false, padding: 30 };
  const settings: Record<LayoutName, cytoscape.LayoutOptions> = {
    // 'draft' (spectral only, no force-directed polish) above 1,500 elements: seconds instead of tens of seconds.
    fcose: { name: 'fcose', quality: eles.length > 1500 ? 'draft' : 'default', randomize: true, nodeRepulsion: 6000, idealEdgeLength: 70, numIter: 2500, nodeDimensionsIncludeLabels: false, ...common } as cytoscape.LayoutOptions,
    concentric: { name: 'concentric', concentric: (n: NodeSingular) => Number(n.data('volume') ?? 0), levelWidth: () => 2, minNodeSpacing: 12, ...common } as cytoscape.LayoutOptions,
    grid: { name: 'grid', avoidOverlap: true, condense: true, ...common } as cytoscape.LayoutOptions,
  };
  return new Promise((resolve) => {
    const layout = eles.filter((e) => !e.hasClass('pinned')).union(eles.edges()).layout(settings[name]);
    layout.one('layoutstop', () => resolve());
    layout.run();
  });
}

/** The view as a snapshot body: nodes by model key with their captions and display properties, positions, view state. */
export function viewToSnapshot(cy: Core, extra: { title: string; note: string; query: Record<string, unknown>; view: Record<string, unknown> }): SnapshotBody {
  const nodes = cy.nodes().filter((n) => !n.hasClass('filtered'));
  const positions: Record<string, { x: number; y: number }> = {};
  nodes.forEach((n) => {
    const p = n.position();
    positions[n.id()] = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
  });
  return {
    title: extra.title,
    note: extra.note,
    query: extra.query,
    elements: {
      nodes: nodes.map((n) => ({ key: n.id(), label: String(n.data('label')), caption: String(n.data('caption') ?? ''), volume: Number(n.data('volume') ?? 0), props: (n.data('props') as Record<string, unknown>) ?? {} })),
      edges: cy
        .edges()
        .toArray()
        .map((e) => e as cytoscape.EdgeSingular)
        .filter((e) => !e.hasClass('filtered') && !e.source().hasClass('filtered') && !e.target().hasClass('filtered'))
        .map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id(), type: String(e.data('type')) })),
    },
    positions,
    view: { ...extra.view, zoom: cy.zoom(), pan: cy.pan(), pinned: cy.nodes('.pinned').map((n) => n.id()) },
  };
}

/** Puts a snapshot on a canvas at its saved positions. */
export function loadSnapshot(cy: Core, snapshot: Snapshot): void {
  cy.elements().remove();
  cy.add([
    ...snapshot.elements.nodes.map((n) => nodeElement({ ...n, degree: 0 }, snapshot.positions[n.key])),
    ...snapshot.elements.edges.filter((e) => snapshot.elements.nodes.some((n) => n.key === e.source) && snapshot.elements.nodes.some((n) => n.key === e.target)).map(edgeElement),
  ]);
}

export function legend(): HTMLElement {
  const box = document.createElement('div');
  box.className = 'legend';
  for (const style of Object.values(palette)) {
    const row = document.createElement('div');
    row.className = 'legend-row';
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.backgroundColor = style.colour; // CSSOM, not an inline style attribute: allowed by the CSP
    swatch.textContent = style.glyph;
    row.append(swatch, document.createTextNode(style.title));
    box.append(row);
  }
  return box;
}
