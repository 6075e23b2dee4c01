import { readFileSync } from 'node:fs';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../src/analysis/analyze.js';
import { blockNumbers, clusterOfNumber, numberActivity, numberStats } from '../../src/analysis/queries.js';
import { loadObservations } from '../../src/graph/load.js';
import { parseRegistryCsv } from '../../src/graph/registry-csv.js';
import { importRegistry } from '../../src/graph/registry.js';
import { buildReport } from '../../src/report/data.js';
import { renderHtml } from '../../src/report/html.js';
import { observation, orderLure, type PlannedEmail } from '../graph/corpus-fixture.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

const at = (day: string): string => `2026-03-${day}T12:00:00Z`;
const invoiceLure = { context: 'invoice', trigger: 'fear', cta: 'call-phone', confidence: 0.7, byLayer: {} };
const N1: [string, 'VOIP'] = ['+18047134598', 'VOIP'];
const N2 = '+18047134599';
const N3: [string, 'MOBILE'] = ['+13125550100', 'MOBILE'];

const plan: PlannedEmail[] = [
  { key: 'a1', date: at('01'), numbers: [N1], brand: 'PayPal', lure: orderLure, subjectTemplate: 'Order {n} confirmed', attachments: [{ name: 'i.pdf', type: 'pdf', content: 'p1' }] },
  { key: 'a2', date: at('02'), numbers: [N1], brand: 'PayPal', lure: invoiceLure, subjectTemplate: 'Invoice {n}', attachments: [{ name: 'i.heic', type: 'heic', content: 'h1' }] },
  { key: 'a3', date: at('02'), numbers: [N1], brand: 'PayPal', subjectTemplate: 'Invoice {n}' },
  { key: 'a4', date: at('02'), numbers: [N1], brand: 'PayPal', subjectTemplate: 'Invoice {n}' },
  { key: 'a5', date: at('03'), numbers: [N1], brand: 'PayPal' },
  { key: 'b1', date: at('01'), numbers: [N2], brand: 'Norton LifeLock' },
  { key: 'b2', date: at('05'), numbers: [N2], brand: 'Norton LifeLock' },
  { key: 'c1', date: at('10'), numbers: [N3], brand: 'PayPal' },
  { key: 'c2', date: at('10'), numbers: [N3], brand: 'Norton LifeLock' },
  { key: 'd1', date: null, numbers: ['+19175550000'] },
];

describe('the report on a planted corpus', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
    await loadObservations(driver, plan.map(observation), { source: 'report' });
    await importRegistry(driver, parseRegistryCsv(readFileSync('samples/registry/example-blocks.csv', 'utf8')).rows, { source: 'registry:example-blocks.csv' });
    await analyzeGraph(driver);
  });
  afterAll(async () => driver.close());

  it('computes the Talos figures exactly', async () => {
    const r = await buildReport(driver);
    expect(r).toMatchObject({ emails: 10, datedEmails: 9, firstDay: '2026-03-01', lastDay: '2026-03-10', uniqueNumbers: 4, ingestIssues: 0 });
    expect(r.consecutiveReuse).toEqual({ numbers: 1, share: 0.25, longestRun: 3, mostCommonRunLength: 3, runLengths: [[3, 1]] });
    expect(r.multiDay).toEqual({ numbers: 2, share: 0.5 });
    expect(r.lifespan.all).toEqual({ histogram: [[1, 1], [3, 1], [5, 1]], median: 3, numbers: 3 });
    expect(r.lifespan.multiDay).toEqual({ histogram: [[3, 1], [5, 1]], median: 4, numbers: 2 });
    expect(r.lifespanByBrand).toEqual([
      { brand: 'Norton LifeLock', distribution: { histogram: [[1, 1], [5, 1]], median: 3, numbers: 2 } },
      { brand: 'PayPal', distribution: { histogram: [[1, 1], [3, 1]], median: 2, numbers: 2 } },
    ]);
    expect(r.lineTypes).toEqual([['voip', 2], ['unknown', 1], ['wireless', 1]]);
    expect(r.carriers).toEqual([
      { carrier: 'Sinch', category: 'voip', numbers: 2 },
      { carrier: 'T-Mobile', category: 'wireless', numbers: 1 },
    ]);
    expect(r.spread.lures).toEqual({ numbers: 1, share: 0.25, examples: [{ e164: N1[0], values: ['invoice·fear·call-phone', 'order-confirmation·urgency·call-phone'] }] });
    expect(r.spread.subjectTemplates.examples).toEqual([{ e164: N1[0], values: ['Invoice {n}', 'Order {n} confirmed'] }]);
    expect(r.spread.brands.examples).toEqual([{ e164: N3[0], values: ['Norton LifeLock', 'PayPal'] }]);
    expect(r.spread.attachmentTypes.examples).toEqual([{ e164: N1[0], values: ['heic', 'pdf'] }]);
    expect(r.busiestNumberDay).toEqual({ e164: N1[0], day: '2026-03-02', emails: 3, brand: 'PayPal' });
    expect(r.topBlocks.map((b) => [b.block.prefix, b.block.numberCount, b.block.emailCount, b.block.brands, b.block.runs])).toEqual([['+1804713', 2, 7, ['Norton LifeLock', 'PayPal'], 1]]);
    expect(r.topBlocks[0]?.activity).toContainEqual({ e164: N1[0], day: '2026-03-02', brand: 'PayPal', emails: 3 });
    expect(r.topBlocks[0]?.activity).toHaveLength(5);
    expect(r.clusters.count).toBe(1);
    expect(r.clusters.largest[0]).toMatchObject({ size: 2, emails: 7, brands: ['Norton LifeLock', 'PayPal'] });
    expect(renderHtml(r)).toContain('chart-block-0');
  });

  it('answers the read queries the hunts and UI use', async () => {
    expect(await numberStats(driver, N1[0])).toMatchObject({ carrier: 'Sinch', lineType: 'voip', lifespan: 3, longestRun: 3, emailCount: 5, peakDay: '2026-03-02', runId: `r${N1[0]}`, block: '+1804713' });
    expect(await numberStats(driver, '+10000000000')).toBeNull();
    expect(await numberActivity(driver, N3[0])).toEqual([
      { e164: N3[0], day: '2026-03-10', brand: 'Norton LifeLock', emails: 1 },
      { e164: N3[0], day: '2026-03-10', brand: 'PayPal', emails: 1 },
    ]);
    expect((await blockNumbers(driver, '+1804713')).map((n) => n.e164)).toEqual([N1[0], N2]);
    expect(await clusterOfNumber(driver, N2)).toBe(await clusterOfNumber(driver, N1[0]));
    expect(await clusterOfNumber(driver, N3[0])).toBeNull();
  });
});
