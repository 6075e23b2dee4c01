import { afterAll, describe, expect, it } from 'vitest';
import { closeAttachmentWorkers } from '../../src/extract/attachments/index.js';
import { extractMessage } from '../../src/extract/index.js';
import { createExtractionPool, extractStream } from '../../src/ingest/pool.js';
import type { MessageSource } from '../../src/ingest/sources.js';
import { base64Windows1252, forwardedMessage, htmlSplitNumber, malformedMessage } from '../fixtures/extract/messages.js';

afterAll(async () => {
  await closeAttachmentWorkers();
});

const fixtures: [string, Buffer][] = [
  ['html.eml', htmlSplitNumber()],
  ['fr.eml', base64Windows1252()],
  ['fwd.eml', forwardedMessage()],
  ['bad.eml', malformedMessage()],
];

async function* sourcesOf(list: [string, Buffer][]): AsyncGenerator<MessageSource> {
  for (const [source, raw] of list) yield { source, raw, truncatedBytes: 0 };
}

describe('createExtractionPool', () => {
  it('gives the same observations as extractMessage in-process, in input order through extractStream', async () => {
    const pool = createExtractionPool({ workers: 2, ocr: false, region: 'US' });
    try {
      // Many copies, few in flight: order must follow input although workers finish in any order.
      const many = Array.from({ length: 24 }, (_, i) => fixtures[i % fixtures.length]!).map(([s, raw], i): [string, Buffer] => [`${i}-${s}`, raw]);
      const seen: string[] = [];
      for await (const o of extractStream(pool, sourcesOf(many), 5)) seen.push(o.file);
      expect(seen).toEqual(many.map(([s]) => s));

      for (const [source, raw] of fixtures) {
        const inPool = await pool.extract(raw, source);
        const local = await extractMessage(raw, source, { ocr: false, region: 'US' });
        expect(inPool).toEqual(local);
      }
    } finally {
      await pool.close();
    }
  });

  it('does not parse a message over the size limit, and reports it', async () => {
    const pool = createExtractionPool({ workers: 1, ocr: false, maxMessageBytes: 100 });
    try {
      const o = await pool.extract(htmlSplitNumber(), 'big.eml');
      expect(o.issues.map((i) => i.code)).toEqual(['too_large']);
      expect(o.numbers).toEqual([]);
      expect(o.id).toMatch(/^[0-9a-f]{64}$/);
      const truncated = await pool.extract(Buffer.from('Subject: x\r\n\r\n'), 'cut.mbox#1', 5000);
      expect(truncated.issues.map((i) => i.code)).toEqual(['too_large']);
    } finally {
      await pool.close();
    }
  });

  it('stops a message that runs past the time limit, replaces the worker and keeps going', async () => {
    const pool = createExtractionPool({ workers: 1, ocr: false, timeoutMs: 1 });
    try {
      const first = await pool.extract(htmlSplitNumber(), 'slow.eml');
      expect(first.issues.map((i) => i.code)).toEqual(['timeout']);
      const second = await pool.extract(forwardedMessage(), 'next.eml');
      expect(second.file).toBe('next.eml');
      expect(pool.started).toBeGreaterThanOrEqual(2);
    } finally {
      await pool.close();
    }
  });

  it('answers with an issue after close instead of hanging', async () => {
    const pool = createExtractionPool({ workers: 1, ocr: false });
    await pool.close();
    const o = await pool.extract(forwardedMessage(), 'late.eml');
    expect(o.issues.map((i) => i.code)).toEqual(['pool_closed']);
  });
});
