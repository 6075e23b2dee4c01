/**
 * HTML to the text a reader sees, in reading order: parsed with parse5 into the tree a browser builds
 * (dom.ts), styles resolved per element (cascade.ts, computed.ts), text of
 * hidden elements left out, block elements on their own lines and table cells apart. Link targets are
 * collected apart (never printed, so URL digits cannot pass for a visible number); image alt/title and link
 * titles are kept as text, as a mail client shows them when images are blocked.
 */
import { declaredStyle, indexRules, type RuleIndex } from './cascade.js';
import { computeStyle, hidesSubtree, ROOT_STYLE, textIsVisible, type Computed } from './computed.js';
import { parseHtml, type HtmlElement as Element, type HtmlNode as ChildNode } from './dom.js';
import { parseStyleSheet, type StyleRule } from './stylesheet.js';

export interface VisibleText {
  text: string;
  /** href of every visible <a> and <area>, in document order. */
  links: string[];
  /** Tooltips (`title`) of visible elements other than links and images, whose titles are in `text`. */
  titles: string[];
  /** How many elements were left out as hidden (for tests and diagnostics). */
  hiddenElements: number;
}

/** Elements that are never rendered as text. */
const SKIPPED = new Set(['head', 'style', 'script', 'noscript', 'template', 'title', 'meta', 'link', 'object', 'svg', 'math', 'iframe', 'select', 'option', 'datalist']);

/** Elements that start and end a line. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr',
  'html', 'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead',
  'tr', 'ul', 'menu',
]);

const CELLS = new Set(['td', 'th']);

function attribute(element: Element, name: string): string | undefined {
  const value = element.attribs[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

class TextBuilder {
  private readonly lines: string[] = [];
  private line = '';

  inline(text: string): void {
    if (text === '') return;
    if (this.line === '' || this.line.endsWith(' ')) this.line += text.replace(/^ +/, '');
    else this.line += text;
  }

  space(): void {
    if (this.line !== '' && !this.line.endsWith(' ')) this.line += ' ';
  }

  /** A line break; blank lines collapse. */
  breakLine(): void {
    const trimmed = this.line.trim();
    if (trimmed !== '') this.lines.push(trimmed);
    this.line = '';
  }

  /** Preformatted text keeps its own line breaks. */
  preformatted(text: string): void {
    const parts = text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) this.breakLine();
      this.line += part;
    });
  }

  result(): string {
    this.breakLine();
    return this.lines.join('\n');
  }
}

function collectStyleSheets(nodes: ChildNode[], into: StyleRule[]): void {
  for (const node of nodes) {
    if (node.type !== 'tag') continue;
    if (node.name === 'style') {
      const css = node.children.map((c) => (c.type === 'text' ? c.data : '')).join('');
      into.push(...parseStyleSheet(css, into.length));
    } else if (node.name !== 'script' && node.name !== 'template') {
      collectStyleSheets(node.children, into);
    }
  }
}

interface WalkState {
  rules: RuleIndex;
  out: TextBuilder;
  links: string[];
  titles: string[];
  hidden: number;
  pre: number;
}

function walk(nodes: ChildNode[], parent: Computed, state: WalkState): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      if (!textIsVisible(parent)) continue;
      if (state.pre > 0) state.out.preformatted(node.data);
      else state.out.inline(node.data.replace(/[ \t\n\r\f]+/g, ' '));
      continue;
    }
    const element: Element = node;
    const name = element.name;
    if (SKIPPED.has(name)) continue;
    const declared = declaredStyle(element, state.rules);
    if (hidesSubtree(declared)) {
      state.hidden += 1;
      continue;
    }
    const style = computeStyle(parent, declared);
    if (name !== 'a' && name !== 'img' && name !== 'area' && style.visible) {
      const title = attribute(element, 'title');
      if (title !== undefined) state.titles.push(title);
    }
    const block = BLOCKS.has(name);
    if (block) state.out.breakLine();
    switch (name) {
      case 'br':
        state.out.breakLine();
        break;
      case 'img':
      case 'input': {
        if (!textIsVisible(style) && name === 'input') break;
        const parts = [attribute(element, 'alt'), attribute(element, 'title'), name === 'input' ? attribute(element, 'value') : undefined]
          .filter((v): v is string => v !== undefined);
        if (parts.length > 0) {
          state.out.space();
          state.out.inline([...new Set(parts)].join(' '));
          state.out.space();
        }
        break;
      }
      case 'area': {
        const href = attribute(element, 'href');
        if (href !== undefined && style.visible) state.links.push(href);
        const alt = attribute(element, 'alt');
        if (alt !== undefined) {
          state.out.space();
          state.out.inline(alt);
          state.out.space();
        }
        break;
      }
      case 'a': {
        // A link nobody can see cannot be clicked (visibility:hidden boxes take no clicks); a link with a
        // font size of 0 still can when it holds an image, so only visibility decides here.
        const href = attribute(element, 'href');
        if (href !== undefined && style.visible) state.links.push(href);
        walk(element.children, style, state);
        const title = attribute(element, 'title');
        if (title !== undefined && textIsVisible(style)) {
          state.out.space();
          state.out.inline(title);
          state.out.space();
        }
        break;
      }
      case 'pre':
        state.pre += 1;
        walk(element.children, style, state);
        state.pre -= 1;
        break;
      default:
        walk(element.children, style, state);
    }
    if (CELLS.has(name)) state.out.space();
    if (block || name === 'hr') state.out.breakLine();
  }
}

/** The visible text and links of an HTML document or fragment. */
export function renderVisibleText(html: string): VisibleText {
  const roots = parseHtml(html);
  const rules: StyleRule[] = [];
  collectStyleSheets(roots, rules);
  const state: WalkState = { rules: indexRules(rules), out: new TextBuilder(), links: [], titles: [], hidden: 0, pre: 0 };
  walk(roots, ROOT_STYLE, state);
  return { text: state.out.result(), links: state.links, titles: state.titles, hiddenElements: state.hidden };
}
