/**
 * Entry point of one attachment worker process (forked by pool.ts). It does the work that can hang, blow up
 * memory or crash: decoding images, OCR with tesseract.js, reading PDFs. Any uncaught error (tesseract.js
 * rethrows failed jobs from its thread unless given an error handler; wasm aborts; decoder bugs) fails the
 * current job and ends this process, and the pool starts a fresh one. The caller's process is never at risk.
 */
import { createRequire } from 'node:module';
import { createWorker, OEM, type Worker as TesseractWorker } from 'tesseract.js';
import { pdfText } from '../pdf-text.js';
import { ImageDecodeError, prepareForOcr, rawToPgm } from '../prepare-image.js';
import type { WorkerJob, WorkerReply, WorkerRequest, WorkerResult } from './worker-protocol.js';

const require = createRequire(import.meta.url);

let currentJob: number | null = null;
let tesseract: Promise<TesseractWorker> | null = null;

function reply(message: WorkerReply): void {
  process.send?.(message);
}

function failAndExit(error: unknown): void {
  if (currentJob !== null) {
    reply({ id: currentJob, ok: false, code: 'crashed', message: `OCR engine crashed: ${describe(error)}` });
  }
  // The tesseract worker thread may be gone or in a broken state: start over in a new process.
  setTimeout(() => process.exit(70), 20);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

process.on('uncaughtException', failAndExit);
process.on('unhandledRejection', failAndExit);
process.on('disconnect', () => process.exit(0));

/** One tesseract worker per process, English LSTM model from the installed npm package, no cache writes. */
function ocrEngine(): Promise<TesseractWorker> {
  tesseract ??= (async () => {
    const eng = require('@tesseract.js-data/eng') as { langPath: string; gzip: boolean };
    const worker = await createWorker('eng', OEM.LSTM_ONLY, {
      langPath: eng.langPath,
      gzip: eng.gzip,
      cacheMethod: 'none',
      // Without a handler tesseract.js rethrows a failed job (e.g. a truncated PNG) as an uncaught error,
      // which would end this process; the job's own promise already rejects, so nothing more is needed.
      errorHandler: () => undefined,
    });
    // Images carry no usable resolution; a fixed DPI stops tesseract guessing per image.
    await worker.setParameters({ user_defined_dpi: '300' });
    return worker;
  })();
  return tesseract;
}

async function recognize(image: Uint8Array): Promise<WorkerResult> {
  const engine = await ocrEngine();
  const { data } = await engine.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
  return { kind: 'ocr', text: data.text, confidence: data.confidence };
}

async function run(job: WorkerJob): Promise<WorkerResult> {
  switch (job.kind) {
    case 'ocr-file':
      return recognize(await prepareForOcr(job.bytes, job.type, job.size, job.maxPixels));
    case 'ocr-pixels':
      return recognize(rawToPgm(job.data, job.width, job.height, job.channels));
    case 'pdf': {
      const result = await pdfText(job.bytes, job);
      return {
        kind: 'pdf',
        text: result.text,
        pages: result.pages,
        pagesRead: result.pagesRead,
        scanned: result.scanned,
        images: result.images.map((image) => ({ ...image, data: new Uint8Array(image.data.buffer) })),
      };
    }
  }
}

process.on('message', (request: WorkerRequest) => {
  currentJob = request.id;
  const cpuBefore = process.cpuUsage();
  run(request.job).then(
    (result) => {
      currentJob = null;
      const cpu = process.cpuUsage(cpuBefore);
      reply({ id: request.id, ok: true, result, cpuMs: (cpu.user + cpu.system) / 1000 });
    },
    (error: unknown) => {
      currentJob = null;
      // pdf.js signals a PDF that needs a password (often given in the scam mail's body) by this name.
      const encrypted = error instanceof Error && error.name === 'PasswordException';
      const code = error instanceof ImageDecodeError ? 'decode_failed' : encrypted ? 'encrypted' : 'failed';
      reply({ id: request.id, ok: false, code, message: describe(error) });
    },
  );
});
