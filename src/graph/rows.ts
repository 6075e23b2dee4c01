import { createHash } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { NumberType, Observation } from '../extract/observation.js';
import { type Bounded, boundField, type IndexedField, indexedLimits, shortenedMessage } from './bounded.js';
import { blockPrefix, blockSuffix } from '../domain/index.js';

/**
 * Pure half of the loader: turns Observations into the flat parameter rows of the loader's
 * `UNWIND $rows … MERGE` statements (src/graph/load.ts). Nothing here talks to Neo4j, so the mapping from
 * the extraction contract to docs/graph-model.md is tested with plain tables.
 */

export type LineType = 'voip' | 'wireless' | 'landline' | 'toll-free' | 'unknown';

/** The attachment type names the graph knows (docs/graph-model.md); anything else becomes `other`. */
export const attachmentTypeNames = ['pdf', 'heic', 'jpeg', 'png', 'gif', 'webp', 'tiff', 'docx', 'html', 'txt', 'zip', 'ics', 'other'] as const;
const knownAttachmentTypes = new Set<string>(attachmentTypeNames);

/** Lure node key separator (docs/graph-model.md: `context·trigger·cta`). */
export const lureKeySeparator = '·';

export interface EmailRow {
  id: string;
  source: string;
  file: string;
  sentAt: string | null;
  day: string | null;
  /** Start of the invitation's first event, when it is a known instant (UTC); see calendarProps. */
  calendarStart: string | null;
  /** Content properties, set on every load (a newer classifier may fill brand/lure fields). */
  props: {
    messageId: string | null;
    /** Set only when `messageId` had to be shortened (src/graph/bounded.ts); null removes it on a reload. */
    messageIdFull: string | null;
    subject: string | null;
    subjectFull: string | null;
    subjectTemplate: string | null;
    from: string | null;
    fromName: string | null;
    lang: string | null;
    brand: string | null;
    /** The abused delivery platform (also a DELIVERED_VIA link), kept apart from the impersonated brand. */
    platform: string | null;
    context: string | null;
    trigger: string | null;
    cta: string | null;
    issueCount: number;
    calendarMethod: string | null;
    calendarOrganizer: string | null;
    calendarOrganizerName: string | null;
    calendarSummary: string | null;
    calendarEvents: number | null;
  };
}

export interface NumberRow {
  e164: string;
  country: string | null;
  numberType: string;
  lineType: LineType;
  national: string | null;
  prefix: string;
}

export interface MentionRow {
  emailId: string;
  e164: string;
  where: string[];
  raw: string[];
  obfuscated: boolean;
  confidence: number;
  context: string | null;
  /** Extension or menu choice written after the number, when there was one. */
  ext: string | null;
}

export interface DomainRow {
  emailId: string;
  name: string;
  /** The full name when `name` is its shortened form, else null. */
  nameFull: string | null;
}

export interface BrandRow {
  emailId: string;
  name: string;
  nameFull: string | null;
  primary: boolean;
  where: string[];
  confidence: number;
}

export interface LureRow {
  emailId: string;
  key: string;
  context: string;
  trigger: string;
  cta: string;
  layer: 'email' | 'subject' | 'body' | 'attachment';
  confidence: number;
}

export interface AttachmentRow {
  emailId: string;
  sha256: string;
  filename: string;
  bytes: number;
  mime: string | null;
  type: string;
}

export interface BlockRow {
  prefix: string;
  country: string | null;
}

/** An IngestIssue written in the batch's own transaction (an over-long value of a loaded email). */
export interface IssueRow {
  id: string;
  source: string;
  file: string;
  code: string;
  message: string;
  emailId: string;
  field: string;
}

/** Issue code of a value that was stored shortened (src/graph/bounded.ts); the email itself is loaded. */
export const valueTooLongCode = 'value_too_long';

/** Everything one batch writes, one array per loader statement. */
export interface PlatformRow {
  emailId: string;
  name: string;
}

export interface BatchRows {
  platforms: PlatformRow[];
  issues: IssueRow[];
  emails: EmailRow[];
  numbers: NumberRow[];
  blocks: BlockRow[];
  mentions: MentionRow[];
  domains: DomainRow[];
  brands: BrandRow[];
  lures: LureRow[];
  attachments: AttachmentRow[];
}

/** libphonenumber's number type → the graph's line type. Only the informative types decide anything. */
export function lineTypeOf(numberType: NumberType | string | null | undefined): LineType {
  switch (numberType) {
    case 'VOIP':
      return 'voip';
    case 'MOBILE':
      return 'wireless';
    case 'FIXED_LINE':
      return 'landline';
    case 'TOLL_FREE':
      return 'toll-free';
    default:
      return 'unknown';
  }
}

// The DID-block definitions live in src/domain (shared with analysis and reputation); re-exported for the load.
export { blockPrefix, blockSuffix };

/** Lure node key, or null unless context, trigger and call to action are all known. */
export function lureKey(context: string | null | undefined, trigger: string | null | undefined, cta: string | null | undefined): string | null {
  if (!context || !trigger || !cta) return null;
  return [context, trigger, cta].join(lureKeySeparator);
}

/** UTC calendar day (YYYY-MM-DD) of an ISO timestamp, or null when there is none or it is unreadable. */
export function utcDay(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().slice(0, 10);
}

/** A normalised ISO timestamp (UTC, `Z`) that Cypher's datetime() reads, or null. */
export function utcInstant(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function attachmentTypeName(type: string | null | undefined): string {
  const name = (type ?? '').toLowerCase();
  if (name === 'jpg') return 'jpeg';
  if (name === 'tif') return 'tiff';
  if (name === 'htm') return 'html';
  return knownAttachmentTypes.has(name) ? name : 'other';
}

/** Stable key of an ingest issue: the same failure of the same file in the same source is recorded once. */
export function ingestIssueId(issue: { source: string; file: string; code: string; message: string }): string {
  return createHash('sha256').update(`${issue.source}\u0000${issue.file}\u0000${issue.code}\u0000${issue.message}`).digest('hex');
}

const nationalCache = new Map<string, string | null>();

/** National format of an E.164 number (for display), cached: a corpus repeats its numbers a lot. */
export function nationalFormat(e164: string): string | null {
  const cached = nationalCache.get(e164);
  if (cached !== undefined || nationalCache.has(e164)) return cached ?? null;
  const parsed = parsePhoneNumberFromString(e164);
  const value = parsed ? parsed.formatNational() : null;
  if (nationalCache.size > 200_000) nationalCache.clear(); // keep memory flat on huge corpora
  nationalCache.set(e164, value);
  return value;
}

/**
 * Builds the rows of one batch. Numbers, blocks and attachments repeated inside the batch are written once
 * (first sighting wins); per-email rows (mentions, brands, lures) are kept per email. Observations with the
 * same id inside one batch are loaded once.
 */
export function buildBatchRows(observations: readonly Observation[], source: string): BatchRows {
  const rows: BatchRows = { issues: [], platforms: [], emails: [], numbers: [], blocks: [], mentions: [], domains: [], brands: [], lures: [], attachments: [] };
  // Same bound as every other indexed value; the source is the analyst's own, so no issue per message.
  const sourceName = boundField('source', source)?.value ?? source;
  const seenEmails = new Set<string>();
  const numbers = new Map<string, NumberRow>();
  const blocks = new Map<string, BlockRow>();

  for (const obs of observations) {
    if (seenEmails.has(obs.id)) continue;
    seenEmails.add(obs.id);
    const lure = obs.lure ?? null;
    const sentAt = utcInstant(obs.date);
    // Each over-long indexed value is stored shortened and recorded once per email and property.
    const shortened = new Set<IndexedField>();
    const bound = (field: IndexedField, value: string | null | undefined): Bounded | null => {
      const result = boundField(field, value);
      if (result?.full != null && !shortened.has(field)) {
        shortened.add(field);
        const issue = { source: sourceName, file: obs.file, code: valueTooLongCode, message: shortenedMessage(field, result.chars) };
        rows.issues.push({ id: ingestIssueId(issue), ...issue, emailId: obs.id, field: indexedLimits[field].property });
      }
      return result;
    };
    const messageId = bound('messageId', obs.messageId);
    const subject = bound('subject', obs.subject);
    const primary = obs.brand ?? primaryBrandName(obs);
    const email: EmailRow = {
      id: obs.id,
      source: sourceName,
      file: obs.file,
      sentAt,
      day: utcDay(sentAt),
      calendarStart: calendarStartInstant(obs),
      props: {
        messageId: messageId?.value ?? null,
        messageIdFull: messageId?.full ?? null,
        subject: subject?.value ?? null,
        subjectFull: subject?.full ?? null,
        subjectTemplate: bound('subjectTemplate', obs.subjectTemplate)?.value ?? null,
        from: obs.from ? obs.from.toLowerCase() : null,
        fromName: obs.fromName ?? null,
        lang: obs.lang ?? null,
        brand: bound('brand', primary)?.value ?? null,
        platform: obs.platform ?? null,
        context: lure?.context ?? null,
        trigger: lure?.trigger ?? null,
        cta: lure?.cta ?? null,
        issueCount: 0, // set below, once every value of the email has been bounded
        ...calendarProps(obs),
      },
    };
    rows.emails.push(email);

    if (obs.fromDomain) {
      const domain = bound('domain', obs.fromDomain.toLowerCase());
      if (domain) rows.domains.push({ emailId: obs.id, name: domain.value, nameFull: domain.full });
    }
    if (obs.platform) rows.platforms.push({ emailId: obs.id, name: obs.platform });

    const mentioned = new Set<string>();
    for (const n of obs.numbers) {
      if (mentioned.has(n.e164)) continue; // one MENTIONS per email and number
      mentioned.add(n.e164);
      const prefix = blockPrefix(n.e164);
      if (!numbers.has(n.e164)) {
        numbers.set(n.e164, { e164: n.e164, country: n.country ?? null, numberType: n.type, lineType: lineTypeOf(n.type), national: nationalFormat(n.e164), prefix });
      }
      if (!blocks.has(prefix)) blocks.set(prefix, { prefix, country: n.country ?? null });
      rows.mentions.push({
        emailId: obs.id,
        e164: n.e164,
        where: [...n.where],
        raw: [...n.raw],
        obfuscated: n.obfuscated,
        confidence: n.confidence,
        context: n.context ?? null,
        ext: n.ext ?? null,
      });
    }

    const brandNames = new Set<string>();
    const pushBrand = (name: string, isPrimary: boolean, where: string[], confidence: number): void => {
      const bounded = bound('brand', name) as Bounded;
      rows.brands.push({ emailId: obs.id, name: bounded.value, nameFull: bounded.full, primary: isPrimary, where, confidence });
    };
    for (const b of obs.brands ?? []) {
      if (brandNames.has(b.name)) continue;
      brandNames.add(b.name);
      pushBrand(b.name, b.name === primary, [...b.where], b.confidence);
    }
    if (primary && !brandNames.has(primary)) pushBrand(primary, true, [], 1);

    if (lure) {
      const boundKey = (key: string): string => bound('lureKey', key)?.value ?? key;
      pushLure(rows.lures, obs.id, 'email', lure, boundKey);
      for (const layer of ['subject', 'body', 'attachment'] as const) {
        const verdict = lure.byLayer?.[layer];
        if (verdict) pushLure(rows.lures, obs.id, layer, verdict, boundKey);
      }
    }

    const attachmentShas = new Set<string>();
    for (const a of obs.attachments) {
      if (attachmentShas.has(a.sha256)) continue;
      attachmentShas.add(a.sha256);
      rows.attachments.push({
        emailId: obs.id,
        sha256: a.sha256,
        filename: a.filename,
        bytes: a.bytes,
        mime: a.sniffedMime ?? a.declaredMime ?? null,
        type: attachmentTypeName(a.type),
      });
    }
    email.props.issueCount = obs.issues.length + shortened.size;
  }
  rows.numbers = [...numbers.values()];
  rows.blocks = [...blocks.values()];
  return rows;
}

/**
 * The Email node's calendar properties (docs/graph-model.md): method, and organizer and summary of the first
 * event that has them. All null without an invitation, so a reload of a message without one removes them.
 */
export function calendarProps(obs: Observation): Pick<EmailRow['props'], 'calendarMethod' | 'calendarOrganizer' | 'calendarOrganizerName' | 'calendarSummary' | 'calendarEvents'> {
  const calendar = obs.calendar;
  const events = calendar?.events ?? [];
  const first = <K extends 'organizer' | 'organizerName' | 'summary'>(key: K): string | null => events.find((e) => e[key])?.[key] ?? null;
  return {
    calendarMethod: calendar?.method ?? null,
    calendarOrganizer: first('organizer'),
    calendarOrganizerName: first('organizerName'),
    calendarSummary: first('summary'),
    calendarEvents: calendar ? events.length : null,
  };
}

/** The first event start that is an instant (ends in Z); dates and floating local times have no UTC instant. */
export function calendarStartInstant(obs: Observation): string | null {
  const start = obs.calendar?.events.find((e) => e.start !== null && /T\d{2}:\d{2}:\d{2}Z$/.test(e.start))?.start;
  return utcInstant(start);
}

function primaryBrandName(obs: Observation): string | null {
  const brands = obs.brands ?? [];
  if (brands.length === 0) return null;
  return brands.reduce((best, b) => (b.confidence > best.confidence ? b : best)).name;
}

function pushLure(
  out: LureRow[],
  emailId: string,
  layer: LureRow['layer'],
  verdict: { context: string | null; trigger: string | null; cta: string | null; confidence: number },
  boundKey: (key: string) => string,
): void {
  const key = lureKey(verdict.context, verdict.trigger, verdict.cta);
  if (key === null || !verdict.context || !verdict.trigger || !verdict.cta) return;
  out.push({ emailId, key: boundKey(key), context: verdict.context, trigger: verdict.trigger, cta: verdict.cta, layer, confidence: verdict.confidence });
}
