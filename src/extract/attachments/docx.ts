/**
 * Text of a Word (DOCX) document: the runs (`<w:t>`) of word/document.xml in document order, one line per
 * paragraph, tabs and breaks kept as spaces/newlines. Headers and footers are read too: invoices put the
 * "call us" line there.
 */
import { entryRefusal, listZipEntries, readZipEntry, ZipError, type ZipLimits } from './zip.js';

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return XML_ENTITIES[name] ?? whole;
  });
}

/** Paragraph text from WordprocessingML: a tokenizer over the few tags that carry text or layout. */
export function wordXmlText(xml: string): string {
  const lines: string[] = [];
  let line = '';
  const tokens = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br|cr)\b[^>]*\/>|<\/w:p>|<w:p\/>/g;
  for (const match of xml.matchAll(tokens)) {
    if (match[1] !== undefined) line += decodeXmlEntities(match[1]);
    else if (match[2] === 'tab') line += '\t';
    else if (match[2] === 'br' || match[2] === 'cr') line += '\n';
    else {
      lines.push(line);
      line = '';
    }
  }
  if (line) lines.push(line);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Body, then headers and footers, of a DOCX archive. Throws ZipError on damaged or hostile archives. */
export function docxText(docx: Buffer, limits: ZipLimits): string {
  const entries = listZipEntries(docx);
  if (entries.length > limits.maxEntries) {
    throw new ZipError('zip_too_many_entries', `DOCX has ${entries.length} entries`);
  }
  const parts = entries
    .filter((entry) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(entry.name))
    .sort((a, b) => (a.name === 'word/document.xml' ? -1 : b.name === 'word/document.xml' ? 1 : 0));
  let budget = limits.maxTotalBytes;
  const texts: string[] = [];
  for (const entry of parts) {
    const refusal = entryRefusal(entry, limits);
    if (refusal) throw refusal;
    const xml = readZipEntry(docx, entry, budget);
    budget -= xml.length;
    const text = wordXmlText(xml.toString('utf8'));
    if (text) texts.push(text);
  }
  return texts.join('\n\n');
}
