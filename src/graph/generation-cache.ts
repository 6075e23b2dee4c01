/**
 * Values computed from the graph, kept until the graph changes: a least-recently-used map bounded by a size
 * (bytes, entries: whatever `sizeOf` measures), with an age limit and a generation. `invalidate()` drops
 * everything and starts a new generation; `set` takes the generation read when the computation started
 * and refuses a value computed across an invalidation, which would describe the graph before the change.
 * Used for the API's kept answers (src/server/response-cache.ts) and the reputation's block data.
 */
export interface GenerationCacheStats {
  entries: number;
  size: number;
  maxSize: number;
  hits: number;
  misses: number;
  /** Values not kept because the graph changed while they were being computed. */
  discarded: number;
  invalidations: number;
  generation: number;
}

export interface GenerationCacheOptions<V> {
  maxSize: number;
  /** The largest single value kept (default: a sixteenth of maxSize, so one value cannot flush the rest). */
  maxEntrySize?: number;
  maxAgeMs: number;
  sizeOf: (key: string, value: V) => number;
  now?: () => number;
}

interface Entry<V> {
  value: V;
  size: number;
  storedAt: number;
}

export class GenerationCache<V> {
  // A Map's insertion order is its recency order (a hit is re-inserted at the end): evicting from the front
  // is least-recently-used. Small enough that a dependency would add more than it saves.
  readonly #entries = new Map<string, Entry<V>>();
  readonly #options: Required<Omit<GenerationCacheOptions<V>, 'now'>> & { now: () => number };
  #size = 0;
  #generation = 0;
  #hits = 0;
  #misses = 0;
  #discarded = 0;
  #invalidations = 0;

  constructor(options: GenerationCacheOptions<V>) {
    this.#options = { maxEntrySize: Math.floor(options.maxSize / 16), now: Date.now, ...options };
  }

  get generation(): number {
    return this.#generation;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      this.#misses += 1;
      return undefined;
    }
    this.#entries.delete(key);
    if (this.#options.now() - entry.storedAt > this.#options.maxAgeMs) {
      this.#size -= entry.size;
      this.#misses += 1;
      return undefined;
    }
    this.#entries.set(key, entry);
    this.#hits += 1;
    return entry.value;
  }

  /** Keeps `value` unless the graph changed since `generation` was read (or it is too big); true if kept. */
  set(key: string, value: V, generation: number): boolean {
    if (generation !== this.#generation) {
      this.#discarded += 1;
      return false;
    }
    const size = this.#options.sizeOf(key, value);
    if (size > this.#options.maxEntrySize) return false;
    const previous = this.#entries.get(key);
    if (previous !== undefined) {
      this.#entries.delete(key);
      this.#size -= previous.size;
    }
    this.#entries.set(key, { value, size, storedAt: this.#options.now() });
    this.#size += size;
    for (const [oldKey, old] of this.#entries) {
      if (this.#size <= this.#options.maxSize) break;
      this.#entries.delete(oldKey);
      this.#size -= old.size;
    }
    return true;
  }

  /** The graph changed: forget every value, and refuse those still being computed from before. */
  invalidate(): void {
    this.#entries.clear();
    this.#size = 0;
    this.#generation += 1;
    this.#invalidations += 1;
  }

  stats(): GenerationCacheStats {
    return {
      entries: this.#entries.size,
      size: this.#size,
      maxSize: this.#options.maxSize,
      hits: this.#hits,
      misses: this.#misses,
      discarded: this.#discarded,
      invalidations: this.#invalidations,
      generation: this.#generation,
    };
  }
}
