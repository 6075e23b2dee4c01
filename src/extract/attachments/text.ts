/** Text out of text-like attachments: charset sniffing for plain text, layout-aware conversion for HTML. */
import { convert } from 'html-to-text';

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
 * HTML as a reader sees it: block order kept, links' hrefs and images' alt text kept (numbers hide in
 * `tel:` links and image alt/title text), no word wrapping so numbers are not split across lines.
 */
export function htmlToText(html: string): string {
  const titles: string[] = [];
  // html-to-text has no option for title attributes; collect them so text hidden there is still seen.
  for (const match of html.matchAll(/\btitle\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
    const value = (match[2] ?? match[3] ?? '').trim();
    if (value) titles.push(value);
  }
  const text = convert(html, {
    wordwrap: false,
    formatters: {
      altOnly: (elem, _walk, builder) => {
        const alt = elem.attribs?.['alt'];
        if (alt) builder.addInline(` ${alt} `);
      },
    },
    selectors: [
      { selector: 'a', options: { ignoreHref: false, hideLinkHrefIfSameAsText: true } },
      // Only the alt text: an image's src (often a long data: URI) is full of digit runs that are not numbers.
      { selector: 'img', format: 'altOnly' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
    ],
  });
  return titles.length > 0 ? `${text}\n${titles.join('\n')}` : text;
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
