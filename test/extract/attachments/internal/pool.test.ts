import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerJobError, WorkerPool, workerExecArgv } from '../../../../src/extract/attachments/internal/pool.js';
import { drawText, encodePng } from '../../../fixtures/attachments/make.js';

describe('network guard of worker processes', () => {
  it('refuses fetch and http in the process and in threads it starts (where tesseract runs)', () => {
    const script = `
      const { Worker } = require('node:worker_threads');
      const probe = "const http = require('node:http'); const out = [];" +
        "fetch('http://127.0.0.1:9/').then(() => out.push('fetch ok'), (e) => out.push(e.message))" +
        ".then(() => { try { http.get('http://127.0.0.1:9/'); out.push('http ok'); } catch (e) { out.push(e.message); } })" +
        ".then(() => require('node:worker_threads').parentPort ? require('node:worker_threads').parentPort.postMessage(out) : console.log(JSON.stringify(out)));";
      const worker = new Worker(probe, { eval: true });
      worker.on('message', (out) => console.log(JSON.stringify(out)));
    `;
    const output = execFileSync(process.execPath, [...workerExecArgv('worker-process.js'), '-e', script], { encoding: 'utf8' });
    const results = JSON.parse(output.trim()) as string[];
    expect(results).toHaveLength(2);
    for (const message of results) expect(message).toMatch(/network access is disabled/);
  });
});

describe('WorkerPool', () => {
  const pool = new WorkerPool(1);
  afterAll(() => pool.close());

  it('kills a job past its time limit and serves the next job from a new process', { timeout: 60_000 }, async () => {
    const image = encodePng(drawText(['0800 891 2200'], { scale: 3 }));
    const job = { kind: 'ocr-file' as const, bytes: image, type: 'png' as const, size: null, maxPixels: 1e7 };
    await expect(pool.run(job, 5)).rejects.toMatchObject({ code: 'timeout' });
    const started = pool.started;
    const result = await pool.run(job, 60_000);
    expect(result.kind === 'ocr' && result.text.replace(/\D/g, '')).toBe('08008912200');
    expect(pool.started).toBe(started + 1);
  });

  it('fails only the job of a worker that dies mid-job, and starts a new one', { timeout: 60_000 }, async () => {
    const image = encodePng(drawText(['TEL 0800 891 2200'], { scale: 3 }));
    const job = { kind: 'ocr-file' as const, bytes: image, type: 'png' as const, size: null, maxPixels: 1e7 };
    await pool.run(job, 60_000); // a warm worker
    // The job to kill must still be running when the kill lands: a page of text takes OCR well over a second,
    // where the one-line image can finish within the 50 ms wait on an idle machine.
    const page = encodePng(drawText(Array.from({ length: 40 }, (_, i) => `LINE ${i} TEL 0800 891 2200 CALL NOW`), { scale: 3 }));
    const running = pool.run({ ...job, bytes: page }, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const pid of pool.workerPids()) process.kill(pid, 'SIGKILL');
    await expect(running).rejects.toMatchObject({ code: 'crashed', message: expect.stringMatching(/SIGKILL/) });
    const result = await pool.run(job, 60_000);
    expect(result.kind === 'ocr' && result.text.replace(/\D/g, '')).toBe('08008912200');
  });

  it('replaces a worker process after its quota of jobs (flat memory on long runs)', { timeout: 60_000 }, async () => {
    const recycling = new WorkerPool(1, 2);
    try {
      const pdf = { kind: 'pdf' as const, bytes: new Uint8Array(8), maxPages: 1, maxPixels: 1, collectImages: false };
      for (let run = 0; run < 5; run += 1) await recycling.run(pdf, 30_000).catch(() => undefined);
      expect(recycling.started).toBe(3); // jobs 1-2, 3-4, 5
    } finally {
      await recycling.close();
    }
  });

  it('rejects queued work once closed', async () => {
    const closed = new WorkerPool(1);
    await closed.close();
    await expect(closed.run({ kind: 'pdf', bytes: new Uint8Array(4), maxPages: 1, maxPixels: 1, collectImages: false }, 1000)).rejects.toBeInstanceOf(
      WorkerJobError,
    );
  });
});
