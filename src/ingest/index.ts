/**
 * The ingest room's door: where messages come from (files, directories, mbox; `--jsonl` observation files),
 * the worker-thread pool that runs src/extract on them, and the pipeline that hands the observations to
 * src/graph in batches. Dependencies point one way: cli/server → ingest → graph → domain, and ingest → extract.
 * Continuous ingest (mail accounts, queues) belongs here too.
 */
export { readSources, checkPaths, type MessageSource, type SourceOptions } from './sources.js';
export { listMessageFiles, observationProblem, readObservationLines } from './message-files.js';
export {
  createExtractionPool, DEFAULT_MAX_MESSAGE_BYTES, defaultWorkers, extractStream, failedObservation,
  type ExtractionPool, type PoolOptions,
} from './pool.js';
export { createExtractor } from './extractor.js';
export {
  chunks, ingestMessages, ingestObservations, maxBatchBytes, sha256Hex,
  type Extractor, type IngestOptions, type IngestProgress, type IngestSummary, type InputError, type RawMessage,
} from './pipeline.js';
export { loadRefusedCode } from './split-load.js';
