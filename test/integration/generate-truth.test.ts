import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../src/analysis/analyze.js';
import type { Observation } from '../../src/extract/observation.js';
import { generateCorpus, type CorpusSummary, type TruthMessage } from '../../src/generate/index.js';
import { loadObservations } from '../../src/graph/load.js';
import { parseRegistryCsv } from '../../src/graph/registry-csv.js';
import { importRegistry } from '../../src/graph/registry.js';
import { buildReport, type ReportData } from '../../src/report/data.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

/**
 * The contract between the generator's truth/summary.json and the report: a generated corpus, loaded as
 * perfect observations (straight from the truth, so extraction errors play no part), analysed and
 * reported, must give exactly the expected statistics.
 */
function perfectObservation(t: TruthMessage, numberTypes: Map<string, string>): Observation {
  return {
    file: t.file,
    id: t.id,
    messageId: t.messageId,
    subject: t.subject,
    from: t.from,
    fromName: null,
    fromDomain: t.fromDomain,
    date: t.date,
    lang: t.lang,
    numbers: t.numbers.map((n) => ({
      e164: n.e164,
      country: 'US',
      type: (numberTypes.get(n.e164) ?? 'UNKNOWN') as Observation['numbers'][number]['type'],
      where: [...new Set(n.placements.map((p) => p.where))],
      raw: n.placements.map((p) => p.raw),
      obfuscated: n.placements.some((p) => p.disguise !== 'none'),
      confidence: 1,
    })),
    attachments: [],
    issues: [],
    brands: [{ name: t.brand, where: ['subject'], confidence: 1 }],
    brand: t.brand,
    lure: { ...t.lure, confidence: 1, byLayer: {} },
  };
}

describe('generated truth vs callhound report (talos profile, text only)', () => {
  let driver: Driver;
  let dir: string;
  let summary: CorpusSummary;
  let report: ReportData;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'callhound-truth-'));
    await generateCorpus({ out: dir, profile: 'talos', attachments: 'none', seed: 'report-contract' });
    summary = JSON.parse(readFileSync(path.join(dir, 'truth/summary.json'), 'utf8')) as CorpusSummary;
    const numberTypes = new Map(
      readFileSync(path.join(dir, 'truth/numbers.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { e164: string; numberType: string })
        .map((n) => [n.e164, n.numberType] as const),
    );
    const observations = readFileSync(path.join(dir, 'truth/messages.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => perfectObservation(JSON.parse(l) as TruthMessage, numberTypes));
    driver = await testDriver();
    await resetGraph(driver);
    await importRegistry(driver, parseRegistryCsv(readFileSync(path.join(dir, 'truth/blocks.csv'), 'utf8')).rows, { source: 'registry:blocks.csv' });
    for (let i = 0; i < observations.length; i += 2000) {
      await loadObservations(driver, observations.slice(i, i + 2000), { source: 'truth' });
    }
    await analyzeGraph(driver);
    report = await buildReport(driver);
  }, 600_000);

  afterAll(async () => {
    await driver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the same numbers, reuse, runs and multi-day numbers', () => {
    const e = summary.expected;
    expect(report.emails).toBe(summary.totals.emails);
    expect(report.uniqueNumbers).toBe(e.uniqueNumbers);
    expect(report.multiDay.numbers).toBe(e.multiDay.count);
    expect(report.consecutiveReuse.numbers).toBe(e.consecutiveReuse.count);
    expect(report.consecutiveReuse.longestRun).toBe(e.consecutiveReuse.longestRun);
    expect(report.consecutiveReuse.mostCommonRunLength).toBe(e.consecutiveReuse.mostCommonRun);
  });

  it('finds the same lifespans and the same busiest number-day', () => {
    const e = summary.expected;
    expect(report.lifespan.all.median).toBe(e.lifespan.median);
    expect(report.lifespan.multiDay.median).toBe(e.lifespan.medianMultiDay);
    const histogram = Object.fromEntries(report.lifespan.all.histogram.map(([l, n]) => [String(l), n]));
    expect(histogram).toEqual(e.lifespan.distribution);
    expect(report.busiestNumberDay?.e164).toBe(e.topNumberDay?.e164);
    expect(report.busiestNumberDay?.emails).toBe(e.topNumberDay?.emails);
    expect(report.busiestNumberDay?.day).toBe(e.topNumberDay?.day);
  });

  it('assigns the planted line types and carriers through the block registry', () => {
    const lineTypes = Object.fromEntries(report.lineTypes);
    for (const [type, v] of Object.entries(summary.expected.lineTypes)) expect(lineTypes[type], type).toBe(v.count);
    const carriers = Object.fromEntries(report.carriers.map((c) => [c.carrier, c.numbers]));
    for (const [name, v] of Object.entries(summary.expected.carriers)) expect(carriers[name], name).toBe(v.count);
  });

  it('keeps PayPal numbers alive longer than Norton LifeLock numbers, as the truth says', () => {
    const byBrand = Object.fromEntries(report.lifespanByBrand.map((b) => [b.brand, b.distribution]));
    const mean = (d: { histogram: [number, number][] }): number => {
      const total = d.histogram.reduce((s, [, n]) => s + n, 0);
      return d.histogram.reduce((s, [l, n]) => s + l * n, 0) / total;
    };
    expect(byBrand.PayPal?.numbers).toBe(summary.expected.lifespanByBrand.PayPal?.numbers);
    expect(mean(byBrand.PayPal!)).toBeGreaterThan(mean(byBrand['Norton LifeLock']!));
  });

  it('recovers the planted call centers as clusters', () => {
    const planted = summary.plantedClusters.map((c) => c.numbers).sort((a, b) => b - a);
    expect(report.clusters.count).toBe(planted.length);
    expect(report.clusters.largest[0]?.size).toBe(planted[0]);
  });
});
