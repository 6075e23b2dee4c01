/** Text out of text-like attachments: charset sniffing for plain text, visible-text rendering for HTML. */
import { renderVisibleText } from '../visible/render.js';

/** UTF-8/UTF-16 by BOM; else UTF-8 when the bytes are valid UTF-8; else latin1 (never fails). */
export function decodeText(content: Buffer): string {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) return content.subarray(3).toString('utf8');
  if (content[0] === 0xff && content[1] === 0xfe) return content.subarray(2).toString('utf16le');
  if (content[0] === 0xfe && content[1] === 0xff) {
    const body = Buffer.from(content.subarray(2, content.length - (content.length % 2)));
    return body.swap16().toString('utf16le');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return content.toString('latin1');
  }
}

/**
 * An HTML attachment as a reader sees it: the same visible-text rendering as HTML bodies (computed CSS,
 * hidden elements left out, alt text kept, no wrapping), then link targets (numbers hide in `tel:` links)
 * and tooltips, one a line, since an attachment's text has no separate link list.
 */
export function htmlToText(html: string): string {
  const { text, links, titles } = renderVisibleText(html);
  return [text, ...links, ...titles].filter((part) => part.trim() !== '').join('\n');
}

/** The character data of an XML document, one text node a line; comments, CDATA markers and tags dropped. */
export function xmlTextNodes(xml: string): string {
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  return withoutComments
    .split(/<[^>]*>/)
    .map((node) =>
      node
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&')
        .trim(),
    )
    .filter((node) => node.length > 0)
    .join('\n');
}
