/**
 * npm run fuzz:report [-- --cases 2000] [--seed 20260309] [--json]
 *
 * Hostile input, measured: the whole nasty corpus (test/hostile/corpus.ts) plus --cases fast-check cases
 * (generated MIME trees, raw bytes, messages with hostile attachments; a quarter each, the last quarter as
 * text for the phone finder) run one at a time in this process, through the public entry points. Prints how
 * many cases ran, the worst wall time per message and the worst heap / RSS growth per message, each with the
 * case that caused it, and every case that threw or broke its limit (there should be none).
 * Memory: the heap is collected before each case, so "heap growth" is what one message allocated (JS heap
 * plus ArrayBuffers: buffers and typed arrays live outside the JS heap) and had not yet freed when it
 * finished, "RSS growth" the resident set it added, and "peak RSS rise" how far it pushed the process's
 * high-water mark. PDF/OCR work runs in child processes (their own limits: killed past pdfTimeoutMs /
 * ocrTimeoutMs) and is not counted here.
 */
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { closeAttachmentWorkers, extractAttachmentTexts } from '../src/extract/attachments/index.js';
import { extractMessage, findPhonesInText } from '../src/extract/index.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../src/ingest/pool.js';
import { attachmentBytes, MARKER_TEXT, mimeMessage, nastyString, phoneishText } from '../test/hostile/arbitraries.js';
import { buildHostileCorpus } from '../test/hostile/corpus.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const cases = arg('cases', 2000);
const seed = arg('seed', 20_260_309);
const json = process.argv.includes('--json');
/** The pool's limits for a message without OCR (src/ingest/pool.ts) and its worker heap cap. */
const TIME_LIMIT_MS = 60_000;
const HEAP_LIMIT_BYTES = 2048 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

interface Measured {
  name: string;
  bytes: number;
  ms: number;
  heapGrowth: number;
  rssGrowth: number;
  peakRssRise: number;
  error?: string;
}

async function measure(name: string, bytes: number, run: () => Promise<unknown> | unknown): Promise<Measured> {
  collect();
  const before = process.memoryUsage();
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const started = performance.now();
  let error: string | undefined;
  try {
    await run();
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const ms = performance.now() - started;
  const after = process.memoryUsage();
  return {
    name, bytes, ms,
    heapGrowth: after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers,
    rssGrowth: after.rss - before.rss,
    peakRssRise: process.resourceUsage().maxRSS * 1024 - peakBefore,
    ...(error ? { error } : {}),
  };
}

function withSiblings(siblings: { type: string; filename: string; content: Buffer }[], index: number): Buffer {
  const boundary = `=_fuzz_${index}_${'q'.repeat(12)}`;
  const parts = siblings.map((s) =>
    [`--${boundary}`, `Content-Type: ${s.type}; name="${s.filename}"`, `Content-Disposition: attachment; filename="${s.filename}"`,
      'Content-Transfer-Encoding: base64', '', (s.content.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n')].join('\r\n'));
  return Buffer.from(['From: a@hostile.example', 'Subject: s', 'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${boundary}"`, '',
    `--${boundary}`, 'Content-Type: text/plain', '', MARKER_TEXT, ...parts, `--${boundary}--`, ''].join('\r\n'), 'latin1');
}

const say = (line: string): void => {
  if (!json) process.stderr.write(`${line}\n`);
};

const results: Measured[] = [];
say('building the nasty corpus…');
const corpus = await buildHostileCorpus();
for (const hostile of corpus) {
  // Messages over the pool's size limit never reach the parser in real runs; measure them anyway.
  results.push(await measure(`corpus:${hostile.name}`, hostile.raw.length, () => extractMessage(hostile.raw, hostile.name, { ocr: hostile.ocr ?? false })));
}
say(`corpus: ${corpus.length} messages done`);

const quarter = Math.max(1, Math.floor(cases / 4));
const sibling = fc.record({
  type: fc.constantFrom('application/pdf', 'image/png', 'application/zip', 'text/html', 'application/octet-stream', 'message/rfc822'),
  filename: nastyString(40).map((name) => name.replace(/["\r\n\\]/g, '_') || 'x'),
  content: attachmentBytes,
});
const generated: [string, fc.Arbitrary<unknown>][] = [
  ['mime', mimeMessage],
  ['bytes', fc.uint8Array({ maxLength: 16_384 }).map((b) => Buffer.from(b))],
  ['attachments', fc.array(sibling, { maxLength: 6 })],
  ['finder', phoneishText],
];
for (const [kind, arbitrary] of generated) {
  const values = fc.sample(arbitrary, { numRuns: quarter, seed });
  let index = 0;
  for (const value of values) {
    index += 1;
    const name = `fuzz:${kind}#${index}`;
    if (kind === 'finder') {
      const text = value as string;
      results.push(await measure(name, text.length, () => findPhonesInText(text, { where: 'body', regions: ['US', 'DE'] })));
    } else {
      const raw = kind === 'attachments' ? withSiblings(value as { type: string; filename: string; content: Buffer }[], index) : (value as Buffer);
      results.push(await measure(name, raw.length, () => extractMessage(raw, name, { ocr: false })));
    }
    if (index % 250 === 0) say(`${kind}: ${index}/${values.length}`);
  }
}
// Attachment dispatch directly, on the same hostile siblings (ZIP, PDF, image headers).
for (const [index, files] of fc.sample(fc.array(sibling, { maxLength: 6 }), { numRuns: Math.min(quarter, 200), seed: seed + 1 }).entries()) {
  results.push(await measure(`fuzz:dispatch#${index + 1}`, files.reduce((n, f) => n + f.content.length, 0), () => extractAttachmentTexts(files, { ocr: false })));
}
await closeAttachmentWorkers();

const worst = (key: 'ms' | 'heapGrowth' | 'rssGrowth' | 'peakRssRise'): Measured => results.reduce((a, b) => (b[key] > a[key] ? b : a));
const failures = results.filter((r) => r.error !== undefined || r.ms > TIME_LIMIT_MS || r.heapGrowth > HEAP_LIMIT_BYTES);
const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const report = {
  casesRun: results.length,
  corpusCases: corpus.length,
  fuzzCases: results.length - corpus.length,
  seed,
  worstTime: { case: worst('ms').name, ms: Math.round(worst('ms').ms), bytes: worst('ms').bytes },
  worstHeapGrowth: { case: worst('heapGrowth').name, bytes: worst('heapGrowth').heapGrowth, messageBytes: worst('heapGrowth').bytes },
  worstRssGrowth: { case: worst('rssGrowth').name, bytes: worst('rssGrowth').rssGrowth, messageBytes: worst('rssGrowth').bytes },
  worstPeakRssRise: { case: worst('peakRssRise').name, bytes: worst('peakRssRise').peakRssRise, messageBytes: worst('peakRssRise').bytes },
  peakRss: process.resourceUsage().maxRSS * 1024,
  loadAverage: loadavg()[0]!,
  worstFuzzTime: (() => {
    const fuzz = results.filter((r) => r.name.startsWith('fuzz:'));
    const w = fuzz.reduce((a, b) => (b.ms > a.ms ? b : a), fuzz[0]!);
    return { case: w.name, ms: Math.round(w.ms) };
  })(),
  limits: { timeMs: TIME_LIMIT_MS, heapBytes: HEAP_LIMIT_BYTES, maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES },
  failures: failures.map((f) => ({ case: f.name, ms: Math.round(f.ms), error: f.error ?? null })),
};
if (json) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  const lines = [
    `cases run: ${report.casesRun} (${report.corpusCases} nasty-corpus messages + ${report.fuzzCases} fast-check cases, seed ${seed})`,
    `worst wall time per message: ${report.worstTime.ms} ms (${report.worstTime.case}, ${mib(report.worstTime.bytes)}); limit ${TIME_LIMIT_MS} ms`,
    `worst wall time of a fuzz case: ${report.worstFuzzTime.ms} ms (${report.worstFuzzTime.case})`,
    `worst heap + buffers growth per message: ${mib(report.worstHeapGrowth.bytes)} (${report.worstHeapGrowth.case}, message ${mib(report.worstHeapGrowth.messageBytes)}); worker heap cap ${mib(HEAP_LIMIT_BYTES)}`,
    `worst RSS growth per message: ${mib(report.worstRssGrowth.bytes)} (${report.worstRssGrowth.case}, message ${mib(report.worstRssGrowth.messageBytes)})`,
    `worst peak-RSS rise per message: ${mib(report.worstPeakRssRise.bytes)} (${report.worstPeakRssRise.case}); process peak RSS ${mib(report.peakRss)}`,
    `machine load average (1 min) at the end: ${report.loadAverage.toFixed(1)} (times grow with it)`,
    `threw or broke a limit: ${failures.length}${failures.length ? ` - ${failures.map((f) => f.name).join(', ')}` : ''}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
if (failures.length > 0) process.exitCode = 1;
