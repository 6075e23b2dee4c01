import { createExtractionPool } from './pool.js';
import type { Extractor } from './pipeline.js';

/** The ingest pipeline's extractor: src/extract's worker-thread pool (crash-proof, one worker per core). */
export function createExtractor(options: { workers: number; ocr: boolean; region?: string }): Extractor & { close(): Promise<void> } {
  const pool = createExtractionPool({ workers: options.workers, ocr: options.ocr, ...(options.region ? { region: options.region } : {}) });
  return {
    extract: (message) => pool.extract(message.raw, message.file, message.truncatedBytes ?? 0),
    close: () => pool.close(),
  };
}
