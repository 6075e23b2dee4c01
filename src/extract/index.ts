/**
 * Public surface of extraction: raw message bytes in, one Observation out. Pure with respect to the
 * project (no database, no HTTP); never throws on bad input — problems become `issues`.
 */
import { createHash } from 'node:crypto';
import { brandMarket, classifyMessage, detectPlatform } from '../classify/index.js';
import { extractAttachmentTexts } from './attachments/index.js';
import { readCalendars, type CalendarReading } from './calendar.js';
import { guessLanguage } from './language.js';
import { numberFromHref, numbersFromLinksInText } from './links.js';
import { readMessage, senderDomain, type MessageContent } from './message.js';
import { explicitCountries, isSplitAcrossElements, mergeFindings, visibleMarkup } from './numbers.js';
import type { FatalIssueCode, Observation, ObservationIssue, ObservedAttachment } from './observation.js';
import { DISGUISE_BONUS as SPLIT_BONUS, findPhonesInText, REPORT_THRESHOLD, type PhoneFinding } from './phones.js';
import { inferRegions, type RegionHints } from './region.js';

export type { Observation, ObservedNumber, ObservedAttachment, ObservationIssue, Placement, ObservedCalendar, CalendarEvent, FatalIssueCode } from './observation.js';
export { fatalIssueCodes } from './observation.js';
export { findPhonesInText, REPORT_THRESHOLD, type PhoneFinding } from './phones.js';
export { inferRegions } from './region.js';
export { guessLanguage } from './language.js';
/** The attachment reader's OCR/PDF worker processes: a host (the ingest worker thread, a CLI) sizes and ends them. */
export { closeAttachmentWorkers, setAttachmentWorkerCount } from './attachments/index.js';

export interface ExtractOptions {
  /** Read text in images (OCR). Default true. */
  ocr?: boolean;
  /** Fallback region for numbers without +CC when the message gives no better hint. Default US. */
  region?: string;
  /** Run the brand/lure classifier (src/classify). Default true. */
  classify?: boolean;
}

/** Text searched per body or attachment text is capped: nobody reads a number past the first megabytes. */
const MAX_TEXT_CHARS = 2_000_000;
const MAX_CLASSIFY_CHARS = 10_000;

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function linkHost(href: string): string | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:@\s]+)/i.exec(href.trim());
  return m === null ? null : m[1]!.toLowerCase();
}

function cap(text: string): string {
  return text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
}

function numbersInMessage(
  content: MessageContent,
  attachmentTexts: { where: 'pdf' | 'image' | 'attachment'; text: string }[],
  hints: RegionHints,
  calendars: CalendarReading,
): PhoneFinding[] {
  const regions = inferRegions(hints);
  const findings: PhoneFinding[] = [];
  if (content.subject) findings.push(...findPhonesInText(cap(content.subject), { where: 'subject', regions }));
  for (const body of content.bodies) {
    const text = cap(body.text);
    let markup: string | null = null;
    // From HTML, low scores are kept until the split test: a number cut into tags was meant to dodge filters,
    // which counts like any other disguise.
    for (const f of findPhonesInText(text, { where: 'body', regions, keepLowConfidence: body.html !== null })) {
      if (body.html !== null) {
        markup ??= visibleMarkup(body.html);
        if (isSplitAcrossElements(f.raw, markup)) {
          // Scored like a disguised number: as if formatted (0.6) plus the disguise bonus.
          if (f.disguises.length === 0) f.confidence = Math.min(0.99, Math.round((Math.max(f.confidence, 0.6) + SPLIT_BONUS) * 100) / 100);
          f.disguises.push('split-html');
        }
        if (f.confidence < REPORT_THRESHOLD) continue;
      }
      findings.push(f);
    }
    if (body.html === null) findings.push(...numbersFromLinksInText(text, regions));
  }
  for (const href of content.links) {
    const found = numberFromHref(href, regions);
    if (found !== null) findings.push(found);
  }
  for (const t of attachmentTexts) {
    const text = cap(t.text);
    const own = inferRegions({ ...hints, lang: guessLanguage(text) ?? hints.lang });
    findings.push(...findPhonesInText(text, { where: t.where, regions: own }));
    findings.push(...numbersFromLinksInText(text, own));
  }
  // Calendar invitations (src/extract/calendar.ts): their own layer, links inside them included.
  for (const calendarText of calendars.texts) {
    const text = cap(calendarText);
    const own = inferRegions({ ...hints, lang: guessLanguage(text) ?? hints.lang });
    findings.push(...findPhonesInText(text, { where: 'calendar', regions: own }));
    findings.push(...numbersFromLinksInText(text, own).map((f) => ({ ...f, where: 'calendar' as const })));
  }
  for (const href of calendars.links) {
    const found = numberFromHref(href, regions);
    if (found !== null) findings.push({ ...found, where: 'calendar' });
  }
  return findings;
}

/** Extracts one message. Never throws: what could not be read is reported in `issues`. */
export async function extractMessage(raw: Buffer, source: string, options: ExtractOptions = {}): Promise<Observation> {
  const issues: ObservationIssue[] = [];
  const observation: Observation = {
    file: source, id: sha256(raw), messageId: null, subject: null, from: null, fromName: null, fromDomain: null,
    date: null, lang: null, numbers: [], attachments: [], issues,
  };
  try {
    const content = await readMessage(raw);
    issues.push(...content.issues);
    observation.messageId = content.messageId;
    observation.subject = content.subject;
    observation.from = content.from;
    observation.fromName = content.fromName;
    observation.fromDomain = senderDomain(content.from);
    observation.date = content.date;

    let attachmentTexts: { where: 'pdf' | 'image' | 'attachment'; filename: string; text: string }[] = [];
    let attachments: ObservedAttachment[] = [];
    if (content.attachments.length > 0) {
      const read = await extractAttachmentTexts(content.attachments, { ocr: options.ocr ?? true });
      attachments = read.attachments;
      attachmentTexts = read.texts;
      issues.push(...read.issues);
    }
    observation.attachments = attachments;

    const calendars = readCalendars(content.attachments);
    issues.push(...calendars.issues);
    if (calendars.calendar !== null) observation.calendar = calendars.calendar;

    const bodyText = content.bodies.map((b) => b.text).join('\n');
    observation.lang = guessLanguage(`${content.subject ?? ''}\n${bodyText}`);
    // Delivery is read from headers the platform's own servers write; it needs no classifier.
    const platform = detectPlatform(content.delivery);
    observation.platform = platform?.name ?? null;
    // Classified before numbers are read: the impersonated brand's home market helps read national numbers.
    if (options.classify !== false) {
      try {
        // Capped: the classifier reads the opening of a message; megabytes of filler would only cost time.
        const verdict = classifyMessage({
          subject: content.subject ?? '',
          body: bodyText.slice(0, MAX_CLASSIFY_CHARS),
          // Calendar text first (it is short and it is the lure), then the attachments' text.
          attachmentText: [...calendars.texts, ...attachmentTexts.map((t) => t.text)].join('\n').slice(0, MAX_CLASSIFY_CHARS),
          fromName: content.fromName,
          fromAddress: content.from,
          lang: observation.lang,
          platform,
        });
        observation.brands = verdict.brands;
        observation.brand = verdict.brand;
        observation.lure = verdict.lure;
        observation.subjectTemplate = verdict.subjectTemplate;
      } catch (error) {
        issues.push({ code: 'classify_failed', message: `brand/lure classification failed: ${(error as Error).message}` });
      }
    }

    const allTexts = [content.subject ?? '', ...content.bodies.map((b) => b.text), ...attachmentTexts.map((t) => t.text), ...calendars.texts];
    const brandMarkets = [observation.brand, ...(observation.brands ?? []).map((b) => b.name)]
      .filter((b): b is string => b !== null && b !== undefined)
      .map(brandMarket)
      .filter((m): m is string => m !== null);
    const hints: RegionHints = {
      lang: observation.lang,
      senderDomain: observation.fromDomain,
      linkDomains: [...new Set(content.links.map(linkHost).filter((h): h is string => h !== null))],
      explicitCountries: explicitCountries(allTexts),
      brandMarkets: [...new Set(brandMarkets)].slice(0, 2),
      fallback: options.region ?? 'US',
    };
    observation.numbers = mergeFindings(numbersInMessage(content, attachmentTexts, hints, calendars));
  } catch (error) {
    issues.push({ code: 'extract_failed' satisfies FatalIssueCode, message: `extraction stopped early: ${(error as Error).message}` });
  }
  return observation;
}
