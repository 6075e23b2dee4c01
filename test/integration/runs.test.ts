import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../src/analysis/analyze.js';
import { readRows, writeRows } from '../../src/graph/driver.js';
import { loadObservations } from '../../src/graph/load.js';
import { blocklist, reputation } from '../../src/reputation/index.js';
import { observation, type PlannedEmail } from '../graph/corpus-fixture.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

// One block where the two run algorithms used to disagree (issue 16): A and C are 90 apart in their last
// four digits and active in the same days; B sits between them in digits but is active months later. Analyze
// links A–C (any pair within 100 digits and 30 days); reputation chained only neighbours (A–B, B–C) and
// found no run, so `blocklist --predict` predicted nothing in a block the report and clusters call a run.
const A = '+18047130000';
const B = '+18047130050';
const C = '+18047130090';
const plan: PlannedEmail[] = [
  { key: 'a1', date: '2026-03-01T10:00:00Z', numbers: [A], brand: 'PayPal' },
  { key: 'a2', date: '2026-03-05T10:00:00Z', numbers: [A], brand: 'PayPal' },
  { key: 'c1', date: '2026-03-03T10:00:00Z', numbers: [C], brand: 'PayPal' },
  { key: 'b1', date: '2026-08-01T10:00:00Z', numbers: [B], brand: 'McAfee' },
];
const options = { defaultRegion: 'US', asOf: '2026-03-10' };

async function storedRuns(driver: Driver): Promise<Record<string, string | null>> {
  const rows = await readRows<{ e164: string; runId: string | null }>(driver, 'MATCH (p:PhoneNumber) RETURN p.e164 AS e164, p.runId AS runId ORDER BY e164');
  return Object.fromEntries(rows.map((r) => [r.e164, r.runId]));
}

async function predictedInBlock(driver: Driver): Promise<number[]> {
  const { entries } = await blocklist(driver, { predict: true, next: 2, asOf: options.asOf });
  return entries.filter((e) => e.status === 'predicted').map((e) => Number(e.number.slice(-4)));
}

describe('sequential runs: analyze, reputation and blocklist --predict agree', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
  });
  afterAll(async () => driver.close());
  beforeEach(async () => {
    await resetGraph(driver);
    await loadObservations(driver, plan.map(observation), { source: 'runs' });
  });

  const gapsAndNext = (): number[] => {
    const expected: number[] = [];
    for (let v = 1; v < 90; v += 1) if (v !== 50) expected.push(v); // B is known: never predicted
    return [...expected, 91, 92];
  };

  it('the run analyze writes is the run reputation and the blocklist use', async () => {
    const summary = await analyzeGraph(driver);
    expect(summary.runs).toBe(1);
    expect(await storedRuns(driver)).toEqual({ [A]: `r${A}`, [B]: null, [C]: `r${A}` });
    const [cluster] = await readRows<{ members: string[]; evidence: string[] }>(
      driver,
      'MATCH (c:Cluster)<-[:IN_CLUSTER]-(p:PhoneNumber) WITH c, p ORDER BY p.e164 RETURN collect(p.e164) AS members, c.evidence AS evidence',
    );
    expect(cluster).toEqual({ members: [A, C], evidence: ['run'] });

    for (const member of [A, C]) {
      expect((await reputation(driver, member, options)).run, member).toEqual({ prefix: '+1804713', from: '0000', to: '0090', numbers: [A, C], firstSeen: '2026-03-01', lastSeen: '2026-03-05', position: 'member' });
    }
    expect((await reputation(driver, B, options)).run).toBeNull();
    const gap = await reputation(driver, '+18047130020', options);
    expect(gap).toMatchObject({ verdict: 'likely-next-rotation', run: { position: 'gap', numbers: [A, C] } });
    expect(await predictedInBlock(driver)).toEqual(gapsAndNext());
  });

  it('reads the runs analyze stored instead of recomputing them (other windows given to analyze)', async () => {
    // --number-window 50: A and C are 90 apart, so analyze finds no run; reputation must say the same.
    const summary = await analyzeGraph(driver, { runs: { numberWindow: 50, dayWindow: 30 } });
    expect(summary.runs).toBe(0);
    expect(await storedRuns(driver)).toEqual({ [A]: null, [B]: null, [C]: null });
    expect((await reputation(driver, A, options)).run).toBeNull();
    expect(await reputation(driver, '+18047130020', options)).toMatchObject({ likelyNextRotation: false, run: null });
    expect(await predictedInBlock(driver)).toEqual([]);
    // Windows asked by the caller are computed with the same algorithm, on the same numbers.
    expect((await reputation(driver, A, { ...options, window: 100 })).run?.numbers).toEqual([A, C]);
  });

  it('falls back to the same algorithm where analyze has not written the numbers', async () => {
    await analyzeGraph(driver);
    // Dated numbers without the analysis' marks (a graph analysed by an older callhound, or written by hand).
    await writeRows(driver, 'MATCH (p:PhoneNumber) REMOVE p.analysisHash, p.runId', {});
    expect(await storedRuns(driver)).toEqual({ [A]: null, [B]: null, [C]: null });
    expect((await reputation(driver, C, options)).run).toMatchObject({ numbers: [A, C], position: 'member' });
    expect(await predictedInBlock(driver)).toEqual(gapsAndNext());
  });
});
