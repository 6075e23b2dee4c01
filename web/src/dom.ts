/**
 * The only way this UI builds DOM: elements with attributes and children, where every string child becomes
 * a text node. Email subjects, bodies and file names are untrusted; they must never reach innerHTML.
 */
import { cellText, csvDocument } from '../../src/output/index.js';

export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined | ((event: Event) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (name === 'class') el.className = String(value);
    else if (name === 'value' && 'value' in el) (el as HTMLInputElement).value = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/**
 * `text` with every occurrence of the `needles` wrapped in <mark>, built from text nodes only, so the
 * surrounding email text is shown as typed, never interpreted.
 */
export function highlighted(text: string, needles: string[]): HTMLElement {
  const span = h('span', { class: 'context' });
  const wanted = needles.filter((n) => n.length > 0).sort((a, b) => b.length - a.length);
  let rest = text;
  while (rest.length > 0) {
    let best = -1;
    let needle = '';
    for (const n of wanted) {
      const at = rest.indexOf(n);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
        needle = n;
      }
    }
    if (best < 0) {
      append(span, rest);
      break;
    }
    append(span, rest.slice(0, best), h('mark', {}, needle));
    rest = rest.slice(best + needle.length);
  }
  return span;
}

/** Saves text as a file the user downloads (CSV, JSON, SVG…). */
export function download(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The hunt table as CSV, through the same guard as every CSV callhound writes (formulas, controls; src/output). */
export function csv(columns: string[], rows: Array<Record<string, unknown>>): string {
  return csvDocument(columns, rows.map((row) => columns.map((c) => cellText(row[c]))));
}
