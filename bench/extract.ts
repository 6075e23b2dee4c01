/**
 * npm run bench:extract [-- --messages 100000] [--workers 2] [--synthetic 3000] [--passes 3]
 *
 * Extraction throughput without OCR, through the worker-thread pool (both cores busy by default):
 *  1. the real sample (../shared/real-sample, skipped when absent): messages/s over the 299 messages;
 *  2. a generated text-only corpus (src/generate, profile talos, attachments none): messages/s, and
 *     precision/recall of the numbers against the generator's ground truth;
 *  3. a long streamed run of --messages messages (the generated files read from disk again and again through
 *     readSources → extractStream), with RSS sampled along the way: memory must stay flat.
 * OCR seconds per image is measured by `npm run bench:ocr` (the attachments pipeline).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeAttachmentWorkers } from '../src/extract/attachments/index.js';
import type { Observation } from '../src/extract/observation.js';
import { createExtractionPool, extractStream, type ExtractionPool } from '../src/ingest/pool.js';
import { readSources, type MessageSource } from '../src/ingest/sources.js';
import { generateCorpus } from '../src/generate/index.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const totalMessages = arg('messages', 100_000);
const workers = arg('workers', 2);
const syntheticCount = arg('synthetic', 3_000);
const passes = arg('passes', 3);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** CPU time of the whole process (main thread and worker threads) in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

interface Rate {
  perSecond: number;
  cpuMsPerMessage: number;
}

function describe(rate: Rate): string {
  const projected = (1000 * workers) / rate.cpuMsPerMessage;
  return `${rate.perSecond.toFixed(0)} messages/s wall clock; ${rate.cpuMsPerMessage.toFixed(2)} CPU ms per message = ${projected.toFixed(0)} messages/s on ${workers} idle cores`;
}

/**
 * Messages/s of the pool over in-memory messages: one warm-up pass, then `passes` timed passes. CPU time per
 * message is reported too: on a shared, loaded machine it tells what the idle cores would do.
 */
async function throughput(pool: ExtractionPool, messages: { source: string; raw: Buffer }[]): Promise<Rate> {
  const run = async (): Promise<void> => {
    const sources = (async function* (): AsyncGenerator<MessageSource> {
      for (const m of messages) yield { ...m, truncatedBytes: 0 };
    })();
    for await (const o of extractStream(pool, sources, 64)) void o;
  };
  await run();
  const started = performance.now();
  const cpuStart = cpuMs();
  for (let p = 0; p < passes; p += 1) await run();
  const count = messages.length * passes;
  return { perSecond: count / ((performance.now() - started) / 1000), cpuMsPerMessage: (cpuMs() - cpuStart) / count };
}

interface TruthLine {
  file: string;
  numbers: { e164: string }[];
}

function accuracy(observations: Map<string, Observation>, truth: TruthLine[]): { precision: number; recall: number; tp: number; fp: number; fn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const t of truth) {
    const want = new Set(t.numbers.map((n) => n.e164));
    const got = new Set((observations.get(t.file)?.numbers ?? []).map((n) => n.e164));
    for (const g of got) if (want.has(g)) tp += 1; else fp += 1;
    for (const w of want) if (!got.has(w)) fn += 1;
  }
  return { precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn), tp, fp, fn };
}

const pool = createExtractionPool({ workers, ocr: false, region: 'US' });
log(`bench:extract — ${workers} worker threads, ${os.availableParallelism()} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const corpusDir = mkdtempSync(path.join(os.tmpdir(), 'callhound-bench-extract-'));
try {
  // 1. Real sample.
  const sampleDir = path.resolve(import.meta.dirname, '../../shared/real-sample');
  if (existsSync(sampleDir)) {
    const files = readdirSync(sampleDir).filter((f) => f.endsWith('.eml')).sort();
    const messages = files.map((f) => ({ source: f, raw: readFileSync(path.join(sampleDir, f)) }));
    const bytes = messages.reduce((sum, m) => sum + m.raw.length, 0);
    const rate = await throughput(pool, messages);
    log(`real sample: ${messages.length} messages (${mb(bytes)}, ${(bytes / messages.length / 1024).toFixed(0)} KiB avg), without OCR: ${describe(rate)}`);
  } else {
    log(`real sample: skipped (${sampleDir} absent)`);
  }

  // 2. Generated text-only corpus, with ground truth.
  // The talos profile needs about 2,200 messages to plant all its numbers; below that the small profile.
  const profile = syntheticCount >= 2_500 ? 'talos' : 'small';
  const generated = await generateCorpus({ out: corpusDir, emails: syntheticCount, seed: 'bench-extract', attachments: 'none', force: true, profile });
  const truth = readFileSync(path.join(corpusDir, 'truth', 'messages.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TruthLine);
  const messages = truth.map((t) => ({ source: t.file, raw: readFileSync(path.join(corpusDir, t.file)) }));
  const bytes = messages.reduce((sum, m) => sum + m.raw.length, 0);
  const rate = await throughput(pool, messages);
  log(`generated text-only (${profile} profile): ${generated.emails} messages (${(bytes / messages.length / 1024).toFixed(1)} KiB avg), without OCR: ${describe(rate)}`);
  const observations = new Map<string, Observation>();
  for (const m of messages) observations.set(m.source, await pool.extract(m.raw, m.source));
  const acc = accuracy(observations, truth);
  log(`generated text-only numbers vs truth: precision ${acc.precision.toFixed(4)}, recall ${acc.recall.toFixed(4)} (tp ${acc.tp}, fp ${acc.fp}, fn ${acc.fn})`);

  // 3. Long streamed run: the generated files from disk, over and over; RSS sampled every 10%.
  const messageDir = path.join(corpusDir, 'messages');
  async function* cycle(): AsyncGenerator<MessageSource> {
    let yielded = 0;
    while (yielded < totalMessages) {
      for await (const m of readSources([messageDir])) {
        if (yielded >= totalMessages) return;
        yielded += 1;
        yield m;
      }
    }
  }
  if (global.gc) global.gc();
  const rssStart = process.memoryUsage().rss;
  const samples: number[] = [];
  const started = performance.now();
  const cpuStart = cpuMs();
  let done = 0;
  let withNumbers = 0;
  const every = Math.max(1, Math.floor(totalMessages / 10));
  for await (const o of extractStream(pool, cycle(), 64)) {
    done += 1;
    if (o.numbers.length > 0) withNumbers += 1;
    if (done % every === 0) {
      samples.push(process.memoryUsage().rss);
      process.stderr.write(`\r${done}/${totalMessages}`);
    }
  }
  process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  const rssEnd = process.memoryUsage().rss;
  const streamed: Rate = { perSecond: done / seconds, cpuMsPerMessage: (cpuMs() - cpuStart) / Math.max(1, done) };
  log(`streamed: ${done} messages from disk in ${seconds.toFixed(1)} s (${withNumbers} with numbers): ${describe(streamed)}`);
  log(`RSS: start ${mb(rssStart)}, end ${mb(rssEnd)}, max ${mb(Math.max(...samples, rssEnd))}; every 10%: ${samples.map(mb).join(', ')}`);
} finally {
  await pool.close();
  await closeAttachmentWorkers();
  rmSync(corpusDir, { recursive: true, force: true });
}
