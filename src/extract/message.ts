/**
 * One raw message → the parts extraction works on: headers, visible body texts, links and attachments.
 * Forwarded messages (message/rfc822) that mailparser keeps as attachments are opened here, down to a depth
 * limit, and their texts and attachments join the outer message's.
 */
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { htmlToVisibleText } from './html.js';
import type { ObservationIssue } from './observation.js';

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
    bodies: [], links: [], attachments: [], issues: [],
  };
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, PARSE_OPTIONS);
  } catch (error) {
    content.issues.push({ code: 'parse_failed', message: `mailparser could not read the message: ${(error as Error).message}` });
    // Keep what a reader could still see: the bytes as text.
    content.bodies.push({ text: raw.toString('latin1'), html: null });
    return content;
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

  if (typeof parsed.html === 'string' && parsed.html.trim() !== '') {
    try {
      const visible = htmlToVisibleText(parsed.html);
      content.bodies.push({ text: visible.text, html: parsed.html });
      content.links.push(...visible.links);
    } catch (error) {
      content.issues.push({ code: 'html_failed', message: `could not turn the HTML body into text: ${(error as Error).message}` });
      if (parsed.text) content.bodies.push({ text: parsed.text, html: null });
    }
  } else if (parsed.text) {
    content.bodies.push({ text: parsed.text, html: null });
  }

  for (const attachment of parsed.attachments) {
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
  return content;
}

export function senderDomain(address: string | null): string | null {
  if (address === null) return null;
  const at = address.lastIndexOf('@');
  return at < 0 ? null : address.slice(at + 1).toLowerCase().replace(/[>\s'"]+$/, '') || null;
}
