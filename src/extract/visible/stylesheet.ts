/**
 * `<style>` rules and `style=""` attributes, read with css-tree (a real CSS parser, tolerant like a browser:
 * a broken declaration is dropped, the rest kept). Only what decides visibility is kept, and only selectors
 * a mail client applies at rest: type, class, id, attribute presence/equality, `*`, descendant and child
 * combinators. Pseudo-classes (`:hover`), pseudo-elements and sibling combinators are skipped, as are rules
 * in `@media` blocks with conditions (they apply to some screens only; the desktop view is what we read).
 */
import { parse, walk, type CssNode, type Declaration, type Selector } from 'css-tree';

/** Properties that decide whether text is seen; everything else is dropped at parse time. */
export const VISIBILITY_PROPERTIES = new Set([
  'display', 'visibility', 'opacity', 'font-size', 'font', 'color', 'background', 'background-color', 'background-image',
  'max-height', 'height', 'max-width', 'width', 'overflow', 'overflow-x', 'overflow-y', 'position', 'left', 'top',
  'right', 'bottom', 'text-indent', 'mso-hide', 'line-height', 'clip', 'clip-path', 'transform',
]);

export interface Declarations {
  /** Property (lower case) → value (trimmed, as written). */
  values: Map<string, string>;
  important: Set<string>;
}

export interface SimpleCompound {
  tag: string | null;
  ids: string[];
  classes: string[];
  attributes: { name: string; value: string | null }[];
}

/** One selector as compounds from the subject (rightmost) outwards, each with the combinator that joins it to the next one out. */
export interface CompiledSelector {
  parts: { compound: SimpleCompound; combinator: ' ' | '>' | null }[];
  specificity: number;
}

export interface StyleRule {
  selector: CompiledSelector;
  declarations: Declarations;
  /** Source order across all style sheets of the document. */
  order: number;
}

function emptyDeclarations(): Declarations {
  return { values: new Map(), important: new Set() };
}

function valueText(declaration: Declaration): string {
  const value = declaration.value;
  return value.type === 'Raw' ? value.value.trim() : '';
}

function collect(list: Iterable<CssNode>, into: Declarations): void {
  for (const node of list) {
    if (node.type !== 'Declaration') continue;
    const property = node.property.toLowerCase();
    if (!VISIBILITY_PROPERTIES.has(property)) continue;
    const important = node.important === true || node.important === 'important';
    // A later declaration wins, unless only the earlier one was !important.
    if (into.important.has(property) && !important) continue;
    into.values.set(property, valueText(node));
    if (important) into.important.add(property);
  }
}

/**
 * Mail layouts repeat the same few `style=""` strings on hundreds of elements: each distinct string is parsed
 * once per document batch. Bounded, so a message with millions of distinct styles cannot grow it without end.
 */
const inlineCache = new Map<string, Declarations>();
const INLINE_CACHE_MAX = 4096;

/** A `style=""` attribute's declarations (shared: callers must not change them). */
export function parseInlineStyle(style: string): Declarations {
  const cached = inlineCache.get(style);
  if (cached !== undefined) return cached;
  const parsed = parseInlineStyleUncached(style);
  if (inlineCache.size >= INLINE_CACHE_MAX) inlineCache.clear();
  inlineCache.set(style, parsed);
  return parsed;
}

function parseInlineStyleUncached(style: string): Declarations {
  const out = emptyDeclarations();
  if (!/[a-z]\s*:/i.test(style)) return out;
  try {
    const ast = parse(style, { context: 'declarationList', parseValue: false, parseCustomProperty: false });
    if (ast.type === 'DeclarationList') collect(ast.children, out);
  } catch {
    // css-tree recovers from nearly everything; a style it cannot read hides nothing.
  }
  return out;
}

function newCompound(): SimpleCompound {
  return { tag: null, ids: [], classes: [], attributes: [] };
}

/** A selector in the subset applied at rest, or null (then the rule is skipped, never half-applied). */
function compile(selector: Selector): CompiledSelector | null {
  // Left to right as written: compounds, and between two of them the combinator that joins them.
  const compounds: SimpleCompound[] = [newCompound()];
  const combinators: Array<' ' | '>'> = [];
  let specificity = 0;
  let empty = true;
  for (const node of selector.children) {
    const current = compounds[compounds.length - 1]!;
    switch (node.type) {
      case 'TypeSelector':
        if (node.name !== '*') {
          current.tag = node.name.toLowerCase();
          specificity += 1;
        }
        break;
      case 'ClassSelector':
        current.classes.push(node.name);
        specificity += 1_000;
        break;
      case 'IdSelector':
        current.ids.push(node.name);
        specificity += 1_000_000;
        break;
      case 'AttributeSelector': {
        if (node.matcher !== null && node.matcher !== '=') return null;
        const value = node.value === null ? null : node.value.type === 'String' ? node.value.value : node.value.name;
        current.attributes.push({ name: node.name.name.toLowerCase(), value });
        specificity += 1_000;
        break;
      }
      case 'Combinator':
        if ((node.name !== ' ' && node.name !== '>') || empty) return null;
        combinators.push(node.name);
        compounds.push(newCompound());
        empty = true;
        continue;
      default:
        return null; // pseudo-classes, pseudo-elements, nesting: not applied at rest
    }
    empty = false;
  }
  if (empty) return null;
  // Matching starts at the subject (rightmost compound) and walks up the tree.
  const parts: CompiledSelector['parts'] = [];
  for (let i = compounds.length - 1; i >= 0; i -= 1) parts.push({ compound: compounds[i]!, combinator: i > 0 ? combinators[i - 1]! : null });
  return { parts, specificity };
}

/** Whether a `@media` prelude applies to the desktop screen we read for: no feature conditions. */
function mediaApplies(prelude: string): boolean {
  const p = prelude.toLowerCase();
  if (p.includes('(')) return false;
  return p.trim() === '' || /\b(all|screen)\b/.test(p);
}

/** Rules of one `<style>` element's text; `order` continues from `firstOrder`. */
export function parseStyleSheet(css: string, firstOrder = 0): StyleRule[] {
  const rules: StyleRule[] = [];
  let ast: CssNode;
  try {
    ast = parse(css, { parseValue: false, parseCustomProperty: false, parseAtrulePrelude: false });
  } catch {
    return rules;
  }
  let order = firstOrder;
  walk(ast, {
    visit: 'Rule',
    enter(rule) {
      if (this.atrule !== null) {
        const name = this.atrule.name.toLowerCase();
        const prelude = this.atrule.prelude?.type === 'Raw' ? this.atrule.prelude.value : '';
        if (name !== 'media' || !mediaApplies(prelude)) return;
      }
      if (rule.prelude.type !== 'SelectorList' || rule.block.type !== 'Block') return;
      const declarations = emptyDeclarations();
      collect(rule.block.children, declarations);
      if (declarations.values.size === 0) return;
      for (const selector of rule.prelude.children) {
        if (selector.type !== 'Selector') continue;
        const compiled = compile(selector);
        if (compiled !== null) rules.push({ selector: compiled, declarations, order: order++ });
      }
    },
  });
  return rules;
}
