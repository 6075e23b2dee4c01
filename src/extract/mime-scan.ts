/**
 * One linear pass over a raw message that names what is structurally wrong with it, for the `issues` of
 * its observation: multiparts never closed (cut short) or closed out of order (crossing boundaries), base64
 * bodies with bytes outside the alphabet, charsets nobody knows, NUL bytes and absurdly long lines.
 * mailparser silently tolerates all of these (that is right: it still reads what it can), but an analyst
 * looking at a message with no number should be able to see that the message itself was broken.
 * Nothing here decodes or allocates per part; it only looks at lines.
 */
import type { ObservationIssue } from './observation.js';

/** RFC 5322 allows 998 characters per line; real mail breaks that, so only absurd lines count. */
export const LONG_LINE_CHARS = 10_000;

/** Charset families iconv-lite (mailparser's decoder) reads that the WHATWG TextDecoder does not name. */
const EXTRA_CHARSETS = /^(utf-?7|utf-?32(le|be)?|ucs-?2|(cp|ibm)-?\d{3,5}|windows-?\d{3,5}|iso-?8859-?\d{1,2}|iso-?646.*|x-mac-?\w+|mac\w*|us-ascii|ascii|ansi_x3\.4-1968|binary|default|unknown-8bit|x-user-defined|tis-?620|cesu-?8|koi8-?\w*)$/i;

/** Whether mailparser can decode `charset` (otherwise it falls back to a guess). */
export function knownCharset(charset: string): boolean {
  const name = charset.trim().replace(/^["']|["']$/g, '');
  if (name === '' || EXTRA_CHARSETS.test(name)) return true;
  try {
    new TextDecoder(name);
    return true;
  } catch {
    return false;
  }
}

interface PartHeaders {
  multipartBoundary: string | null;
  /** `alternative`, `mixed`, ... for a multipart. */
  multipartSubtype: string | null;
  rfc822: boolean;
  /** An inline text/plain part (a body text, not an attached file). */
  inlinePlainText: boolean;
  base64: boolean;
  charset: string | null;
}

function param(value: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match === null ? null : (match[1] ?? match[2] ?? null);
}

function readPartHeaders(lines: string[]): PartHeaders {
  const unfolded: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && unfolded.length > 0) unfolded[unfolded.length - 1] += ` ${line.trim()}`;
    else unfolded.push(line);
  }
  const result: PartHeaders = { multipartBoundary: null, multipartSubtype: null, rfc822: false, inlinePlainText: false, base64: false, charset: null };
  let plain = false;
  let attached = false;
  for (const header of unfolded) {
    const colon = header.indexOf(':');
    if (colon < 0) continue;
    const name = header.slice(0, colon).trim().toLowerCase();
    const value = header.slice(colon + 1).trim();
    if (name === 'content-type') {
      const type = value.split(';')[0]!.trim().toLowerCase();
      if (type.startsWith('multipart/')) {
        result.multipartBoundary = param(value, 'boundary');
        result.multipartSubtype = type.slice('multipart/'.length);
      }
      plain = type === 'text/plain';
      result.rfc822 = type === 'message/rfc822';
      if (type.startsWith('text/')) result.charset = param(value, 'charset');
    } else if (name === 'content-transfer-encoding') {
      result.base64 = value.toLowerCase() === 'base64';
    } else if (name === 'content-disposition') {
      attached = /^attachment\b/i.test(value);
    }
  }
  result.inlinePlainText = plain && !attached;
  return result;
}

const BASE64_LINE = /^[A-Za-z0-9+/=]*$/;
/** Header lines kept per part for the scan: more than this is a flood, which mailparser itself refuses. */
const MAX_SCANNED_HEADER_LINES = 2000;

export interface MimeScan {
  /** Structural problems, as issues (empty for a well-formed message). */
  issues: ObservationIssue[];
  /**
   * An inline text/plain part that is not an alternative rendering of an HTML part (its multipart is not
   * multipart/alternative): a mail client shows it next to the HTML, so its text must be read too.
   */
  standalonePlainText: boolean;
}

/** One pass over the raw message: its structural problems and the shape extraction needs. Never throws. */
export function scanMime(raw: Buffer): MimeScan {
  const issues: ObservationIssue[] = [];
  let standalonePlainText = false;
  const nul = raw.indexOf(0);
  if (nul >= 0) {
    let count = 0;
    for (let at = nul; at >= 0; at = raw.indexOf(0, at + 1)) count += 1;
    issues.push({ code: 'nul_bytes', message: `${count} NUL byte(s) in the message, the first at byte ${nul}` });
  }

  const text = raw.toString('latin1');
  const open: string[] = []; // boundaries of the multiparts we are inside, innermost last
  const subtypes: string[] = []; // their subtypes, in step with `open`
  const closed = new Set<string>();
  let inHeaders = true;
  let headerLines: string[] = [];
  let base64Body = false;
  let badBase64Lines = 0;
  let longest = 0;
  let crossed = 0;
  const unknownCharsets = new Set<string>();

  const endOfHeaders = (): void => {
    const part = readPartHeaders(headerLines);
    headerLines = [];
    if (part.charset !== null && !knownCharset(part.charset)) unknownCharsets.add(part.charset.slice(0, 60));
    if (part.inlinePlainText && open.length > 0 && subtypes[subtypes.length - 1] !== 'alternative') standalonePlainText = true;
    if (part.multipartBoundary !== null && part.multipartBoundary !== '') {
      open.push(part.multipartBoundary);
      subtypes.push(part.multipartSubtype ?? 'mixed');
      inHeaders = false;
      base64Body = false;
    } else if (part.rfc822) {
      inHeaders = true; // the body is a message: headers again
    } else {
      inHeaders = false;
      base64Body = part.base64;
    }
  };

  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (line.length > longest) longest = line.length;

    if (line.startsWith('--')) {
      const trimmed = line.trimEnd();
      const isClose = trimmed.endsWith('--') && trimmed.length > 4;
      const name = isClose ? trimmed.slice(2, -2) : trimmed.slice(2);
      const depth = open.lastIndexOf(name);
      if (depth >= 0) {
        if (depth !== open.length - 1) crossed += 1; // an outer boundary while inner parts are still open
        for (const inner of open.splice(depth + (isClose ? 0 : 1))) closed.add(inner);
        subtypes.length = open.length;
        inHeaders = !isClose;
        headerLines = [];
        base64Body = false;
        continue;
      }
      if (closed.has(name)) {
        crossed += 1; // a boundary of a multipart that was already closed
        continue;
      }
    }
    if (inHeaders) {
      if (line.trim() === '') endOfHeaders();
      else if (headerLines.length < MAX_SCANNED_HEADER_LINES) headerLines.push(line);
      continue;
    }
    if (base64Body && !BASE64_LINE.test(line.trim())) badBase64Lines += 1;
  }

  if (open.length > 0) {
    issues.push({ code: 'mime_truncated', message: `${open.length} multipart part(s) never closed: the message is cut short or its boundaries are wrong` });
  }
  if (crossed > 0) {
    issues.push({ code: 'mime_misnested', message: `${crossed} MIME boundary line(s) out of order (parts cross each other); parts may be missing or merged` });
  }
  if (badBase64Lines > 0) {
    issues.push({ code: 'base64_invalid', message: `${badBase64Lines} line(s) of base64 content hold characters outside the base64 alphabet (ignored by the decoder)` });
  }
  if (unknownCharsets.size > 0) {
    issues.push({ code: 'unknown_charset', message: `unknown charset ${[...unknownCharsets].map((c) => JSON.stringify(c)).join(', ')}; text decoded by guess` });
  }
  if (longest > LONG_LINE_CHARS) {
    issues.push({ code: 'line_too_long', message: `a line of ${longest} characters (RFC 5322 allows 998)` });
  }
  return { issues, standalonePlainText };
}
