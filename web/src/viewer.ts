import type cytoscape from 'cytoscape';
import type { NodeSingular } from 'cytoscape';
import { append, clear, download, h } from './dom.js';
import { createCanvas, legend, loadSnapshot, styleOf } from './graph.js';
import type { OfflineSnapshot } from '../../src/api/contract.js';
import { sharedSnapshot, snapshotExport } from './api.js';

/**
 * The read-only snapshot viewer: served at /s/:id (data from /s/:id/data, no token) and embedded in the
 * self-contained HTML export (data from a non-executable JSON block, no network at all).
 */
async function main(): Promise<void> {
  const root = document.getElementById('viewer');
  if (!root) return;
  let snapshot: OfflineSnapshot;
  try {
    snapshot = await loadData();
  } catch (error) {
    root.append(h('p', { class: 'error' }, (error as Error).message));
    return;
  }
  document.title = `${snapshot.title} — callhound snapshot`;
  const cyBox = h('div', { class: 'cy', 'data-testid': 'canvas' });
  const side = h('aside', { class: 'details', 'data-testid': 'details' }, h('p', { class: 'muted' }, 'Click a node to see what the snapshot recorded about it.'));
  const exports = h('div', { class: 'row-actions' }, h('button', { type: 'button', onclick: () => download(`${fileBase(snapshot)}.png`, cy.png({ full: true, scale: 2, bg: '#ffffff', output: 'blob' }) as unknown as Blob, 'image/png') }, 'PNG'));
  if (!snapshot.offline) {
    for (const [format, label] of [['svg', 'SVG'], ['html', 'HTML'], ['cyjs', 'Cytoscape JSON'], ['csv', 'CSV'], ['misp', 'MISP'], ['json', 'callhound JSON']] as const) {
      exports.append(h('a', { class: 'button', href: snapshotExport(snapshot.id, format), download: '' }, label));
    }
  }
  const header = h(
    'header',
    { class: 'toolbar viewer-head' },
    h('strong', { class: 'logo' }, 'callhound'),
    h('div', { class: 'viewer-title' }, h('h1', { 'data-testid': 'snapshot-title' }, snapshot.title), h('span', { class: 'muted' }, `read-only snapshot · ${snapshot.created.slice(0, 16).replace('T', ' ')} · ${snapshot.elements.nodes.length} nodes, ${snapshot.elements.edges.length} edges`)),
    h('button', { type: 'button', onclick: () => cy.fit(undefined, 30) }, 'Fit'),
    exports,
  );
  const note = snapshot.note ? h('p', { class: 'note', 'data-testid': 'snapshot-note' }, snapshot.note) : null;
  const query = Object.keys(snapshot.query ?? {}).length > 0 ? h('details', { class: 'query' }, h('summary', {}, 'How this view was made'), h('pre', {}, JSON.stringify(snapshot.query, null, 2))) : null;
  const center = h('main', { class: 'center' }, cyBox, legend());
  append(root, header, note, query, h('div', { class: 'body viewer-body' }, center, side));
  const cy = createCanvas(cyBox, { interactive: false });
  loadSnapshot(cy, snapshot);
  const hasPositions = Object.keys(snapshot.positions ?? {}).length > 0;
  if (hasPositions) cy.layout({ name: 'preset', fit: true, padding: 30 }).run();
  else cy.layout({ name: 'fcose', fit: true, padding: 30, animate: false } as cytoscape.LayoutOptions).run();
  (window as unknown as { callhound: unknown }).callhound = { cy, snapshot };
  cy.on('tap', 'node', (e) => showNode(side, e.target as NodeSingular));
}

async function loadData(): Promise<OfflineSnapshot> {
  const embedded = document.getElementById('callhound-snapshot');
  if (embedded?.textContent) return JSON.parse(embedded.textContent) as OfflineSnapshot;
  const match = /^\/s\/([A-Za-z0-9_-]+)\/?$/.exec(location.pathname);
  if (!match?.[1]) throw new Error('no snapshot in this page');
  return sharedSnapshot(match[1]);
}

function showNode(side: HTMLElement, node: NodeSingular): void {
  clear(side);
  const style = styleOf(String(node.data('label')));
  const swatch = h('span', { class: 'swatch' }, style.glyph);
  swatch.style.backgroundColor = style.colour;
  const props = (node.data('props') as Record<string, unknown>) ?? {};
  side.append(
    h('div', { class: 'details-head' }, swatch, h('div', {}, h('div', { class: 'kind' }, style.title), h('h2', { class: 'details-title' }, String(node.data('caption'))))),
    h('table', { class: 'kv' }, h('tbody', {}, h('tr', {}, h('th', {}, 'key'), h('td', {}, node.id())), ...Object.entries(props).map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, Array.isArray(v) ? v.join(', ') : String(v)))))),
  );
}

function fileBase(snapshot: OfflineSnapshot): string {
  return `callhound-${snapshot.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40) || 'snapshot'}`;
}

void main();
