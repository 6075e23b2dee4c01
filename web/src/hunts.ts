import type { HuntInfo, HuntRunResult } from '../../src/api/contract.js';
import type { Api } from './api.js';
import { append, clear, csv, download, h } from './dom.js';

/**
 * The hunts panel: saved hunts with forms built from their declared parameters; results as a graph (added
 * to the canvas) or a table; the Cypher that ran is shown; CSV export of the rows.
 */
export async function showHunts(panel: HTMLElement, api: Api, addToGraph: (run: HuntRunResult) => void): Promise<void> {
  clear(panel);
  let hunts: HuntInfo[];
  try {
    hunts = (await api.hunts()).hunts;
  } catch (error) {
    panel.append(h('p', { class: 'error' }, (error as Error).message));
    return;
  }
  if (hunts.length === 0) {
    panel.append(h('p', { class: 'muted' }, 'No saved hunts yet (cypher/hunts or CALLHOUND_HUNTS_DIR).'));
    return;
  }
  const output = h('div', { class: 'hunt-output' });
  const list = h('div', { class: 'hunt-list' });
  for (const hunt of hunts) list.append(huntForm(hunt, api, output, addToGraph));
  panel.append(list, output);
}

function inputFor(param: HuntInfo['params'][number]): HTMLInputElement | HTMLSelectElement {
  const name = `param-${param.name}`;
  if (param.type === 'boolean') {
    return h('select', { name, 'data-param': param.name }, h('option', { value: 'true' }, 'true'), h('option', { value: 'false' }, 'false'));
  }
  const type = param.type === 'integer' || param.type === 'float' ? 'number' : param.type === 'date' ? 'date' : 'text';
  const input = h('input', { name, type, 'data-param': param.name, placeholder: param.type, value: param.default && param.default !== 'null' && !/^today/.test(param.default) ? param.default : undefined, step: param.type === 'float' ? 'any' : undefined });
  if (param.type.startsWith('list<')) input.placeholder = `${param.type}: comma-separated`;
  return input;
}

function huntForm(hunt: HuntInfo, api: Api, output: HTMLElement, addToGraph: (run: HuntRunResult) => void): HTMLElement {
  const inputs = hunt.params.map((p) => ({ p, input: inputFor(p) }));
  const form = h(
    'form',
    { class: 'hunt', 'data-hunt': hunt.id },
    h('h3', {}, hunt.title),
    h('p', { class: 'muted' }, hunt.description),
    ...inputs.map(({ p, input }) => h('label', { class: 'param' }, h('span', {}, `${p.name}${p.required ? ' *' : ''}`), input, p.description ? h('small', { class: 'muted' }, p.description) : null)),
    h('button', { type: 'submit' }, 'Run'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params: Record<string, string> = {};
    for (const { p, input } of inputs) if (input.value.trim() !== '') params[p.name] = input.value.trim();
    clear(output);
    output.append(h('p', { class: 'muted' }, `Running ${hunt.title}…`));
    api
      .runHunt(hunt.id, params)
      .then((run) => renderRun(output, run, addToGraph))
      .catch((error: Error) => {
        clear(output);
        output.append(h('p', { class: 'error' }, error.message));
      });
  });
  return form;
}

function renderRun(output: HTMLElement, run: HuntRunResult, addToGraph: (run: HuntRunResult) => void): void {
  clear(output);
  const tableBox = h('div', { class: 'table-box' }, resultTable(run.columns, run.rows));
  const cypher = h('pre', { class: 'cypher', 'data-testid': 'hunt-cypher' }, run.cypher);
  append(
    output,
    h('h3', {}, `${run.title}: ${run.rows.length} row(s) in ${run.ms} ms`),
    run.notice ? h('p', { class: 'warning' }, run.notice) : null,
    h(
      'div',
      { class: 'row-actions' },
      run.nodes.length > 0 ? h('button', { type: 'button', 'data-action': 'hunt-graph', onclick: () => addToGraph(run) }, `Show as graph (${run.nodes.length} nodes)`) : null,
      h('button', { type: 'button', onclick: () => download(`${run.hunt}.csv`, csv(run.columns, run.rows), 'text/csv') }, 'Export CSV'),
    ),
    tableBox,
    h('details', {}, h('summary', {}, 'Cypher and parameters'), cypher, h('pre', { class: 'cypher' }, JSON.stringify(run.params, null, 2))),
  );
  if (run.result === 'graph' && run.nodes.length > 0) addToGraph(run);
}

export function resultTable(columns: string[], rows: Array<Record<string, unknown>>): HTMLElement {
  const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return h(
    'table',
    { class: 'results' },
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', {}, c)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...columns.map((c) => h('td', {}, cell(row[c])))))),
  );
}
