/**
 * The Observation: everything callhound learns from one message, as plain JSON-able data.
 * `callhound extract --json` prints one per line; the loader (src/graph) consumes them; nothing here knows
 * about Neo4j or HTTP. Keep field names stable: tools outside the project read this output.
 */

/**
 * Where a number was seen. `link` covers tel:, wa.me and similar links in the body; `calendar` the text of
 * text/calendar parts and .ics files (invitations).
 */
export type Placement = 'subject' | 'body' | 'calendar' | 'pdf' | 'image' | 'attachment' | 'link';

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
}
