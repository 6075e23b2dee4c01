import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { csvCell, jsonForScriptBlock, toCytoscapeJson, toMispEvent, toNumbersCsv, toSelfContainedHtml, toSvg } from '../../src/snapshots/export.js';
import type { Snapshot } from '../../src/snapshots/model.js';
import { fallbackStyle, styleOf } from '../../src/snapshots/palette.js';

const evil = '<img src=x onerror=alert(1)></script><script>alert(2)</script>';
const snapshot: Snapshot = {
  id: 'AAAAAAAAAAAAAAAAAAAAAAAA',
  created: '2024-05-01T10:00:00Z',
  title: `Cluster ${evil}`,
  note: 'note',
  author: '',
  query: { kind: 'search', q: '(804) 713-4598' },
  elements: {
    nodes: [
      { key: 'PhoneNumber:+18047134598', label: 'PhoneNumber', caption: '+18047134598', volume: 3, props: { national: '(804) 713-4598', country: 'US', emailCount: 3, firstSeen: '2024-03-01' } },
      { key: `Email:${'a'.repeat(64)}`, label: 'Email', caption: evil, volume: 1, props: { subject: evil, from: 'x@evil.example' } },
      { key: `Attachment:${'b'.repeat(64)}`, label: 'Attachment', caption: 'inv.pdf', volume: 1, props: { filename: '=HYPERLINK("x")' } },
      { key: 'Cluster:c-0123456789ab', label: 'Cluster', caption: 'c-0123456789ab (2)', volume: 2, props: {} },
    ],
    edges: [{ id: `Email:${'a'.repeat(64)}|MENTIONS|PhoneNumber:+18047134598`, source: `Email:${'a'.repeat(64)}`, target: 'PhoneNumber:+18047134598', type: 'MENTIONS' }],
  },
  positions: { 'PhoneNumber:+18047134598': { x: 0, y: 0 }, [`Email:${'a'.repeat(64)}`]: { x: 100, y: 50 } },
  view: {},
};

describe('snapshot exports', () => {
  it('CSV: one row per number, quoted per RFC 4180, formulas neutralised but E.164 kept', () => {
    expect(toNumbersCsv(snapshot)).toBe('e164,national,country,lineType,firstSeen,lastSeen,activeDays,emailCount\r\n+18047134598,(804) 713-4598,US,,2024-03-01,,,3\r\n');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+18047134598')).toBe('+18047134598');
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('a,b')).toBe('"a,b"');
  });

  it('MISP: an Event with typed attributes in their default categories', () => {
    const event = JSON.parse(toMispEvent(snapshot, new Date('2024-05-02T00:00:00Z'))).Event;
    expect(event).toMatchObject({ date: '2024-05-02', distribution: '0', analysis: '1', threat_level_id: '2', published: false, timestamp: '1714608000' });
    expect(event.uuid).toMatch(/^[0-9a-f-]{36}$/);
    const byType = Object.fromEntries(event.Attribute.map((a: { type: string }) => [a.type, a]));
    expect(byType['phone-number']).toMatchObject({ category: 'Person', value: '+18047134598', to_ids: false });
    expect(byType['email-subject']).toMatchObject({ category: 'Payload delivery', value: evil, to_ids: false });
    expect(byType['email-src']).toMatchObject({ category: 'Payload delivery', value: 'x@evil.example', to_ids: true });
    expect(byType.sha256).toMatchObject({ category: 'Payload delivery', value: 'b'.repeat(64) });
    expect(byType['campaign-id']).toMatchObject({ category: 'Attribution', value: 'c-0123456789ab' });
    for (const a of event.Attribute) expect(a.uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('Cytoscape JSON: elements with model keys as ids and the saved positions', () => {
    const cy = JSON.parse(toCytoscapeJson(snapshot));
    expect(cy.elements.nodes[0]).toMatchObject({ data: { id: 'PhoneNumber:+18047134598', label: 'PhoneNumber' }, position: { x: 0, y: 0 } });
    expect(cy.elements.edges[0].data).toMatchObject({ source: `Email:${'a'.repeat(64)}`, target: 'PhoneNumber:+18047134598', type: 'MENTIONS' });
  });

  it('SVG: every text escaped, nodes placed even without a saved position', () => {
    const svg = toSvg(snapshot);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg.match(/<g><title>/g)).toHaveLength(4);
    expect(svg).not.toContain('NaN');
  });

  it('HTML: data in a non-executable JSON block that cannot close it, scripts allowed only by hash', () => {
    const js = 'window.viewer = 1; const s = "</script>";';
    const html = toSelfContainedHtml(snapshot, { js, css: 'body{margin:0}' });
    const block = /<script type="application\/json" id="callhound-snapshot">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(block).not.toContain('<');
    expect(JSON.parse(block).title).toBe(snapshot.title);
    expect(html.match(/<script/g)).toHaveLength(2);
    const inline = /<script>([\s\S]*?)<\/script>\n<\/body>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(inline).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(html).toContain('<title>Cluster &lt;img');
  });

  it('jsonForScriptBlock escapes what could end a script element', () => {
    expect(jsonForScriptBlock({ a: '</script><!--' })).toBe('{"a":"\\u003c/script>\\u003c!--"}');
  });

  it('SVG: a label named like an Object.prototype member gets the fallback style, not a crash', () => {
    const labels = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
    const hostile: Snapshot = { ...snapshot, elements: { nodes: labels.map((label, i) => ({ key: `X:${i}`, label, caption: label, volume: 1, props: {} })), edges: [] }, positions: {} };
    const svg = toSvg(hostile);
    expect(svg.match(/fill="#777777"/g)).toHaveLength(labels.length);
    expect(svg).not.toContain('undefined');
    for (const label of labels) expect(styleOf(label)).toBe(fallbackStyle);
    expect(styleOf('PhoneNumber').colour).toBe('#e4572e');
  });
});
