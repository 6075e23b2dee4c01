import { encodeHeic, encodeJpeg, encodePng, makePdf } from './attachments.js';
import { amount, BODY_DECOY_KINDS, makeDecoy, type Decoy } from './decoys.js';
import { applicable, disguisesFor, escapeHtml, formatPlain, writeNumber, type Disguise, type Medium, type WrittenNumber } from './disguise.js';
import { crlf, encodeWords, formatAddress, isAscii, renderMessage, type LeafPart, type MimeNode, type TransferEncoding } from './mime.js';
import type { ImageFormat, Plan, PlannedCallCenter, PlannedNumber } from './plan.js';
import { renderLureCard } from './raster.js';
import { Rng } from './random.js';
import { fill, LANGUAGE_PACKS, type LanguagePack } from './text.js';
import { BRAND_CONTEXTS, CTAS, MAJOR_BRANDS, MINOR_BRANDS, TRIGGERS, type BrandName, type Language, type Lure } from './vocabulary.js';

/** Where a planted number sits in a message. `link` = tel: or WhatsApp link target in the HTML body. */
export type TruthWhere = 'subject' | 'body' | 'pdf' | 'image' | 'link';

export interface TruthPlacement {
  where: TruthWhere;
  disguise: Disguise;
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
  filename: string;
  type: 'pdf' | ImageFormat;
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
}

export interface ComposedMessage {
  bytes: Buffer;
  truth: ComposedTruth;
  /** Attachment bytes, parallel to truth.attachments (for sha256 in the writer). */
  attachmentBytes: Buffer[];
}

export type AttachmentMode = 'none' | 'some' | 'all';

export interface ComposeContext {
  plan: Plan;
  attachments: AttachmentMode;
  cache: AttachmentCache;
}

/** A slot: either the k-th email of a number-day (with any secondaries it names) or a noise email. */
export type Slot = { kind: 'phone'; numberDay: number; k: number } | { kind: 'noise'; day: number; k: number };

const TZ_OFFSETS = [0, -300, -240, -420, -360, 60, 120, 330, -180, 480];
const MAILERS = ['Microsoft Outlook 16.0', 'PHPMailer 6.8.1 (https://github.com/PHPMailer/PHPMailer)', 'Mozilla Thunderbird', 'Postfix', 'Apple Mail (2.3774)'];
const SENDER_ROLES = ['Billing', 'Support', 'Service', 'Security', 'Notifications', 'Customer Care', 'Team'];
const LOCAL_PARTS = ['noreply', 'no-reply', 'billing', 'support', 'notice', 'service', 'alerts', 'info', 'accounts'];
const RECIPIENT_DOMAINS = ['example.com', 'example.org', 'example.net'];
const BRAND_COLOURS: Record<BrandName, [number, number, number]> = {
  PayPal: [0, 48, 135],
  'Geek Squad': [232, 114, 0],
  McAfee: [192, 0, 0],
  'Norton LifeLock': [250, 200, 0],
  Microsoft: [0, 120, 212],
  Amazon: [35, 47, 62],
  Apple: [60, 60, 60],
  Coinbase: [0, 82, 255],
};

export async function composeMessage(ctx: ComposeContext, slot: Slot, index: number): Promise<ComposedMessage> {
  const rng = new Rng(`${ctx.plan.seed}:message:${index}`);
  return slot.kind === 'phone' ? composePhone(ctx, slot, rng) : composeNoise(ctx, slot, rng);
}

// ---------------------------------------------------------------------------------------------------------

interface Envelope {
  messageId: string;
  date: string;
  day: string;
  from: string;
  fromName: string;
  fromDomain: string;
  headers: Array<[string, string]>;
}

function envelope(rng: Rng, day: string, domain: string, brand: BrandName, subject: string): Envelope {
  const seconds = rng.int(0, 86_399);
  const utc = new Date(Date.parse(`${day}T00:00:00Z`) + seconds * 1000);
  const offset = rng.pick(TZ_OFFSETS);
  const local = `${rng.pick(LOCAL_PARTS)}${rng.chance(0.5) ? `-${rng.int(10, 9999)}` : ''}`;
  const from = `${local}@${domain}`;
  const fromName = rng.chance(0.85) ? `${brand} ${rng.pick(SENDER_ROLES)}` : '';
  const messageId = `<${rng.hex(24)}@${domain}>`;
  const recipient = `${rng.pick(['j.smith', 'maria', 'office', 'accounts', 'k.nguyen', 'user'])}${rng.int(1, 999)}@${rng.pick(RECIPIENT_DOMAINS)}`;
  const relayIp = `203.0.113.${rng.int(1, 254)}`;
  const received = new Date(utc.getTime() + rng.int(1, 90) * 1000);
  const headers: Array<[string, string]> = [
    ['Return-Path', `<bounce-${rng.hex(8)}@${domain}>`],
    ['Received', `from mail.${domain} (mail.${domain} [${relayIp}])${crlf('\n')}\tby mx1.example.net with ESMTPS id ${rng.hex(12)};${crlf('\n')}\t${rfc2822(received, 0)}`],
  ];
  if (rng.chance(0.5)) {
    headers.push(['Received', `from localhost (unknown [198.51.100.${rng.int(1, 254)}])${crlf('\n')}\tby mail.${domain} (Postfix) with ESMTPA id ${rng.hex(10).toUpperCase()};${crlf('\n')}\t${rfc2822(utc, offset)}`]);
  }
  headers.push(
    ['Date', rfc2822(utc, offset)],
    ['From', formatAddress(fromName, from)],
    ['To', `<${recipient}>`],
    ['Subject', encodeWords(subject)],
    ['Message-ID', messageId],
  );
  if (rng.chance(0.4)) headers.push(['X-Mailer', rng.pick(MAILERS)]);
  if (rng.chance(0.2)) headers.push(['Reply-To', `<${rng.pick(LOCAL_PARTS)}${rng.int(1, 99)}@${rng.pick(['gmail.com', 'outlook.com', 'proton.me'])}>`]);
  return { messageId, date: utc.toISOString(), day, from, fromName, fromDomain: domain, headers };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 2822 date in a given offset (minutes east of UTC); the UTC instant stays the planned one. */
export function rfc2822(utc: Date, offsetMinutes: number): string {
  const local = new Date(utc.getTime() + offsetMinutes * 60_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${WEEKDAYS[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

// ---------------------------------------------------------------------------------------------------------

function pickBrand(center: PlannedCallCenter, rng: Rng): BrandName {
  return rng.weighted(center.brands.map((b, i) => [b, center.brandWeights[i] ?? 1] as const));
}

function chooseDisguise(rng: Rng, medium: Medium, number: PlannedNumber): Disguise {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const d = rng.weighted(disguisesFor(medium, number.tollFree));
    if (applicable(d, number.e164, number.tollFree)) return d;
  }
  return 'none';
}

function composeValues(pack: LanguagePack, brand: BrandName, rng: Rng, lang: Language, day: string, decoys: Decoy[]): Record<string, string> {
  const ref = makeDecoy(rng.pick(['order', 'invoice'] as const), rng, lang, day);
  const amt = { kind: 'amount' as const, text: amount(rng, lang) };
  const date = makeDecoy('date', rng, lang, day);
  decoys.push(ref, amt, date);
  return { brand, ref: ref.text.replace(/^#/, ''), amount: amt.text, date: date.text, product: pack.products[brand] ?? brand };
}

async function composePhone(ctx: ComposeContext, slot: Extract<Slot, { kind: 'phone' }>, rng: Rng): Promise<ComposedMessage> {
  const { plan } = ctx;
  const nd = plan.numberDays[slot.numberDay]!;
  const number = plan.numbers[nd.number]!;
  const center = plan.callCenters[number.callCenter]!;
  const day = plan.days[nd.day]!;
  const brand = pickBrand(center, rng);
  const brandLures = center.lures.filter((l) => l.brand === brand);
  const lure = rng.pick(brandLures.length > 0 ? brandLures : center.lures).lure;
  const lang = center.language;
  const pack = LANGUAGE_PACKS[lang];
  const decoys: Decoy[] = [];
  const values = composeValues(pack, brand, rng, lang, day, decoys);

  // Secondaries named by this email: the k-th email takes secondaries k, k+emails, ...
  const secondaries = nd.secondaries.filter((_, j) => j % nd.emails === slot.k).map((i) => plan.numbers[i]!);

  // Attachment?
  const special = center.pattern !== null && (center.media === 'pdf' || center.media === 'image');
  const wantAttachment =
    ctx.attachments === 'all' || (ctx.attachments === 'some' && rng.chance(special ? 0.8 : plan.profile.attachmentShare));
  const attachmentKind: 'pdf' | 'image' | null = !wantAttachment
    ? null
    : center.media === 'mixed'
      ? rng.pick(['pdf', 'image'] as const)
      : center.media;

  const truthNumbers: TruthNumber[] = [{ e164: number.e164, role: 'primary', placements: [] }];
  const primary = truthNumbers[0]!;

  // Subject.
  let subject = fill(rng.pick(pack.subjects[lure.context]), values);
  if (rng.chance(0.6)) subject = pack.triggerPrefix[lure.trigger] + subject;
  const inSubject = rng.chance(attachmentKind ? 0.12 : 0.3);
  if (inSubject) {
    const written = writeNumber(number.e164, chooseDisguise(rng, 'subject', number), rng, lang);
    subject += fill(rng.pick(pack.subjectPhone), { phone: written.text });
    primary.placements.push(placement('subject', written));
  }

  // Body format, then the number in the body.
  let format = rng.weighted<'plain' | 'html' | 'alternative'>([['alternative', 60], ['plain', 25], ['html', 15]]);
  let inBody: boolean;
  if (attachmentKind === 'pdf') inBody = rng.chance(0.5);
  else if (attachmentKind === 'image') inBody = rng.chance(0.3);
  else inBody = !inSubject || rng.chance(0.75);
  let bodyNumber: WrittenNumber | null = null;
  if (inBody) {
    const medium: Medium = format === 'html' ? 'body-html' : 'body-text';
    let disguise = chooseDisguise(rng, medium, number);
    if (format === 'alternative' && rng.chance(0.25)) {
      // Markup-only disguises need an HTML-only body: otherwise the text part would show the number.
      disguise = chooseDisguise(rng, 'body-html', number);
      if (disguise === 'split-html' || disguise === 'tel-link' || disguise === 'wa-link') format = 'html';
    }
    bodyNumber = writeNumber(number.e164, disguise, rng, lang);
    primary.placements.push(placement(disguise === 'tel-link' || disguise === 'wa-link' ? 'link' : 'body', bodyNumber));
  }
  const secondaryWritten = secondaries.map((s) => {
    const written = writeNumber(s.e164, 'none', rng, lang);
    truthNumbers.push({ e164: s.e164, role: 'secondary', placements: [placement('body', written)] });
    return written;
  });

  // Body sentences.
  const greeting = fill(rng.pick(pack.greetings), values);
  const contextLine = fill(rng.pick(pack.context[lure.context]), values);
  const triggerLine = rng.pick(pack.trigger[lure.trigger]);
  const ctaTemplate = pack.cta[lure.cta];
  const bodyDecoys = Array.from({ length: rng.int(1, 3) }, () => makeDecoy(rng.pick(BODY_DECOY_KINDS), rng, lang, day));
  decoys.push(...bodyDecoys);
  const decoyLines = bodyDecoys.map((d) => `${pack.labels[labelOf(d.kind)]}: ${d.text}`);
  const closing = fill(rng.pick(pack.closings), values);

  const PHONE = '\u0000PHONE\u0000';
  let ctaLine: string;
  if (bodyNumber) {
    ctaLine = ctaTemplate.includes('{phone}') ? fill(ctaTemplate, { phone: PHONE }) : `${ctaTemplate} ${fill(pack.callLine, { phone: PHONE })}`;
  } else {
    ctaLine = attachmentKind ? pack.seeAttachment : ctaTemplate.includes('{phone}') ? pack.seeAttachment : ctaTemplate;
  }
  const secondaryLine = secondaryWritten.length > 0 ? fill(pack.callLine, { phone: secondaryWritten.map((w) => w.text).join(' / ') }) : null;

  const paragraphs = [greeting, `${contextLine} ${triggerLine}`, ctaLine, ...(secondaryLine ? [secondaryLine] : []), decoyLines.join('\n'), closing];
  const plainText = paragraphs.join('\n\n').replace(PHONE, bodyNumber?.text ?? '');
  const html = htmlBody(brand, paragraphs, PHONE, bodyNumber, rng);

  // Attachment.
  const attachmentParts: LeafPart[] = [];
  const truthAttachments: TruthAttachment[] = [];
  const attachmentBytes: Buffer[] = [];
  if (attachmentKind) {
    const variant = rng.int(0, 2);
    const format_ = attachmentKind === 'image' ? rng.pick(center.imageFormats) : 'pdf';
    // Campaigns reuse their files: the same key (center, brand, number, context, variant, week) gives the
    // same bytes, so "same attachment" evidence exists across emails and days.
    const key = `${center.id}|${brand}|${number.e164}|${lure.context}|${format_}|${variant}|${weekOf(day)}`;
    const built = await ctx.cache.get(key, () => buildAttachment(plan.seed, key, format_, brand, number, lure, lang, day));
    primary.placements.push({ where: format_ === 'pdf' ? 'pdf' : 'image', disguise: built.disguise, ...(built.variant ? { variant: built.variant } : {}), raw: built.raw, attachment: built.filename });
    decoys.push(...built.decoys);
    attachmentParts.push({
      kind: 'leaf',
      contentType: built.mime,
      encoding: 'base64',
      body: built.bytes,
      filename: built.filename,
      disposition: 'attachment',
    });
    truthAttachments.push({ filename: built.filename, type: format_, mime: built.mime, bytes: built.bytes.length, numbers: [number.e164] });
    attachmentBytes.push(built.bytes);
  }

  const domain = rng.pick(center.domains);
  const env = envelope(rng, day, domain, brand, subject);
  const bodyEncoding = chooseBody(rng, lang, plainText + html);
  const root = mimeTree(rng, format, plainText, html, bodyEncoding, attachmentParts);
  const bytes = renderMessage(env.headers, root);
  return {
    bytes,
    attachmentBytes,
    truth: {
      messageId: env.messageId,
      date: env.date,
      day,
      lang,
      from: env.from,
      fromDomain: env.fromDomain,
      subject,
      kind: 'phone',
      brand,
      lure,
      callCenter: center.id,
      numbers: truthNumbers,
      decoys,
      attachments: truthAttachments,
      body: { format, charset: bodyEncoding.charset, encoding: bodyEncoding.encoding },
    },
  };
}

function placement(where: TruthWhere, written: WrittenNumber): TruthPlacement {
  return { where, disguise: written.disguise, ...(written.variant ? { variant: written.variant } : {}), raw: written.text };
}

function labelOf(kind: Decoy['kind']): keyof LanguagePack['labels'] {
  return kind === 'url-digits' ? 'customer' : kind;
}

function htmlBody(brand: BrandName, paragraphs: string[], marker: string, number: WrittenNumber | null, rng: Rng): string {
  const colour = BRAND_COLOURS[brand].map((c) => c.toString(16).padStart(2, '0')).join('');
  const parts = paragraphs.map((p) => {
    const escaped = escapeHtml(p).replace(/\n/g, '<br>\n');
    return `<p style="font-family:Arial,sans-serif;font-size:14px">${number ? escaped.replace(marker, number.html) : escaped}</p>`;
  });
  const preheader = rng.chance(0.3) ? `<div style="display:none">${escapeHtml(brand)} notice ${rng.hex(6)}</div>\n` : '';
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(brand)}</title></head>\n<body>\n${preheader}<table width="600" cellpadding="0" cellspacing="0"><tr><td style="background:#${colour};color:#fff;padding:12px"><img src="cid:logo" alt="${escapeHtml(brand)}" width="120"></td></tr>\n<tr><td>\n${parts.join('\n')}\n</td></tr></table>\n</body></html>\n`;
}

interface BodyEncoding {
  charset: string;
  encoding: TransferEncoding;
}

function chooseBody(rng: Rng, lang: Language, text: string): BodyEncoding {
  if (isAscii(text.replace(/\n/g, ' '))) return { charset: 'us-ascii', encoding: rng.chance(0.7) ? '7bit' : 'quoted-printable' };
  const latin1 = lang !== 'en' && /^[\x00-\xFF]*$/.test(text) && rng.chance(0.35);
  return { charset: latin1 ? 'iso-8859-1' : 'utf-8', encoding: rng.chance(0.5) ? 'quoted-printable' : 'base64' };
}

function mimeTree(rng: Rng, format: 'plain' | 'html' | 'alternative', plain: string, html: string, enc: BodyEncoding, attachments: LeafPart[]): MimeNode {
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

// ---------------------------------------------------------------------------------------------------------
// Attachments (built once per campaign key and reused, like real campaigns reuse their files)

export interface BuiltAttachment {
  filename: string;
  mime: string;
  bytes: Buffer;
  raw: string;
  disguise: Disguise;
  variant?: string;
  decoys: Decoy[];
}

/** A small LRU of built attachments: content depends only on its key, so caching never changes bytes. */
export class AttachmentCache {
  private readonly entries = new Map<string, Promise<BuiltAttachment>>();

  constructor(private readonly capacity = 256) {}

  get(key: string, build: () => Promise<BuiltAttachment>): Promise<BuiltAttachment> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const made = build();
    this.entries.set(key, made);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return made;
  }
}

async function buildAttachment(
  seed: string,
  key: string,
  format: 'pdf' | ImageFormat,
  brand: BrandName,
  number: PlannedNumber,
  lure: Lure,
  lang: Language,
  day: string,
): Promise<BuiltAttachment> {
  const rng = new Rng(`${seed}:attachment:${key}`);
  const pack = LANGUAGE_PACKS[lang];
  const decoys: Decoy[] = [];
  const values = composeValues(pack, brand, rng, lang, day, decoys);
  const ref = values.ref ?? '';
  const contextLine = fill(rng.pick(pack.context[lure.context]), values);
  const extra = makeDecoy(rng.pick(BODY_DECOY_KINDS), rng, lang, day);
  decoys.push(extra);
  if (format === 'pdf') {
    const disguise = chooseDisguise(rng, 'pdf', number);
    const written = writeNumber(number.e164, disguise, rng, lang);
    const title = `${brand} - ${pack.labels.invoice} ${ref}`;
    const lines = [
      `${pack.labels.invoice}: ${ref}`,
      `${pack.labels.date}: ${values.date}`,
      `${pack.labels.amount}: ${values.amount}`,
      `${pack.labels[extra.kind === 'url-digits' ? 'customer' : extra.kind]}: ${extra.text}`,
      '',
      contextLine,
      fill(pack.cta['call-phone'], { phone: written.text }),
    ];
    const bytes = await makePdf({ title, lines });
    const filename = `${rng.pick(['Invoice', 'Receipt', 'Statement', 'Order'])}_${ref.replace(/[^A-Za-z0-9-]/g, '')}.pdf`;
    return { filename, mime: 'application/pdf', bytes, raw: written.text, disguise, ...(written.variant ? { variant: written.variant } : {}), decoys };
  }
  const plain = formatPlain(number.e164.slice(2), rng, 'de');
  const card = renderLureCard({
    header: brand,
    lines: [`${pack.labels.invoice} ${ref}`, `${pack.labels.amount}: ${(values.amount ?? '').replace('€', 'EUR')}`, `${pack.labels.date}: ${values.date}`],
    phoneLine: `CALL ${plain.text}`,
    accent: BRAND_COLOURS[brand],
  });
  const bytes = format === 'png' ? encodePng(card) : format === 'jpeg' ? encodeJpeg(card) : encodeHeic(card);
  const base = rng.pick(['scan', 'notice', 'IMG', 'receipt', 'support']);
  const ext = format === 'jpeg' ? 'jpg' : format;
  const mime = format === 'jpeg' ? 'image/jpeg' : format === 'png' ? 'image/png' : 'image/heic';
  return { filename: `${base}_${rng.int(1000, 9999)}.${ext}`, mime, bytes, raw: plain.text, disguise: 'none', variant: plain.variant, decoys };
}

/** Week bucket of the day: a campaign refreshes its files weekly, so reuse spans days but not forever. */
function weekOf(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`) / 86_400_000;
  return String(Math.floor(t / 7));
}

// ---------------------------------------------------------------------------------------------------------

async function composeNoise(ctx: ComposeContext, slot: Extract<Slot, { kind: 'noise' }>, rng: Rng): Promise<ComposedMessage> {
  const day = ctx.plan.days[slot.day]!;
  const brand = rng.weighted<BrandName>([...MAJOR_BRANDS.map((b) => [b, 2] as const), ...MINOR_BRANDS.map((b) => [b, 3] as const)]);
  const lang: Language = rng.weighted<Language>([['en', 80], ['de', 4], ['pt', 4], ['fr', 4], ['es', 4], ['nl', 4]]);
  const pack = LANGUAGE_PACKS[lang];
  const lure: Lure = { context: rng.pick(BRAND_CONTEXTS[brand]), trigger: rng.pick(TRIGGERS), cta: rng.pick([CTAS[1], 'reply-details'] as const) };
  const decoys: Decoy[] = [];
  const values = composeValues(pack, brand, rng, lang, day, decoys);
  const base = rng.chance(0.5) ? fill(rng.pick(pack.noiseSubjects), values) : fill(rng.pick(pack.subjects[lure.context]), values);
  const subject = rng.chance(0.6) ? pack.triggerPrefix[lure.trigger] + base : base;
  const domain = `${rng.pick(['login', 'secure', 'verify', 'account'])}-${brand.toLowerCase().replace(/[^a-z]/g, '')}${rng.int(1, 99)}.${rng.pick(['xyz', 'top', 'click', 'site'])}`;
  const urlDigits = makeDecoy('url-digits', rng, lang, day);
  decoys.push(urlDigits);
  const url = `https://${domain}/session/${urlDigits.text}/login?ref=${values.ref}`;
  const bodyDecoys = Array.from({ length: rng.int(1, 2) }, () => makeDecoy(rng.pick(BODY_DECOY_KINDS), rng, lang, day));
  decoys.push(...bodyDecoys);
  const paragraphs = [
    fill(rng.pick(pack.greetings), values),
    `${fill(pack.noiseBody, values)} ${rng.pick(pack.trigger[lure.trigger])}`,
    `${pack.noiseLink}: ${url}`,
    bodyDecoys.map((d) => `${pack.labels[labelOf(d.kind)]}: ${d.text}`).join('\n'),
    fill(rng.pick(pack.closings), values),
  ];
  const plainText = paragraphs.join('\n\n');
  const html = htmlBody(brand, paragraphs, '\u0000', null, rng).replace(escapeHtml(url), `<a href="${escapeHtml(url)}">${escapeHtml(pack.noiseLink)}</a>`);
  const format = rng.weighted<'plain' | 'html' | 'alternative'>([['alternative', 60], ['plain', 20], ['html', 20]]);
  const senderDomain = `${rng.pick(['mail', 'smtp', 'news'])}.${domain}`;
  const env = envelope(rng, day, senderDomain, brand, subject);
  const enc = chooseBody(rng, lang, plainText + html);
  const bytes = renderMessage(env.headers, mimeTree(rng, format, plainText, html, enc, []));
  return {
    bytes,
    attachmentBytes: [],
    truth: {
      messageId: env.messageId,
      date: env.date,
      day,
      lang,
      from: env.from,
      fromDomain: env.fromDomain,
      subject,
      kind: 'noise',
      brand,
      lure,
      callCenter: null,
      numbers: [],
      decoys,
      attachments: [],
      body: { format, charset: enc.charset, encoding: enc.encoding },
    },
  };
}
