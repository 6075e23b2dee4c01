/**
 * The cascade for one element: rules from `<style>` that match it (indexed by the subject's id, class and
 * tag, so each element looks at a few candidates), ordered by importance, specificity and source order,
 * then its own `style=""` (which beats any selector unless a rule is !important), then presentational
 * attributes (`bgcolor`, `<font size color>`, `hidden`) below all CSS, as browsers do.
 */
import type { HtmlElement as Element } from './dom.js';
import { parseInlineStyle, type CompiledSelector, type SimpleCompound, type StyleRule } from './stylesheet.js';

export interface RuleIndex {
  byId: Map<string, StyleRule[]>;
  byClass: Map<string, StyleRule[]>;
  byTag: Map<string, StyleRule[]>;
  universal: StyleRule[];
  size: number;
}

function push(map: Map<string, StyleRule[]>, key: string, rule: StyleRule): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [rule]);
  else list.push(rule);
}

export function indexRules(rules: StyleRule[]): RuleIndex {
  const index: RuleIndex = { byId: new Map(), byClass: new Map(), byTag: new Map(), universal: [], size: rules.length };
  for (const rule of rules) {
    const subject = rule.selector.parts[0]!.compound;
    if (subject.ids.length > 0) push(index.byId, subject.ids[0]!, rule);
    else if (subject.classes.length > 0) push(index.byClass, subject.classes[0]!, rule);
    else if (subject.tag !== null) push(index.byTag, subject.tag, rule);
    else index.universal.push(rule);
  }
  return index;
}

function classList(element: Element): string[] {
  const value = element.attribs.class;
  return value === undefined ? [] : value.split(/\s+/).filter((c) => c !== '');
}

function matchesCompound(element: Element, compound: SimpleCompound): boolean {
  if (compound.tag !== null && element.name !== compound.tag) return false;
  for (const id of compound.ids) if (element.attribs.id !== id) return false;
  if (compound.classes.length > 0) {
    const classes = classList(element);
    for (const c of compound.classes) if (!classes.includes(c)) return false;
  }
  for (const a of compound.attributes) {
    const value = element.attribs[a.name];
    if (value === undefined || (a.value !== null && value !== a.value)) return false;
  }
  return true;
}

function parentElement(element: Element): Element | null {
  return element.parent;
}

function matchesFrom(element: Element, selector: CompiledSelector, part: number): boolean {
  const { compound, combinator } = selector.parts[part]!;
  if (!matchesCompound(element, compound)) return false;
  if (part === selector.parts.length - 1) return true;
  if (combinator === '>') {
    const parent = parentElement(element);
    return parent !== null && matchesFrom(parent, selector, part + 1);
  }
  for (let ancestor = parentElement(element); ancestor !== null; ancestor = parentElement(ancestor)) {
    if (matchesFrom(ancestor, selector, part + 1)) return true;
  }
  return false;
}

function candidates(element: Element, index: RuleIndex): StyleRule[] {
  const out: StyleRule[] = [...index.universal];
  const id = element.attribs.id;
  if (id !== undefined) out.push(...(index.byId.get(id) ?? []));
  for (const c of classList(element)) out.push(...(index.byClass.get(c) ?? []));
  out.push(...(index.byTag.get(element.name) ?? []));
  return out;
}

/** Legacy `<font size=1..7>` in px (the HTML rendering section's table). */
const FONT_SIZE_ATTR = [0, 10, 13, 16, 18, 24, 32, 48];

function presentational(element: Element, into: Map<string, string>): void {
  const a = element.attribs;
  if (a.bgcolor !== undefined) into.set('background-color', a.bgcolor);
  // A background picture under the text: its colours are unknown, so text on it is never called hidden.
  if (a.background !== undefined) into.set('background-image', `url(${a.background})`);
  // Browsers draw links in the link colour from their own style sheet, not in the parent's colour.
  if (element.name === 'a' && a.href !== undefined) into.set('color', '#0000ee');
  if (element.name === 'font') {
    if (a.color !== undefined) into.set('color', a.color);
    if (a.size !== undefined) {
      const n = Number.parseInt(a.size, 10);
      if (Number.isFinite(n)) into.set('font-size', `${FONT_SIZE_ATTR[Math.max(1, Math.min(7, n))]}px`);
    }
  }
  if (a.hidden !== undefined) into.set('display', 'none');
  if (element.name === 'input' && a.type?.toLowerCase() === 'hidden') into.set('display', 'none');
}

/** Shared answer for the many elements that declare nothing (no attributes, no rule for their tag): never written to. */
export const NO_DECLARATIONS: ReadonlyMap<string, string> = new Map();

function hasAttributes(element: Element): boolean {
  for (const _name in element.attribs) return true;
  return false;
}

/** The declared values that apply to `element` (property → value), the cascade resolved. */
export function declaredStyle(element: Element, index: RuleIndex): ReadonlyMap<string, string> {
  // Most elements of a mail body (<br>, <b>, bare <td>, <p>) carry nothing: skip the cascade for them.
  if (!hasAttributes(element) && index.universal.length === 0 && !index.byTag.has(element.name)) return NO_DECLARATIONS;
  const values = new Map<string, string>();
  presentational(element, values);
  const matched = index.size === 0 ? [] : candidates(element, index).filter((r) => matchesFrom(element, r.selector, 0));
  // Unique (a rule can be reached through two classes), then lowest precedence first.
  const ordered = [...new Set(matched)].sort((x, y) => x.selector.specificity - y.selector.specificity || x.order - y.order);
  const important = new Set<string>();
  for (const rule of ordered) {
    for (const [property, value] of rule.declarations.values) {
      if (important.has(property) && !rule.declarations.important.has(property)) continue;
      values.set(property, value);
      if (rule.declarations.important.has(property)) important.add(property);
    }
  }
  const style = element.attribs.style;
  if (style !== undefined) {
    const inline = parseInlineStyle(style);
    for (const [property, value] of inline.values) {
      if (important.has(property) && !inline.important.has(property)) continue;
      values.set(property, value);
    }
  }
  return values;
}
