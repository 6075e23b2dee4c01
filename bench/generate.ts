/**
 * npm run bench:generate [-- --emails 1000000] [--out DIR] [--keep]
 * Text-only generation rate (messages/s) and memory over a long run: streams N messages to a temporary
 * directory, sampling RSS and heap as it goes, then prints the figures and removes the corpus.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateCorpus } from '../src/generate/index.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const emails = Number(arg('emails') ?? 200_000);
const out = arg('out') ?? mkdtempSync(path.join(tmpdir(), 'callhound-bench-generate-'));
const keep = process.argv.includes('--keep');
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

const samples: Array<{ done: number; rss: number; heap: number; at: number }> = [];
const started = Date.now();
const sample = (done: number): void => {
  const m = process.memoryUsage();
  samples.push({ done, rss: m.rss, heap: m.heapUsed, at: Date.now() });
};
sample(0);
let nextSample = 0;
try {
  const result = await generateCorpus({
    out,
    emails,
    seed: 'bench',
    profile: 'talos',
    attachments: 'none',
    force: true,
    onProgress: (done, total) => {
      if (done < nextSample && done < total) return;
      nextSample = done + Math.max(500, Math.floor(total / 20));
      sample(done);
      process.stderr.write(`bench:generate ${done}/${total} rss ${mb(samples.at(-1)!.rss)} heap ${mb(samples.at(-1)!.heap)}\n`);
    },
  });
  sample(result.emails);
  const seconds = (Date.now() - started) / 1000;
  const steady = samples.filter((s) => s.done >= emails * 0.1);
  const rssValues = steady.map((s) => s.rss);
  const heapValues = steady.map((s) => s.heap);
  const lines = [
    `messages:            ${result.emails} (text-only, profile talos)`,
    `time:                ${seconds.toFixed(1)} s`,
    `rate:                ${Math.round(result.emails / seconds)} messages/s (one process, writing one .eml per message + truth)`,
    `RSS start / end:     ${mb(samples[0]!.rss)} / ${mb(samples.at(-1)!.rss)}`,
    `RSS after 10% .. end: min ${mb(Math.min(...rssValues))}, max ${mb(Math.max(...rssValues))}`,
    `heap after 10% .. end: min ${mb(Math.min(...heapValues))}, max ${mb(Math.max(...heapValues))}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  if (!keep) rmSync(out, { recursive: true, force: true });
  else process.stderr.write(`corpus kept in ${out}\n`);
}
