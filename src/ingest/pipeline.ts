import { createHash } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { fatalIssueCodes, type Observation } from '../extract/observation.js';
import { boundField } from '../graph/bounded.js';
import { addCounts, emptyCounts, type IngestIssueInput, knownEmailIds, type LoadCounts, recordIngestIssues } from '../graph/load.js';
import { type RetryPolicy, withDbRetry } from '../graph/retry.js';
import { loadSplitting } from './split-load.js';

/**
 * The ingest pipeline: messages (raw bytes) or ready observations in, batches in Neo4j out.
 *
 *  read ─▶ sha256 ─▶ skip ids already in the graph ─▶ extract (pool, parallel) ─▶ load (one tx per batch)
 *
 * Extraction of batch k+1 overlaps the load of batch k; at most two batches are in memory, so memory stays
 * flat whatever the corpus size. Because a batch is one transaction and known ids are skipped before the
 * (expensive) extraction, a rerun after Ctrl-C or a kill finishes the job cheaply and without duplicates.
 *
 * When Neo4j goes away mid-ingest (restart, network), every database step is retried with backoff
 * (`options.retry`, src/graph/retry.ts). While a load waits, the preparing generator is not pulled, so the
 * extraction pool gets no new work: the results in flight are held (at most two batches), none are dropped
 * and nothing piles up. A batch whose commit outcome is unknown is replayed whole: its statements are MERGEs.
 *
 * When the database refuses a batch because of what one of its messages holds, the batch is split down to
 * that message (src/ingest/split-load.ts): the others are loaded, the refused one becomes an IngestIssue, and
 * the ingest goes on. Over-long indexed values never get that far: the loader stores them shortened
 * (src/graph/bounded.ts) and records an IngestIssue beside the loaded email.
 */

/** An input that could not be read: becomes an IngestIssue. */
export interface InputError {
  file: string;
  code: string;
  error: string;
}

export interface RawMessage {
  /** Path or `file.mbox#n`. */
  file: string;
  raw: Buffer;
  /** Bytes cut off because the message was over the size cap (0 or absent when complete). */
  truncatedBytes?: number;
}

/** What the pipeline needs from extraction (src/extract's pool satisfies it). */
export interface Extractor {
  extract(message: RawMessage): Promise<Observation>;
}

export interface IngestProgress {
  /** Inputs read (messages or JSONL lines). */
  messages: number;
  /** Already in the graph: skipped before extraction. */
  skipped: number;
  /** Observations written (new or merged). */
  loaded: number;
  /** Distinct numbers per batch, summed over batches (a number in several batches counts several times). */
  numbers: number;
  /** Numbers new to the graph. */
  newNumbers: number;
  /** Inputs recorded as IngestIssues (not loaded: unreadable, not extracted, or refused by the database). */
  errors: number;
  /** Of `errors`: messages the database refused even alone (IngestIssue `load_refused`). */
  refused: number;
  /** Over-long indexed values of loaded emails stored shortened (IngestIssue `value_too_long`). */
  shortened: number;
}

export interface IngestOptions {
  source: string;
  batchSize?: number;
  database?: string | undefined;
  /** Stop after the batch in flight (Ctrl-C). */
  signal?: AbortSignal | undefined;
  onBatch?: (progress: IngestProgress) => void;
  /** Wait out database outages (default: no waiting, the first unavailability error ends the ingest). */
  retry?: RetryPolicy | undefined;
}

export interface IngestSummary extends IngestProgress {
  /** Emails created (new), as opposed to already known (skipped before extraction or merged). */
  newEmails: number;
  counts: LoadCounts;
  issues: number;
  interrupted: boolean;
}

export function sha256Hex(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Groups an async stream into arrays of at most `size` items and, when `weight` is given, of at most
 * `maxWeight` (e.g. bytes: a batch of large messages is cut early so that memory stays bounded).
 */
export async function* chunks<T>(
  items: AsyncIterable<T> | Iterable<T>,
  size: number,
  weight?: (item: T) => number,
  maxWeight = Number.POSITIVE_INFINITY,
): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  let total = 0;
  for await (const item of items) {
    chunk.push(item);
    total += weight ? weight(item) : 0;
    if (chunk.length >= size || total >= maxWeight) {
      yield chunk;
      chunk = [];
      total = 0;
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Raw bytes held by one batch of messages at most (besides the batch being loaded). */
export const maxBatchBytes = 128 * 1024 * 1024;

interface Prepared {
  observations: Observation[];
  issues: IngestIssueInput[];
  messages: number;
  skipped: number;
}

class Tally {
  readonly summary: IngestSummary = { messages: 0, skipped: 0, loaded: 0, numbers: 0, errors: 0, refused: 0, shortened: 0, newEmails: 0, newNumbers: 0, counts: emptyCounts(), issues: 0, interrupted: false };

  add(prepared: Prepared, counts: LoadCounts, refused: number, issuesCreated: number): void {
    const s = this.summary;
    s.messages += prepared.messages;
    s.skipped += prepared.skipped;
    s.errors += prepared.issues.length + refused;
    s.refused += refused;
    s.shortened += counts.shortened;
    s.issues += issuesCreated + counts.issuesCreated;
    s.loaded += counts.emails;
    s.newEmails += counts.newEmails;
    s.newNumbers += counts.newNumbers;
    s.numbers += counts.numbers;
    addCounts(s.counts, counts);
  }
}

/** The source name as Email.source stores it (bounded like every indexed value), for the IngestIssues too. */
function withBoundedSource(options: IngestOptions): IngestOptions {
  return { ...options, source: boundField('source', options.source)?.value ?? options.source };
}

/** Database work of the pipeline, retried through outages when the caller asked for it. */
function retrying<T>(options: IngestOptions, what: string, work: () => Promise<T>): Promise<T> {
  return options.retry ? withDbRetry(what, work, options.retry) : work();
}

async function runPipeline(
  driver: Driver,
  batches: AsyncIterable<Prepared>,
  options: IngestOptions,
): Promise<IngestSummary> {
  const tally = new Tally();
  let loading: Promise<void> = Promise.resolve();
  // The generator prepares (hashes, checks, extracts) batch k+1 while batch k loads: `loading` is only awaited
  // once the next batch is ready.
  for await (const prepared of batches) {
    await loading;
    loading = (async () => {
      const { counts, refused } = await loadSplitting(driver, prepared.observations, { source: options.source, database: options.database }, (load) =>
        retrying(options, 'loading a batch', load),
      );
      const issues = [...prepared.issues, ...refused];
      const issuesCreated = await retrying(options, 'recording ingest issues', () => recordIngestIssues(driver, issues, options.database));
      tally.add(prepared, counts, refused.length, issuesCreated);
      options.onBatch?.({ ...tally.summary });
    })();
    loading.catch(() => undefined); // handled: awaited before the next batch or at the end
    if (options.signal?.aborted) {
      tally.summary.interrupted = true;
      break;
    }
  }
  await loading;
  return tally.summary;
}

/**
 * Ingests raw messages: hashes them, skips ids the graph already has, extracts the rest with `extractor`
 * (which may run them in parallel) and loads them. A message whose extraction throws becomes an IngestIssue.
 */
export async function ingestMessages(
  driver: Driver,
  messages: AsyncIterable<RawMessage | InputError> | Iterable<RawMessage | InputError>,
  extractor: Extractor,
  given: IngestOptions,
): Promise<IngestSummary> {
  const options = withBoundedSource(given);
  const batchSize = options.batchSize ?? 1000;
  async function* prepare(): AsyncGenerator<Prepared> {
    for await (const chunk of chunks(messages, batchSize, (m) => ('raw' in m ? m.raw.length : 0), maxBatchBytes)) {
      yield await (async (): Promise<Prepared> => {
        const issues: IngestIssueInput[] = [];
        const readable: (RawMessage & { id: string })[] = [];
        for (const item of chunk) {
          if ('error' in item) issues.push({ source: options.source, file: item.file, code: item.code, message: item.error });
          else readable.push({ ...item, id: sha256Hex(item.raw) });
        }
        const known = await retrying(options, 'checking known emails', () => knownEmailIds(driver, readable.map((m) => m.id), options.database));
        const fresh = readable.filter((m) => !known.has(m.id));
        const results = await Promise.allSettled(fresh.map((m) => extractor.extract(m)));
        const observations: Observation[] = [];
        results.forEach((result, i) => {
          const message = fresh[i] as RawMessage & { id: string };
          if (result.status === 'rejected') {
            issues.push({ source: options.source, file: message.file, code: 'extract_failed', message: errorText(result.reason) });
            return;
          }
          const fatal = result.value.issues.filter((issue) => fatalIssueCodes.has(issue.code));
          if (fatal.length === 0) observations.push(result.value);
          else for (const issue of fatal) issues.push({ source: options.source, file: message.file, code: issue.code, message: issue.message });
        });
        return { observations, issues, messages: chunk.length, skipped: readable.length - fresh.length };
      })();
      if (options.signal?.aborted) return;
    }
  }
  return runPipeline(driver, prepare(), options);
}

/** Ingests ready observations (e.g. `callhound extract --json` output), skipping ids already loaded. */
export async function ingestObservations(
  driver: Driver,
  observations: AsyncIterable<Observation | InputError> | Iterable<Observation | InputError>,
  given: IngestOptions,
): Promise<IngestSummary> {
  const options = withBoundedSource(given);
  const batchSize = options.batchSize ?? 1000;
  async function* prepare(): AsyncGenerator<Prepared> {
    for await (const chunk of chunks(observations, batchSize)) {
      yield await (async (): Promise<Prepared> => {
        const issues: IngestIssueInput[] = [];
        const valid: Observation[] = [];
        for (const item of chunk) {
          if ('error' in item) issues.push({ source: options.source, file: item.file, code: item.code, message: item.error });
          else valid.push(item);
        }
        const known = await retrying(options, 'checking known emails', () => knownEmailIds(driver, valid.map((o) => o.id), options.database));
        return { observations: valid.filter((o) => !known.has(o.id)), issues, messages: chunk.length, skipped: valid.filter((o) => known.has(o.id)).length };
      })();
      if (options.signal?.aborted) return;
    }
  }
  return runPipeline(driver, prepare(), options);
}
