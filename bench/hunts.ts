/**
 * `npm run bench:hunts`: latency of every library hunt and of the reputation look-up on a generated graph
 * of 100,000 emails, in a throw-away local Neo4j. Prints median and p95 per query against the targets
 * (p95 < 500 ms per hunt; < 50 ms for the neighbourhood and reputation look-ups).
 *
 * The graph is written by the hunt test graph builder (test/helpers/hunt-graph.ts: batched UNWIND with the
 * exact properties of docs/graph-model.md, analysis properties included), from a seeded synthetic scenario
 * shaped like the Talos study: DID blocks with sequential runs, heavy-tailed volume per number, reuse on
 * consecutive days, cool-downs, several brands, templates and attachment types per number.
 *
 * Options: --emails N (default 100000), --runs N (default 20), --json; for profiling, --uri bolt://… with
 * --password P uses an existing, throw-away database instead (its data is added to), --no-build skips
 * writing the graph when it is already there, and --only a,b times only the hunts whose names contain a or b.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from '../src/graph/driver.js';
import { applySchema } from '../src/graph/schema.js';
import { loadHunts, resolveParams, runHunt } from '../src/hunts/index.js';
import { freePort, startLocalDb, stopLocalDb } from '../src/localdb/process.js';
import { reputation } from '../src/reputation/index.js';
import { graphRows, writeGraph, type ScenarioEmail } from '../test/helpers/hunt-graph.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const emailCount = option('emails', 100_000);
const runs = option('runs', 20);
const asJson = args.includes('--json');
const textOption = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const existingUri = textOption('uri');
const build = !args.includes('--no-build');
/** --only a,b: time only the hunts whose names contain one of these (the reputation look-ups always run). */
const only = textOption('only')?.split(',').filter((x) => x !== '');
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Small seeded PRNG (mulberry32) so every bench run measures the same graph. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const brands = ['PayPal', 'Geek Squad', 'McAfee', 'Norton LifeLock', 'Amazon', 'Microsoft'];
const contexts = ['subscription-renewal', 'invoice', 'account-security', 'order-confirmation', 'tech-support', 'refund', 'cancelation', 'transaction-verification'];
const triggers = ['urgency', 'fear', 'confusion', 'relief', 'curiosity'];
const types = ['pdf', 'pdf', 'pdf', 'jpeg', 'png', 'heic', 'docx'];
const areaCodes = ['804', '202', '310', '646', '703', '415', '512', '917', '213', '305', '312', '470', '617', '718', '832'];
const firstDay = Date.UTC(2026, 1, 26);
const dayCount = 34;
const isoDay = (offset: number): string => new Date(firstDay + offset * 86_400_000).toISOString().slice(0, 10);

interface SyntheticNumber {
  e164: string;
  brand: string;
  days: number[];
  weight: number;
  templates: string[];
}

/** The synthetic corpus: numbers bought in blocks, used in campaigns of a few days, volume heavy-tailed. */
function scenario(total: number): ScenarioEmail[] {
  const random = rng(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const numbers: SyntheticNumber[] = [];
  const targetNumbers = Math.round(total / 12);
  while (numbers.length < targetNumbers) {
    const prefix = `+1${pick(areaCodes)}${200 + Math.floor(random() * 799)}`;
    const base = Math.floor(random() * 9000);
    const brand = pick(brands);
    const blockSize = 1 + Math.floor(random() * random() * 10);
    const campaignStart = Math.floor(random() * dayCount);
    for (let i = 0; i < blockSize; i += 1) {
      const last4 = base + i * (1 + Math.floor(random() * 6));
      if (last4 > 9999) break;
      const start = Math.min(dayCount - 1, campaignStart + Math.floor(random() * 4));
      const length = random() < 0.9 ? 1 : 2 + Math.floor(random() * 4);
      const days = Array.from({ length }, (_, d) => start + d).filter((d) => d < dayCount);
      if (random() < 0.08) days.push(Math.min(dayCount - 1, (days.at(-1) ?? start) + 3 + Math.floor(random() * 20)));
      const template = `${pick(['Your', 'Order', 'Invoice', 'Renewal', 'Alert'])} ${brand} ${pick(['#{n}', 'notice {n}', 'receipt'])}`;
      numbers.push({ e164: `${prefix}${String(last4).padStart(4, '0')}`, brand: random() < 0.05 ? pick(brands) : brand, days: [...new Set(days)], weight: 1 / (0.02 + random()) ** 1.6, templates: [template, `${template} (2)`] });
    }
  }
  const unique = [...new Map(numbers.map((n) => [n.e164, n])).values()];
  const weights = unique.map((n) => n.weight);
  const sum = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w, i) => ((cumulative[i] = (acc + w) / sum), acc + w), 0);
  const draw = (): SyntheticNumber => {
    const r = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < r) lo = mid + 1;
      else hi = mid;
    }
    return unique[lo] as SyntheticNumber;
  };
  const emails: ScenarioEmail[] = [];
  for (let i = 0; i < total; i += 1) {
    const number = draw();
    const day = isoDay(pick(number.days));
    const mentions = [{ e164: number.e164, where: [random() < 0.25 ? pick(['pdf', 'image']) : 'body'] }];
    if (random() < 0.08) {
      const other = draw();
      if (other.e164 !== number.e164) mentions.push({ e164: other.e164, where: ['body'] });
    }
    const attachment = mentions[0]?.where[0] !== 'body' || random() < 0.1 ? [{ sha256: random() < 0.02 ? `shared-${Math.floor(random() * 50)}` : `att-${i}`, type: pick(types) }] : [];
    emails.push({
      id: `bench-${i}`,
      day,
      brand: random() < 0.03 ? pick(brands) : number.brand,
      subjectTemplate: pick(number.templates),
      context: pick(contexts),
      trigger: pick(triggers),
      cta: 'call-phone',
      numbers: mentions,
      attachments: attachment,
    });
  }
  return emails;
}

/** Server work of one run (sum of PROFILE db hits): a figure that does not depend on how busy the machine is. */
async function dbHits(driver: import('neo4j-driver').Driver, statement: string, params: Record<string, unknown>): Promise<number> {
  const session = driver.session({ defaultAccessMode: 'READ' });
  try {
    const result = await session.run(`PROFILE ${statement}`, params);
    const sum = (plan: { dbHits: number; children: unknown[] } | false): number => (plan ? plan.dbHits + plan.children.reduce<number>((acc, child) => acc + sum(child as { dbHits: number; children: unknown[] }), 0) : 0);
    return sum(result.summary.profile as { dbHits: number; children: unknown[] } | false);
  } finally {
    await session.close();
  }
}

function quantile(sorted: number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] as number;
}

async function measure(run: () => Promise<unknown>): Promise<{ median: number; p95: number; rows?: number }> {
  await run();
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callhound-bench-hunts-'));
const password = textOption('password') ?? 'callhound-bench';
try {
  let uri = existingUri;
  if (uri === undefined) {
    const port = await freePort();
    log(`starting a throw-away Neo4j on port ${port} (${dataDir})`);
    uri = (await startLocalDb({ port, dataDir, heap: '2g', pageCache: '1g', startTimeoutS: 300, user: 'neo4j', password }, log)).uri;
  }
  const { driver } = await connect({ uri, user: 'neo4j', password, database: undefined, connectTimeoutMs: 10_000 });
  try {
    await applySchema(driver);
    const buildStarted = Date.now();
    const emails = scenario(emailCount);
    const rows = graphRows(emails);
    log(`graph: ${rows.emails.length} emails, ${rows.numbers.length} numbers, ${rows.blocks.length} blocks, ${rows.clusters.length} clusters, ${rows.mentions.length} mentions`);
    let lastStep = '';
    if (build) await writeGraph(driver, rows, {
      batchSize: 5000,
      progress: (step, done, total) => {
        if (step !== lastStep || done === total || done % 25_000 === 0) log(`  writing ${step}: ${done}/${total}`);
        lastStep = step;
      },
    });
    if (build) log(`graph written in ${((Date.now() - buildStarted) / 1000).toFixed(1)} s`);

    const numbers = rows.numbers as { e164: string; prefix: string; emailCount: unknown }[];
    const busiest = [...numbers].sort((a, b) => Number(b.emailCount) - Number(a.emailCount))[0]?.e164 as string;
    const clustered = [...rows.clusterOf.keys()][0] as string;
    const inRun = numbers.find((n) => numbers.some((m) => m.e164 !== n.e164 && m.prefix === n.prefix && Math.abs(Number(m.e164.slice(-4)) - Number(n.e164.slice(-4))) <= 5))?.e164 as string;
    const unseenNext = `${inRun.slice(0, -4)}${String(Number(inRun.slice(-4)) + 1).padStart(4, '0')}`;
    const typical = numbers[Math.floor(numbers.length / 2)]?.e164 as string;
    const params: Record<string, Record<string, string>> = {
      'block-siblings': { number: inRun },
      'number-neighbourhood': { number: typical },
      'cluster-of-number': { number: clustered },
    };
    const catalog = await loadHunts({ defaultRegion: 'US' });
    const results: { query: string; median: number; p95: number; target: number; rows: number; dbHits?: number }[] = [];
    const load = os.loadavg()[0] ?? 0;
    for (const [name, hunt] of [...catalog.hunts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      if (only && !only.some((part) => name.includes(part))) continue;
      let rowCount = 0;
      const stats = await measure(async () => {
        const result = await runHunt(driver, hunt, params[name] ?? {}, { defaultRegion: 'US' });
        rowCount = result.total ?? result.returned;
      });
      const target = name === 'number-neighbourhood' ? 50 : 500;
      const hits = await dbHits(driver, hunt.statement, resolveParams(hunt, params[name] ?? {}, { defaultRegion: 'US' }).cypher);
      results.push({ query: `hunt ${name}`, ...stats, target, rows: rowCount, dbHits: hits });
      log(`  ${name}: median ${stats.median.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms (${rowCount} rows)`);
    }
    // The neighbourhood of the busiest number (hundreds of emails) is the worst case; reported, not targeted.
    const busiestHood = await measure(() => runHunt(driver, catalog.hunts.get('number-neighbourhood')!, { number: busiest }, { defaultRegion: 'US' }));
    results.push({ query: `hunt number-neighbourhood (busiest number ${busiest})`, ...busiestHood, target: Number.NaN, rows: 0 });
    for (const [label, number] of [
      ['known number', busiest],
      ['unseen number next to a run', unseenNext],
      ['unseen number, unknown block', '+12125550000'],
    ] as const) {
      const stats = await measure(() => reputation(driver, number, { defaultRegion: 'US' }));
      results.push({ query: `reputation ${label} ${number}`, ...stats, target: 50, rows: 1 });
      log(`  reputation ${label}: median ${stats.median.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms`);
    }
    const loadAfter = os.loadavg()[0] ?? 0;
    if (asJson) {
      process.stdout.write(`${JSON.stringify({ emails: emailCount, runs, loadAverage: [load, loadAfter], results })}\n`);
    } else {
      const width = Math.max(...results.map((r) => r.query.length));
      process.stdout.write(`${'query'.padEnd(width)}  median ms  p95 ms  target  rows  db hits\n`);
      for (const r of results) {
        const verdict = Number.isNaN(r.target) ? '     -' : `${r.p95 < r.target ? ' ok' : 'OVER'} <${r.target}`;
        process.stdout.write(`${r.query.padEnd(width)}  ${r.median.toFixed(1).padStart(9)}  ${r.p95.toFixed(1).padStart(6)}  ${verdict}  ${String(r.rows).padStart(4)}  ${r.dbHits ?? ''}\n`);
      }
      process.stdout.write(`${emailCount} emails, ${runs} timed runs per query after 2 warm-ups; 1-minute load average ${load.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${os.cpus().length} cores\n`);
    }
  } finally {
    await driver.close();
  }
} finally {
  if (existingUri === undefined) await stopLocalDb(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
}
