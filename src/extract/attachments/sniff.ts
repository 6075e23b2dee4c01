/**
 * What an attachment really is, from its first bytes, next to what the sender declared. Scam mail often
 * declares `application/octet-stream` or lies (a `.pdf` that is HTML), so the bytes decide how it is read.
 */

import { OFFICE_MIME, officeKind } from './office.js';

/** Short type names of docs/graph-model.md (`AttachmentType.name`). */
export type AttachmentKind =
  | 'pdf'
  | 'heic'
  | 'jpeg'
  | 'png'
  | 'gif'
  | 'webp'
  | 'tiff'
  | 'docx'
  | 'html'
  | 'txt'
  | 'zip'
  | 'ics'
  | 'other';

export const IMAGE_KINDS: ReadonlySet<AttachmentKind> = new Set(['heic', 'jpeg', 'png', 'gif', 'webp', 'tiff']);

const KIND_MIME: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  heic: 'image/heic',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  tiff: 'image/tiff',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  txt: 'text/plain',
  zip: 'application/zip',
  ics: 'text/calendar',
  other: 'application/octet-stream',
};

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);

export interface SniffResult {
  /** `other` for kinds without a graph type of their own (XLSX and PPTX among them: see sniffedMime). */
  kind: AttachmentKind;
  /** MIME type implied by the bytes (or by the declared type when the bytes are plain text). */
  sniffedMime: string;
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, Math.min(end, bytes.length) - start)).toString(
    'latin1',
  );
}

function startsWith(bytes: Uint8Array, signature: number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((byte, index) => bytes[at + index] === byte);
}

/** HEIF family by its `ftyp` box: the major brand or a compatible one; AVIF (also `mif1`) is not HEIC. */
function isHeif(bytes: Buffer): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return false;
  const boxSize = Math.min(bytes.readUInt32BE(0), 256, bytes.length);
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  if (brands.includes('avif') || brands.includes('avis')) return brands[0]!.startsWith('he');
  return brands.some((brand) => HEIF_BRANDS.has(brand));
}

/** A ZIP whose names include `word/document.xml` (names are stored uncompressed in local headers). */
function isDocx(bytes: Buffer): boolean {
  return bytes.includes('word/document.xml', 0, 'latin1');
}

function looksLikeHtml(head: string): boolean {
  const startsWithTag = /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|div|table|p|span|title|style|a)(?=[\s>/])/i;
  return startsWithTag.test(head) || /<html[\s>]/i.test(head);
}

/** Text if it has a Unicode BOM, or no NUL bytes and few control characters in its first 4 KiB. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf]) || startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return true;
  }
  const sample = bytes.subarray(0, 4096);
  if (sample.length === 0) return false;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20) || byte === 0x7f) control += 1;
  }
  return control / sample.length < 0.02;
}

/** Short type from a declared MIME type or file name extension (used only for plain-text bytes and reporting). */
export function kindFromDeclared(contentType?: string, filename?: string): AttachmentKind {
  const mime = (contentType ?? '').toLowerCase().split(';')[0]!.trim();
  const extension = (filename ?? '').toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  for (const [kind, kindMime] of Object.entries(KIND_MIME) as [AttachmentKind, string][]) {
    if (kind !== 'other' && mime === kindMime) return kind;
  }
  if (mime === 'image/jpg' || mime === 'image/pjpeg') return 'jpeg';
  if (mime === 'image/heif' || mime === 'image/heic-sequence' || mime === 'image/heif-sequence') return 'heic';
  if (mime === 'application/x-zip-compressed' || mime === 'application/x-zip') return 'zip';
  if (mime === 'application/ics' || mime === 'text/x-vcalendar' || mime === 'application/x-ics') return 'ics';
  const byExtension: Record<string, AttachmentKind> = {
    pdf: 'pdf', heic: 'heic', heif: 'heic', jpg: 'jpeg', jpeg: 'jpeg', jfif: 'jpeg', png: 'png', gif: 'gif',
    webp: 'webp', tif: 'tiff', tiff: 'tiff', docx: 'docx', htm: 'html', html: 'html', shtml: 'html', txt: 'txt',
    text: 'txt', csv: 'txt', zip: 'zip', ics: 'ics', ical: 'ics', icalendar: 'ics', ifb: 'ics', vcs: 'ics',
  };
  return byExtension[extension] ?? (mime.startsWith('text/') ? 'txt' : 'other');
}

/** The kind the bytes prove; plain text defers to a declared HTML type. */
export function sniffType(content: Buffer, contentType?: string, filename?: string): SniffResult {
  const found = (kind: AttachmentKind): SniffResult => ({ kind, sniffedMime: KIND_MIME[kind] });
  if (ascii(content, 0, 1024).includes('%PDF-')) return found('pdf');
  if (startsWith(content, [0xff, 0xd8, 0xff])) return found('jpeg');
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return found('png');
  if (ascii(content, 0, 6) === 'GIF87a' || ascii(content, 0, 6) === 'GIF89a') return found('gif');
  if (ascii(content, 0, 4) === 'RIFF' && ascii(content, 8, 12) === 'WEBP') return found('webp');
  if (startsWith(content, [0x49, 0x49, 0x2a, 0x00]) || startsWith(content, [0x4d, 0x4d, 0x00, 0x2a])) {
    return found('tiff');
  }
  if (isHeif(content)) return found('heic');
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04]) || startsWith(content, [0x50, 0x4b, 0x05, 0x06])) {
    if (isDocx(content)) return found('docx');
    const office = officeKind(content);
    return office ? { kind: 'other', sniffedMime: OFFICE_MIME[office] } : found('zip');
  }
  if (looksLikeText(content)) {
    const head = decodeHead(content);
    const declared = kindFromDeclared(contentType, filename);
    // Calendars (text/calendar parts, .ics files) are read by extract/calendar.ts as a layer of their own;
    // checked before HTML because an invitation's X-ALT-DESC carries a whole <html> document.
    if (declared === 'ics' || /^\s*BEGIN:VCALENDAR\b/i.test(head.replace(/^\ufeff|^\u00ef\u00bb\u00bf/, ''))) return found('ics');
    if (looksLikeHtml(head) || declared === 'html') return found('html');
    return found('txt');
  }
  return found('other');
}

function decodeHead(content: Buffer): string {
  const head = content.subarray(0, 2048);
  if (startsWith(head, [0xff, 0xfe])) return head.subarray(2).toString('utf16le');
  if (startsWith(head, [0xfe, 0xff])) {
    const body = Buffer.from(head.subarray(2, head.length - (head.length % 2)));
    return body.swap16().toString('utf16le');
  }
  return head.toString('latin1');
}
