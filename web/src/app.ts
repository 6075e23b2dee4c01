import type { NodeSingular } from 'cytoscape';
import type { ClusterSummary, Expansion, ExportFormat, GraphNode, MetaAnswer } from '../../src/api/contract.js';
import { Api, ApiError, snapshotPage, storeToken, takeToken } from './api.js';
import { showClusters } from './clusters.js';
import { showDetails } from './details.js';
import { append, clear, download, h } from './dom.js';
import { createCanvas, legend, runLayout, styleOf, viewToSnapshot, type LayoutName } from './graph.js';
import { resultTable, showHunts } from './hunts.js';
import { showInsights } from './insights.js';
import { applyDateFilter, TimelineBrush } from './timeline.js';
import { Workspace, type OverflowChoice } from './workspace.js';

type Tab = 'results' | 'clusters' | 'hunts' | 'insights' | 'snapshots';

/** The server's export formats the Export menu offers (PNG is drawn in the page), with their file extensions. */
const viewExports = { svg: 'svg', html: 'html', cyjs: 'cyjs', csv: 'csv', misp: 'misp.json' } as const satisfies Partial<Record<ExportFormat, string>>;

function isViewExport(format: string): format is keyof typeof viewExports {
  return Object.hasOwn(viewExports, format);
}

async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const token = takeToken();
  const api = new Api(token);
  let meta: MetaAnswer;
  try {
    meta = await api.meta();
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return askForToken(root, error.message);
    root.append(h('p', { class: 'error' }, (error as Error).message));
    return;
  }
  startWorkspace(root, api, meta);
}

/** Without a valid token: ask for the one `callhound serve` printed. */
function askForToken(root: HTMLElement, reason: string): void {
  const input = h('input', { type: 'password', name: 'token', placeholder: 'access token', autocomplete: 'off' });
  const form = h('form', { class: 'token-form' }, h('h1', {}, 'callhound'), h('p', {}, reason), h('p', { class: 'muted' }, 'Paste the access token printed by `callhound serve`, or open the URL it printed.'), input, h('button', { type: 'submit' }, 'Open workspace'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    storeToken(input.value.trim());
    location.reload();
  });
  root.append(form);
}

function startWorkspace(root: HTMLElement, api: Api, meta: MetaAnswer): void {
  const params = new URLSearchParams(location.search);
  // Renderer: bench:ui measured both; the canvas renderer is the default, ?webgl=1 opts into WebGL.
  const webgl = params.get('webgl') === '1';

  // Layout --------------------------------------------------------------------------------------------
  const searchInput = h('input', { type: 'search', name: 'q', placeholder: 'number as pasted, email id, subject words, brand, domain, cluster id', 'aria-label': 'search', autocomplete: 'off', 'data-testid': 'search' });
  const searchForm = h('form', { class: 'search' }, searchInput, h('button', { type: 'submit' }, 'Search'));
  const layoutSelect = h('select', { 'aria-label': 'layout', 'data-testid': 'layout' }, h('option', { value: 'fcose' }, 'fCoSE'), h('option', { value: 'concentric' }, 'Concentric'), h('option', { value: 'grid' }, 'Grid'));
  const undoButton = h('button', { type: 'button', title: 'Undo (Ctrl+Z)' }, 'Undo');
  const redoButton = h('button', { type: 'button', title: 'Redo (Ctrl+Y)' }, 'Redo');
  const exportSelect = h(
    'select',
    { 'aria-label': 'export', 'data-testid': 'export' },
    h('option', { value: '' }, 'Export…'),
    h('option', { value: 'png' }, 'PNG image'),
    h('option', { value: 'svg' }, 'SVG image'),
    h('option', { value: 'html' }, 'HTML (offline, read-only)'),
    h('option', { value: 'cyjs' }, 'Cytoscape JSON'),
    h('option', { value: 'csv' }, 'CSV of numbers'),
    h('option', { value: 'misp' }, 'MISP event'),
  );
  const header = h(
    'header',
    { class: 'toolbar' },
    h('strong', { class: 'logo' }, 'callhound'),
    searchForm,
    layoutSelect,
    h('button', { type: 'button', onclick: () => ws.cy.fit(undefined, 30) }, 'Fit'),
    h('button', { type: 'button', title: 'zoom in', onclick: () => zoomBy(1.25) }, '+'),
    h('button', { type: 'button', title: 'zoom out', onclick: () => zoomBy(0.8) }, '−'),
    undoButton,
    redoButton,
    h('button', { type: 'button', title: 'Hide selected (Delete)', onclick: () => ws.hide(ws.cy.nodes(':selected')) }, 'Hide'),
    h('button', { type: 'button', onclick: () => ws.clearAll() }, 'Clear'),
    h('button', { type: 'button', class: 'primary', 'data-testid': 'share', onclick: () => openShare() }, 'Share'),
    exportSelect,
  );
  const tabs: Record<Tab, HTMLElement> = { results: h('div', {}), clusters: h('div', {}), hunts: h('div', {}), insights: h('div', {}), snapshots: h('div', {}) };
  const tabButtons = (Object.keys(tabs) as Tab[]).map((tab) => h('button', { type: 'button', class: 'tab', 'data-tab': tab, onclick: () => selectTab(tab) }, tab[0]!.toUpperCase() + tab.slice(1)));
  const side = h('aside', { class: 'side' }, h('nav', { class: 'tabs' }, ...tabButtons), ...Object.values(tabs));
  const cyBox = h('div', { class: 'cy', 'data-testid': 'canvas' });
  const status = h('div', { class: 'status', role: 'status', 'data-testid': 'status' });
  const toast = h('div', { class: 'toast', hidden: true });
  const menu = h('div', { class: 'menu', hidden: true, role: 'menu', 'data-testid': 'context-menu' });
  const dialog = h('div', { class: 'dialog-backdrop', hidden: true });
  const center = h('main', { class: 'center' }, cyBox, legend(), status, toast, menu, dialog);
  const details = h('aside', { class: 'details', 'data-testid': 'details' }, h('p', { class: 'muted' }, 'Select a node to see its details.'));
  const brush = new TimelineBrush((range) => {
    const hidden = applyDateFilter(ws.cy, range);
    setStatus(range ? `date filter ${range.from} → ${range.to}: ${hidden} node(s) hidden` : 'date filter cleared');
  });
  root.append(header, h('div', { class: 'body' }, side, center, details), h('footer', {}, brush.element));

  // Canvas and workspace ------------------------------------------------------------------------------
  const cy = createCanvas(cyBox, { webgl });
  const ws = new Workspace(cy, api, meta.maxElements, {
    onOverflow: (count, max, nodes) => overflowDialog(count, max, nodes),
    onMore: (key, expansion, more) => showMore(key, expansion, more),
    status: (text) => setStatus(text),
  });
  (window as unknown as { callhound: unknown }).callhound = { cy, ws }; // for the e2e tests and the console

  function setStatus(text: string): void {
    status.textContent = text;
    undoButton.disabled = !ws.canUndo;
    redoButton.disabled = !ws.canRedo;
  }
  function zoomBy(factor: number): void {
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }
  function fail(error: unknown): void {
    setStatus(`⚠ ${(error as Error).message}`);
  }

  function selectTab(tab: Tab): void {
    for (const [name, panel] of Object.entries(tabs)) panel.hidden = name !== tab;
    tabButtons.forEach((b) => b.classList.toggle('active', b.dataset.tab === tab));
    if (tab === 'clusters') void showClusters(tabs.clusters, api, openCluster);
    if (tab === 'hunts') void showHunts(tabs.hunts, api, (run) => {
      ws.lastQuery = { kind: 'hunt', hunt: run.hunt, params: run.params };
      void ws.add(run.nodes, run.edges).then((n) => setStatus(`hunt ${run.hunt}: +${n} node(s)`));
    });
    if (tab === 'insights') void showInsights(tabs.insights, api);
    if (tab === 'snapshots') void showSnapshots();
  }
  selectTab('results');
  tabs.results.append(h('p', { class: 'muted' }, 'Search for a number as you would paste it: (804) 713-4598, +1 804.713.4598, 8047134598.'));

  const openDetails = (key: string): void => {
    void showDetails(details, api, key, {
      open: (k) => void focusNode(k),
      expand: (k) => void ws.expand({ key: k }).catch(fail),
    });
  };

  /** Brings a node onto the canvas (fetching it if needed), selects it and opens its details. */
  async function focusNode(key: string): Promise<void> {
    if (cy.getElementById(key).empty()) {
      const found = await api.search(key, 'key');
      if (found.results.length > 0) await ws.add(found.results, []);
    }
    const node = cy.getElementById(key);
    if (node.nonempty()) {
      cy.nodes().unselect();
      node.select();
      cy.animate({ center: { eles: node }, duration: 200 });
    }
    openDetails(key);
  }

  // Search --------------------------------------------------------------------------------------------
  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = searchInput.value.trim();
    if (!q) return;
    selectTab('results');
    clear(tabs.results);
    api
      .search(q)
      .then(async (res) => {
        ws.lastQuery = { kind: 'search', q, as: res.kind, normalised: res.normalised };
        append(
          tabs.results,
          h('p', { class: 'muted' }, `${res.results.length} result(s) for ${res.kind}${res.normalised ? ` ${res.normalised}` : ''}`),
          h(
            'ul',
            { class: 'result-list' },
            ...res.results.map((r) => {
              const swatch = h('span', { class: 'swatch small' }, styleOf(r.label).glyph);
              swatch.style.backgroundColor = styleOf(r.label).colour;
              return h('li', { class: 'clickable', 'data-key': r.key, onclick: () => void ws.add([r], []).then(() => focusNode(r.key)) }, swatch, ` ${r.caption}`);
            }),
          ),
          res.results.length > 1 ? h('button', { type: 'button', onclick: () => void ws.add(res.results, []) }, 'Add all to canvas') : null,
        );
        if (res.results.length === 1 && res.results[0]) {
          await ws.add(res.results, []);
          await focusNode(res.results[0].key);
        }
      })
      .catch((error: Error) => {
        tabs.results.append(h('p', { class: 'error' }, error.message));
      });
  });

  // Canvas interactions -------------------------------------------------------------------------------
  cy.on('tap', 'node', (e) => {
    hideMenu();
    openDetails((e.target as NodeSingular).id());
  });
  cy.on('dbltap', 'node', (e) => {
    void ws.expand({ key: (e.target as NodeSingular).id(), ...(brush.range ?? {}) }).catch(fail);
  });
  cy.on('cxttap', 'node', (e) => {
    const node = e.target as NodeSingular;
    void openMenu(node, e.renderedPosition ?? node.renderedPosition());
  });
  cy.on('tap', (e) => {
    if (e.target === cy) hideMenu();
  });
  cy.on('add remove', () => setStatus(status.textContent ?? ''));

  function hideMenu(): void {
    menu.hidden = true;
    clear(menu);
  }

  async function openMenu(node: NodeSingular, at: { x: number; y: number }): Promise<void> {
    clear(menu);
    menu.style.left = `${Math.round(at.x)}px`;
    menu.style.top = `${Math.round(at.y)}px`;
    menu.hidden = false;
    const key = node.id();
    const item = (text: string, action: () => void, testid?: string): HTMLElement =>
      h('button', { type: 'button', class: 'menu-item', role: 'menuitem', 'data-testid': testid, onclick: () => { hideMenu(); action(); } }, text);
    menu.append(
      h('div', { class: 'menu-title' }, String(node.data('caption'))),
      item('Expand all', () => void ws.expand({ key }).catch(fail), 'menu-expand'),
      brush.range ? item(`Expand within ${brush.range.from} → ${brush.range.to}`, () => void ws.expand({ key, ...brush.range! }).catch(fail)) : '',
      item('Collapse', () => ws.collapse(node)),
      item('Hide', () => ws.hide(node.union(cy.nodes(':selected')).nodes())),
      item(node.hasClass('pinned') ? 'Unpin' : 'Pin', () => ws.togglePin(cy.collection().union(node))),
      item('Select neighbours', () => node.closedNeighborhood().nodes().select()),
      item('Details', () => openDetails(key)),
    );
    const loading = h('div', { class: 'menu-note' }, 'counting neighbours…');
    menu.append(loading);
    try {
      const summary = await api.neighbours(key, { limit: 1 });
      loading.remove();
      const onCanvas = (type: string, label: string): number => node.connectedEdges(`[type = "${type}"]`).connectedNodes(`[label = "${label}"]`).filter((n) => n.id() !== key).length;
      menu.append(h('div', { class: 'menu-title' }, 'Expand by relationship'));
      for (const n of summary.neighbours) {
        const hidden = Math.max(0, n.count - onCanvas(n.type, n.label));
        menu.append(item(`${n.type} → ${n.label}  ${n.count}${hidden > 0 ? ` (+${hidden} hidden)` : ''}`, () => void ws.expand({ key, types: [n.type], labels: [n.label] }).catch(fail), `menu-${n.type}-${n.label}`));
      }
    } catch (error) {
      loading.textContent = (error as Error).message;
    }
  }

  function showMore(key: string, expansion: Expansion, more: () => void): void {
    clear(toast);
    toast.hidden = false;
    const left = expansion.total - (expansion.next ?? expansion.total);
    toast.append(
      h('span', {}, `${left} more neighbour(s) of ${expansion.node.caption}`),
      h('button', { type: 'button', onclick: () => { toast.hidden = true; more(); } }, 'Load more'),
      h('button', { type: 'button', onclick: () => { toast.hidden = true; } }, 'Dismiss'),
    );
  }

  /** The max-elements guard: say what would happen and offer a table or a filter instead of freezing the tab. */
  function overflowDialog(count: number, max: number, nodes: GraphNode[]): Promise<OverflowChoice> {
    return new Promise((resolve) => {
      clear(dialog);
      dialog.hidden = false;
      const done = (choice: OverflowChoice): void => {
        dialog.hidden = true;
        clear(dialog);
        if (choice === 'table') {
          selectTab('results');
          clear(tabs.results);
          tabs.results.append(
            h('p', {}, `${nodes.length} node(s) as a table (not drawn):`),
            h('div', { class: 'table-box' }, resultTable(['label', 'key', 'caption', 'volume'], nodes.map((n) => ({ label: n.label, key: n.key, caption: n.caption, volume: n.volume })))),
          );
        }
        if (choice === 'filter') setStatus('narrow the request: right-click a node to expand by relationship type or neighbour label, or drag the timeline to a date range');
        resolve(choice);
      };
      dialog.append(
        h(
          'div',
          { class: 'dialog', role: 'alertdialog', 'data-testid': 'overflow' },
          h('h2', {}, 'Too many elements for the canvas'),
          h('p', {}, `This would put ${count} elements on the canvas; the limit is ${max}. Drawing that many would make the page sluggish.`),
          h('div', { class: 'row-actions' }, h('button', { type: 'button', onclick: () => done('table') }, 'Show as a table'), h('button', { type: 'button', onclick: () => done('filter') }, 'Filter first'), h('button', { type: 'button', onclick: () => done('cancel') }, 'Cancel')),
        ),
      );
    });
  }

  function openCluster(cluster: ClusterSummary): void {
    const elements = 1 + cluster.size * 2 + cluster.emails * 2;
    const withEmails = cy.elements().length + elements <= meta.maxElements;
    api
      .clusterGraph(cluster.id, { emails: withEmails, limit: Math.min(meta.maxElements, 3000) })
      .then(async (graph) => {
        ws.lastQuery = { kind: 'cluster', id: cluster.id };
        await ws.add([graph.cluster, ...graph.nodes], graph.edges);
        setStatus(`cluster ${cluster.id}: ${graph.nodes.length} node(s)${withEmails ? '' : ' (numbers only: emails would exceed the canvas limit)'}${graph.truncated ? ' — partial' : ''}`);
      })
      .catch(fail);
  }

  // Share and export ----------------------------------------------------------------------------------
  function currentView(title: string, note: string) {
    return viewToSnapshot(cy, { title, note, query: ws.lastQuery, view: { layout: ws.layout, dateFilter: brush.range } });
  }

  function openShare(): void {
    clear(dialog);
    dialog.hidden = false;
    const title = h('input', { type: 'text', name: 'title', value: String(ws.lastQuery.q ?? ws.lastQuery.hunt ?? ws.lastQuery.id ?? 'callhound view'), maxlength: 200 });
    const note = h('textarea', { name: 'note', rows: 4, maxlength: 5000, placeholder: 'what this shows, for the reader' });
    const result = h('div', { class: 'share-result' });
    const form = h(
      'form',
      { class: 'dialog', 'data-testid': 'share-dialog' },
      h('h2', {}, 'Share a read-only snapshot'),
      h('p', { class: 'muted' }, 'Anyone with the link can view this snapshot (no token needed). It refers to nodes by their keys, not database ids.'),
      h('label', {}, 'Title', title),
      h('label', {}, 'Note', note),
      h('div', { class: 'row-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save snapshot'), h('button', { type: 'button', onclick: () => { dialog.hidden = true; } }, 'Close')),
      result,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      api
        .saveSnapshot(currentView(title.value.trim() || 'callhound view', note.value))
        .then((saved) => {
          clear(result);
          const url = new URL(saved.url, location.origin).toString();
          const link = h('input', { type: 'text', readonly: true, value: url, 'data-testid': 'share-link' });
          result.append(link, h('button', { type: 'button', onclick: () => void navigator.clipboard?.writeText(url) }, 'Copy'), h('a', { href: saved.url, target: '_blank', rel: 'noopener noreferrer' }, 'Open'));
          link.select();
        })
        .catch((error: Error) => {
          clear(result);
          result.append(h('p', { class: 'error' }, error.message));
        });
    });
    dialog.append(form);
  }

  exportSelect.addEventListener('change', () => {
    const format = exportSelect.value;
    exportSelect.value = '';
    if (!format) return;
    if (format === 'png') {
      const blob = cy.png({ full: true, scale: 2, bg: '#ffffff', output: 'blob' }) as unknown as Blob;
      download('callhound-view.png', blob, 'image/png');
      return;
    }
    if (!isViewExport(format)) return;
    const body = currentView('callhound view', '');
    api
      .exportView(format, body)
      .then((blob) => download(`callhound-view.${viewExports[format]}`, blob, blob.type || 'application/octet-stream'))
      .catch(fail);
  });

  async function showSnapshots(): Promise<void> {
    clear(tabs.snapshots);
    try {
      const res = await api.snapshots();
      tabs.snapshots.append(
        res.snapshots.length === 0
          ? h('p', { class: 'muted' }, 'No snapshots yet: use Share.')
          : h('ul', { class: 'result-list' }, ...res.snapshots.map((s) => h('li', {}, h('a', { href: snapshotPage(s.id), target: '_blank', rel: 'noopener noreferrer' }, s.title), h('span', { class: 'muted' }, ` ${s.created.slice(0, 16)} · ${s.nodes} nodes`)))),
      );
    } catch (error) {
      tabs.snapshots.append(h('p', { class: 'error' }, (error as Error).message));
    }
  }

  // Toolbar wiring ------------------------------------------------------------------------------------
  layoutSelect.addEventListener('change', () => {
    ws.layout = layoutSelect.value as LayoutName;
    void runLayout(cy, ws.layout);
  });
  undoButton.addEventListener('click', () => setStatus(ws.undo() ? 'undone' : 'nothing to undo'));
  redoButton.addEventListener('click', () => setStatus(ws.redo() ? 'redone' : 'nothing to redo'));
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') setStatus(ws.undo() ? 'undone' : 'nothing to undo');
    else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y') setStatus(ws.redo() ? 'redone' : 'nothing to redo');
    else if (e.key === 'Delete' || e.key === 'Backspace') ws.hide(cy.nodes(':selected'));
    else if (e.key === 'Escape') hideMenu();
  });

  api
    .timeline()
    .then((t) => brush.setDays(t.days))
    .catch(fail);
  setStatus(`ready · region ${meta.region} · canvas limit ${meta.maxElements} elements${webgl ? ' · WebGL' : ''}`);
}

void main();
