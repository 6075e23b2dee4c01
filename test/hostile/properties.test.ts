/**
 * Property-based tests (fast-check, fixed seed) of extraction's entry points on hostile input: whole messages
 * from raw bytes and from generated MIME trees, the phone finder, and attachment dispatch. Whatever the
 * input: no exception escapes, the call ends within its time limit, one well-formed observation per message.
 * `npm test` runs a bounded number of cases; `npm run soak` (CALLHOUND_SOAK=1) runs 50 times as many.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAttachmentWorkers, extractAttachmentTexts } from '../../src/extract/attachments/index.js';
import { extractMessage, findPhonesInText, type Observation } from '../../src/extract/index.js';
import { attachmentBytes, FUZZ_SEED, fuzzRuns, MARKER_TEXT, mimeMessage, nastyString, phoneishText, SOAK } from './arbitraries.js';

afterAll(async () => {
  await closeAttachmentWorkers();
});

/** Per message without OCR: far under the pool's 60 s limit, far over anything seen (~1 s on a busy machine). */
const MESSAGE_LIMIT_MS = 10_000;
const FINDER_LIMIT_MS = 3_000;
const TEST_TIMEOUT_MS = SOAK ? 3_600_000 : 120_000;
const MARKER_E164 = '+18885550123';

function params(runs: number): fc.Parameters<unknown> {
  return { numRuns: fuzzRuns(runs), seed: FUZZ_SEED, endOnFailure: true };
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

function expectWellFormed(observation: Observation, raw: Buffer, source: string): void {
  expect(observation.file).toBe(source);
  expect(observation.id).toBe(createHash('sha256').update(raw).digest('hex'));
  expect(Array.isArray(observation.numbers) && Array.isArray(observation.attachments) && Array.isArray(observation.issues)).toBe(true);
  for (const issue of observation.issues) {
    expect(issue.code).toMatch(/^[a-z0-9_]+$/);
    expect(typeof issue.message).toBe('string');
  }
  for (const number of observation.numbers) {
    expect(number.e164).toMatch(/^\+[1-9]\d{6,14}$/);
    expect(number.confidence).toBeGreaterThanOrEqual(0);
    expect(number.confidence).toBeLessThanOrEqual(1);
  }
  // The pool sends observations between threads and the CLI prints them as JSON: both must be lossless.
  expect(JSON.parse(JSON.stringify(observation))).toEqual(observation);
}

describe('extractMessage on arbitrary input', () => {
  it('raw bytes: never throws, ends in time, one well-formed observation with an issue', { timeout: TEST_TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 16_384 }), async (bytes) => {
        const raw = Buffer.from(bytes);
        const { value, ms } = await timed(() => extractMessage(raw, 'random.bin', { ocr: false }));
        expect(ms).toBeLessThan(MESSAGE_LIMIT_MS);
        expectWellFormed(value, raw, 'random.bin');
        // Random bytes are no e-mail: the observation must say so.
        expect(value.issues.length).toBeGreaterThan(0);
      }),
      params(300),
    );
  });

  it('generated MIME trees (any nesting, types, charsets, encodings, broken boundaries, cut anywhere)', { timeout: TEST_TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(mimeMessage, async (raw) => {
        const { value, ms } = await timed(() => extractMessage(raw, 'mime.eml', { ocr: false }));
        expect(ms).toBeLessThan(MESSAGE_LIMIT_MS);
        expectWellFormed(value, raw, 'mime.eml');
      }),
      params(300),
    );
  });

  it('the number in a healthy text part survives any hostile attachments beside it', { timeout: TEST_TIMEOUT_MS }, async () => {
    const sibling = fc.record({
      type: fc.constantFrom('application/pdf', 'image/png', 'image/heic', 'application/zip', 'text/html', 'application/octet-stream', 'message/rfc822', 'garbage'),
      filename: nastyString(40).map((name) => name.replace(/["\r\n\\]/g, '_') || 'x'),
      content: attachmentBytes,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(sibling, { maxLength: 6 }), async (siblings) => {
        const boundary = `=_hostile_${createHash('sha256').update(JSON.stringify(siblings.map((s) => s.filename))).digest('hex').slice(0, 24)}`;
        const parts = siblings.map((s) =>
          [`--${boundary}`, `Content-Type: ${s.type}; name="${s.filename}"`, `Content-Disposition: attachment; filename="${s.filename}"`,
            'Content-Transfer-Encoding: base64', '', (s.content.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n')].join('\r\n'));
        const raw = Buffer.from(['From: a@hostile.example', 'Subject: s', 'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${boundary}"`, '',
          `--${boundary}`, 'Content-Type: text/plain; charset=utf-8', '', MARKER_TEXT, ...parts, `--${boundary}--`, ''].join('\r\n'), 'latin1');
        const { value, ms } = await timed(() => extractMessage(raw, 'mixed.eml', { ocr: false }));
        expect(ms).toBeLessThan(MESSAGE_LIMIT_MS);
        expectWellFormed(value, raw, 'mixed.eml');
        expect(value.numbers.map((n) => n.e164)).toContain(MARKER_E164);
      }),
      params(100),
    );
  });
});

describe('findPhonesInText on arbitrary text', () => {
  it('never throws, ends in time, reports valid numbers whose raw text is in the input', { timeout: TEST_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(phoneishText, fc.constantFrom<string[]>(['US'], ['BR', 'US'], ['DE'], ['IN', 'GB']), (text, regions) => {
        const started = performance.now();
        const found = findPhonesInText(text, { where: 'body', regions });
        expect(performance.now() - started).toBeLessThan(FINDER_LIMIT_MS);
        for (const finding of found) {
          expect(finding.e164).toMatch(/^\+[1-9]\d{6,14}$/);
          expect(text).toContain(finding.raw);
          expect(finding.confidence).toBeGreaterThan(0);
          expect(finding.confidence).toBeLessThanOrEqual(1);
        }
      }),
      params(1000),
    );
  });
});

describe('attachment dispatch on arbitrary files', () => {
  const input = fc.record({
    filename: fc.option(nastyString(60), { nil: undefined }),
    contentType: fc.option(fc.oneof(fc.constantFrom('application/pdf', 'image/png', 'image/jpeg', 'image/heic', 'application/zip', 'text/html',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document'), nastyString(40)), { nil: undefined }),
    content: attachmentBytes,
  });

  it('never throws, ends in time, lists every file, names the file in each of its issues', { timeout: TEST_TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(input, { maxLength: 5 }), async (files) => {
        const { value, ms } = await timed(() => extractAttachmentTexts(files.map((f) => ({ ...f })), { ocr: false, limits: { pdfTimeoutMs: 8_000 } }));
        expect(ms).toBeLessThan(MESSAGE_LIMIT_MS);
        expect(value.attachments.filter((a) => a.parent === undefined)).toHaveLength(files.length);
        for (const issue of value.issues) {
          expect(issue.code).toMatch(/^[a-z0-9_]+$/);
          if (issue.code !== 'too_many_attachments') expect(value.attachments.some((a) => issue.message.startsWith(`${a.filename}: `) || issue.message.startsWith(`${a.parent}: `))).toBe(true);
        }
      }),
      params(200),
    );
  });

  it('with OCR on, broken image files become issues, never a crash of the caller', { timeout: TEST_TIMEOUT_MS }, async () => {
    const image = fc
      .tuple(fc.constantFrom('\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x40\0\0\0\x20', '\xff\xd8\xff\xe0', 'GIF89a\x40\0\x20\0', '\0\0\0\x18ftypheic'), fc.uint8Array({ minLength: 16, maxLength: 1024 }))
      .map(([magic, rest]) => Buffer.concat([Buffer.from(magic, 'latin1'), Buffer.from(rest)]));
    await fc.assert(
      fc.asyncProperty(image, async (content) => {
        const { value, ms } = await timed(() => extractAttachmentTexts([{ filename: 'scan', content }], { ocr: true, limits: { ocrTimeoutMs: 15_000 } }));
        expect(ms).toBeLessThan(30_000);
        expect(value.attachments).toHaveLength(1);
        for (const issue of value.issues) expect(issue.message.startsWith('scan: ')).toBe(true);
      }),
      params(6),
    );
  });
});
