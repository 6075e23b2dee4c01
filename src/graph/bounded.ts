import { createHash } from 'node:crypto';

/**
 * Bounded values for indexed properties. Neo4j refuses a whole transaction when one string is too large
 * for an index ("Property value is too large to index": a RANGE index or uniqueness constraint takes at
 * most about 8 kB of UTF-8 per value), and the sender of a message chooses its subject, Message-ID and
 * sender domain. So every indexed string the loader writes goes through `boundValue` first: a value
 * within its limit is kept as it is; a longer one is cut to a prefix followed by `…[sha256:<hex of the
 * full value>]`, so the stored value stays within the limit, is the same on every load (MERGE on a key
 * stays idempotent) and two long values that share a prefix still get different keys. The loader keeps
 * the full value in an unindexed property beside it and records an IngestIssue (docs/graph-model.md).
 *
 * Limits count Unicode code points; at most 4 UTF-8 bytes each, the largest (2000) is 8000 bytes and the
 * range-indexed ones (≤ 1000) stay under 4000 bytes, well inside the index key size.
 */

export interface IndexedLimit {
  /** `Label.property` as in docs/graph-model.md. */
  property: string;
  /** Longest value stored as it is, in code points (the shortened form is exactly this long). */
  maxChars: number;
  /** Where the full value is kept when it is shortened (shown in the IngestIssue). */
  fullIn: string;
}

export const indexedLimits = {
  subject: { property: 'Email.subject', maxChars: 2000, fullIn: 'Email.subjectFull' },
  subjectTemplate: { property: 'Email.subjectTemplate', maxChars: 1000, fullIn: 'Email.subjectFull (the template is derived from the subject)' },
  messageId: { property: 'Email.messageId', maxChars: 1000, fullIn: 'Email.messageIdFull' },
  source: { property: 'Email.source', maxChars: 1000, fullIn: 'the ingest command line (--source or the first path)' },
  domain: { property: 'Domain.name', maxChars: 253, fullIn: 'Domain.nameFull' },
  brand: { property: 'Brand.name', maxChars: 200, fullIn: 'Brand.nameFull' },
  lureKey: { property: 'Lure.key', maxChars: 500, fullIn: 'Lure.context, Lure.trigger and Lure.cta' },
} as const satisfies Record<string, IndexedLimit>;

export type IndexedField = keyof typeof indexedLimits;

/** `…[sha256:` + 64 hex + `]`. */
const suffixChars = 1 + 8 + 64 + 1;

export interface Bounded {
  value: string;
  /** The value as given when it was shortened, else null. */
  full: string | null;
  /** Length of the value as given, in code points. */
  chars: number;
}

/** Number of code points of `text`, counting no further than `stopAt` (a 1 MiB subject costs no more). */
function codePointsUpTo(text: string, stopAt: number): number {
  let count = 0;
  for (const _ of text) {
    count += 1;
    if (count > stopAt) break;
  }
  return count;
}

function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** `value` if it has at most `maxChars` code points, else its shortened, stable form of exactly `maxChars`. */
export function boundValue(value: string, maxChars: number): Bounded {
  if (maxChars <= suffixChars) throw new RangeError(`a bounded value needs more than ${suffixChars} characters, got ${maxChars}`);
  // UTF-16 length ≥ code points: a value that short is within the limit without counting.
  if (value.length <= maxChars || codePointsUpTo(value, maxChars) <= maxChars) return { value, full: null, chars: codePointLength(value) };
  let prefix = '';
  let taken = 0;
  for (const ch of value) {
    if (taken === maxChars - suffixChars) break;
    prefix += ch;
    taken += 1;
  }
  const hash = createHash('sha256').update(value, 'utf8').digest('hex');
  return { value: `${prefix}…[sha256:${hash}]`, full: value, chars: codePointLength(value) };
}

/** `boundValue` with the limit of an indexed field; null stays null. */
export function boundField(field: IndexedField, value: string | null | undefined): Bounded | null {
  if (value === null || value === undefined) return null;
  return boundValue(value, indexedLimits[field].maxChars);
}

/** The text of the IngestIssue recorded for a shortened value (stable: the same value gives the same text). */
export function shortenedMessage(field: IndexedField, chars: number): string {
  const limit = indexedLimits[field];
  return `${limit.property} is ${chars} characters long, over its limit of ${limit.maxChars}: stored shortened (a prefix and the sha256 of the full value); the full value is in ${limit.fullIn}`;
}
