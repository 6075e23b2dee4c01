import { dayNumber } from '../domain/index.js';
import { encodeHeic, encodeJpeg, encodePng, makePdf } from './attachments.js';
import { BODY_DECOY_KINDS, makeDecoy, type Decoy } from './decoys.js';
import { escapeHtml, formatPlain, writeNumber, type Disguise, type Medium, type WrittenNumber } from './disguise.js';
import { chooseDelivery, chooseShape, HIDDEN_DECOY_SHARE, NOISE_INVITATION_SHARE, platformOf } from './delivery.js';
import { envelope } from './envelope.js';
import { hiddenDecoy, type HiddenDecoy } from './hidden.js';
import { renderMessage, type LeafPart } from './mime.js';
import { BRAND_COLOURS, chooseBody, chooseDisguise, composeValues, labelOf, mimeTree, placement } from './parts.js';
import type { ImageFormat, Plan, PlannedCallCenter, PlannedNumber } from './plan.js';
import { renderLureCard } from './raster.js';
import { Rng } from './random.js';
import { fill, LANGUAGE_PACKS } from './text.js';
import { composeDelivered, composeNoiseInvitation } from './toad.js';
import type { ComposedMessage, TruthAttachment, TruthNumber } from './truth.js';
import { BRAND_CONTEXTS, CTAS, MAJOR_BRANDS, MINOR_BRANDS, TRIGGERS, type BrandName, type Language, type Lure } from './vocabulary.js';

export type { TruthWhere, TruthPlacement, TruthNumber, TruthAttachment, ComposedTruth, ComposedMessage } from './truth.js';

export type AttachmentMode = 'none' | 'some' | 'all';

export interface ComposeContext {
  plan: Plan;
  attachments: AttachmentMode;
  cache: AttachmentCache;
}

/** A slot: either the k-th email of a number-day (with any secondaries it names) or a noise email. */
export type Slot = { kind: 'phone'; numberDay: number; k: number } | { kind: 'noise'; day: number; k: number };

export async function composeMessage(ctx: ComposeContext, slot: Slot, index: number): Promise<ComposedMessage> {
  const rng = new Rng(`${ctx.plan.seed}:message:${index}`);
  // Delivery technique and view shapes come from a stream of their own, so that adding them left every
  // direct message's main stream (and so its bytes) as it was.
  const side = new Rng(`${ctx.plan.seed}:message:${index}:delivery`);
  return slot.kind === 'phone' ? composePhone(ctx, slot, rng, side) : composeNoise(ctx, slot, rng, side);
}

// ---------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------

function pickBrand(center: PlannedCallCenter, rng: Rng): BrandName {
  return rng.weighted(center.brands.map((b, i) => [b, center.brandWeights[i] ?? 1] as const));
}

async function composePhone(ctx: ComposeContext, slot: Extract<Slot, { kind: 'phone' }>, rng: Rng, side: Rng): Promise<ComposedMessage> {
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

  const delivery = chooseDelivery(side, brand);
  if (delivery !== 'direct') {
    return composeDelivered({ rng, plan, center, number, secondaries, brand, lure, lang, day, values, decoys, delivery, platform: platformOf(delivery, side) });
  }

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
  // A view shape: the number written plainly, in a font-size:0 layout or in one alternative view only.
  const shape = bodyNumber && !['split-html', 'tel-link', 'wa-link'].includes(bodyNumber.disguise) ? chooseShape(side, format) : null;
  if (shape && bodyNumber) {
    bodyNumber = writeNumber(number.e164, 'none', side, lang);
    primary.placements[primary.placements.length - 1] = { ...placement('body', bodyNumber), disguise: shape };
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
  // Views that differ: the call-to-action paragraph (the number) is left out of the other view.
  const plainParagraphs = shape === 'html-only' ? paragraphs.filter((p) => p !== ctaLine) : paragraphs;
  const htmlParagraphs = shape === 'plain-only' ? paragraphs.filter((p) => p !== ctaLine) : paragraphs;
  const plainText = plainParagraphs.join('\n\n').replace(PHONE, bodyNumber?.text ?? '');
  // A hidden decoy number in the HTML view: present in the markup, seen by nobody, never a planted number.
  const hidden = format !== 'plain' && side.chance(HIDDEN_DECOY_SHARE) ? hiddenDecoy(side, plan, LANGUAGE_PACKS[lang].labels.customer) : null;
  if (hidden) decoys.push(hidden.decoy);
  const html = htmlBody(brand, htmlParagraphs, PHONE, bodyNumber, rng, { fontSizeZero: shape === 'font-size-0-layout', hidden });

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
      delivery: 'direct',
      platform: null,
    },
  };
}

interface HtmlShape {
  /** Table-cell layout with font-size:0 on the cells and the real size on the element inside (text visible). */
  fontSizeZero?: boolean;
  hidden?: HiddenDecoy | null;
}

function htmlBody(brand: BrandName, paragraphs: string[], marker: string, number: WrittenNumber | null, rng: Rng, shape: HtmlShape = {}): string {
  const colour = BRAND_COLOURS[brand].map((c) => c.toString(16).padStart(2, '0')).join('');
  const parts = paragraphs.map((p) => {
    const escaped = escapeHtml(p).replace(/\n/g, '<br>\n');
    const text = number ? escaped.replace(marker, number.html) : escaped;
    return shape.fontSizeZero
      ? `<tr><td style="font-size:0;line-height:0;padding:0 0 12px 0;text-align:left"><div style="font-family:Arial,sans-serif;font-size:14px;line-height:20px;color:#202124">${text}</div></td></tr>`
      : `<p style="font-family:Arial,sans-serif;font-size:14px">${text}</p>`;
  });
  const preheader = rng.chance(0.3) ? `<div style="display:none">${escapeHtml(brand)} notice ${rng.hex(6)}</div>\n` : '';
  const hiddenBlock = shape.hidden ? `${shape.hidden.html}\n` : '';
  const style = shape.hidden?.css ? `<style>${shape.hidden.css}</style>` : '';
  const content = shape.fontSizeZero
    ? `<tr><td style="font-size:0;padding:16px 24px"><table width="100%" cellpadding="0" cellspacing="0" role="presentation">\n${parts.join('\n')}\n</table>\n${hiddenBlock}</td></tr>`
    : `<tr><td>\n${parts.join('\n')}\n${hiddenBlock}</td></tr>`;
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(brand)}</title>${style}</head>\n<body>\n${preheader}<table width="600" cellpadding="0" cellspacing="0"><tr><td style="background:#${colour};color:#fff;padding:12px"><img src="cid:logo" alt="${escapeHtml(brand)}" width="120"></td></tr>\n${content}</table>\n</body></html>\n`;
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
      `${pack.labels[labelOf(extra.kind)]}: ${extra.text}`,
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
  return String(Math.floor(dayNumber(day) / 7));
}

// ---------------------------------------------------------------------------------------------------------

async function composeNoise(ctx: ComposeContext, slot: Extract<Slot, { kind: 'noise' }>, rng: Rng, side: Rng): Promise<ComposedMessage> {
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
  if (side.chance(NOISE_INVITATION_SHARE)) {
    return composeNoiseInvitation({ rng: side, day, brand, lang, lure, title: base, paragraphs, domain, decoys });
  }
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
      delivery: 'direct',
      platform: null,
    },
  };
}
