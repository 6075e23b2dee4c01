import { createHash } from 'node:crypto';

/** One kept answer: the JSON body as sent, and its validator for conditional requests. */
export interface CachedResponse {
  body: Buffer;
  etag: string;
  storedAt: number;
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

// A Map's insertion order is the recency order (a hit is re-inserted at the end), so evicting from the
// front is least-recently-used. Small enough that a dependency would add more than it saves.
const entryOverheadBytes = 200;

/**
 * Answers of the read-only API kept in memory between graph changes. Every answer is a function of the graph
 * and the request URL (one token, one view: nothing per user), so it stays right until the graph changes;
 * `invalidate()` (called by the graph watcher) drops everything. An answer computed across a change is not
 * kept: `set` takes the generation seen when the request started and refuses it if an invalidation came since.
 */
export class ResponseCache {
  readonly #entries = new Map<string, CachedResponse>();
  readonly #maxBytes: number;
  readonly #maxEntryBytes: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  #bytes = 0;
  #generation = 0;
  #hits = 0;
  #misses = 0;
  #discarded = 0;
  #invalidations = 0;

  constructor(options: ResponseCacheOptions) {
    this.#maxBytes = options.maxBytes;
    // No single answer may push out more than a sixteenth of the cache.
    this.#maxEntryBytes = Math.floor(options.maxBytes / 16);
    this.#maxAgeMs = options.maxAgeMs;
    this.#now = options.now ?? Date.now;
  }

  get generation(): number {
    return this.#generation;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      this.#misses += 1;
      return undefined;
    }
    this.#entries.delete(key);
    if (this.#now() - entry.storedAt > this.#maxAgeMs) {
      this.#bytes -= sizeOf(key, entry);
      this.#misses += 1;
      return undefined;
    }
    this.#entries.set(key, entry);
    this.#hits += 1;
    return entry;
  }

  /** Keeps `body` under `key` unless the graph changed since `generation` was read; returns its validator either way. */
  set(key: string, body: Buffer, generation: number): CachedResponse {
    const entry: CachedResponse = { body, etag: etagOf(body), storedAt: this.#now() };
    if (generation !== this.#generation) {
      this.#discarded += 1;
      return entry;
    }
    const size = sizeOf(key, entry);
    if (size > this.#maxEntryBytes) return entry;
    const previous = this.#entries.get(key);
    if (previous !== undefined) {
      this.#entries.delete(key);
      this.#bytes -= sizeOf(key, previous);
    }
    this.#entries.set(key, entry);
    this.#bytes += size;
    for (const [oldKey, old] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldKey);
      this.#bytes -= sizeOf(oldKey, old);
    }
    return entry;
  }

  /** The graph changed: forget every answer, and refuse those still being computed from before. */
  invalidate(): void {
    this.#entries.clear();
    this.#bytes = 0;
    this.#generation += 1;
    this.#invalidations += 1;
  }

  stats(): ResponseCacheStats {
    return {
      entries: this.#entries.size,
      bytes: this.#bytes,
      maxBytes: this.#maxBytes,
      hits: this.#hits,
      misses: this.#misses,
      discarded: this.#discarded,
      invalidations: this.#invalidations,
      generation: this.#generation,
    };
  }
}

function sizeOf(key: string, entry: CachedResponse): number {
  return entry.body.length + key.length * 2 + entry.etag.length * 2 + entryOverheadBytes;
}

/** A weak validator like Express's own (length and hash of the body), computed once per kept answer. */
export function etagOf(body: Buffer): string {
  return `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64').slice(0, 27)}"`;
}
