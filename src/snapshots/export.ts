import { createHash, randomUUID } from 'node:crypto';
import { nodeSize, styleOf } from './palette.js';
import type { OfflineSnapshot, Snapshot, SnapshotNode } from './model.js';
import { cellText, csvDocument, csvField, terminalSafeJson, terminalSafeText } from '../output/index.js';

export const exportFormats = ['json', 'cyjs', 'csv', 'misp', 'svg', 'html'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportMeta: Record<ExportFormat, { type: string; extension: string }> = {
  json: { type: 'application/json', extension: 'callhound.json' },
  cyjs: { type: 'application/json', extension: 'cyjs' },
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  misp: { type: 'application/json', extension: 'misp.json' },
  svg: { type: 'image/svg+xml', extension: 'svg' },
  html: { type: 'text/html; charset=utf-8', extension: 'html' },
};

/** The snapshot itself, importable into another callhound (`callhound snapshot import`). */
export function toCallhoundJson(snapshot: Snapshot): string {
  const { id: _id, created: _created, ...input } = snapshot;
  return terminalSafeJson({ callhoundSnapshot: 1, exportedFrom: snapshot.id, created: snapshot.created, ...input }, 2);
}

/**
 * Cytoscape.js JSON (the `cy.json()` shape that Cytoscape.js `cy.json(…)` and Cytoscape desktop's
 * "Import network from file → Cytoscape.js JSON" read): elements with `data.id` = model key and positions.
 */
export function toCytoscapeJson(snapshot: Snapshot): string {
  return terminalSafeJson(
    {
      format_version: '1.0',
      generated_by: 'callhound',
      target_cytoscape_js_version: '~3.34',
      data: { name: snapshot.title, note: snapshot.note, snapshot: snapshot.id, created: snapshot.created },
      elements: {
        nodes: snapshot.elements.nodes.map((n) => ({
          data: { id: n.key, label: n.label, caption: n.caption, volume: n.volume, ...n.props },
          ...(positionOf(snapshot, n.key) ? { position: positionOf(snapshot, n.key) } : {}),
        })),
        edges: snapshot.elements.edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, type: e.type } })),
      },
    },
    2,
  );
}

/** One row per phone number in the view. */
export function toNumbersCsv(snapshot: Snapshot): string {
  const columns = ['e164', 'national', 'country', 'lineType', 'firstSeen', 'lastSeen', 'activeDays', 'emailCount'] as const;
  const rows: string[][] = [];
  for (const node of snapshot.elements.nodes) {
    if (node.label !== 'PhoneNumber') continue;
    const e164 = node.key.slice('PhoneNumber:'.length);
    const props: Record<string, unknown> = { ...node.props, e164 };
    rows.push(columns.map((c) => cellText(props[c], ';')));
  }
  return csvDocument(columns, rows);
}

/** One CSV cell through the shared guard (formulas, terminal controls; src/output). Lists are joined with `;`. */
export function csvCell(value: unknown): string {
  return csvField(cellText(value, ';'));
}

/**
 * A MISP event (MISP core format, draft-dulaunoy-misp-core-format): one `phone-number` attribute per number
 * (category Person, to_ids false: MISP's sane defaults), `email-subject`, `email-src` and attachment
 * `sha256` attributes for the emails in the view, and a tag naming callhound as the source.
 */
export function toMispEvent(snapshot: Snapshot, now: Date = new Date()): string {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const attributes: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  const add = (type: string, category: string, value: string | null | undefined, toIds: boolean, comment: string): void => {
    if (!value) return;
    const key = `${type}\u0000${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    attributes.push({ uuid: randomUUID(), type, category, value, to_ids: toIds, distribution: '5', comment, timestamp, disable_correlation: false });
  };
  for (const node of snapshot.elements.nodes) {
    const value = node.key.slice(node.key.indexOf(':') + 1);
    const p = node.props;
    switch (node.label) {
      case 'PhoneNumber':
        add('phone-number', 'Person', value, false, describeNumber(p));
        break;
      case 'Email':
        add('email-subject', 'Payload delivery', typeof p.subject === 'string' ? p.subject : null, false, `email ${value.slice(0, 12)}`);
        add('email-src', 'Payload delivery', typeof p.from === 'string' ? p.from : null, true, 'sender of a callback-phishing email');
        break;
      case 'Attachment':
        add('sha256', 'Payload delivery', value, true, typeof p.filename === 'string' ? `attachment ${p.filename}` : 'attachment');
        break;
      case 'Domain':
        add('domain', 'Network activity', value, false, 'sender domain');
        break;
      case 'Brand':
        add('text', 'Other', value, false, 'impersonated brand');
        break;
      case 'Platform':
        add('text', 'Other', value, false, 'genuine service abused to deliver the lure');
        break;
      case 'Cluster':
        add('campaign-id', 'Attribution', value, false, 'callhound cluster (presumed call center)');
        break;
      default:
        break;
    }
  }
  const event = {
    Event: {
      uuid: randomUUID(),
      info: `callhound: ${snapshot.title}`,
      date: now.toISOString().slice(0, 10),
      threat_level_id: '2',
      analysis: '1',
      distribution: '0',
      published: false,
      timestamp,
      Attribute: attributes,
      Tag: [{ name: 'tlp:amber' }, { name: 'callhound:snapshot' }],
    },
  };
  return terminalSafeJson(event, 2);
}

function describeNumber(props: Record<string, unknown>): string {
  const parts = ['callback number in phishing emails'];
  if (typeof props.firstSeen === 'string') parts.push(`first seen ${props.firstSeen}`);
  if (typeof props.lastSeen === 'string') parts.push(`last seen ${props.lastSeen}`);
  if (typeof props.emailCount === 'number') parts.push(`${props.emailCount} emails`);
  return parts.join(', ');
}

/**
 * Text for XML/HTML. Control characters (which XML 1.0 does not allow, and which a terminal showing the file
 * would act on) are shown as \uXXXX, like everywhere else callhound writes text (src/output).
 */
export function escapeXml(text: string): string {
  return terminalSafeText(text).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** A stored position, looked up as an own property only: node keys are data, `positions` a plain object. */
function positionOf(snapshot: Snapshot, key: string): { x: number; y: number } | undefined {
  return Object.hasOwn(snapshot.positions, key) ? snapshot.positions[key] : undefined;
}

/** Nodes without a stored position go on a circle, so an exported picture never stacks them. */
function positionsOf(snapshot: Snapshot): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const missing = snapshot.elements.nodes.filter((n) => !positionOf(snapshot, n.key));
  snapshot.elements.nodes.forEach((n) => {
    const p = positionOf(snapshot, n.key);
    if (p) out.set(n.key, p);
  });
  missing.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, missing.length);
    const r = 60 + 12 * missing.length;
    out.set(n.key, { x: r * Math.cos(angle), y: r * Math.sin(angle) });
  });
  return out;
}

/**
 * Hand-written SVG of the view (no extra dependency): the same shapes, colours and glyphs as the workspace,
 * edges as lines, every text XML-escaped. Good for reports and slides; exact Cytoscape rendering is the PNG.
 */
export function toSvg(snapshot: Snapshot): string {
  const pos = positionsOf(snapshot);
  const xs = [...pos.values()].map((p) => p.x);
  const ys = [...pos.values()].map((p) => p.y);
  const pad = 80;
  const minX = Math.min(0, ...xs) - pad;
  const minY = Math.min(0, ...ys) - pad;
  const width = Math.max(200, Math.max(0, ...xs) - minX + pad);
  const height = Math.max(200, Math.max(0, ...ys) - minY + pad + 30);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${r(minX)} ${r(minY)} ${r(width)} ${r(height)}" width="${r(width)}" height="${r(height)}" font-family="sans-serif">`);
  out.push(`<title>${escapeXml(snapshot.title)}</title>`);
  out.push(`<rect x="${r(minX)}" y="${r(minY)}" width="${r(width)}" height="${r(height)}" fill="#ffffff"/>`);
  out.push('<g stroke="#b0b7c3" stroke-width="1.5">');
  for (const edge of snapshot.elements.edges) {
    const a = pos.get(edge.source);
    const b = pos.get(edge.target);
    if (a && b) out.push(`<line x1="${r(a.x)}" y1="${r(a.y)}" x2="${r(b.x)}" y2="${r(b.y)}"><title>${escapeXml(edge.type)}</title></line>`);
  }
  out.push('</g>');
  for (const node of snapshot.elements.nodes) {
    const p = pos.get(node.key);
    if (p) out.push(svgNode(node, p));
  }
  out.push('</svg>');
  return out.join('\n');
}

function svgNode(node: SnapshotNode, p: { x: number; y: number }): string {
  const style = styleOf(node.label);
  const size = nodeSize(node.volume);
  const h = size / 2;
  const shape = svgShape(style.shape, p.x, p.y, h, style.colour);
  return [
    `<g><title>${escapeXml(node.key)}</title>`,
    shape,
    `<text x="${r(p.x)}" y="${r(p.y + 5)}" text-anchor="middle" font-size="${r(Math.max(10, h))}" fill="#ffffff">${escapeXml(style.glyph)}</text>`,
    `<text x="${r(p.x)}" y="${r(p.y + h + 14)}" text-anchor="middle" font-size="11" fill="#222222">${escapeXml(node.caption)}</text>`,
    '</g>',
  ].join('');
}

function svgShape(shape: string, x: number, y: number, h: number, fill: string): string {
  const polygon = (points: Array<[number, number]>): string =>
    `<polygon fill="${fill}" stroke="#333" stroke-width="1" points="${points.map(([px, py]) => `${r(x + px * h)},${r(y + py * h)}`).join(' ')}"/>`;
  const regular = (n: number, offset: number): Array<[number, number]> =>
    Array.from({ length: n }, (_, i) => [Math.cos(offset + (2 * Math.PI * i) / n), Math.sin(offset + (2 * Math.PI * i) / n)] as [number, number]);
  switch (shape) {
    case 'rectangle':
    case 'barrel':
    case 'tag':
      return `<rect fill="${fill}" stroke="#333" stroke-width="1" x="${r(x - h)}" y="${r(y - h)}" width="${r(2 * h)}" height="${r(2 * h)}"/>`;
    case 'round-rectangle':
      return `<rect fill="${fill}" stroke="#333" stroke-width="1" x="${r(x - h)}" y="${r(y - h)}" width="${r(2 * h)}" height="${r(2 * h)}" rx="${r(h / 3)}"/>`;
    case 'diamond':
      return polygon([[0, -1], [1, 0], [0, 1], [-1, 0]]);
    case 'triangle':
      return polygon([[0, -1], [1, 0.8], [-1, 0.8]]);
    case 'vee':
      return polygon([[-1, -1], [0, -0.3], [1, -1], [0, 1]]);
    case 'hexagon':
      return polygon(regular(6, 0));
    case 'octagon':
      return polygon(regular(8, Math.PI / 8));
    case 'star':
      return polygon(Array.from({ length: 10 }, (_, i) => {
        const radius = i % 2 === 0 ? 1 : 0.45;
        const a = -Math.PI / 2 + (Math.PI * i) / 5;
        return [radius * Math.cos(a), radius * Math.sin(a)] as [number, number];
      }));
    default:
      return `<circle fill="${fill}" stroke="#333" stroke-width="1" cx="${r(x)}" cy="${r(y)}" r="${r(h)}"/>`;
  }
}

function r(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * JSON that is safe inside a `<script type="application/json">` block: no `<`, so no `</script>` breakout;
 * no raw control or line separator either (src/output), and it parses to the same value.
 */
export function jsonForScriptBlock(value: unknown): string {
  return terminalSafeJson(value).replace(/</g, '\\u003c');
}

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/**
 * A single HTML file that opens offline, read-only: the snapshot as JSON in a non-executable
 * `<script type="application/json">` block, the bundled viewer inline, and a Content-Security-Policy that
 * allows exactly that script and style (by hash) and nothing else: no network, no eval, no other script.
 */
export function toSelfContainedHtml(snapshot: Snapshot, viewer: { js: string; css: string }): string {
  const js = viewer.js.replace(/<\/script/gi, '<\\/script');
  const css = viewer.css.replace(/<\/style/gi, '<\\/style');
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256Base64(js)}'`,
    `style-src 'sha256-${sha256Base64(css)}'`,
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const data = jsonForScriptBlock({ ...snapshot, offline: true } satisfies OfflineSnapshot);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(snapshot.title)} — callhound snapshot</title>`,
    // The id tells Cytoscape its container stylesheet exists, so it does not inject an inline one (CSP).
    `<style id="__________cytoscape_stylesheet">${css}</style>`,
    '</head><body>',
    `<script type="application/json" id="callhound-snapshot">${data}</script>`,
    '<div id="viewer"></div>',
    `<script>${js}</script>`,
    '</body></html>',
  ].join('\n');
}
