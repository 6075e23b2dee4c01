/**
 * A minimal, deterministic MIME writer: headers with RFC 2047 encoded words, multipart trees with given
 * boundaries, and 7bit / quoted-printable / base64 bodies, all with CRLF line ends.
 */
export type TransferEncoding = '7bit' | 'quoted-printable' | 'base64';

export interface LeafPart {
  kind: 'leaf';
  contentType: string;
  charset?: string;
  encoding: TransferEncoding;
  body: Buffer;
  filename?: string;
  disposition?: 'inline' | 'attachment';
  contentId?: string;
}

export interface MultiPart {
  kind: 'multipart';
  subtype: 'mixed' | 'alternative' | 'related';
  boundary: string;
  parts: MimeNode[];
}

export type MimeNode = LeafPart | MultiPart;

const CRLF = '\r\n';

export function isAscii(text: string): boolean {
  return /^[\x20-\x7E]*$/.test(text);
}

/** RFC 2047 B-encoded words of at most ~45 bytes of UTF-8 each, never splitting a character. */
export function encodeWords(text: string): string {
  if (isAscii(text)) return text;
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > 45 && chunk) {
      words.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += ch;
    bytes += size;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** A display name plus address, quoting or encoding the name as needed. */
export function formatAddress(name: string, address: string): string {
  if (!name) return `<${address}>`;
  const shown = isAscii(name) ? `"${name.replace(/["\\]/g, '')}"` : encodeWords(name);
  return `${shown} <${address}>`;
}

export function base64Lines(data: Buffer): string {
  const b64 = data.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(CRLF);
}

/** Quoted-printable of a UTF-8 (or other) byte string, soft-wrapped at 76 characters. */
export function quotedPrintable(data: Buffer): string {
  const out: string[] = [];
  let line = '';
  const push = (token: string): void => {
    if (line.length + token.length > 75) {
      out.push(`${line}=`);
      line = '';
    }
    line += token;
  };
  for (let i = 0; i < data.length; i += 1) {
    const byte = data[i]!;
    if (byte === 0x0d && data[i + 1] === 0x0a) {
      out.push(line);
      line = '';
      i += 1;
      continue;
    }
    if (byte === 0x0a) {
      out.push(line);
      line = '';
      continue;
    }
    const nextIsBreak = i + 1 >= data.length || data[i + 1] === 0x0a || data[i + 1] === 0x0d;
    const printable = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !nextIsBreak);
    push(printable ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  out.push(line);
  return out.join(CRLF);
}

/** Text bodies use CRLF line ends before encoding. */
export function crlf(text: string): string {
  return text.replace(/\r?\n/g, CRLF);
}

function encodeBody(part: LeafPart): string {
  switch (part.encoding) {
    case 'base64':
      return base64Lines(part.body);
    case 'quoted-printable':
      return quotedPrintable(part.body);
    case '7bit':
      return part.body.toString('latin1');
  }
}

function nodeHeaders(node: MimeNode): string[] {
  if (node.kind === 'multipart') return [`Content-Type: multipart/${node.subtype}; boundary="${node.boundary}"`];
  const params = [node.contentType];
  if (node.charset) params.push(`charset="${node.charset}"`);
  if (node.filename) params.push(`name="${node.filename}"`);
  const headers = [`Content-Type: ${params.join('; ')}`, `Content-Transfer-Encoding: ${node.encoding}`];
  if (node.disposition) {
    headers.push(`Content-Disposition: ${node.disposition}${node.filename ? `; filename="${node.filename}"` : ''}`);
  }
  if (node.contentId) headers.push(`Content-ID: <${node.contentId}>`);
  return headers;
}

function renderNode(node: MimeNode): string {
  if (node.kind === 'leaf') return encodeBody(node);
  const parts = node.parts.map((part) => `--${node.boundary}${CRLF}${nodeHeaders(part).join(CRLF)}${CRLF}${CRLF}${renderNode(part)}${CRLF}`);
  return `This is a multi-part message in MIME format.${CRLF}${CRLF}${parts.join('')}--${node.boundary}--${CRLF}`;
}

/** The whole message: top headers (already encoded), MIME-Version, the root node's headers and body. */
export function renderMessage(headers: Array<[string, string]>, root: MimeNode): Buffer {
  const lines = headers.map(([name, value]) => `${name}: ${value}`);
  lines.push('MIME-Version: 1.0', ...nodeHeaders(root));
  return Buffer.from(`${lines.join(CRLF)}${CRLF}${CRLF}${renderNode(root)}`, 'latin1');
}
