/**
 * The attachment reader's process pool for this module instance (started on first use) and its counters.
 * Private to src/extract/attachments: index.ts is its door.
 */
import { defaultWorkerCount, WorkerPool } from './pool.js';
import type { WorkerJob, WorkerResult } from './worker-protocol.js';

let pool: WorkerPool | null = null;
let workerCount = defaultWorkerCount();

function workers(): WorkerPool {
  pool ??= new WorkerPool(workerCount);
  return pool;
}

/** Ends the OCR/PDF worker processes (they restart on the next call). Call before a CLI exits. */
export async function closeAttachmentWorkers(): Promise<void> {
  const closing = pool;
  pool = null;
  retiredWorkersStarted += closing?.started ?? 0;
  retiredCpuMs += closing?.cpuMs ?? 0;
  await closing?.close();
}

/** Changes the number of worker processes (takes effect for the next pool; closes the current one). */
export async function setAttachmentWorkerCount(count: number): Promise<void> {
  workerCount = Math.max(1, Math.floor(count));
  await closeAttachmentWorkers();
}

let jobsRun = 0;
let retiredWorkersStarted = 0;
let retiredCpuMs = 0;

/**
 * Counters for tests and the benchmark: jobs sent to workers (cache hits send none), worker processes
 * started, and CPU milliseconds the workers spent on successful jobs.
 */
export function attachmentWorkerStats(): { jobs: number; workersStarted: number; cpuMs: number } {
  return {
    jobs: jobsRun,
    workersStarted: retiredWorkersStarted + (pool?.started ?? 0),
    cpuMs: retiredCpuMs + (pool?.cpuMs ?? 0),
  };
}

/** Sends one job to a worker process (counted in attachmentWorkerStats().jobs); rejects with a WorkerJobError. */
export function runWorkerJob(job: WorkerJob, timeoutMs: number): Promise<WorkerResult> {
  jobsRun += 1;
  return workers().run(job, timeoutMs);
}
