import type { ReportData } from '../../src/api/contract.js';
import type { Api } from './api.js';
import { barChart, doughnutChart, lineChart } from './charts.js';
import { append, clear, h } from './dom.js';

type Distribution = ReportData['lifespan']['all'];

const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** The insights view: the report's figures and charts (Chart.js, bundled), on what is loaded now. */
export async function showInsights(panel: HTMLElement, api: Api): Promise<void> {
  clear(panel);
  let r: ReportData;
  try {
    r = await api.report();
  } catch (error) {
    panel.append(h('p', { class: 'error' }, (error as Error).message));
    return;
  }
  const figure = (value: string | number, label: string): HTMLElement => h('div', { class: 'figure' }, h('div', { class: 'figure-value' }, typeof value === 'number' ? value.toLocaleString() : value), h('div', { class: 'muted' }, label));
  append(
    panel,
    h(
      'div',
      { class: 'figures', 'data-testid': 'insights' },
      figure(r.emails, 'emails'),
      figure(r.uniqueNumbers, 'numbers'),
      figure(pct(r.multiDay.share), 'numbers active > 1 day'),
      figure(pct(r.consecutiveReuse.share), 'reused on consecutive days'),
      figure(r.consecutiveReuse.longestRun, 'longest run (days)'),
      figure(r.lifespan.multiDay.median ?? '—', 'median lifespan, multi-day (days)'),
      figure(r.clusters.count, 'clusters'),
      figure(r.ingestIssues, 'ingest issues'),
    ),
    h('p', { class: 'muted' }, `${r.firstDay ?? '?'} → ${r.lastDay ?? '?'}`),
    r.busiestNumberDay ? h('p', {}, `Busiest number-day: ${r.busiestNumberDay.e164} in ${r.busiestNumberDay.emails} emails on ${r.busiestNumberDay.day}${r.busiestNumberDay.brand ? ` (${r.busiestNumberDay.brand})` : ''}`) : null,
  );
  const chart = (title: string, wide = false): HTMLCanvasElement => {
    const canvas = h('canvas', { class: 'chart' });
    panel.append(h('section', { class: 'insight' }, h('h3', {}, title), h('div', { class: wide ? 'chart-box wide' : 'chart-box' }, canvas)));
    return canvas;
  };
  const histogram = (d: Distribution, title: string): unknown => barChart(chart(title), d.histogram.map(([days]) => String(days)), d.histogram.map(([, n]) => n), 'numbers');
  histogram(r.lifespan.all, 'Lifespan of numbers (days → numbers)');
  histogram(r.lifespan.multiDay, 'Lifespan, numbers active more than one day');
  barChart(chart('Consecutive-day runs (length → numbers)'), r.consecutiveReuse.runLengths.map(([len]) => String(len)), r.consecutiveReuse.runLengths.map(([, n]) => n), 'numbers', '#e4572e');
  if (r.lineTypes.length > 0) doughnutChart(chart('Line types'), r.lineTypes.map(([t]) => t), r.lineTypes.map(([, n]) => n));
  if (r.carriers.length > 0) barChart(chart('Carriers (numbers)'), r.carriers.slice(0, 15).map((c) => c.carrier), r.carriers.slice(0, 15).map((c) => c.numbers), 'numbers', '#17a2b8');
  if (r.lifespanByBrand.length > 0) barChart(chart('Median lifespan by brand (days)'), r.lifespanByBrand.map((b) => b.brand), r.lifespanByBrand.map((b) => b.distribution.median ?? 0), 'days', '#8e44ad');
  const spreads = Object.entries(r.spread);
  if (spreads.length > 0) barChart(chart('Numbers seen with ≥ 2 distinct …'), spreads.map(([k]) => k), spreads.map(([, s]) => s.numbers), 'numbers', '#2e9e44');
  if (r.topBlocks.length > 0) {
    const days = [...new Set(r.topBlocks.flatMap((b) => b.activity.map((a) => a.day)))].sort();
    const series = r.topBlocks.slice(0, 4).map((b) => {
      const byDay = new Map<string, number>();
      for (const a of b.activity) byDay.set(a.day, (byDay.get(a.day) ?? 0) + a.emails);
      return { label: `${b.block.prefix}xxxx`, values: days.map((d) => byDay.get(d) ?? 0) };
    });
    lineChart(chart('Busiest DID blocks: emails per day', true), days, series);
  }
  if (r.clusters.largest.length > 0) barChart(chart('Largest clusters (numbers)'), r.clusters.largest.map((c) => c.id), r.clusters.largest.map((c) => c.size), 'numbers', '#c0392b');
}
