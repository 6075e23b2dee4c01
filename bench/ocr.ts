/**
 * OCR benchmark: seconds per unique invoice-sized image (1200×800, a few lines of text with a phone
 * number) for JPEG, PNG and HEIC, through the real attachment pipeline (worker processes, tesseract.js,
 * npm-installed English model), then the time of a cache hit (same image again).
 *
 *   npm run bench:ocr [-- --images 8] [-- --json]
 *
 * HEIC images are made with `heif-enc` (Debian libheif-examples) when it is installed; otherwise the
 * committed HEIC fixture is measured once. Target on a 2-core machine: ≤ 1.5 s per unique image.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  attachmentWorkerStats,
  clearAttachmentCache,
  closeAttachmentWorkers,
  extractAttachmentTexts,
  type AttachmentInput,
} from '../src/extract/attachments/index.js';
import { drawText, encodeJpeg, encodePng } from '../test/fixtures/attachments/make.js';

interface Args {
  images: number;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { images: 8, json: false };
  for (let index = 0; index < argv.length; index += 1) {
    if (argv[index] === '--json') args.json = true;
    else if (argv[index] === '--images') args.images = Math.max(1, Number(argv[++index]) || args.images);
  }
  return args;
}

/** Deterministic pseudo-random numbers, so every run draws the same "unique" invoices. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function invoice(seed: number): { lines: string[]; phoneDigits: string } {
  const next = random(seed);
  const digit = (): number => Math.floor(next() * 10);
  const area = `8${[3, 4, 5, 6, 7][Math.floor(next() * 5)]}${digit()}`;
  const exchange = `${2 + Math.floor(next() * 8)}${digit()}${digit()}`;
  const line = `${digit()}${digit()}${digit()}${digit()}`;
  const lines = [
    `INVOICE #${10000 + Math.floor(next() * 89999)}`,
    'GEEK SQUAD ANNUAL PROTECTION PLAN',
    `AMOUNT CHARGED: $${100 + Math.floor(next() * 800)}.${digit()}${digit()}`,
    `ORDER DATE: 03/${10 + Math.floor(next() * 18)}/2026`,
    'IF YOU DID NOT AUTHORIZE THIS CHARGE',
    `CALL +1 (${area}) ${exchange}-${line}`,
    'WITHIN 24 HOURS TO CANCEL',
  ];
  return { lines, phoneDigits: `1${area}${exchange}${line}` };
}

function invoicePixels(seed: number) {
  const { lines, phoneDigits } = invoice(seed);
  return { image: drawText(lines, { scale: 3, width: 1200, height: 800, margin: 60 }), phoneDigits };
}

function hasHeifEnc(): boolean {
  try {
    execFileSync('heif-enc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Sample {
  input: AttachmentInput;
  phoneDigits: string;
}

function makeSamples(format: 'jpeg' | 'png' | 'heic', count: number, seedBase: number, work: string): Sample[] {
  if (format === 'heic' && !hasHeifEnc()) {
    const fixture = new URL('../test/fixtures/attachments/invoice-phone.heic', import.meta.url);
    return [{ input: { filename: 'fixture.heic', content: readFileSync(fixture) }, phoneDigits: '18339426617' }];
  }
  return Array.from({ length: count }, (_, index) => {
    const { image, phoneDigits } = invoicePixels(seedBase + index);
    let content: Buffer;
    if (format === 'jpeg') content = encodeJpeg(image, 85);
    else if (format === 'png') content = encodePng(image);
    else {
      const png = join(work, `i${index}.png`);
      const heic = join(work, `i${index}.heic`);
      writeFileSync(png, encodePng(image));
      execFileSync('heif-enc', ['-q', '80', png, '-o', heic]);
      content = readFileSync(heic);
    }
    return { input: { filename: `invoice-${index}.${format}`, content }, phoneDigits };
  });
}

interface FormatResult {
  format: string;
  images: number;
  /** One image at a time: the time a single unique image takes. */
  secondsPerImage: number;
  /** All images submitted at once: wall time divided by images (both workers busy). */
  throughputSecondsPerImage: number;
  /** CPU seconds of the worker per image: what one image costs on an otherwise idle core. */
  cpuSecondsPerImage: number;
  /** Images whose phone number digits came out of OCR intact. */
  numbersRead: number;
  cacheHitMs: number;
}

async function measure(format: 'jpeg' | 'png' | 'heic', samples: Sample[], twin: Sample[]): Promise<FormatResult> {
  let read = 0;
  const cpuBefore = attachmentWorkerStats().cpuMs;
  const sequentialStart = performance.now();
  for (const sample of samples) {
    const result = await extractAttachmentTexts([sample.input], { ocr: true });
    if (result.texts.some((text) => text.text.replace(/\D+/g, '').includes(sample.phoneDigits))) read += 1;
  }
  const sequential = (performance.now() - sequentialStart) / 1000 / samples.length;
  const cpuSecondsPerImage = (attachmentWorkerStats().cpuMs - cpuBefore) / 1000 / samples.length;

  const parallelStart = performance.now();
  await extractAttachmentTexts(twin.map((sample) => sample.input), { ocr: true });
  const throughput = (performance.now() - parallelStart) / 1000 / twin.length;

  const jobs = attachmentWorkerStats().jobs;
  const hitStart = performance.now();
  for (const sample of samples) await extractAttachmentTexts([sample.input], { ocr: true });
  const cacheHitMs = (performance.now() - hitStart) / samples.length;
  if (attachmentWorkerStats().jobs !== jobs) throw new Error('cache hits ran OCR jobs');
  return {
    format,
    images: samples.length,
    secondsPerImage: sequential,
    cpuSecondsPerImage,
    throughputSecondsPerImage: throughput,
    numbersRead: read,
    cacheHitMs,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'callhound-bench-ocr-'));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    clearAttachmentCache();
    const warmStart = performance.now();
    // Start every worker (process start + tesseract init) before timing: a long run pays this once.
    const warm = makeSamples('png', 2, 9000, work);
    await extractAttachmentTexts(warm.map((sample) => sample.input), { ocr: true });
    const warmupSeconds = (performance.now() - warmStart) / 1000;
    log(`warm-up (start ${attachmentWorkerStats().workersStarted} workers, load model): ${warmupSeconds.toFixed(2)} s`);
    log(`load average at start: ${loadavg().map((load) => load.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
    const results: FormatResult[] = [];
    for (const [offset, format] of (['jpeg', 'png', 'heic'] as const).entries()) {
      const samples = makeSamples(format, args.images, 100 * (offset + 1), work);
      const twin = makeSamples(format, args.images, 100 * (offset + 1) + 50, work);
      const result = await measure(format, samples, twin);
      results.push(result);
      log(
        `${format.padEnd(5)} ${result.images} × 1200×800: ${result.secondsPerImage.toFixed(2)} s/image one at a time ` +
          `(worker CPU ${result.cpuSecondsPerImage.toFixed(2)} s), ` +
          `${result.throughputSecondsPerImage.toFixed(2)} s/image with both workers busy, ` +
          `numbers read ${result.numbersRead}/${result.images}, cache hit ${result.cacheHitMs.toFixed(2)} ms`,
      );
    }
    if (args.json) process.stdout.write(`${JSON.stringify({ warmupSeconds, loadAverage: loadavg()[0], results })}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    await closeAttachmentWorkers();
  }
}

await main();
