import { createHash } from 'node:crypto';
import { GenerationCache } from '../graph/generation-cache.js';

/** One kept answer: the JSON body as sent, and its validator for conditional requests. */
export interface CachedResponse {
  body: Buffer;
  etag: string;
}

export interface ResponseCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  /** Answers not kept because the graph changed while they were being computed. */
  discarded: number;
  /** Times the whole cache was dropped because the graph changed. */
  invalidations: number;
  generation: number;
}

export interface ResponseCacheOptions {
  /** Total size of kept bodies and keys; the least recently used answers go first. */
  maxBytes: number;
  /** The oldest answer served; bounds staleness from writes the graph watcher cannot see. */
  maxAgeMs: number;
  now?: () => number;
}

const entryOverheadBytes = 200;

/**
 * Answers of the read-only API kept in memory between graph changes. Every answer is a function of the graph
 * and the request URL (one token, one view: nothing per user), so it stays right until the graph changes;
 * `invalidate()` (called by the graph watcher) drops everything. An answer computed across a change is not
 * kept: `set` takes the generation seen when the request started (src/graph/generation-cache.ts).
 */
export class ResponseCache {
  readonly #kept: GenerationCache<CachedResponse>;
  // Counted here rather than by look-ups: every GET is looked up, but only answers of the kept routes are
  // misses (each one computed and offered to `set`).
  #hits = 0;
  #misses = 0;

  constructor(options: ResponseCacheOptions) {
    this.#kept = new GenerationCache<CachedResponse>({
      maxSize: options.maxBytes,
      maxAgeMs: options.maxAgeMs,
      sizeOf: (key, entry) => entry.body.length + key.length * 2 + entry.etag.length * 2 + entryOverheadBytes,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  get generation(): number {
    return this.#kept.generation;
  }

  get(key: string): CachedResponse | undefined {
    const hit = this.#kept.get(key);
    if (hit !== undefined) this.#hits += 1;
    return hit;
  }

  /** Keeps `body` under `key` unless the graph changed since `generation` was read; returns its validator either way. */
  set(key: string, body: Buffer, generation: number): CachedResponse {
    const entry: CachedResponse = { body, etag: etagOf(body) };
    this.#misses += 1;
    this.#kept.set(key, entry, generation);
    return entry;
  }

  invalidate(): void {
    this.#kept.invalidate();
  }

  stats(): ResponseCacheStats {
    const { size, maxSize, hits: _lookupHits, misses: _lookupMisses, ...rest } = this.#kept.stats();
    return { ...rest, hits: this.#hits, misses: this.#misses, bytes: size, maxBytes: maxSize };
  }
}

/** A weak validator like Express's own (length and hash of the body), computed once per kept answer. */
export function etagOf(body: Buffer): string {
  return `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64').slice(0, 27)}"`;
}
