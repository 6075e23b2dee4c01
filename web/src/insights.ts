import type { Api } from './api.js';
import { barChart, doughnutChart, lineChart } from './charts.js';
import { clear, h } from './dom.js';

type Dict = Record<string, unknown>;

/**
 * The insights view: the report's data (src/report, `/api/report`) drawn with Chart.js. Series are found by
 * shape: lists of {name|label|key|day, count|value|emails|numbers} become bar charts (day series become
 * lines), small maps of numbers become a doughnut; plain numbers become headline figures.
 */
export async function showInsights(panel: HTMLElement, api: Api): Promise<void> {
  clear(panel);
  let report: Dict;
  try {
    report = await api.get<Dict>('/api/report');
  } catch (error) {
    panel.append(h('p', { class: 'error' }, (error as Error).message));
    return;
  }
  const figures = h('div', { class: 'figures' });
  panel.append(figures);
  walk(report, '', panel, figures, 0);
}

const labelKeys = ['name', 'label', 'key', 'day', 'date', 'brand', 'e164', 'id', 'bucket', 'lure', 'type', 'month', 'week'];
const valueKeys = ['count', 'value', 'emails', 'numbers', 'total', 'size', 'share'];

function walk(value: unknown, title: string, panel: HTMLElement, figures: HTMLElement, depth: number): void {
  if (depth > 3) return;
  if (typeof value === 'number') {
    figures.append(h('div', { class: 'figure' }, h('div', { class: 'figure-value' }, value.toLocaleString()), h('div', { class: 'muted' }, title)));
    return;
  }
  if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object' && value[0] !== null) {
    const first = value[0] as Dict;
    const labelKey = labelKeys.find((k) => typeof first[k] === 'string');
    const valueKey = valueKeys.find((k) => typeof first[k] === 'number');
    if (labelKey && valueKey) {
      const rows = (value as Dict[]).slice(0, 60);
      const canvas = h('canvas', { class: 'chart' });
      panel.append(h('section', { class: 'insight' }, h('h3', {}, `${title} (${valueKey})`), h('div', { class: 'chart-box wide' }, canvas)));
      const labels = rows.map((r) => String(r[labelKey]));
      const values = rows.map((r) => Number(r[valueKey] ?? 0));
      if (labelKey === 'day' || labelKey === 'date' || labelKey === 'month' || labelKey === 'week') lineChart(canvas, labels, [{ label: valueKey, values }]);
      else barChart(canvas, labels, values, valueKey);
      return;
    }
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Dict);
    if (depth > 0 && entries.length > 1 && entries.length <= 12 && entries.every(([, v]) => typeof v === 'number')) {
      const canvas = h('canvas', { class: 'chart' });
      panel.append(h('section', { class: 'insight' }, h('h3', {}, title), h('div', { class: 'chart-box' }, canvas)));
      doughnutChart(canvas, entries.map(([k]) => k), entries.map(([, v]) => Number(v)));
      return;
    }
    for (const [k, v] of entries) walk(v, title ? `${title} › ${k}` : k, panel, figures, depth + 1);
  }
}
