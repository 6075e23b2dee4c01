/**
 * The nasty-message corpus (test/hostile/corpus.ts) through extraction: in-process, each message ends within
 * its time and memory budget, records an issue that names what was wrong, and still yields the marker number
 * where the format lets it through; through the worker pool, a batch that mixes every hostile message with
 * healthy ones goes on and every healthy message keeps its number.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAttachmentWorkers } from '../../src/extract/attachments/index.js';
import { extractMessage } from '../../src/extract/index.js';
import { createExtractionPool, DEFAULT_MAX_MESSAGE_BYTES, extractStream } from '../../src/ingest/pool.js';
import type { MessageSource } from '../../src/ingest/sources.js';
import { buildHostileCorpus, healthyMessage, MARKER_E164, type HostileCase } from './corpus.js';

/** Far above what any case needs on a busy 2-core machine (worst seen ~2 s), far below the pool's 60 s limit. */
const CASE_TIME_LIMIT_MS = 20_000;
/** Heap growth one message may cause (the largest case is a 37 MB message). */
const CASE_HEAP_LIMIT_BYTES = 512 * 1024 * 1024;

let corpus: HostileCase[] = [];

beforeAll(async () => {
  corpus = await buildHostileCorpus();
}, 60_000);

afterAll(async () => {
  await closeAttachmentWorkers();
});

function codes(issues: { code: string }[]): string[] {
  return issues.map((issue) => issue.code);
}

describe('hostile corpus, in-process', () => {
  // One test per case, so a failure names the case. Built lazily: the corpus exists only after beforeAll.
  const names = ['truncated-mime', 'mis-nested-mime', 'unknown-charset', 'wrong-charset', 'header-flood', '10000-parts', 'nested-rfc822',
    'base64-garbage', 'nul-bytes', 'oversized-attachment', 'zip-bomb', 'zip-entry-flood', 'png-pixel-bomb', 'jpeg-pixel-bomb', 'gif-pixel-bomb',
    'heic-lies-large', 'heic-lies-boxes', 'pdf-cyclic-pages', 'pdf-xref-loop', 'pdf-encrypted', 'pdf-javascript', 'long-line', 'subject-cypher', 'subject-html',
    'subject-escapes', 'subject-9kb', 'subject-folded-long', 'message-id-10000', 'sender-domain-9763', 'all-headers-long', 'attachment-name-long'];

  it('has one test per corpus case, covering every kind of nasty input issue 9 lists', () => {
    expect(corpus.map((c) => c.name).sort()).toEqual([...names].sort());
  });

  it.each(names)('%s: ends in time and memory, names the problem, keeps what can be read', async (name) => {
    const c = corpus.find((entry) => entry.name === name);
    expect(c, `corpus case ${name}`).toBeDefined();
    const hostile = c!;
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const observation = await extractMessage(hostile.raw, `${hostile.name}.eml`, { ocr: hostile.ocr ?? false });
    const elapsed = performance.now() - started;

    expect(elapsed).toBeLessThan(CASE_TIME_LIMIT_MS);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(CASE_HEAP_LIMIT_BYTES);
    expect(observation.id).toBe(createHash('sha256').update(hostile.raw).digest('hex'));
    expect(observation.file).toBe(`${hostile.name}.eml`);
    for (const issue of observation.issues) expect(issue.code).toMatch(/^[a-z0-9_]+$/);
    if (hostile.expectIssues.length > 0) {
      expect(codes(observation.issues).some((code) => hostile.expectIssues.includes(code)), `issues ${codes(observation.issues).join(',')}`).toBe(true);
    } else {
      expect(observation.issues).toEqual([]);
    }
    if (hostile.expectSubject !== undefined) expect(observation.subject).toBe(hostile.expectSubject);
    const numbers = observation.numbers.map((n) => n.e164);
    if (hostile.keepsMarker !== false) expect(numbers).toContain(MARKER_E164);
    // The observation crosses a thread boundary and becomes JSON: it must survive both unchanged.
    expect(JSON.parse(JSON.stringify(observation))).toEqual(observation);
  });

  it('keeps subjects with Cypher, HTML and escape sequences as data, byte for byte', async () => {
    for (const c of corpus.filter((entry) => entry.name.startsWith('subject-'))) {
      const observation = await extractMessage(c.raw, c.name, { ocr: false });
      expect(observation.subject).toBe(c.expectSubject);
    }
  });
});

async function* sourcesOf(list: { source: string; raw: Buffer }[]): AsyncGenerator<MessageSource> {
  for (const { source, raw } of list) yield { source, raw, truncatedBytes: 0 };
}

describe('hostile corpus through the worker pool', () => {
  it('a batch mixing every hostile message with healthy ones goes on: every healthy message keeps its number', { timeout: 180_000 }, async () => {
    const batch: { source: string; raw: Buffer; hostile?: HostileCase }[] = [];
    corpus.forEach((hostile, index) => {
      batch.push({ source: `healthy-${index}.eml`, raw: healthyMessage(index) });
      batch.push({ source: `${hostile.name}.eml`, raw: hostile.raw, hostile });
    });
    batch.push({ source: 'healthy-last.eml', raw: healthyMessage(999) });

    const pool = createExtractionPool({ workers: 2, ocr: true, region: 'US', timeoutMs: 60_000 });
    const seen: string[] = [];
    try {
      for await (const observation of extractStream(pool, sourcesOf(batch), 8)) {
        const item = batch[seen.length]!;
        seen.push(observation.file);
        expect(observation.file).toBe(item.source);
        expect(codes(observation.issues)).not.toContain('timeout');
        expect(codes(observation.issues)).not.toContain('worker_crashed');
        if (item.hostile === undefined) {
          expect(observation.numbers.map((n) => n.e164)).toEqual([MARKER_E164]);
          expect(observation.issues).toEqual([]);
        } else {
          // Messages over the pool's size limit are refused before parsing, with their own code.
          const expected = item.raw.length > DEFAULT_MAX_MESSAGE_BYTES ? ['too_large'] : item.hostile.expectIssues;
          if (expected.length > 0) expect(codes(observation.issues).some((code) => expected.includes(code)), `${item.source}: ${codes(observation.issues).join(',')}`).toBe(true);
        }
      }
    } finally {
      await pool.close();
    }
    expect(seen).toEqual(batch.map((item) => item.source));
  });
});
