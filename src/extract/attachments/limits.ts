/**
 * Limits that keep one hostile or oversized attachment from stalling or exhausting a whole extraction run.
 * Every limit that trips becomes an `ObservationIssue`, never an exception.
 */
export interface AttachmentLimits {
  /** Largest attachment (or ZIP entry) read at all, in bytes. */
  maxAttachmentBytes: number;
  /** Attachments read per message; the rest are listed but not read. */
  maxAttachments: number;
  /** Entries looked at in one ZIP archive (DOCX included). */
  maxZipEntries: number;
  /** Uncompressed bytes inflated from one ZIP archive, all entries together. */
  maxZipTotalBytes: number;
  /** Uncompressed/compressed ratio above which a large entry is treated as a decompression bomb. */
  maxZipRatio: number;
  /** Width × height above which an image is not decoded (checked from the header, before decoding). */
  maxImagePixels: number;
  /** Time one image may take in OCR, decoding included. */
  ocrTimeoutMs: number;
  /** Time one PDF may take to yield its text. */
  pdfTimeoutMs: number;
  /** Pages of one PDF read for text. */
  maxPdfPages: number;
  /** Characters of text kept per attachment (the rest is cut, with an issue). */
  maxTextChars: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: Readonly<AttachmentLimits> = Object.freeze({
  maxAttachmentBytes: 25 * 1024 * 1024,
  maxAttachments: 50,
  maxZipEntries: 200,
  maxZipTotalBytes: 100 * 1024 * 1024,
  maxZipRatio: 200,
  maxImagePixels: 30_000_000,
  ocrTimeoutMs: 30_000,
  pdfTimeoutMs: 20_000,
  maxPdfPages: 100,
  maxTextChars: 1_000_000,
});

/** Defaults overridden by whatever the caller set; non-positive or non-finite values fall back to the default. */
export function resolveLimits(overrides: Partial<AttachmentLimits> = {}): AttachmentLimits {
  const limits = { ...DEFAULT_ATTACHMENT_LIMITS };
  for (const key of Object.keys(limits) as (keyof AttachmentLimits)[]) {
    const value = overrides[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) limits[key] = value;
  }
  return limits;
}
