/**
 * A small pool of worker processes for OCR and PDF jobs. Processes, not threads: a crash, a runaway
 * decoder or a hung PDF can be killed without touching the caller, and the next job gets a fresh process.
 * Each job has a time limit; on timeout the process is killed. Idle workers do not keep the caller's
 * process alive (a CLI exits when its work is done), and close() ends them all.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkerFailureCode, WorkerJob, WorkerReply, WorkerRequest, WorkerResult } from './worker-protocol.js';

export class WorkerJobError extends Error {
  constructor(
    readonly code: WorkerFailureCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Preloaded (`--require`) into every worker process and every thread it starts: any attempt to reach the
 * network fails loudly. tesseract.js downloads language data when misconfigured; here it cannot. It must
 * be a CommonJS file: Node 20 runs `--require` preloads in worker threads (where tesseract runs) but not
 * `--import` ones. It is written once to the temp folder, so compiled and source runs work alike.
 */
const NETWORK_GUARD = `'use strict';
const refuse = () => { throw new Error('callhound: network access is disabled in attachment workers'); };
globalThis.fetch = async () => refuse();
for (const name of ['node:http', 'node:https']) {
  const module = require(name);
  module.request = refuse;
  module.get = refuse;
}
`;

let guardPath: string | null = null;

function networkGuardFile(): string {
  if (guardPath) return guardPath;
  const hash = createHash('sha256').update(NETWORK_GUARD).digest('hex').slice(0, 16);
  const path = join(tmpdir(), `callhound-network-guard-${hash}.cjs`);
  if (!existsSync(path)) {
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, NETWORK_GUARD);
    renameSync(partial, path); // atomic: a concurrent process never sees half a file
  }
  guardPath = path;
  return path;
}

/** Node options for a worker process: the network guard, plus tsx when running from TypeScript sources. */
export function workerExecArgv(entry: string): string[] {
  const argv = ['--require', networkGuardFile()];
  if (entry.endsWith('.ts')) {
    const tsx = createRequire(import.meta.url).resolve('tsx');
    argv.push('--import', pathToFileURL(tsx).href);
  }
  return argv;
}

/** worker-process.js beside this file once compiled; worker-process.ts when running from sources. */
export function workerEntry(): string {
  const compiled = fileURLToPath(new URL('./worker-process.js', import.meta.url));
  return existsSync(compiled) ? compiled : fileURLToPath(new URL('./worker-process.ts', import.meta.url));
}

interface PendingJob {
  request: WorkerRequest;
  timeoutMs: number;
  resolve: (result: WorkerResult) => void;
  reject: (error: WorkerJobError) => void;
}

interface Slot {
  child: ChildProcess | null;
  job: PendingJob | null;
  timer: NodeJS.Timeout | null;
  /** Jobs the current process has run: it is replaced after `jobsPerProcess`. */
  jobsDone: number;
}

/**
 * A worker process is replaced after this many jobs: tesseract's wasm heap only grows, and a long run
 * (100,000 messages) must keep flat memory. Restarting costs about a second; 300 jobs take minutes.
 */
const DEFAULT_JOBS_PER_PROCESS = 300;

export class WorkerPool {
  private readonly slots: Slot[];
  private readonly queue: PendingJob[] = [];
  private nextId = 1;
  private closed = false;
  /** Worker processes started so far (restarts included): tests and the benchmark read it. */
  started = 0;
  /** CPU milliseconds the workers spent on successful jobs (all their threads): the benchmark reads it. */
  cpuMs = 0;

  constructor(
    readonly size: number,
    private readonly jobsPerProcess = DEFAULT_JOBS_PER_PROCESS,
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => ({ child: null, job: null, timer: null, jobsDone: 0 }));
  }

  /** Process ids of the live workers (tests kill one to check that a crash stays contained). */
  workerPids(): number[] {
    return this.slots.flatMap((slot) => (slot.child?.pid === undefined ? [] : [slot.child.pid]));
  }

  run(job: WorkerJob, timeoutMs: number): Promise<WorkerResult> {
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(new WorkerJobError('failed', 'the attachment workers are closed'));
        return;
      }
      this.queue.push({ request: { id: this.nextId++, job }, timeoutMs, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) {
      pending.reject(new WorkerJobError('failed', 'the attachment workers were closed'));
    }
    await Promise.all(this.slots.map((slot) => this.stop(slot)));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const pending = this.queue.shift()!;
      slot.job = pending;
      const child = slot.child ?? this.spawn(slot);
      slot.timer = setTimeout(() => {
        this.finish(slot, () =>
          pending.reject(new WorkerJobError('timeout', `gave up after ${pending.timeoutMs} ms`)),
        );
        void this.stop(slot);
      }, pending.timeoutMs);
      child.send(pending.request, (error) => {
        if (error && slot.job === pending) {
          this.finish(slot, () => pending.reject(new WorkerJobError('crashed', error.message)));
          void this.stop(slot);
        }
      });
    }
  }

  private spawn(slot: Slot): ChildProcess {
    const entry = workerEntry();
    const child = fork(entry, [], {
      execArgv: workerExecArgv(entry),
      serialization: 'advanced', // Buffers travel as bytes, not JSON arrays
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.started += 1;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.on('message', (reply: WorkerReply) => {
      const pending = slot.job;
      if (!pending || pending.request.id !== reply.id) return;
      // A crashed worker is about to exit: never hand it the next job.
      if (!reply.ok && reply.code === 'crashed') void this.stop(slot);
      this.finish(slot, () => {
        if (reply.ok) {
          this.cpuMs += reply.cpuMs;
          pending.resolve(reply.result);
        }
        else pending.reject(new WorkerJobError(reply.code, reply.message));
      });
    });
    child.on('exit', (code, signal) => {
      if (slot.child !== child) return;
      slot.child = null;
      const pending = slot.job;
      if (pending) {
        const why = signal ? `signal ${signal}` : `exit code ${code}`;
        const detail = stderr.trim().split('\n').slice(-1)[0] ?? '';
        this.finish(slot, () =>
          pending.reject(new WorkerJobError('crashed', `worker process ended (${why}) ${detail}`.trim())),
        );
      }
    });
    child.on('error', () => {
      /* reported through 'exit' */
    });
    // Idle workers must not hold the caller's event loop open; a running job's timer does that.
    child.unref();
    child.channel?.unref();
    (child.stderr as { unref?: () => void } | null)?.unref?.();
    slot.child = child;
    return child;
  }

  private finish(slot: Slot, settle: () => void): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.jobsDone += 1;
    if (slot.jobsDone >= this.jobsPerProcess) void this.stop(slot);
    settle();
    setImmediate(() => this.dispatch());
  }

  private stop(slot: Slot): Promise<void> {
    const child = slot.child;
    slot.child = null;
    slot.jobsDone = 0;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.ref(); // an unref'd child's exit would not keep the caller alive to see it
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

/** Default pool size: one worker per core, at most two (OCR is memory hungry; mail parsing needs a core too). */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}
