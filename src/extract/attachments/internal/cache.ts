/**
 * OCR and PDF outcomes by content hash, shared by every message this module instance reads (LRU, 5000 entries).
 * Private to src/extract/attachments: index.ts is its door.
 */
import type { ObservationIssue } from '../../observation.js';

export type Outcome = { text: string; issues: ObservationIssue[] };

/** Results by content hash: a campaign sends the same image or PDF thousands of times; read it once. */
const MAX_CACHED = 5000;
const cache = new Map<string, { filename: string; outcome: Promise<Outcome> }>();

/** Issue messages name the file they were first seen in; a cache hit names its own file instead. */
function renamed(outcome: Outcome, from: string, to: string): Outcome {
  if (from === to || outcome.issues.length === 0) return outcome;
  const issues = outcome.issues.map((found) =>
    found.message.startsWith(`${from}: `) ? { ...found, message: `${to}: ${found.message.slice(from.length + 2)}` } : found,
  );
  return { text: outcome.text, issues };
}

/**
 * Timeouts (the machine may just be busy) and closed workers are not facts about the file: those outcomes
 * are not kept, so the next sighting tries again. Crashes are kept: the same bytes would crash again.
 */
function worthKeeping(outcome: Outcome): boolean {
  return !outcome.issues.some((found) => found.code.endsWith('_timeout') || /workers (are|were) closed/.test(found.message));
}

export function cached(key: string, filename: string, compute: () => Promise<Outcome>): Promise<Outcome> {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // re-insert: Map order is the LRU order
    cache.set(key, hit);
    return hit.outcome.then((outcome) => renamed(outcome, hit.filename, filename));
  }
  const outcome = compute();
  const entry = { filename, outcome };
  cache.set(key, entry);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  void outcome.then((done) => {
    if (!worthKeeping(done) && cache.get(key) === entry) cache.delete(key);
  });
  return outcome;
}

/** Forgets cached OCR/PDF results (the benchmark measures cold and warm runs). */
export function clearAttachmentCache(): void {
  cache.clear();
}

