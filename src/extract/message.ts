/**
 * One raw message → the parts extraction works on: headers, visible body texts, links and attachments.
 * Forwarded messages (message/rfc822) that mailparser keeps as attachments are opened here, down to a depth
 * limit, and their texts and attachments join the outer message's.
 */
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { DeliveryEvidence } from '../classify/platforms.js';
import { htmlToVisibleText } from './html.js';
import { scanMime } from './mime-scan.js';
import type { FatalIssueCode, ObservationIssue } from './observation.js';

export interface RawAttachment {
  filename?: string;
  contentType?: string;
  content: Buffer;
}

export interface BodyText {
  text: string;
  /** The HTML the text came from, when it did (used to tell numbers split across elements). */
  html: string | null;
}

export interface MessageContent {
  subject: string | null;
  messageId: string | null;
  from: string | null;
  fromName: string | null;
  date: string | null;
  bodies: BodyText[];
  links: string[];
  attachments: RawAttachment[];
  issues: ObservationIssue[];
  /** Headers that say which service delivered the message (platform detection). */
  delivery: DeliveryEvidence;
}

export const MAX_NESTED_DEPTH = 3;

const PARSE_OPTIONS = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  skipTextLinks: true,
  maxHtmlLengthToParse: 5_000_000,
} as const;

function firstAddress(value: AddressObject | AddressObject[] | undefined): { address: string | null; name: string | null } {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  for (const group of list) {
    for (const entry of group.value) {
      if (entry.address !== undefined && entry.address !== '') return { address: entry.address.toLowerCase(), name: entry.name || null };
      if (entry.name) return { address: null, name: entry.name };
    }
  }
  return { address: null, name: null };
}

function headerStrings(parsed: ParsedMail, name: string): string[] {
  const value: unknown = parsed.headers.get(name);
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return [typeof value === 'string' ? value : JSON.stringify(value)];
}

/** The Date header, else the newest Received header's timestamp, as ISO 8601 UTC without milliseconds. */
export function messageDate(parsed: ParsedMail): string | null {
  const hasDateHeader = parsed.headers.has('date');
  if (hasDateHeader && parsed.date instanceof Date && !Number.isNaN(parsed.date.getTime())) return isoSeconds(parsed.date);
  let newest: number | null = null;
  for (const received of headerStrings(parsed, 'received')) {
    const stamp = received.slice(received.lastIndexOf(';') + 1).trim();
    const time = Date.parse(stamp.replace(/\s*\([^)]*\)\s*$/, ''));
    if (!Number.isNaN(time) && (newest === null || time > newest)) newest = time;
  }
  return newest === null ? null : isoSeconds(new Date(newest));
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Reads one message (and its forwarded messages); never throws. */
export async function readMessage(raw: Buffer, depth = 0): Promise<MessageContent> {
  const content: MessageContent = {
    subject: null, messageId: null, from: null, fromName: null, date: null,
    bodies: [], links: [], attachments: [], issues: [], delivery: emptyDelivery(),
  };
  const shape = scanMime(raw);
  if (depth === 0) content.issues.push(...shape.issues);
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, PARSE_OPTIONS);
  } catch (error) {
    const refusal = parserRefusal(error as Error);
    content.issues.push(refusal ?? { code: 'parse_failed' satisfies FatalIssueCode, message: `mailparser could not read the message: ${(error as Error).message}` });
    const pruned = refusal?.code === 'header_flood' ? withoutHeaderFlood(raw) : null;
    const retried = pruned === null ? null : await simpleParser(pruned, PARSE_OPTIONS).catch(() => null);
    if (retried === null) {
      // Keep what a reader could still see: the headers that can be read, and the bytes as text.
      await readHeadersOnly(raw, content);
      content.bodies.push({ text: raw.toString('latin1'), html: null });
      content.issues.push(...textIssues(content));
      return content;
    }
    parsed = retried;
  }
  if (parsed.headers.size === 0 || (!parsed.headers.has('from') && !parsed.headers.has('subject') && !parsed.headers.has('date'))) {
    content.issues.push({ code: 'no_headers', message: 'the message has no From, Subject or Date header' });
  }
  content.subject = parsed.subject ?? null;
  content.messageId = parsed.messageId ?? null;
  const sender = firstAddress(parsed.from);
  content.from = sender.address;
  content.fromName = sender.name;
  content.date = messageDate(parsed);
  content.delivery = deliveryEvidence(parsed, content.from);

  readBodyViews(parsed, content);

  for (const attachment of parsed.attachments) {
    if (isBodyView(attachment)) {
      addBodyView(content, attachment.contentType, attachment.content.toString('utf8'));
      continue;
    }
    if (attachment.contentType === 'message/rfc822') {
      if (depth + 1 > MAX_NESTED_DEPTH) {
        content.issues.push({ code: 'nested_too_deep', message: `forwarded message deeper than ${MAX_NESTED_DEPTH} levels was not opened` });
        continue;
      }
      const inner = await readMessage(attachment.content, depth + 1);
      if (inner.subject) content.bodies.push({ text: `Subject: ${inner.subject}`, html: null });
      content.bodies.push(...inner.bodies);
      content.links.push(...inner.links);
      content.attachments.push(...inner.attachments);
      content.issues.push(...inner.issues.map((i) => ({ code: i.code, message: `in forwarded message: ${i.message}` })));
      continue;
    }
    content.attachments.push({
      ...(attachment.filename === undefined ? {} : { filename: attachment.filename }),
      contentType: attachment.contentType,
      content: attachment.content,
    });
  }
  content.issues.push(...textIssues(content));
  return content;
}

/**
 * Alternative views a mail client may show instead of text/plain and text/html; mailparser hands them over
 * as attachments. Inline only: the same type attached as a file (`Content-Disposition: attachment`) is a file.
 */
const ALTERNATIVE_VIEWS = new Set(['text/watch-html', 'text/x-amp-html', 'text/enriched', 'text/richtext']);

function isBodyView(attachment: ParsedMail['attachments'][number]): boolean {
  return ALTERNATIVE_VIEWS.has(attachment.contentType) && attachment.contentDisposition !== 'attachment';
}

/** A plain view that is really HTML source (senders paste markup into text/plain): read as the HTML it is. */
function looksLikeHtml(text: string): boolean {
  const head = text.trimStart().slice(0, 2000).toLowerCase();
  if (!head.startsWith('<')) return false;
  const tags = head.match(/<\/?(?:html|body|div|table|tr|td|p|span|br|a|font|center|img)\b/g)?.length ?? 0;
  return tags >= 3;
}

/** text/enriched (RFC 1896) to text: formatting commands go, `<<` is a literal `<`. */
function enrichedToText(text: string): string {
  return text.replace(/<(\/?)param>[\s\S]*?<\/param>/gi, '').replace(/<\/?[a-z][a-z0-9-]*>/gi, '').replace(/<</g, '<');
}

function addBodyView(content: MessageContent, type: 'text/plain' | 'text/html' | string, text: string): void {
  if (text.trim() === '') return;
  const html = type === 'text/html' || type === 'text/watch-html' || type === 'text/x-amp-html' || (type === 'text/plain' && looksLikeHtml(text));
  if (!html) {
    content.bodies.push({ text: type === 'text/enriched' || type === 'text/richtext' ? enrichedToText(text) : text, html: null });
    return;
  }
  try {
    const visible = htmlToVisibleText(text);
    content.bodies.push({ text: visible.text, html: text });
    content.links.push(...visible.links);
  } catch (error) {
    content.issues.push({ code: 'html_failed', message: `could not turn an HTML view into text: ${(error as Error).message}` });
  }
}

/**
 * Every view of the body a reader's client may show: the text/plain alternative and the HTML one are both
 * read (a client set to plain text shows the first; scammers make them differ), and the numbers of all
 * views are united later. `where` stays `body` for all of them.
 */
function readBodyViews(parsed: ParsedMail, content: MessageContent): void {
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  const text = parsed.text ?? '';
  if (html.trim() !== '') addBodyView(content, 'text/html', html);
  // mailparser leaves `text` empty when only HTML exists (skipHtmlToText), so what is here was written.
  if (text.trim() !== '' && !(html.trim() !== '' && looksLikeHtml(text) && text.trim() === html.trim())) addBodyView(content, 'text/plain', text);
}

export function emptyDelivery(): DeliveryEvidence {
  return { from: null, sender: null, returnPath: null, messageId: null, dkimDomains: [], xMailer: null, listUnsubscribeHosts: [], calendarProdIds: [] };
}

function addressIn(value: string | undefined): string | null {
  if (value === undefined) return null;
  const m = /<([^<>\s]+@[^<>\s]+)>/.exec(value) ?? /([^\s<>"']+@[^\s<>"']+)/.exec(value);
  return m === null ? null : m[1]!.toLowerCase();
}

function rawHeader(parsed: ParsedMail, name: string): string[] {
  return parsed.headerLines.filter((h) => h.key === name).map((h) => h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
}

function calendarProdIds(parsed: ParsedMail): string[] {
  const ids: string[] = [];
  for (const a of parsed.attachments) {
    const calendar = a.contentType === 'text/calendar' || a.contentType === 'application/ics' || /\.ics$/i.test(a.filename ?? '');
    if (!calendar) continue;
    const text = a.content.subarray(0, 4096).toString('utf8').replace(/\r?\n[ \t]/g, '');
    const m = /^PRODID:(.*)$/im.exec(text);
    if (m !== null) ids.push(m[1]!.trim());
  }
  return ids;
}

/** The delivery headers platform detection reads; each header is read as written, never trusted alone. */
function deliveryEvidence(parsed: ParsedMail, from: string | null): DeliveryEvidence {
  const dkimDomains = rawHeader(parsed, 'dkim-signature')
    .map((v) => /(?:^|;)\s*d=([^;\s]+)/i.exec(v)?.[1]?.toLowerCase() ?? null)
    .filter((d): d is string => d !== null);
  const listUnsubscribeHosts = rawHeader(parsed, 'list-unsubscribe')
    .flatMap((v) => [...v.matchAll(/<https?:\/\/([^/>:?#]+)/gi)].map((m) => m[1]!.toLowerCase()));
  const messageId = parsed.messageId?.replace(/^<|>$/g, '').toLowerCase() ?? null;
  return {
    from,
    sender: addressIn(rawHeader(parsed, 'sender')[0]),
    returnPath: addressIn(rawHeader(parsed, 'return-path')[0]),
    messageId,
    dkimDomains,
    xMailer: rawHeader(parsed, 'x-mailer')[0] ?? null,
    listUnsubscribeHosts,
    calendarProdIds: calendarProdIds(parsed),
  };
}

/** Terminal control characters (ESC, CSI, BEL, ...); tab, CR and LF are ordinary text. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** What is wrong with the decoded texts: escape sequences in headers, bytes the declared charset could not decode. */
function textIssues(content: MessageContent): ObservationIssue[] {
  const issues: ObservationIssue[] = [];
  const headers = { subject: content.subject, 'sender name': content.fromName };
  const withControls = Object.entries(headers).filter(([, value]) => value !== null && CONTROL_CHARACTERS.test(value)).map(([name]) => name);
  if (withControls.length > 0) {
    // Kept as data (they are evidence), but whoever prints them must escape them.
    issues.push({ code: 'control_characters', message: `control characters (terminal escape sequences?) in the ${withControls.join(' and ')}` });
  }
  const undecodable = content.bodies.filter((body) => body.text.includes('\ufffd')).length;
  if (undecodable > 0) {
    issues.push({ code: 'bad_encoding', message: `${undecodable} body text(s) hold bytes their declared charset cannot decode (wrong charset?)` });
  }
  return issues;
}

/** mailparser's own limits (1 MiB of headers per part, 1000 parts), as issues with their own codes. */
function parserRefusal(error: Error): ObservationIssue | null {
  if (/max header size/i.test(error.message)) {
    return { code: 'header_flood', message: `headers over mailparser's limit of 1 MiB per part (${error.message}); extra headers dropped` };
  }
  if (/max allowed child nodes/i.test(error.message)) {
    return { code: 'too_many_parts', message: `more than 1000 MIME parts (${error.message}); the message was read as plain text` };
  }
  return null;
}

/** Headers a reader needs; a flood of anything else is cut to the first MAX_OTHER_HEADERS. */
const KEPT_HEADERS = /^(from|to|cc|subject|date|message-id|mime-version|content-[a-z-]+|received|reply-to|return-path|sender):/i;
const MAX_OTHER_HEADERS = 200;
const MAX_RECEIVED = 100;

/** The top-level header block of `raw` and the offset where the body starts (after the blank line). */
function splitHead(raw: Buffer): { head: string; bodyStart: number } {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return { head: raw.toString('latin1'), bodyStart: raw.length };
  const useCrlf = crlf >= 0 && (lf < 0 || crlf <= lf);
  const end = useCrlf ? crlf : lf;
  return { head: raw.toString('latin1', 0, end), bodyStart: end + (useCrlf ? 4 : 2) };
}

/** The top-level headers cut to those that matter (folded lines kept with their header). */
function prunedHead(head: string): string {
  const kept: string[] = [];
  let keeping = false;
  let others = 0;
  let received = 0;
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line)) {
      if (keeping) kept.push(line);
      continue;
    }
    const isReceived = /^received:/i.test(line);
    keeping = isReceived ? ++received <= MAX_RECEIVED : KEPT_HEADERS.test(line) || ++others <= MAX_OTHER_HEADERS;
    if (keeping) kept.push(line.slice(0, 100_000));
  }
  return kept.join('\r\n');
}

/** The message with its header flood cut down, so that mailparser reads its body; null when the flood is not at the top. */
function withoutHeaderFlood(raw: Buffer): Buffer | null {
  const { head, bodyStart } = splitHead(raw);
  const pruned = prunedHead(head);
  if (pruned.length === head.length) return null;
  return Buffer.concat([Buffer.from(`${pruned}\r\n\r\n`, 'latin1'), raw.subarray(bodyStart)]);
}

/** Subject, sender and date from the top-level headers alone, when the whole message could not be parsed. */
async function readHeadersOnly(raw: Buffer, content: MessageContent): Promise<void> {
  try {
    const parsed = await simpleParser(Buffer.from(`${prunedHead(splitHead(raw).head)}\r\n\r\n`, 'latin1'), PARSE_OPTIONS);
    content.subject = parsed.subject ?? null;
    content.messageId = parsed.messageId ?? null;
    const sender = firstAddress(parsed.from);
    content.from = sender.address;
    content.fromName = sender.name;
    content.date = messageDate(parsed);
  } catch {
    // Headers that cannot be read either: the observation keeps its nulls.
  }
}

export function senderDomain(address: string | null): string | null {
  if (address === null) return null;
  const at = address.lastIndexOf('@');
  return at < 0 ? null : address.slice(at + 1).toLowerCase().replace(/[>\s'"]+$/, '') || null;
}
