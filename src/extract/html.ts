/**
 * HTML bodies to the text a reader sees, in visual order, with html-to-text: hrefs are collected apart
 * (not printed, so URL digits never look like numbers), image alt/title text is kept, and elements hidden
 * with inline styles (a common filter-evasion trick) are skipped.
 */
import { compile, type DomNode, type FormatCallback } from 'html-to-text';

export interface HtmlText {
  text: string;
  /** href of every <a> (and <area>), in document order. */
  links: string[];
}

/** Attributes of an element; html-to-text types them loosely. */
function attr(elem: DomNode, name: string): string | undefined {
  const value: unknown = (elem.attribs as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** html-to-text runs synchronously; the current conversion's link list lives here while it runs. */
let sink: string[] = [];

const HIDDEN_STYLES = [
  'display:none', 'display: none', 'display :none', 'DISPLAY:none', 'display:NONE', 'Display:none',
  'visibility:hidden', 'visibility: hidden', 'font-size:0;', 'font-size: 0;', 'font-size:0px', 'font-size: 0px',
  'max-height:0', 'max-height: 0', 'mso-hide:all', 'mso-hide: all', 'opacity:0;', 'opacity: 0;',
];

const convert = compile({
  wordwrap: false,
  preserveNewlines: false,
  decodeEntities: true,
  limits: { maxInputLength: 5_000_000, ellipsis: '' },
  formatters: {
    collectAnchor: ((elem, walk, builder) => {
      const href = attr(elem, 'href');
      if (href !== undefined) sink.push(href);
      walk(elem.children, builder);
      const title = attr(elem, 'title');
      if (title !== undefined) builder.addInline(` ${title} `);
    }) satisfies FormatCallback,
    altText: ((elem, _walk, builder) => {
      const parts = [attr(elem, 'alt'), attr(elem, 'title')].filter((v): v is string => v !== undefined);
      if (parts.length > 0) builder.addInline(` ${[...new Set(parts)].join(' ')} `);
    }) satisfies FormatCallback,
    cell: ((elem, walk, builder) => {
      walk(elem.children, builder);
      builder.addInline(' ');
    }) satisfies FormatCallback,
    areaLink: ((elem, _walk, builder) => {
      const href = attr(elem, 'href');
      if (href !== undefined) sink.push(href);
      const alt = attr(elem, 'alt');
      if (alt !== undefined) builder.addInline(` ${alt} `);
    }) satisfies FormatCallback,
  },
  selectors: [
    { selector: 'a', format: 'collectAnchor' },
    { selector: 'img', format: 'altText' },
    { selector: 'area', format: 'areaLink' },
    { selector: 'head', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'template', format: 'skip' },
    { selector: 'title', format: 'skip' },
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'cell' },
    { selector: 'th', format: 'cell' },
    ...HIDDEN_STYLES.map((style) => ({ selector: `[style*="${style}"]`, format: 'skip' })),
  ],
});

export function htmlToVisibleText(html: string): HtmlText {
  sink = [];
  try {
    const text = convert(html);
    return { text, links: sink };
  } finally {
    sink = [];
  }
}
