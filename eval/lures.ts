/**
 * `npm run eval:lures`: per-class precision/recall and macro-F1 of the lure classifier on the held-back
 * split (src/classify/data/lures.test.json), which is never used for training.
 * The classifier is the production one (natural Bayes trained on lures.train.json + stemmed keywords).
 * Exit code 1 when the mean macro-F1 over the three heads is below the target, so CI can gate on it.
 */
import { readDataJson } from '../src/classify/data-files.js';
import { LURE_HEADS, LURE_VALUES, type LureHead } from '../src/classify/lure-values.js';
import { classifyText, type LabelledText } from '../src/classify/lures.js';

const TARGET_MACRO_F1 = 0.85;

interface ClassStats {
  tp: number;
  fp: number;
  fn: number;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function pct(x: number): string {
  return x.toFixed(2).padStart(5);
}

const test = readDataJson<{ items: LabelledText[] }>('lures.test.json').items;
const train = readDataJson<{ items: LabelledText[] }>('lures.train.json').items;
const trainTexts = new Set(train.map((t) => t.text.trim().toLowerCase()));
const leaked = test.filter((t) => trainTexts.has(t.text.trim().toLowerCase()));
if (leaked.length > 0) {
  console.error(`eval:lures: ${leaked.length} test texts also appear in the training set; fix the split`);
  process.exit(2);
}

const predictions = test.map((item) => classifyText(item.text, item.lang));
const macro: Record<LureHead, number> = { context: 0, trigger: 0, cta: 0 };
console.log(`held-back split: ${test.length} texts (training: ${train.length})\n`);
for (const head of LURE_HEADS) {
  const stats = new Map<string, ClassStats>(LURE_VALUES[head].map((v) => [v, { tp: 0, fp: 0, fn: 0 }]));
  let correct = 0;
  let unanswered = 0;
  test.forEach((item, i) => {
    const predicted = predictions[i]?.[head].value ?? null;
    const expected = item[head];
    if (predicted === expected) {
      correct += 1;
      (stats.get(expected) as ClassStats).tp += 1;
      return;
    }
    (stats.get(expected) as ClassStats).fn += 1;
    if (predicted === null) unanswered += 1;
    else (stats.get(predicted) as ClassStats).fp += 1;
  });
  console.log(`${head}`);
  console.log(`  ${'class'.padEnd(26)} ${'n'.padStart(4)} ${'prec'.padStart(5)} ${'rec'.padStart(5)} ${'f1'.padStart(5)}`);
  let sumF1 = 0;
  for (const [value, s] of stats) {
    const p = s.tp + s.fp === 0 ? 0 : s.tp / (s.tp + s.fp);
    const r = s.tp + s.fn === 0 ? 0 : s.tp / (s.tp + s.fn);
    sumF1 += f1(p, r);
    console.log(`  ${value.padEnd(26)} ${String(s.tp + s.fn).padStart(4)} ${pct(p)} ${pct(r)} ${pct(f1(p, r))}`);
  }
  macro[head] = sumF1 / stats.size;
  console.log(`  accuracy ${pct(correct / test.length)}  unanswered ${unanswered}  macro-F1 ${pct(macro[head])}\n`);
}
const mean = (macro.context + macro.trigger + macro.cta) / 3;
console.log(`macro-F1: context ${pct(macro.context)}  trigger ${pct(macro.trigger)}  cta ${pct(macro.cta)}  mean ${pct(mean)}  (target ${TARGET_MACRO_F1})`);
if (process.argv.includes('--errors')) {
  for (const head of LURE_HEADS) {
    test.forEach((item, i) => {
      const got = predictions[i]?.[head].value ?? null;
      if (got !== item[head]) console.log(`[${head}] expected ${item[head]} got ${got}: ${item.text}`);
    });
  }
}
process.exitCode = mean >= TARGET_MACRO_F1 ? 0 : 1;
