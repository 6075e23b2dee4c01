/**
 * Runs extractMessage on worker threads, one per core by default, so parsing never blocks the caller and
 * both cores work. Crash-proof: a worker that dies (or runs past the time limit) is replaced; the message it
 * was on gets an issue instead of an answer, and the other messages it held are retried once elsewhere.
 * Messages over the size limit are not parsed at all. `extractStream` keeps a bounded number of messages in
 * flight and yields observations in input order, so memory stays flat on any corpus size.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { FatalIssueCode, Observation } from '../extract/observation.js';
import type { MessageSource } from './sources.js';

export interface PoolOptions {
  /** Worker threads; default: the number of cores. */
  workers?: number;
  ocr?: boolean;
  region?: string;
  /** Messages larger than this are not parsed (issue `too_large`). Default 25 MiB. */
  maxMessageBytes?: number;
  /**
   * Wall-clock limit per message. Default 180 s with OCR (above the attachment reader's own PDF/OCR limits, so
   * that those report their precise issue first), 60 s without.
   */
  timeoutMs?: number;
  /** Messages one worker holds at once (lets OCR waits overlap with parsing). Default 2. */
  jobsPerWorker?: number;
}

export interface ExtractionPool {
  extract(raw: Buffer, source: string, truncatedBytes?: number): Promise<Observation>;
  close(): Promise<void>;
  /** Workers started since creation, replacements included. */
  readonly started: number;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_OCR_TIMEOUT_MS = 180_000;

interface Job {
  id: number;
  raw: Buffer;
  source: string;
  attempts: number;
  resolve: (o: Observation) => void;
  timer: NodeJS.Timeout | null;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  dead: boolean;
}

type WorkerReply = { type: 'done'; id: number; observation: Observation };

function workerEntry(): string {
  const compiled = fileURLToPath(new URL('./worker.js', import.meta.url));
  return existsSync(compiled) ? compiled : fileURLToPath(new URL('./worker.ts', import.meta.url));
}

/**
 * Starts the worker. Compiled .js runs plainly; from TypeScript sources (tests, tsx) a tiny bootstrap
 * registers tsx inside the thread first: Node 20 ignores `--import tsx` in a worker's execArgv here.
 */
function startWorker(entry: string, options: WorkerOptions): Worker {
  if (!entry.endsWith('.ts')) return new Worker(entry, options);
  const api = import.meta.resolve('tsx/esm/api');
  const target = pathToFileURL(entry).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** An observation for a message that could not be extracted at all. */
export function failedObservation(raw: Buffer, source: string, code: FatalIssueCode, message: string): Observation {
  return {
    file: source, id: createHash('sha256').update(raw).digest('hex'), messageId: null, subject: null, from: null,
    fromName: null, fromDomain: null, date: null, lang: null, numbers: [], attachments: [], issues: [{ code, message }],
  };
}

export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

export function createExtractionPool(options: PoolOptions = {}): ExtractionPool {
  const size = Math.max(1, Math.floor(options.workers ?? defaultWorkers()));
  const perWorker = Math.max(1, Math.floor(options.jobsPerWorker ?? 2));
  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const timeoutMs = options.timeoutMs ?? ((options.ocr ?? true) ? DEFAULT_OCR_TIMEOUT_MS : DEFAULT_TIMEOUT_MS);
  const entry = workerEntry();
  const workerData = {
    ocr: options.ocr ?? true,
    region: options.region ?? 'US',
    // OCR child processes per extraction thread, so that all threads together use about one per core.
    attachmentWorkers: Math.max(1, Math.floor(defaultWorkers() / size)),
  };
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let started = 0;
  let closed = false;

  function spawn(): Slot {
    const worker = startWorker(entry, { workerData, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    started += 1;
    const slot: Slot = { worker, jobs: new Map(), dead: false };
    worker.on('message', (reply: WorkerReply) => {
      const job = slot.jobs.get(reply.id);
      if (job === undefined) return;
      slot.jobs.delete(reply.id);
      if (job.timer !== null) clearTimeout(job.timer);
      job.resolve(reply.observation);
      pump();
    });
    const onDeath = (why: string): void => {
      if (slot.dead) return;
      slot.dead = true;
      replace(slot, why);
    };
    worker.on('error', (error) => onDeath(`worker crashed: ${error.message}`));
    worker.on('exit', (code) => onDeath(`worker exited with code ${code}`));
    return slot;
  }

  /** Retries the dead worker's messages once each; a message that already had its retry gets an issue. */
  function replace(slot: Slot, why: string, culprit?: Job): void {
    const index = slots.indexOf(slot);
    for (const job of slot.jobs.values()) {
      if (job.timer !== null) clearTimeout(job.timer);
      if (job === culprit) continue;
      if (job.attempts >= 2 || closed) job.resolve(failedObservation(job.raw, job.source, 'worker_crashed', `${why}; the message was not extracted`));
      else queue.unshift(job);
    }
    slot.jobs.clear();
    if (index >= 0) {
      if (closed) slots.splice(index, 1);
      else slots[index] = spawn();
    }
    pump();
  }

  function dispatch(slot: Slot, job: Job): void {
    job.attempts += 1;
    slot.jobs.set(job.id, job);
    job.timer = setTimeout(() => {
      job.resolve(failedObservation(job.raw, job.source, 'timeout', `extraction took longer than ${timeoutMs} ms and was stopped`));
      slot.dead = true;
      void slot.worker.terminate();
      replace(slot, 'worker stopped after a timeout', job);
    }, timeoutMs);
    job.timer.unref();
    // A copy the worker owns (transferred, not cloned again); the caller's buffer stays valid for hashing.
    const copy = new Uint8Array(job.raw.length);
    copy.set(job.raw);
    slot.worker.postMessage({ type: 'extract', id: job.id, source: job.source, raw: copy }, [copy.buffer]);
  }

  function pump(): void {
    while (queue.length > 0) {
      const free = slots.filter((s) => !s.dead && s.jobs.size < perWorker).sort((a, b) => a.jobs.size - b.jobs.size)[0];
      if (free === undefined) return;
      dispatch(free, queue.shift()!);
    }
  }

  for (let i = 0; i < size; i += 1) slots.push(spawn());

  return {
    get started() {
      return started;
    },
    extract(raw: Buffer, source: string, truncatedBytes = 0): Promise<Observation> {
      if (closed) return Promise.resolve(failedObservation(raw, source, 'pool_closed', 'the extraction pool was closed'));
      if (truncatedBytes > 0 || raw.length > maxBytes) {
        const total = raw.length + truncatedBytes;
        return Promise.resolve(failedObservation(raw, source, 'too_large', `message of ${total} bytes is over the limit of ${maxBytes} bytes; not parsed`));
      }
      return new Promise<Observation>((resolve) => {
        queue.push({ id: nextId++, raw, source, attempts: 0, resolve, timer: null });
        pump();
      });
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all(
        slots.map(async (slot) => {
          slot.dead = true;
          slot.worker.postMessage({ type: 'close' });
          const exited = new Promise<void>((done) => slot.worker.once('exit', () => done()));
          const timer = setTimeout(() => void slot.worker.terminate(), 5_000);
          await exited;
          clearTimeout(timer);
        }),
      );
      for (const job of queue.splice(0)) job.resolve(failedObservation(job.raw, job.source, 'pool_closed', 'the extraction pool was closed'));
    },
  };
}

/**
 * Extracts every message of `sources` through `pool`, yielding observations in input order with at most
 * `maxInFlight` messages read but not yet yielded (flat memory however large the corpus).
 */
export async function* extractStream(
  pool: Pick<ExtractionPool, 'extract'>,
  sources: AsyncIterable<MessageSource>,
  maxInFlight = 64,
): AsyncGenerator<Observation> {
  const pending: Promise<Observation>[] = [];
  for await (const message of sources) {
    pending.push(pool.extract(message.raw, message.source, message.truncatedBytes));
    if (pending.length >= maxInFlight) yield await pending.shift()!;
  }
  while (pending.length > 0) yield await pending.shift()!;
}
