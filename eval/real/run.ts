/**
 * npm run eval:real [-- --labels FILE] [--shared DIR] [--no-ocr] [--json FILE] [--assert] [--quiet]
 *
 * Scores extraction (the same `extractMessage` that `callhound extract` runs, with its defaults: OCR on,
 * region from CALLHOUND_REGION or US) against hand labels of real mail in eval/real/labels.jsonl: precision
 * and recall per layer, attachment-only and callback recall, brand and platform accuracy, and every miss.
 * The messages live in ../shared (not in this repository: their licence is non-commercial); without them
 * the run says so and exits 0. With --assert it exits 1 when a figure misses eval/thresholds.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeAttachmentWorkers } from '../../src/extract/attachments/index.js';
import { DEFAULT_LABELS, defaultShared, evaluateReal, type RealEvalResult } from './evaluate.js';
import { LAYERS, ratio, type Tally } from './score.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const labelsFile = arg('labels') ?? DEFAULT_LABELS;
const shared = arg('shared') ?? defaultShared();
const ocr = !process.argv.includes('--no-ocr');
const quiet = process.argv.includes('--quiet');
const region = (process.env.CALLHOUND_REGION ?? 'US').toUpperCase();

let result: RealEvalResult;
try {
  result = await evaluateReal({
    labelsFile,
    shared,
    ocr,
    region,
    onProgress: (done, total) => {
      if (!quiet && process.stderr.isTTY && done % 20 === 0) process.stderr.write(`\reval:real: ${done}/${total} messages`);
    },
  });
} finally {
  await closeAttachmentWorkers();
}
if ('skipped' in result) {
  console.log(`eval:real: skipped — ${result.skipped}`);
  process.exit(0);
}
if (!quiet && process.stderr.isTTY) process.stderr.write('\n');
if (result.present < result.labelled) console.error(`eval:real: ${result.labelled - result.present} labelled messages are missing under ${shared}; scoring the ${result.present} present`);
const { score } = result;
const started = Date.now() - result.seconds * 1000;

const pct = (v: number | null): string => (v === null ? '   –  ' : `${(v * 100).toFixed(1).padStart(5)}%`);
const frac = (t: Tally): string => `${t.hit}/${t.total}`.padStart(9);
const flat = result.figures;
console.log(`eval:real — ${score.messages} hand-labelled real messages (${path.relative(process.cwd(), labelsFile)}), OCR ${ocr ? 'on' : 'off'}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`numbers: precision ${pct(flat['real.precision'] ?? null)}  recall ${pct(flat['real.recall'] ?? null)}  (tp ${score.tp}, fp ${score.fp}, fn ${score.fn})`);
console.log('\nlayer        recall              precision');
for (const layer of LAYERS) {
  const r = score.recallByLayer[layer]!;
  const p = score.precisionByLayer[layer]!;
  if (r.total === 0 && p.total === 0) continue;
  console.log(`${layer.padEnd(11)} ${pct(ratio(r))} ${frac(r)}   ${pct(ratio(p))} ${frac(p)}`);
}
console.log(`\nattachment-only recall ${pct(ratio(score.attachmentOnly))} ${frac(score.attachmentOnly)}`);
console.log(`callback recall        ${pct(ratio(score.callbackRecall))} ${frac(score.callbackRecall)}`);
console.log(`brand accuracy         ${pct(ratio(score.brand))} ${frac(score.brand)}   (a brand named where none was labelled: ${score.brandFalse})`);
console.log(`platform accuracy      ${pct(ratio(score.platform))} ${frac(score.platform)}   (a platform named where none was labelled: ${score.platformFalse})`);
const list = (title: string, items: string[]): void => {
  if (items.length === 0) return;
  console.log(`\n${title} (${items.length}):`);
  for (const item of items) console.log(`  ${item}`);
};
list('missed numbers', score.misses);
list('numbers reported that nobody sees', score.falsePositives);
list('brand misses (label ← callhound)', score.brandMisses);
list('platform misses (label ← callhound)', score.platformMisses);

const json = arg('json');
if (json !== undefined) writeFileSync(json, `${JSON.stringify({ figures: flat, score }, null, 2)}\n`);

if (process.argv.includes('--assert')) {
  const thresholds = JSON.parse(readFileSync(path.join(here, '..', 'thresholds.json'), 'utf8')) as { min: Record<string, number> };
  const failed: string[] = [];
  for (const [key, min] of Object.entries(thresholds.min)) {
    if (!key.startsWith('real.')) continue;
    const value = flat[key];
    if (value === undefined || value === null || value < min) failed.push(`${key} ${value === null || value === undefined ? 'n/a' : value.toFixed(3)} < ${min}`);
  }
  if (failed.length > 0) {
    console.log(`\neval:real: below thresholds: ${failed.join('; ')}`);
    process.exit(1);
  }
  console.log('\neval:real: all thresholds met');
}
