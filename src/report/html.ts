import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ReportData, Spread } from './data.js';
import { pageScript } from './page-script.js';

/**
 * The report as one self-contained HTML file: tables rendered here (escaped), charts drawn by Chart.js
 * (inlined from node_modules, no network) from a JSON data block. A strict Content-Security-Policy allows
 * exactly the two inline scripts and the style block by hash, nothing else.
 */

const require = createRequire(import.meta.url);

export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** JSON safe inside a <script type="application/json"> block (no `</script>`, no HTML comment openers). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function chartJsSource(): string {
  // The UMD build is not in the package's exports map; it sits next to the CommonJS entry point.
  return readFileSync(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
}


const style = `
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; padding: 0 1rem; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.3rem; }
.muted { color: #666; } .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 0.8rem; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 0.7rem 0.9rem; } .card b { display: block; font-size: 1.6rem; }
table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; } td, th { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 1.5rem; } canvas { max-height: 420px; }
code { font-size: 0.85rem; }`;

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function card(label: string, value: unknown, note = ''): string {
  return `<div class="card"><b>${escapeHtml(value)}</b>${escapeHtml(label)}${note ? `<div class="muted">${escapeHtml(note)}</div>` : ''}</div>`;
}

function spreadTable(title: string, spread: Spread): string {
  const rows = spread.examples
    .slice(0, 5)
    .map((e) => {
      const shown = e.values.slice(0, 6).map(escapeHtml).join('<br>');
      const more = e.values.length > 6 ? `<br><span class="muted">… ${e.values.length - 6} more</span>` : '';
      return `<tr><td><code>${escapeHtml(e.e164)}</code><br><span class="muted">${e.values.length} distinct</span></td><td>${shown}${more}</td></tr>`;
    })
    .join('');
  return `<h3>${escapeHtml(title)}: ${spread.numbers} numbers (${pct(spread.share)})</h3>${rows ? `<table><tr><th>number</th><th>values</th></tr>${rows}</table>` : '<p class="muted">none</p>'}`;
}

export function renderHtml(data: ReportData): string {
  const chartJs = chartJsSource();
  const script = pageScript;
  const csp = `default-src 'none'; script-src ${sha256(chartJs)} ${sha256(script)}; style-src ${sha256(style)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const r = data;
  const busiest = r.busiestNumberDay;
  const blocks = r.topBlocks
    .map(
      (b, i) => `<h3>Block <code>${escapeHtml(b.block.prefix)}</code>: ${b.block.numberCount} numbers, ${b.block.emailCount} emails, ${escapeHtml(b.block.firstSeen ?? '?')} – ${escapeHtml(b.block.lastSeen ?? '?')}, brands: ${escapeHtml(b.block.brands.join(', ') || 'none')}</h3><canvas id="chart-block-${i}" role="img" aria-label="numbers of block ${escapeHtml(b.block.prefix)} over days"></canvas>`,
    )
    .join('');
  const brandRows = r.lifespanByBrand.map((b) => `<tr><td>${escapeHtml(b.brand)}</td><td>${b.distribution.numbers}</td><td>${escapeHtml(b.distribution.median ?? '–')}</td></tr>`).join('');
  const platformRows = r.platforms.map((p) => `<tr><td>${escapeHtml(p.platform)}</td><td>${p.emails}</td><td>${p.numbers}</td><td>${escapeHtml(p.brands.join(', ') || '–')}</td></tr>`).join('');
  const clusterRows = r.clusters.largest.map((c) => `<tr><td><code>${escapeHtml(c.id)}</code></td><td>${c.size}</td><td>${c.emails}</td><td>${escapeHtml(c.brands.join(', '))}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>callhound report</title>
<style>${style}</style></head>
<body>
<h1>callhound report</h1>
<p class="muted">${r.emails} emails (${r.datedEmails} dated, ${escapeHtml(r.firstDay ?? '?')} – ${escapeHtml(r.lastDay ?? '?')}); generated ${escapeHtml(r.generatedAt)}; ${r.ingestIssues} ingest issues.</p>
<div class="grid">
${card('unique numbers', r.uniqueNumbers)}
${card('reused on consecutive days', r.consecutiveReuse.numbers, `${pct(r.consecutiveReuse.share)}; longest run ${r.consecutiveReuse.longestRun} days; most common run ${r.consecutiveReuse.mostCommonRunLength ?? '–'} days`)}
${card('active on more than one day', r.multiDay.numbers, pct(r.multiDay.share))}
${card('median lifespan (days)', r.lifespan.all.median ?? '–', `multi-day numbers: ${r.lifespan.multiDay.median ?? '–'}`)}
${card('clusters', r.clusters.count, `largest: ${r.clusters.largest[0]?.size ?? 0} numbers`)}
${busiest ? card('most emails for one number in one day', busiest.emails, `${busiest.e164} on ${busiest.day}${busiest.brand ? ` (${busiest.brand})` : ''}`) : ''}
</div>
<h2>Line types and carriers</h2>
<div class="charts"><div><h3>Line types</h3><canvas id="chart-line-types" role="img" aria-label="line types"></canvas></div>
<div><h3>Carriers (number-block registry)</h3><canvas id="chart-carriers" role="img" aria-label="carriers"></canvas></div></div>
<h2>Reuse and lifespan</h2>
<div class="charts"><div><h3>Lifespan, all numbers (days)</h3><canvas id="chart-lifespan" role="img" aria-label="lifespan distribution"></canvas></div>
<div><h3>Lifespan, numbers active on ≥ 2 days</h3><canvas id="chart-lifespan-multi" role="img" aria-label="lifespan of multi-day numbers"></canvas></div>
<div><h3>Runs of consecutive days (length)</h3><canvas id="chart-runs" role="img" aria-label="run lengths"></canvas></div>
<div><h3>Lifespan by brand</h3><canvas id="chart-lifespan-brand" role="img" aria-label="lifespan by brand"></canvas></div></div>
<table><tr><th>brand</th><th>numbers</th><th>median lifespan</th></tr>${brandRows}</table>
<h2>One number, many faces</h2>
${spreadTable('Numbers across several lures', r.spread.lures)}
${spreadTable('Numbers across several subject templates', r.spread.subjectTemplates)}
${spreadTable('Numbers across several brands', r.spread.brands)}
${spreadTable('Numbers across several attachment types', r.spread.attachmentTypes)}
<h2>Top DID blocks: numbers over days (colour = brand, size = emails)</h2>
${blocks || '<p class="muted">no block with two or more numbers</p>'}
<h2>Delivered through genuine platforms</h2>
<p class="muted">Lures carried by a real service's own notifications (calendar invitations, invoices, shares): they pass SPF and DKIM because the platform sent them. The brand column is who the scam impersonated through it.</p>
${platformRows ? `<table><tr><th>platform</th><th>emails</th><th>numbers</th><th>impersonated brands</th></tr>${platformRows}</table>` : '<p class="muted">no email was delivered through a known platform</p>'}
<h2>Largest clusters</h2>
<table><tr><th>cluster</th><th>numbers</th><th>emails</th><th>brands</th></tr>${clusterRows}</table>
<script type="application/json" id="report-data">${jsonForScript(r)}</script>
<script>${chartJs}</script>
<script>${script}</script>
</body></html>
`;
}
