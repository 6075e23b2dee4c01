/**
 * The Observation: everything callhound learns from one message, as plain JSON-able data.
 * `callhound extract --json` prints one per line; the loader (src/graph) consumes them; nothing here knows
 * about Neo4j or HTTP. Keep field names stable: tools outside the project read this output.
 */

/**
 * Where a number was seen. `link` covers tel:, wa.me and similar links in the body; `calendar` the
 * invitations of the message (text/calendar parts and .ics files: summary, description, location, …).
 */
export type Placement = 'subject' | 'body' | 'pdf' | 'image' | 'attachment' | 'link' | 'calendar';

/** libphonenumber-js number types, plus UNKNOWN when it cannot tell. */
export type NumberType =
  | 'VOIP'
  | 'TOLL_FREE'
  | 'MOBILE'
  | 'FIXED_LINE'
  | 'FIXED_LINE_OR_MOBILE'
  | 'PREMIUM_RATE'
  | 'SHARED_COST'
  | 'PERSONAL_NUMBER'
  | 'PAGER'
  | 'UAN'
  | 'VOICEMAIL'
  | 'UNKNOWN';

export interface ObservedNumber {
  e164: string;
  country: string | null;
  type: NumberType;
  where: Placement[];
  raw: string[];
  obfuscated: boolean;
  /** How the number was disguised, when it was (e.g. `letter-digits`, `unicode-digits`, `split-html`). */
  disguises?: string[];
  confidence: number;
  /** Up to ~80 characters around the first sighting, for the UI's highlighted context. */
  context?: string;
  /** Extension or menu choice written after the number (`ext. 4`, `*2`); not part of `e164`. */
  ext?: string;
}

export interface ObservedAttachment {
  filename: string;
  /** Short type name used by the graph: pdf, heic, jpeg, png, gif, webp, tiff, docx, html, txt, zip, … */
  type: string;
  declaredMime?: string;
  sniffedMime?: string;
  bytes: number;
  sha256: string;
  textChars: number;
  /** Set when the attachment came out of a ZIP archive or a nested message. */
  parent?: string;
}

export interface ObservationIssue {
  code: string;
  message: string;
}

/**
 * Issue codes that mean the message was not extracted at all, made here in extract/: parse_failed
 * (message.ts), extract_failed (index.ts), worker_crashed, timeout, pool_closed and too_large (pool.ts, via
 * failedObservation), crashed (an attachment worker's failure code). The ingest pipeline records a message
 * with one of them as an IngestIssue instead of an Email, so a rerun retries it. The one list.
 */
export const fatalIssueCodeList = ['parse_failed', 'extract_failed', 'crashed', 'worker_crashed', 'timeout', 'pool_closed', 'too_large'] as const;
export type FatalIssueCode = (typeof fatalIssueCodeList)[number];
export const fatalIssueCodes: ReadonlySet<string> = new Set(fatalIssueCodeList);

export type BrandPlacement = 'subject' | 'body' | 'attachment' | 'sender';

export interface ObservedBrand {
  name: string;
  where: BrandPlacement[];
  confidence: number;
}

export interface LureLayer {
  context: string | null;
  trigger: string | null;
  cta: string | null;
  confidence: number;
}

export interface ObservedLure {
  context: string | null;
  trigger: string | null;
  cta: string | null;
  confidence: number;
  secondary?: { context: string[]; trigger: string[]; cta: string[] };
  byLayer: Partial<Record<'subject' | 'body' | 'attachment', LureLayer>>;
}

/** One event (VEVENT) of a calendar invitation. */
export interface CalendarEvent {
  /**
   * Start as ISO 8601: UTC with `Z` when the calendar says which instant it is (UTC, or a TZID that can be
   * resolved); `YYYY-MM-DD` for an all-day event; local time without offset for a floating time; null when absent
   * or unreadable.
   */
  start: string | null;
  /** The organizer's address (mailto: removed, lower case), or null. */
  organizer: string | null;
  /** The organizer's display name (CN), or null. */
  organizerName: string | null;
  summary: string | null;
  uid: string | null;
}

/** The calendar invitations of a message (text/calendar parts and .ics files, identical copies merged). */
export interface ObservedCalendar {
  /** iTIP method of the first calendar that has one (`REQUEST`, `CANCEL`, `PUBLISH`, …), upper case; null when none. */
  method: string | null;
  events: CalendarEvent[];
}

export interface Observation {
  /** Path or source name of the message (for an mbox: `file.mbox#12`). */
  file: string;
  /** sha256 of the raw message bytes: the Email node's key. */
  id: string;
  messageId: string | null;
  subject: string | null;
  from: string | null;
  fromName?: string | null;
  fromDomain: string | null;
  /** ISO 8601 UTC; from the Date header, else the newest Received header; null when neither exists. */
  date: string | null;
  lang?: string | null;
  numbers: ObservedNumber[];
  attachments: ObservedAttachment[];
  issues: ObservationIssue[];
  /** Filled by the brand/lure classifier (src/classify); absent when it has not run. */
  brands?: ObservedBrand[];
  brand?: string | null;
  /**
   * The genuine service abused to deliver the lure (Google Calendar, PayPal invoicing, DocuSign…), kept
   * apart from the impersonated `brand`: its name is all over the markup, yet it is not who the scam pretends to be.
   */
  platform?: string | null;
  lure?: ObservedLure | null;
  subjectTemplate?: string | null;
  /** Present when the message carries a calendar invitation (src/extract/calendar.ts). */
  calendar?: ObservedCalendar;
}
