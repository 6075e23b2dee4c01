/** Messages between the attachment worker pool (parent) and its worker processes (worker-process.ts). */
import type { AttachmentKind } from '../sniff.js';

export type WorkerJob =
  | {
      kind: 'ocr-file';
      /** The image file as attached. */
      bytes: Uint8Array;
      type: AttachmentKind;
      size: { width: number; height: number } | null;
      maxPixels: number;
    }
  | { kind: 'ocr-pixels'; data: Uint8Array; width: number; height: number; channels: number }
  | { kind: 'pdf'; bytes: Uint8Array; maxPages: number; maxPixels: number; collectImages: boolean };

export type WorkerResult =
  | { kind: 'ocr'; text: string; confidence: number }
  | {
      kind: 'pdf';
      text: string;
      pages: number;
      pagesRead: number;
      scanned: boolean;
      images: { width: number; height: number; channels: number; data: Uint8Array }[];
    };

export type WorkerFailureCode = 'decode_failed' | 'encrypted' | 'failed' | 'crashed' | 'timeout';

export interface WorkerRequest {
  id: number;
  job: WorkerJob;
}

export type WorkerReply =
  /** cpuMs: CPU time the worker process (all its threads) spent on the job, for the benchmark. */
  | { id: number; ok: true; result: WorkerResult; cpuMs: number }
  | { id: number; ok: false; code: WorkerFailureCode; message: string };
