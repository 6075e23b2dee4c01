import type { Decoy } from './decoys.js';
import type { Delivery, Platform, Shape } from './delivery.js';
import type { Disguise } from './disguise.js';
import type { TransferEncoding } from './mime.js';
import type { ImageFormat } from './plan.js';
import type { BrandName, Language, Lure } from './vocabulary.js';

/** The ground truth of one composed message, as truth/messages.jsonl records it. */

/**
 * Where a planted number sits in a message. `link` = tel: or WhatsApp link target in the HTML body;
 * `calendar` = a text/calendar part or .ics attachment (an invitation's DESCRIPTION, LOCATION, SUMMARY).
 */
export type TruthWhere = 'subject' | 'body' | 'pdf' | 'image' | 'link' | 'calendar';

export interface TruthPlacement {
  where: TruthWhere;
  /** How the number is written, or the view shape it sits in (font-size-0-layout, plain-only, html-only). */
  disguise: Disguise | Shape;
  variant?: string;
  raw: string;
  /** For pdf and image placements: the attachment's filename. */
  attachment?: string;
}

export interface TruthNumber {
  e164: string;
  role: 'primary' | 'secondary';
  placements: TruthPlacement[];
}

export interface TruthAttachment {
  /** null for an inline text/calendar part (an invitation's own calendar, which has no file name). */
  filename: string | null;
  type: 'pdf' | 'ics' | ImageFormat;
  mime: string;
  sha256?: string;
  bytes: number;
  numbers: string[];
}

/** Everything the ground truth says about one message, except its file name and id (set by the writer). */
export interface ComposedTruth {
  messageId: string;
  date: string;
  day: string;
  lang: Language;
  from: string;
  fromDomain: string;
  subject: string;
  kind: 'phone' | 'noise';
  brand: BrandName;
  lure: Lure;
  callCenter: string | null;
  numbers: TruthNumber[];
  decoys: Decoy[];
  attachments: TruthAttachment[];
  body: { format: 'plain' | 'html' | 'alternative'; charset: string; encoding: TransferEncoding };
  /** How the message was delivered (direct, or a TOAD technique through a genuine service). */
  delivery: Delivery;
  /** The genuine service abused to deliver it; `brand` stays the impersonated brand. */
  platform: Platform | null;
}

export interface ComposedMessage {
  bytes: Buffer;
  truth: ComposedTruth;
  /** Attachment bytes, parallel to truth.attachments (for sha256 in the writer). */
  attachmentBytes: Buffer[];
}

