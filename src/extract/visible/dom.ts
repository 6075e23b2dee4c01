/**
 * The document tree as a browser builds it: parse5 implements the WHATWG tree-construction rules, so
 * misnested mail HTML lands where Chromium puts it (a `<blockquote style="opacity:0">` opened in `<head>`
 * swallows the whole body there, and here too). Converted once into small nodes with attributes in a map,
 * which the cascade reads many times per element.
 */
import { parse, type DefaultTreeAdapterTypes } from 'parse5';

export interface HtmlElement {
  type: 'tag';
  name: string;
  attribs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}

export interface HtmlText {
  type: 'text';
  data: string;
}

export type HtmlNode = HtmlElement | HtmlText;

type P5Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;

function convert(node: P5Node, parent: HtmlElement | null, into: HtmlNode[]): void {
  if (node.nodeName === '#text') {
    into.push({ type: 'text', data: (node as DefaultTreeAdapterTypes.TextNode).value });
    return;
  }
  if (!('tagName' in node)) return; // comments, doctype
  const attribs: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const a of node.attrs) if (!(a.name in attribs)) attribs[a.name] = a.value;
  const element: HtmlElement = { type: 'tag', name: node.tagName, attribs, children: [], parent };
  into.push(element);
  for (const child of node.childNodes) convert(child, element, element.children);
}

/** The `<html>` element of `html` parsed as a document (fragments get their html/head/body like in a browser). */
export function parseHtml(html: string): HtmlElement[] {
  const document = parse(html);
  const roots: HtmlNode[] = [];
  for (const child of document.childNodes) convert(child, null, roots);
  return roots.filter((n): n is HtmlElement => n.type === 'tag');
}
