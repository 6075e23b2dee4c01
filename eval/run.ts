/**
 * npm run eval [-- --corpus DIR] [--profile small|talos] [--emails N] [--attachments none|some|all]
 *              [--seed S] [--no-ocr] [--fresh] [--json FILE]
 *
 * Scores the code as it stands against a generated corpus with ground truth: extraction recall and
 * precision (by placement and by disguise), brand and lure accuracy, cluster quality (adjusted Rand index
 * of the clusters analysis computes from the observations, against the planted call centers), and the
 * report's statistics against the truth. Extraction is also scored per delivery technique (direct, Google
 * and Outlook invitations, bare .ics, platform invoices), with brand and platform accuracy per technique.
 * When eval/real's hand labels and the real messages in ../shared are present (and --no-real is not
 * given), the real-mail evaluation runs in the same process and its figures are printed beside the
 * synthetic ones. Prints a table; exits 1 when a synthetic figure misses eval/thresholds.json (the
 * `real.*` thresholds belong to `npm run eval:real -- --assert`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyseCorpus, type EmailFacts } from '../src/analysis/corpus.js';
import { closeAttachmentWorkers } from '../src/extract/attachments/index.js';
import { extractMessage } from '../src/extract/index.js';
import type { Observation } from '../src/extract/observation.js';
import { computeStats, generateCorpus, type CorpusSummary, type ReportStats, type TruthMessage, type TruthNumberRecord } from '../src/generate/index.js';
import { evaluateReal, type RealEvalResult } from './real/evaluate.js';
import { sameName } from './real/score.js';
import { adjustedRandIndex, newExtractionScore, newPlatformScore, precisionOf, rate, recallOf, scoreBrand, scoreExtraction, scorePlatform, type Tally } from './score.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Thresholds {
  min: Record<string, number>;
  max: Record<string, number>;
}

const profile = arg('profile') ?? 'small';
const emails = arg('emails') === undefined ? (profile === 'small' ? 400 : undefined) : Number(arg('emails'));
const attachments = (arg('attachments') ?? 'some') as 'none' | 'some' | 'all';
const seed = arg('seed') ?? 'eval';
const ocr = !process.argv.includes('--no-ocr');
const corpus = arg('corpus') ?? path.resolve('data', `eval-corpus-${profile}-${seed}-${emails ?? 'default'}-${attachments}`);

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function ensureCorpus(): Promise<void> {
  const summaryFile = path.join(corpus, 'truth', 'summary.json');
  if (existsSync(summaryFile) && (arg('corpus') !== undefined || !process.argv.includes('--fresh'))) {
    log(`eval: using the corpus in ${corpus} (--fresh regenerates it after generator changes)`);
    return;
  }
  log(`eval: generating a ${profile} corpus (${emails ?? 'default'} emails, attachments ${attachments}, seed ${seed}) into ${corpus}`);
  await generateCorpus({ out: corpus, profile, emails, attachments, seed, force: true });
}

async function* truthLines(): AsyncGenerator<TruthMessage> {
  const lines = createInterface({ input: createReadStream(path.join(corpus, 'truth', 'messages.jsonl')), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line) as TruthMessage;
}

/** Runs `work` over the items with a few in flight (OCR runs in worker processes, so overlap pays). */
async function pool<T>(items: AsyncIterable<T>, concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  for await (const item of items) {
    const p = work(item).finally(() => running.delete(p));
    running.add(p);
    if (running.size >= concurrency) await Promise.race(running);
  }
  await Promise.all(running);
}

function pct(value: number | null): string {
  return value === null ? '   n/a' : `${(100 * value).toFixed(1).padStart(5)}%`;
}

function tallyRow(label: string, t: Tally): string {
  return `  ${label.padEnd(34)} ${pct(rate(t))}  (${t.found}/${t.total})`;
}

async function main(): Promise<void> {
  const thresholds = JSON.parse(readFileSync(path.join(here, 'thresholds.json'), 'utf8')) as Thresholds;
  await ensureCorpus();
  const summary = JSON.parse(readFileSync(path.join(corpus, 'truth', 'summary.json'), 'utf8')) as CorpusSummary;
  const numberTruth = readFileSync(path.join(corpus, 'truth', 'numbers.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as TruthNumberRecord);
  const centerOf = new Map(numberTruth.map((n) => [n.e164, n.callCenter]));
  const registry = new Map(numberTruth.map((n) => [n.block, { lineType: n.lineType, carrier: n.carrier }]));

  const extraction = newExtractionScore();
  const platform = newPlatformScore();
  const brand = { found: 0, total: 0 };
  const context = { found: 0, total: 0 };
  const trigger = { found: 0, total: 0 };
  const cta = { found: 0, total: 0 };
  let classifierSeen = false;
  const facts: EmailFacts[] = [];
  const observedActivity = new Map<string, { days: Set<string>; brands: Set<string>; perDay: Record<string, number> }>();
  let done = 0;
  let issues = 0;
  const issueCodes = new Map<string, number>();
  const started = Date.now();

  // As many messages in flight as OCR workers can use; more only queues behind them and risks OCR timeouts.
  await pool(truthLines(), Math.max(2, availableParallelism()), async (truth) => {
    const raw = readFileSync(path.join(corpus, truth.file));
    const obs: Observation = await extractMessage(raw, truth.file, { ocr });
    issues += obs.issues.length;
    for (const issue of obs.issues) issueCodes.set(issue.code, (issueCodes.get(issue.code) ?? 0) + 1);
    scoreExtraction(extraction, truth, obs);
    if (obs.brand !== undefined || obs.lure !== undefined) classifierSeen = true;
    brand.total += 1;
    if (scoreBrand(extraction, truth, obs)) brand.found += 1;
    scorePlatform(platform, truth, obs, sameName);
    for (const [tally, key] of [[context, 'context'], [trigger, 'trigger'], [cta, 'cta']] as const) {
      tally.total += 1;
      if (obs.lure && obs.lure[key] === truth.lure[key]) tally.found += 1;
    }
    const day = obs.date ? obs.date.slice(0, 10) : null;
    facts.push({ day, brand: obs.brand ?? null, numbers: obs.numbers.map((n) => n.e164), attachments: obs.attachments.map((a) => a.sha256) });
    if (day) {
      for (const n of obs.numbers) {
        const entry = observedActivity.get(n.e164) ?? { days: new Set(), brands: new Set(), perDay: {} };
        entry.days.add(day);
        entry.brands.add(obs.brand ?? 'unknown');
        entry.perDay[day] = (entry.perDay[day] ?? 0) + 1;
        observedActivity.set(n.e164, entry);
      }
    }
    done += 1;
    if (done % 100 === 0) log(`eval: extracted ${done} messages (${(done / ((Date.now() - started) / 1000)).toFixed(1)}/s)`);
  });
  const extractSeconds = (Date.now() - started) / 1000;

  // The real-mail yardstick, in the same process (workers are still up), when its inputs are present.
  let real: RealEvalResult = { skipped: '--no-real given' };
  if (!process.argv.includes('--no-real')) {
    log('eval: scoring the hand-labelled real mail (eval/real) as well; --no-real skips it');
    real = await evaluateReal({ ocr, region: (process.env.CALLHOUND_REGION ?? 'US').toUpperCase() });
  }
  await closeAttachmentWorkers();

  // Clusters from the observations with the analysis module's evidence rules, scored against the truth
  // over the planted numbers that extraction found (a missed number cannot be clustered).
  const analysis = analyseCorpus(facts);
  const clusterOf = new Map<string, string>();
  for (const c of analysis.clusters) for (const n of c.numbers) clusterOf.set(n, c.id);
  const scored = [...observedActivity.keys()].filter((e) => centerOf.has(e)).sort();
  const ari = adjustedRandIndex(
    scored.map((e) => centerOf.get(e)!),
    scored.map((e) => clusterOf.get(e) ?? `single:${e}`),
  );

  // Report statistics as a report over these observations would compute them (line types by the
  // corpus's block registry, as `callhound import-blocks truth/blocks.csv` would assign them).
  const observed: ReportStats = computeStats(
    [...observedActivity.entries()].map(([e164, a]) => {
      const block = registry.get(e164.slice(0, -4));
      return { e164, days: [...a.days].sort(), brands: [...a.brands], lineType: block?.lineType ?? 'unknown', carrier: block?.carrier ?? 'unknown', emailsByDay: a.perDay };
    }),
  );
  const expected = summary.expected;
  const relErr = (o: number | null | undefined, e: number | null | undefined): number | null =>
    o === null || o === undefined || e === null || e === undefined ? null : e === 0 ? (o === 0 ? 0 : 1) : Math.abs(o - e) / Math.abs(e);
  const reportRows: Array<[string, number | null | undefined, number | null | undefined]> = [
    ['unique numbers', observed.uniqueNumbers, expected.uniqueNumbers],
    ['active > 1 day', observed.multiDay.count, expected.multiDay.count],
    ['consecutive reuse', observed.consecutiveReuse.count, expected.consecutiveReuse.count],
    ['longest run (days)', observed.consecutiveReuse.longestRun, expected.consecutiveReuse.longestRun],
    ['most common run (days)', observed.consecutiveReuse.mostCommonRun, expected.consecutiveReuse.mostCommonRun],
    ['median lifespan, multi-day', observed.lifespan.medianMultiDay, expected.lifespan.medianMultiDay],
    ['busiest number-day (emails)', observed.topNumberDay?.emails, expected.topNumberDay?.emails],
    ['VoIP share', observed.lineTypes.voip?.share, expected.lineTypes.voip?.share],
  ];

  const precision = extraction.tp + extraction.fp === 0 ? null : extraction.tp / (extraction.tp + extraction.fp);
  const recall = extraction.tp + extraction.fn === 0 ? null : extraction.tp / (extraction.tp + extraction.fn);
  const figures: Record<string, number | null> = {
    'extraction.precision': precision,
    'extraction.recall': recall,
    'extraction.recall.attachmentOnly': rate(extraction.attachmentOnly),
    'brand.accuracy': rate(brand),
    'platform.accuracy': rate(platform.hit),
    'lure.context.accuracy': rate(context),
    'lure.trigger.accuracy': rate(trigger),
    'lure.cta.accuracy': rate(cta),
    'clusters.ari': ari,
    'report.uniqueNumbers.relativeError': relErr(observed.uniqueNumbers, expected.uniqueNumbers),
    'report.multiDay.relativeError': relErr(observed.multiDay.count, expected.multiDay.count),
    'report.consecutiveReuse.relativeError': relErr(observed.consecutiveReuse.count, expected.consecutiveReuse.count),
  };

  const out: string[] = [];
  out.push(`callhound eval — corpus ${corpus}`);
  out.push(`  ${summary.totals.emails} messages (${summary.totals.phoneEmails} with numbers, ${summary.totals.noiseEmails} noise), ${expected.uniqueNumbers} planted numbers in ${summary.plantedClusters.length} call centers; OCR ${ocr ? 'on' : 'off'}; extraction ${extractSeconds.toFixed(1)} s (${(done / extractSeconds).toFixed(1)} msg/s), ${issues} issues`);
  if (issueCodes.size > 0) out.push(`  observation issues: ${[...issueCodes.entries()].sort().map(([c, n]) => `${c} ${n}`).join(', ')}`);
  out.push('');
  out.push('Extraction');
  out.push(`  precision                          ${pct(precision)}  (${extraction.tp} true, ${extraction.fp} false positives)`);
  out.push(`  recall                             ${pct(recall)}  (${extraction.tp}/${extraction.tp + extraction.fn})`);
  out.push(tallyRow('recall, numbers only in attachments', extraction.attachmentOnly));
  out.push(' by placement (recall of the number, per planted placement)');
  for (const [k, t] of [...extraction.byPlacement.entries()].sort()) out.push(tallyRow(k, t));
 out.push(' by layer (found in that very layer: a number also in the body does not hide a calendar miss)');
  for (const [k, t] of [...extraction.byLayer.entries()].sort()) out.push(tallyRow(k, t));
  out.push(' by disguise');
  for (const [k, t] of [...extraction.byDisguise.entries()].sort()) out.push(tallyRow(k, t));
  out.push(' by delivery technique                precision  recall             brand');
  for (const [k, d] of [...extraction.byDelivery.entries()].sort()) {
    out.push(`  ${k.padEnd(34)} ${pct(precisionOf(d))}  ${pct(recallOf(d))} ${`(${d.tp}/${d.tp + d.fn})`.padEnd(10)} ${pct(rate(d.brand))} (${d.brand.found}/${d.brand.total})`);
  }
  if (extraction.falsePositivesBy.size > 0) {
    out.push(' false positives by cause');
    for (const [k, v] of [...extraction.falsePositivesBy.entries()].sort()) out.push(`  ${k.padEnd(34)} ${v}`);
  }
  out.push('');
  out.push(`Classification${classifierSeen ? '' : ' (no brand/lure fields in the observations: classifier absent)'}`);
  out.push(tallyRow('brand', brand));
  out.push(`${tallyRow('platform (messages sent through one)', platform.hit)}; named where there is none: ${platform.falseNamed}`);
  out.push(tallyRow('lure context', context));
  out.push(tallyRow('lure trigger', trigger));
  out.push(tallyRow('lure call to action', cta));
  out.push('');
  out.push('Clusters (src/analysis analyseCorpus over the observations: same email, same attachment, sequential run)');
  out.push(`  adjusted Rand index vs planted     ${ari.toFixed(3)}  over ${scored.length} found numbers; ${analysis.clusters.length} clusters vs ${summary.plantedClusters.length} planted call centers`);
  out.push('');
  out.push('Report statistics (from the observations) vs truth');
  for (const [label, o, e] of reportRows) {
    const err = relErr(o, e);
    out.push(`  ${label.padEnd(34)} ${String(o ?? '-').padStart(8)} vs ${String(e ?? '-').padStart(8)}  ${err === null ? '' : `(error ${(100 * err).toFixed(1)}%)`}`);
  }
  out.push('');
  out.push(...sideBySide(figures, real));
  out.push('');
  const failures: string[] = [];
  out.push('Thresholds (eval/thresholds.json)');
  for (const [key, min] of Object.entries(thresholds.min)) {
    if (key.startsWith('real.')) continue; // the real-mail evaluation's own (npm run eval:real)
    const v = figures[key];
    const ok = v !== null && v !== undefined && v >= min;
    if (!ok) failures.push(key);
    out.push(`  ${ok ? 'ok  ' : 'FAIL'} ${key.padEnd(40)} ${v === null || v === undefined ? 'n/a' : v.toFixed(3)} >= ${min}`);
  }
  for (const [key, max] of Object.entries(thresholds.max)) {
    if (key.startsWith('real.')) continue;
    const v = figures[key];
    const ok = v !== null && v !== undefined && v <= max;
    if (!ok) failures.push(key);
    out.push(`  ${ok ? 'ok  ' : 'FAIL'} ${key.padEnd(40)} ${v === null || v === undefined ? 'n/a' : v.toFixed(3)} <= ${max}`);
  }
  if (extraction.misses.length > 0) {
    out.push('');
    out.push('Some misses');
    for (const m of extraction.misses.slice(0, 10)) out.push(`  ${m}`);
  }
  if (extraction.falsePositives.length > 0) {
    out.push('Some false positives');
    for (const m of extraction.falsePositives.slice(0, 10)) out.push(`  ${m}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  const jsonOut = arg('json');
  if (jsonOut) {
    const { writeFileSync } = await import('node:fs');
    const realFigures = 'skipped' in real ? null : real.figures;
    const byDelivery = Object.fromEntries(
      [...extraction.byDelivery.entries()].map(([k, d]) => [k, { precision: precisionOf(d), recall: recallOf(d), tp: d.tp, fp: d.fp, fn: d.fn, brandAccuracy: rate(d.brand) }]),
    );
    writeFileSync(jsonOut, `${JSON.stringify({ corpus, figures, byDelivery, real: realFigures, failures, observed, expected }, null, 2)}\n`);
  }
  if (failures.length > 0) {
    process.stderr.write(`eval: ${failures.length} figure(s) under threshold: ${failures.join(', ')}\n`);
    process.exitCode = 1;
  }
}

/** The synthetic figures beside the real-mail ones (eval/real), so that neither is read alone. */
function sideBySide(synthetic: Record<string, number | null>, real: RealEvalResult): string[] {
  const rows: Array<[string, string, string]> = [
    ['precision', 'extraction.precision', 'real.precision'],
    ['recall', 'extraction.recall', 'real.recall'],
    ['attachment-only recall', 'extraction.recall.attachmentOnly', 'real.recall.attachmentOnly'],
    ['brand accuracy', 'brand.accuracy', 'real.brand.accuracy'],
    ['platform accuracy', 'platform.accuracy', 'real.platform.accuracy'],
  ];
  const lines = ['Synthetic vs real mail'];
  if ('skipped' in real) {
    lines.push(`  real-mail evaluation skipped: ${real.skipped}`);
    lines.push(`  ${''.padEnd(34)} synthetic`);
    for (const [label, s] of rows) lines.push(`  ${label.padEnd(34)} ${pct(synthetic[s] ?? null)}`);
    return lines;
  }
  lines.push(`  (real: ${real.present} hand-labelled messages of ${real.labelled}, eval/real/labels.jsonl, ${real.seconds.toFixed(1)} s)`);
  lines.push(`  ${''.padEnd(34)} synthetic |   real`);
  for (const [label, s, r] of rows) lines.push(`  ${label.padEnd(34)}   ${pct(synthetic[s] ?? null)} | ${pct(real.figures[r] ?? null)}`);
  return lines;
}

await main();
