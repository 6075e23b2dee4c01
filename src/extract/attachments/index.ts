/**
 * Public surface of attachment reading: what each attachment is and the text a person would see in it
 * (PDF text, OCR of images, HTML/TXT/DOCX text, one level into ZIP archives). Never throws: every problem
 * becomes an issue in the result, and one bad attachment never stops the others.
 */
import { createHash } from 'node:crypto';
import type { ObservationIssue, ObservedAttachment } from '../observation.js';
import { docxText } from './docx.js';
import { OFFICE_MIME, officeText } from './office.js';
import { readImageSize } from './image-size.js';
import { resolveLimits, type AttachmentLimits } from './limits.js';
import { pdfStructureIssues } from './pdf-scan.js';
import { cached, type Outcome } from './internal/cache.js';
import { WorkerJobError } from './internal/pool.js';
import { runWorkerJob } from './internal/workers.js';
import { IMAGE_KINDS, kindFromDeclared, sniffType, type AttachmentKind } from './sniff.js';
import { decodeText, htmlToText, xmlTextNodes } from './text.js';
import type { WorkerJob, WorkerResult } from './internal/worker-protocol.js';
import { entryRefusal, listZipEntries, readZipEntry, ZipError } from './zip.js';

export { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from './limits.js';
export type { AttachmentKind } from './sniff.js';
export { clearAttachmentCache } from './internal/cache.js';
export { attachmentWorkerStats, closeAttachmentWorkers, setAttachmentWorkerCount } from './internal/workers.js';

export interface AttachmentInput {
  filename?: string;
  contentType?: string;
  content: Buffer;
}

export interface AttachmentOptions {
  /** false: images are listed (type, size, sha256) but not read. */
  ocr: boolean;
  limits?: Partial<AttachmentLimits>;
}

export type TextPlacement = 'pdf' | 'image' | 'attachment';

export interface AttachmentText {
  where: TextPlacement;
  filename: string;
  text: string;
}

export interface AttachmentTexts {
  attachments: ObservedAttachment[];
  texts: AttachmentText[];
  issues: ObservationIssue[];
}

function issue(code: string, filename: string, message: string): ObservationIssue {
  return { code, message: `${filename}: ${message}` };
}

async function runJob(
  job: WorkerJob,
  timeoutMs: number,
  filename: string,
  prefix: 'ocr' | 'pdf',
): Promise<{ result?: WorkerResult; issue?: ObservationIssue }> {
  try {
    return { result: await runWorkerJob(job, timeoutMs) };
  } catch (error) {
    if (error instanceof WorkerJobError && error.code === 'timeout') {
      return { issue: issue(`${prefix}_timeout`, filename, `${prefix === 'ocr' ? 'OCR' : 'PDF text'} ${error.message}`) };
    }
    if (error instanceof WorkerJobError && error.code === 'encrypted') {
      return { issue: issue(`${prefix}_encrypted`, filename, `protected by a password; not read (${error.message})`) };
    }
    return { issue: issue(`${prefix}_failed`, filename, (error as Error).message) };
  }
}

interface Context {
  limits: AttachmentLimits;
  ocr: boolean;
}

interface Read {
  attachments: ObservedAttachment[];
  texts: AttachmentText[];
  issues: ObservationIssue[];
}

function placementOf(kind: AttachmentKind): TextPlacement {
  if (kind === 'pdf') return 'pdf';
  return IMAGE_KINDS.has(kind) ? 'image' : 'attachment';
}

/** Smaller images cannot hold a legible phone number: they are listed but not sent to OCR. */
const MIN_OCR_WIDTH = 24;
const MIN_OCR_HEIGHT = 8;

async function ocrImage(content: Buffer, kind: AttachmentKind, sha256: string, filename: string, ctx: Context): Promise<Outcome> {
  const size = readImageSize(content, kind);
  if (size && size.width * size.height > ctx.limits.maxImagePixels) {
    const message = `${size.width}×${size.height} pixels is over the limit of ${ctx.limits.maxImagePixels}; not decoded`;
    return { text: '', issues: [issue('image_too_large', filename, message)] };
  }
  if (size && (size.width < MIN_OCR_WIDTH || size.height < MIN_OCR_HEIGHT)) {
    return { text: '', issues: [] }; // tracking pixels, spacers, bullets: no room for a phone number
  }
  return cached(`ocr:${sha256}`, filename, async () => {
    const job: WorkerJob = { kind: 'ocr-file', bytes: content, type: kind, size, maxPixels: ctx.limits.maxImagePixels };
    const { result, issue: failure } = await runJob(job, ctx.limits.ocrTimeoutMs, filename, 'ocr');
    return { text: result?.kind === 'ocr' ? result.text : '', issues: failure ? [failure] : [] };
  });
}

async function pdfText(content: Buffer, sha256: string, filename: string, ctx: Context): Promise<Outcome> {
  return cached(`pdf:${sha256}:${ctx.ocr}`, filename, async () => {
    const job: WorkerJob = {
      kind: 'pdf',
      bytes: content,
      maxPages: ctx.limits.maxPdfPages,
      maxPixels: ctx.limits.maxImagePixels,
      collectImages: ctx.ocr,
    };
    const { result, issue: failure } = await runJob(job, ctx.limits.pdfTimeoutMs, filename, 'pdf');
    if (!result || result.kind !== 'pdf') return { text: '', issues: failure ? [failure] : [] };
    const issues: ObservationIssue[] = [];
    if (result.pages > result.pagesRead) {
      issues.push(issue('pdf_pages_limited', filename, `read ${result.pagesRead} of ${result.pages} pages`));
    }
    let text = result.text;
    if (result.scanned) {
      const how = !ctx.ocr
        ? 'OCR is off'
        : result.images.length > 0
          ? `its ${result.images.length} embedded image(s) were read by OCR`
          : 'no embedded image to OCR was found';
      issues.push(issue('pdf_no_text_layer', filename, `almost no text layer (scanned?); ${how}`));
    }
    // Large pictures are read even when there is a text layer: the lure is often a picture over filler text.
    for (const image of ctx.ocr ? result.images : []) {
      const pixels: WorkerJob = { kind: 'ocr-pixels', ...image };
      const read = await runJob(pixels, ctx.limits.ocrTimeoutMs, filename, 'ocr');
      if (read.issue) issues.push(read.issue);
      if (read.result?.kind === 'ocr' && read.result.text.trim()) text += `\n\n${read.result.text.trim()}`;
    }
    return { text, issues };
  });
}

function zipLimits(limits: AttachmentLimits) {
  return {
    maxEntries: limits.maxZipEntries,
    maxTotalBytes: limits.maxZipTotalBytes,
    maxEntryBytes: limits.maxAttachmentBytes,
    maxRatio: limits.maxZipRatio,
  };
}

async function readZip(content: Buffer, filename: string, ctx: Context): Promise<Read> {
  const read: Read = { attachments: [], texts: [], issues: [] };
  const limits = zipLimits(ctx.limits);
  let entries;
  try {
    entries = listZipEntries(content).filter((entry) => !entry.name.endsWith('/') && !entry.name.startsWith('__MACOSX/'));
  } catch (error) {
    read.issues.push(issue(error instanceof ZipError ? error.code : 'zip_corrupt', filename, (error as Error).message));
    return read;
  }
  if (entries.length > limits.maxEntries) {
    const message = `${entries.length} entries, over the limit of ${limits.maxEntries}; only the first ${limits.maxEntries} read`;
    read.issues.push(issue('zip_too_many_entries', filename, message));
    entries = entries.slice(0, limits.maxEntries);
  }
  const declaredTotal = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declaredTotal > limits.maxTotalBytes) {
    const message = `declares ${declaredTotal} bytes uncompressed, over the limit of ${limits.maxTotalBytes}; not opened`;
    read.issues.push(issue('zip_bomb', filename, message));
    return read;
  }
  let budget = limits.maxTotalBytes;
  for (const entry of entries) {
    const refusal = entryRefusal(entry, limits);
    if (refusal) {
      read.issues.push(issue(refusal.code, filename, refusal.message));
      if (refusal.code === 'zip_bomb') return read; // an archive built as a bomb gets no more trust
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readZipEntry(content, entry, budget);
    } catch (error) {
      read.issues.push(issue(error instanceof ZipError ? error.code : 'zip_corrupt', filename, (error as Error).message));
      if (error instanceof ZipError && error.code === 'zip_bomb') return read;
      continue;
    }
    budget -= bytes.length;
    const inner = await readOne({ filename: entry.name, content: bytes }, entry.name, ctx, filename);
    read.attachments.push(...inner.attachments);
    read.texts.push(...inner.texts);
    read.issues.push(...inner.issues);
  }
  return read;
}

async function readOne(input: AttachmentInput, filename: string, ctx: Context, parent?: string): Promise<Read> {
  const content = input.content;
  const sha256 = createHash('sha256').update(content).digest('hex');
  const sniffed = sniffType(content, input.contentType, input.filename);
  const observed: ObservedAttachment = {
    filename,
    type: sniffed.kind,
    ...(input.contentType ? { declaredMime: input.contentType } : {}),
    sniffedMime: sniffed.sniffedMime,
    bytes: content.length,
    sha256,
    textChars: 0,
    ...(parent ? { parent } : {}),
  };
  const read: Read = { attachments: [observed], texts: [], issues: [] };
  if (content.length === 0) {
    // Nothing to sniff: keep the declared kind so the graph still says "an (empty) JPEG was attached".
    observed.type = kindFromDeclared(input.contentType, input.filename);
    read.issues.push(issue('attachment_empty', filename, 'no content'));
    return read;
  }
  if (content.length > ctx.limits.maxAttachmentBytes) {
    const message = `${content.length} bytes, over the limit of ${ctx.limits.maxAttachmentBytes}; not read`;
    read.issues.push(issue('attachment_too_large', filename, message));
    return read;
  }
  let outcome: Outcome = { text: '', issues: [] };
  const kind = sniffed.kind;
  const office = (Object.values(OFFICE_MIME) as string[]).includes(sniffed.sniffedMime);
  try {
    if (kind === 'pdf') {
      read.issues.push(...pdfStructureIssues(content, filename));
      outcome = await pdfText(content, sha256, filename, ctx);
    }
    else if (IMAGE_KINDS.has(kind)) outcome = ctx.ocr ? await ocrImage(content, kind, sha256, filename, ctx) : outcome;
    else if (kind === 'html') outcome = { text: htmlToText(decodeText(content)), issues: [] };
    else if (kind === 'docx') outcome = { text: docxText(content, zipLimits(ctx.limits)), issues: [] };
    else if (office) outcome = { text: officeText(content, zipLimits(ctx.limits)), issues: [] };
    else if (kind === 'ics') {
      // A message's own calendars are read by extract/calendar.ts (the `calendar` layer); one inside a ZIP
      // is not seen by a mail client as an invitation, so its text is searched like any text file.
      if (parent) outcome = { text: decodeText(content), issues: [] };
    } else if (kind === 'txt') {
      const text = decodeText(content);
      // Bare XML: its markup (ids, sizes, colours) is not text a person reads; keep the text between tags.
      outcome = { text: /^\s*<\?xml/.test(text) ? xmlTextNodes(text) : text, issues: [] };
    } else if (kind === 'zip') {
      if (parent) {
        read.issues.push(issue('zip_nested', filename, 'a ZIP inside a ZIP is not opened (one level only)'));
      } else {
        const inner = await readZip(content, filename, ctx);
        read.attachments.push(...inner.attachments);
        read.texts.push(...inner.texts);
        read.issues.push(...inner.issues);
      }
    } else {
      const declared = kindFromDeclared(input.contentType, input.filename);
      const what = input.contentType ?? (declared === 'other' ? 'unknown type' : declared);
      read.issues.push(issue('unsupported_type', filename, `${what}: no text is read from this kind of file`));
    }
  } catch (error) {
    const code = error instanceof ZipError ? error.code : `${office ? 'office' : kind}_failed`;
    outcome = { text: '', issues: [issue(code, filename, (error as Error).message)] };
  }
  read.issues.push(...outcome.issues);
  let text = outcome.text.trim();
  if (text.length > ctx.limits.maxTextChars) {
    read.issues.push(issue('text_truncated', filename, `text cut to ${ctx.limits.maxTextChars} characters`));
    text = text.slice(0, ctx.limits.maxTextChars);
  }
  observed.textChars = text.length;
  if (text) read.texts.unshift({ where: placementOf(kind), filename, text });
  return read;
}

/** The attachments of one message, in order: what each is, its text, and what went wrong. Never throws. */
export async function extractAttachmentTexts(
  attachments: AttachmentInput[],
  options: AttachmentOptions,
): Promise<AttachmentTexts> {
  const ctx: Context = { limits: resolveLimits(options.limits), ocr: options.ocr };
  const result: AttachmentTexts = { attachments: [], texts: [], issues: [] };
  if (attachments.length > ctx.limits.maxAttachments) {
    const message = `${attachments.length} attachments, over the limit of ${ctx.limits.maxAttachments}; the rest are listed but not read`;
    result.issues.push({ code: 'too_many_attachments', message });
  }
  // All attachments at once: OCR and PDF jobs queue in the worker pool and run on every core.
  const reads = await Promise.all(
    attachments.map(async (input, index): Promise<Read> => {
      const filename = input.filename?.trim() || `unnamed-${index + 1}`;
      try {
        if (index >= ctx.limits.maxAttachments) return listOnly(input, filename);
        return await readOne(input, filename, ctx);
      } catch (error) {
        // readOne reports its own problems; this is the last guard for the "never throws" promise.
        return { attachments: [], texts: [], issues: [issue('attachment_failed', filename, String(error))] };
      }
    }),
  );
  for (const read of reads) {
    result.attachments.push(...read.attachments);
    result.texts.push(...read.texts);
    result.issues.push(...read.issues);
  }
  return result;
}

function listOnly(input: AttachmentInput, filename: string): Read {
  const sniffed = sniffType(input.content, input.contentType, input.filename);
  return {
    attachments: [
      {
        filename,
        type: sniffed.kind,
        ...(input.contentType ? { declaredMime: input.contentType } : {}),
        sniffedMime: sniffed.sniffedMime,
        bytes: input.content.length,
        sha256: createHash('sha256').update(input.content).digest('hex'),
        textChars: 0,
      },
    ],
    texts: [],
    issues: [],
  };
}
