import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/report/data.js';
import { escapeHtml, jsonForScript, renderHtml } from '../../src/report/html.js';

const hostile = '<img src=x onerror=alert(1)></script><script>alert(2)</script>';

function data(): ReportData {
  const dist = { histogram: [[1, 2]] as [number, number][], median: 1, numbers: 2 };
  const spread = { numbers: 1, share: 0.5, examples: [{ e164: '+18047134598', values: [hostile, 'Order #1'] }] };
  return {
    generatedAt: '2026-03-31T00:00:00Z', emails: 3, datedEmails: 3, firstDay: '2026-03-01', lastDay: '2026-03-03', uniqueNumbers: 2,
    consecutiveReuse: { numbers: 1, share: 0.5, longestRun: 2, mostCommonRunLength: 2, runLengths: [[2, 1]] },
    multiDay: { numbers: 1, share: 0.5 },
    lifespan: { all: dist, multiDay: dist },
    lifespanByBrand: [{ brand: hostile, distribution: dist }],
    lineTypes: [['voip', 2]],
    carriers: [{ carrier: hostile, category: 'voip', numbers: 2 }],
    spread: { lures: spread, subjectTemplates: spread, brands: spread, attachmentTypes: spread },
    topBlocks: [{ block: { prefix: '+1804713', country: 'US', numberCount: 2, activeNumbers: 2, emailCount: 3, firstSeen: '2026-03-01', lastSeen: '2026-03-03', brands: [hostile], runs: 1 }, activity: [{ e164: '+18047134598', day: '2026-03-01', brand: hostile, emails: 3 }] }],
    busiestNumberDay: { e164: '+18047134598', day: '2026-03-01', emails: 3, brand: 'PayPal' },
    clusters: { count: 1, largest: [{ id: 'c-0123456789ab', size: 2, emails: 3, brands: [hostile] }] },
    platforms: [{ platform: 'Google Calendar', emails: 2, numbers: 3, brands: ['Norton LifeLock', hostile] }],
    ingestIssues: 0,
  };
}

describe('the HTML report', () => {
  const html = renderHtml(data());

  it('escapes text from emails everywhere', () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert(2)');
    expect(jsonForScript({ s: '</script>' })).toBe('{"s":"\\u003c/script\\u003e"}');
    // Exactly three script elements: the JSON data block, Chart.js and the page code.
    expect(html.match(/<script\b/g)).toHaveLength(3);
  });

  it('is self-contained: no network references, and a CSP whose hashes match the inline scripts and style', () => {
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replaceAll('&#39;', "'") ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(inline).toHaveLength(2);
    for (const text of [...inline, style]) expect(csp).toContain(`'sha256-${createHash('sha256').update(text).digest('base64')}'`);
    expect(inline[0]).toContain('Chart');
  });

  it('embeds the data the charts need, including the busiest number-day', () => {
    const json = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toMatchObject({ uniqueNumbers: 2, topBlocks: [{ block: { prefix: '+1804713' } }] });
    expect(html).toContain('chart-block-0');
    expect(html).toContain('+18047134598 on 2026-03-01 (PayPal)');
  });

  it('shows the abused platforms beside the brands impersonated through them', () => {
    expect(html).toContain('<td>Google Calendar</td><td>2</td><td>3</td><td>Norton LifeLock, &lt;img');
  });
});
