import { CallhoundError } from '../errors.js';
import type { Extractor } from './pipeline.js';

/**
 * Adapter from the ingest pipeline to extraction (src/extract). Until the extraction worker pool is on
 * main this fails with a clear message; `callhound ingest --jsonl` works without it.
 */
export async function createExtractor(options: { workers: number; ocr: boolean }): Promise<Extractor & { close(): Promise<void> }> {
  void options;
  throw new CallhoundError('extraction_unavailable', 'message extraction is not available in this build yet; use `callhound ingest --jsonl FILE`');
}
