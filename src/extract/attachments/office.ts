/**
 * Text of Excel (XLSX) and PowerPoint (PPTX) files: shared strings, inline strings and cell values of the
 * sheets, text runs of the slides. Only the parts that hold content are read: styles, themes and
 * relationships are full of numbers (sizes, colours, ids) that are not phone numbers.
 */
import { entryRefusal, listZipEntries, readZipEntry, ZipError, type ZipLimits } from './zip.js';

const CONTENT_PART = /^(xl\/sharedStrings|xl\/worksheets\/sheet\d+|ppt\/slides\/slide\d+|ppt\/notesSlides\/notesSlide\d+)\.xml$/;

export const OFFICE_MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
} as const;

/** Which Office Open XML package a ZIP is, from the names stored in its local headers; null if neither. */
export function officeKind(zip: Buffer): keyof typeof OFFICE_MIME | null {
  if (!zip.includes('[Content_Types].xml', 0, 'latin1')) return null;
  if (zip.includes('xl/workbook.xml', 0, 'latin1')) return 'xlsx';
  if (zip.includes('ppt/presentation.xml', 0, 'latin1')) return 'pptx';
  return null;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Text elements (`<t>`, `<a:t>`) and cell values (`<v>`), one line per paragraph, string item or row. */
export function officeXmlText(xml: string): string {
  let text = '';
  const tokens = /<(a:t|t|v)(?:\s[^>]*)?>([^<]*)<\/\1>|<\/(a:p|si|row)>|<\/c>/g;
  for (const match of xml.matchAll(tokens)) {
    if (match[2] !== undefined) text += decodeEntities(match[2]);
    else if (match[3]) text += '\n';
    else text += '\t';
  }
  return text
    .split('\n')
    .map((line) => line.replace(/\t+$/, '').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** Content text of an XLSX or PPTX package, parts in name order. Throws ZipError on damaged or hostile archives. */
export function officeText(zip: Buffer, limits: ZipLimits): string {
  const entries = listZipEntries(zip);
  if (entries.length > limits.maxEntries) {
    throw new ZipError('zip_too_many_entries', `${entries.length} entries, over the limit of ${limits.maxEntries}`);
  }
  const parts = entries
    .filter((entry) => CONTENT_PART.test(entry.name))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  let budget = limits.maxTotalBytes;
  const texts: string[] = [];
  for (const entry of parts) {
    const refusal = entryRefusal(entry, limits);
    if (refusal) throw refusal;
    const xml = readZipEntry(zip, entry, budget);
    budget -= xml.length;
    const text = officeXmlText(xml.toString('utf8'));
    if (text) texts.push(text);
  }
  return texts.join('\n\n');
}
