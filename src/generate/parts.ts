import { amount, makeDecoy, type Decoy } from './decoys.js';
import { applicable, disguisesFor, type Disguise, type Medium, type WrittenNumber } from './disguise.js';
import { crlf, isAscii, type LeafPart, type MimeNode, type TransferEncoding } from './mime.js';
import type { PlannedNumber } from './plan.js';
import type { Rng } from './random.js';
import type { LanguagePack } from './text.js';
import type { BrandName, Language } from './vocabulary.js';
import type { TruthPlacement, TruthWhere } from './truth.js';

/** Pieces every message composer uses: brand colours, lure values, disguise choice, body encodings, MIME trees. */

export const BRAND_COLOURS: Record<BrandName, [number, number, number]> = {
  PayPal: [0, 48, 135],
  'Geek Squad': [232, 114, 0],
  McAfee: [192, 0, 0],
  'Norton LifeLock': [250, 200, 0],
  Microsoft: [0, 120, 212],
  Amazon: [35, 47, 62],
  Apple: [60, 60, 60],
  Coinbase: [0, 82, 255],
};

export function chooseDisguise(rng: Rng, medium: Medium, number: PlannedNumber): Disguise {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const d = rng.weighted(disguisesFor(medium, number.tollFree));
    if (applicable(d, number.e164, number.tollFree)) return d;
  }
  return 'none';
}

export function composeValues(pack: LanguagePack, brand: BrandName, rng: Rng, lang: Language, day: string, decoys: Decoy[]): Record<string, string> {
  const ref = makeDecoy(rng.pick(['order', 'invoice'] as const), rng, lang, day);
  const amt = { kind: 'amount' as const, text: amount(rng, lang) };
  const date = makeDecoy('date', rng, lang, day);
  decoys.push(ref, amt, date);
  return { brand, ref: ref.text.replace(/^#/, ''), amount: amt.text, date: date.text, product: pack.products[brand] ?? brand };
}

export function placement(where: TruthWhere, written: WrittenNumber): TruthPlacement {
  return { where, disguise: written.disguise, ...(written.variant ? { variant: written.variant } : {}), raw: written.text };
}

export function labelOf(kind: Decoy['kind']): keyof LanguagePack['labels'] {
  return kind === 'url-digits' || kind === 'hidden-phone' ? 'customer' : kind;
}

export interface BodyEncoding {
  charset: string;
  encoding: TransferEncoding;
}

export function chooseBody(rng: Rng, lang: Language, text: string): BodyEncoding {
  if (isAscii(text.replace(/\n/g, ' '))) return { charset: 'us-ascii', encoding: rng.chance(0.7) ? '7bit' : 'quoted-printable' };
  const latin1 = lang !== 'en' && /^[\x00-\xFF]*$/.test(text) && rng.chance(0.35);
  return { charset: latin1 ? 'iso-8859-1' : 'utf-8', encoding: rng.chance(0.5) ? 'quoted-printable' : 'base64' };
}

export function mimeTree(rng: Rng, format: 'plain' | 'html' | 'alternative', plain: string, html: string, enc: BodyEncoding, attachments: LeafPart[]): MimeNode {
  const bytesOf = (text: string): Buffer => Buffer.from(crlf(text), enc.charset === 'iso-8859-1' ? 'latin1' : 'utf8');
  const textPart: LeafPart = { kind: 'leaf', contentType: 'text/plain', charset: enc.charset, encoding: enc.encoding, body: bytesOf(plain) };
  // Long HTML lines would break 7bit's 998-octet limit, so HTML always uses QP or base64.
  const htmlEncoding: TransferEncoding = enc.encoding === '7bit' ? 'quoted-printable' : enc.encoding;
  const htmlPart: LeafPart = { kind: 'leaf', contentType: 'text/html', charset: enc.charset, encoding: htmlEncoding, body: bytesOf(html) };
  const boundary = (): string => `----=_Part_${rng.int(1000, 99999)}_${rng.hex(16)}`;
  let body: MimeNode =
    format === 'plain' ? textPart : format === 'html' ? htmlPart : { kind: 'multipart', subtype: 'alternative', boundary: boundary(), parts: [textPart, htmlPart] };
  if (attachments.length > 0) body = { kind: 'multipart', subtype: 'mixed', boundary: boundary(), parts: [body, ...attachments] };
  return body;
}

