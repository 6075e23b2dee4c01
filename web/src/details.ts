import type { EmailDetails, NodeDetails, NumberDetails } from '../../src/api/contract.js';
import type { Api } from './api.js';
import { barChart } from './charts.js';
import { clear, h, highlighted } from './dom.js';
import { styleOf } from './graph.js';

const s = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : String(v));

/**
 * The details panel. Everything from the graph (subjects, senders, file names, email text) is untrusted
 * and is inserted as text nodes only (see dom.ts).
 */
export async function showDetails(panel: HTMLElement, api: Api, key: string, actions: { open(key: string): void; expand(key: string): void }): Promise<void> {
  clear(panel);
  panel.append(h('p', { class: 'muted' }, 'Loading…'));
  let d: NodeDetails;
  try {
    d = await api.node(key);
  } catch (error) {
    clear(panel);
    panel.append(h('p', { class: 'error' }, (error as Error).message));
    return;
  }
  clear(panel);
  const node = d.node;
  const style = styleOf(node.label);
  const swatch = h('span', { class: 'swatch' }, style.glyph);
  swatch.style.backgroundColor = style.colour;
  panel.append(
    h('div', { class: 'details-head' }, swatch, h('div', {}, h('div', { class: 'kind' }, style.title), h('h2', { class: 'details-title', 'data-testid': 'details-title' }, d.kind === 'email' && d.subject !== null ? d.subject : node.caption))),
    h('div', { class: 'row-actions' }, h('button', { type: 'button', onclick: () => actions.expand(node.key) }, `Expand (${node.degree})`)),
  );
  if (d.kind === 'number') renderNumber(panel, d, actions);
  else if (d.kind === 'email') renderEmail(panel, d, actions);
  else renderProps(panel, d.props);
}

function table(rows: Array<[string, unknown]>): HTMLElement {
  return h('table', { class: 'kv' }, h('tbody', {}, ...rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, s(v))))));
}

function section(title: string, ...children: Array<Node | string>): HTMLElement {
  return h('section', { class: 'details-section' }, h('h3', {}, title), ...children);
}

function link(text: string, key: string, open: (key: string) => void): HTMLElement {
  return h('a', { href: '#', class: 'node-link', onclick: (e: Event) => { e.preventDefault(); open(key); } }, text);
}

function counts(list: Array<{ name: string; count: number }>): HTMLElement {
  if (list.length === 0) return h('p', { class: 'muted' }, 'none');
  return h('ul', { class: 'counts' }, ...list.map((c) => h('li', {}, `${c.name} `, h('span', { class: 'badge' }, String(c.count)))));
}

function renderNumber(panel: HTMLElement, d: NumberDetails, actions: { open(key: string): void }): void {
  const carriers = d.carriers;
  panel.append(
    table([
      ['E.164', d.e164],
      ['National', d.national],
      ['Country', d.country],
      ['Line type', d.lineType ?? d.numberType],
      ['Carrier', carriers.map((c) => `${c.name}${c.category ? ` (${c.category})` : ''}`).join(', ') || null],
      ['First seen', d.firstSeen],
      ['Last seen', d.lastSeen],
      ['Lifespan', d.lifespan === null || d.lifespan === undefined ? null : `${d.lifespan} day(s)`],
      ['Active days', d.activeDays],
      ['Longest run', d.longestRun],
      ['Emails', d.emailCount],
    ]),
  );
  const timeline = d.timeline;
  const canvas = h('canvas', { class: 'chart', 'aria-label': 'daily activity' });
  const box = h('div', { class: 'chart-box' }, canvas);
  panel.append(section('Daily activity', box));
  barChart(canvas, timeline.map((t) => t.day), timeline.map((t) => t.emails), 'emails', '#e4572e');
  panel.append(section('Brands', counts(d.brands)));
  panel.append(section('Lures', counts(d.lures)));
  panel.append(section('Attachment types', counts(d.attachmentTypes)));
  const block = d.block;
  const siblings = d.blockSiblings;
  panel.append(
    section(
      `DID block ${block ? `${block.prefix}xxxx` : ''}`,
      siblings.length === 0
        ? h('p', { class: 'muted' }, 'no other number of this block seen')
        : h('ul', { class: 'siblings' }, ...siblings.map((x) => h('li', {}, link(x.e164, `PhoneNumber:${x.e164}`, actions.open), ` ${s(x.firstSeen)} → ${s(x.lastSeen)} (${s(x.emailCount)})`))),
    ),
  );
  const cluster = d.cluster;
  panel.append(section('Cluster', cluster ? h('p', {}, link(cluster.id, `Cluster:${cluster.id}`, actions.open), ` ${s(cluster.size)} numbers · ${s(cluster.brands)} · ${s(cluster.firstSeen)} → ${s(cluster.lastSeen)}`) : h('p', { class: 'muted' }, 'not in a cluster')));
  const emails = d.emails;
  panel.append(
    section(
      'Seen in',
      h('ul', { class: 'emails' }, ...emails.map((e) => h('li', {}, link(e.subject ?? '(no subject)', e.key, actions.open), h('span', { class: 'muted' }, ` ${s(e.day)}`), e.context ? h('div', {}, highlighted(e.context, e.raw)) : null))),
    ),
  );
}

function renderEmail(panel: HTMLElement, d: EmailDetails, actions: { open(key: string): void }): void {
  const lure = d.lure;
  panel.append(
    table([
      ['Subject', d.subject],
      ['From', d.fromName ? `${d.fromName} <${d.from}>` : d.from],
      ['Domain', d.domain],
      ['Sent', d.sentAt],
      ['Source', d.source],
      ['Lure', [lure.context, lure.trigger, lure.cta].filter(Boolean).join(' · ') || null],
      ['Impersonates', d.brands.filter((b) => b.primary).map((b) => b.name)],
      ['Delivered via', d.platform],
      ['Brands named', d.brands.map((b) => b.name)],
    ]),
  );
  const attachments = d.attachments;
  panel.append(section('Attachments', attachments.length === 0 ? h('p', { class: 'muted' }, 'none') : h('ul', {}, ...attachments.map((a) => h('li', {}, `${s(a.filename)} (${s(a.type)}, ${s(a.bytes)} bytes)`)))));
  const numbers = d.numbers;
  panel.append(
    section(
      'Numbers',
      h(
        'ul',
        { class: 'numbers' },
        ...numbers.map((n) =>
          h(
            'li',
            {},
            link(n.e164, `PhoneNumber:${n.e164}`, actions.open),
            h('span', { class: 'muted' }, ` in ${s(n.where)}${n.obfuscated ? ' (disguised)' : ''} as ${s(n.raw)}`),
            n.context ? h('blockquote', {}, highlighted(n.context, n.raw)) : null,
          ),
        ),
      ),
    ),
  );
}

function renderProps(panel: HTMLElement, props: Record<string, unknown>): void {
  panel.append(table(Object.entries(props).filter(([k]) => k !== 'days')));
}
