import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../src/analysis/analyze.js';
import { clusterId } from '../../src/analysis/corpus.js';
import { readRows, writeRows } from '../../src/graph/driver.js';
import { loadObservations } from '../../src/graph/load.js';
import { observation, type PlannedEmail } from '../graph/corpus-fixture.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

const at = (day: string): string => `2026-03-${day}T12:00:00Z`;

// Hand-made timelines and planted clusters:
//  T: active 01,02,03 (run 3) · 06 (cool-down of 2) · 20 (cool-down of 13); 3 emails on 02.
//  Block +1804713: 4598, 4599, 4650 within 100 and 30 days → one sequential run; 9000 far off → alone.
//  X+Y share an email; Y+Z share an attachment file → one cluster with T? no: T is alone.
const plan: PlannedEmail[] = [
  { key: 't1', date: at('01'), numbers: ['+12125550001'], brand: 'PayPal' },
  { key: 't2a', date: at('02'), numbers: ['+12125550001'], brand: 'PayPal' },
  { key: 't2b', date: at('02'), numbers: ['+12125550001'], brand: 'PayPal' },
  { key: 't2c', date: at('02'), numbers: ['+12125550001'], brand: 'PayPal' },
  { key: 't3', date: at('03'), numbers: ['+12125550001'], brand: 'PayPal' },
  { key: 't6', date: at('06'), numbers: ['+12125550001'], brand: 'PayPal' },
  { key: 't20', date: at('20'), numbers: ['+12125550001'], brand: 'PayPal' },
  { key: 'b1', date: at('03'), numbers: ['+18047134598'], brand: 'PayPal' },
  { key: 'b2', date: at('04'), numbers: ['+18047134599'], brand: 'Norton LifeLock' },
  { key: 'b3', date: at('25'), numbers: ['+18047134650'], brand: 'McAfee' },
  { key: 'b4', date: at('04'), numbers: ['+18047139000'], brand: 'McAfee' },
  { key: 'xy', date: at('10'), numbers: ['+13125550010', '+14155550020'], brand: 'Geek Squad' },
  { key: 'z1', date: at('11'), numbers: ['+14155550020'], attachments: [{ name: 'a.heic', type: 'heic', content: 'shared image' }] },
  { key: 'z2', date: at('12'), numbers: ['+16175550030'], attachments: [{ name: 'b.jpg', type: 'jpeg', content: 'shared image' }] },
  { key: 'undated', date: null, numbers: ['+16175550030'] },
];

describe('analysis on the real graph', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
  });
  afterAll(async () => driver.close());
  beforeEach(async () => {
    await resetGraph(driver);
    await loadObservations(driver, plan.map(observation), { source: 'analysis' });
  });

  it('writes exact timelines: lifespan, runs, cool-downs, peak', async () => {
    const summary = await analyzeGraph(driver);
    expect(summary).toMatchObject({ emails: 15, numbers: 8, runs: 1, clusters: 2 });
    const [t] = await readRows(
      driver,
      `MATCH (p:PhoneNumber {e164: '+12125550001'})
       RETURN toString(p.firstSeen) AS firstSeen, toString(p.lastSeen) AS lastSeen, p.activeDays AS activeDays, [d IN p.days | toString(d)] AS days,
              p.lifespan AS lifespan, p.longestRun AS longestRun, p.coolDowns AS coolDowns, p.maxGap AS maxGap, p.emailCount AS emailCount,
              toString(p.peakDay) AS peakDay, p.peakDayEmails AS peakDayEmails, p.runId AS runId`,
    );
    expect(t).toEqual({
      firstSeen: '2026-03-01', lastSeen: '2026-03-20', activeDays: 5, days: ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-06', '2026-03-20'],
      lifespan: 20, longestRun: 3, coolDowns: 2, maxGap: 13, emailCount: 7, peakDay: '2026-03-02', peakDayEmails: 3, runId: null,
    });
    // Integers are stored as integers, not floats (hunts compare them with = and use them in ranges).
    const [types] = await readRows(driver, "MATCH (p:PhoneNumber {e164: '+12125550001'}) RETURN valueType(p.lifespan) AS t");
    expect(types?.t).toBe('INTEGER NOT NULL');
    const [undated] = await readRows(driver, "MATCH (p:PhoneNumber {e164: '+16175550030'}) RETURN p.emailCount AS emails, p.activeDays AS days, p.lifespan AS lifespan");
    expect(undated).toEqual({ emails: 2, days: 1, lifespan: 1 });
  });

  it('detects the sequential run and writes block statistics', async () => {
    await analyzeGraph(driver);
    const run = await readRows(driver, "MATCH (p:PhoneNumber) WHERE p.runId IS NOT NULL RETURN p.e164 AS e164, p.runId AS runId ORDER BY e164");
    expect(run).toEqual([
      { e164: '+18047134598', runId: 'r+18047134598' },
      { e164: '+18047134599', runId: 'r+18047134598' },
      { e164: '+18047134650', runId: 'r+18047134598' },
    ]);
    const [block] = await readRows(driver, "MATCH (b:DidBlock {prefix: '+1804713'}) RETURN toString(b.firstSeen) AS firstSeen, toString(b.lastSeen) AS lastSeen, b.emailCount AS emails, b.activeNumbers AS active, b.numberCount AS numbers");
    expect(block).toEqual({ firstSeen: '2026-03-03', lastSeen: '2026-03-25', emails: 4, active: 4, numbers: 4 });
    // A narrower time window splits the run: 4650 was active 21 days after 4599.
    await analyzeGraph(driver, { runs: { numberWindow: 100, dayWindow: 20 } });
    const narrower = await readRows(driver, "MATCH (p:PhoneNumber) WHERE p.runId IS NOT NULL RETURN p.e164 AS e164 ORDER BY e164");
    expect(narrower.map((r) => r.e164)).toEqual(['+18047134598', '+18047134599']);
  });

  it('writes the planted clusters with stable ids, and recomputing is idempotent', async () => {
    await analyzeGraph(driver);
    const read = () =>
      readRows(driver, `MATCH (c:Cluster)<-[:IN_CLUSTER]-(p:PhoneNumber) WITH c, collect(p.e164) AS members
        RETURN c.id AS id, c.size AS size, c.emails AS emails, c.brands AS brands, toString(c.firstSeen) AS firstSeen, toString(c.lastSeen) AS lastSeen, c.evidence AS evidence, members ORDER BY id`);
    const clusters = await read();
    const sorted = clusters.map((c) => ({ ...c, members: [...(c.members as string[])].sort() }));
    expect(sorted).toEqual(
      [
        { id: clusterId('+13125550010'), size: 3, emails: 4, brands: ['Geek Squad'], firstSeen: '2026-03-10', lastSeen: '2026-03-12', evidence: ['email', 'attachment'], members: ['+13125550010', '+14155550020', '+16175550030'] },
        { id: clusterId('+18047134598'), size: 3, emails: 3, brands: ['McAfee', 'Norton LifeLock', 'PayPal'], firstSeen: '2026-03-03', lastSeen: '2026-03-25', evidence: ['run'], members: ['+18047134598', '+18047134599', '+18047134650'] },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    const again = await analyzeGraph(driver);
    expect((await read()).map((c) => ({ ...c, members: [...(c.members as string[])].sort() }))).toEqual(sorted);
    // Nothing changed, so nothing is rewritten.
    expect(again).toMatchObject({ numbersWritten: 0, membershipsChanged: 0 });
    const [count] = await readRows(driver, 'MATCH (c:Cluster) WITH count(c) AS clusters MATCH ()-[r:IN_CLUSTER]->() RETURN clusters, count(r) AS links');
    expect(count).toEqual({ clusters: 2, links: 6 });
    // Only email evidence: the run cluster disappears, the X–Y pair stays (Z joined by the attachment only).
    const emailEvidence = await analyzeGraph(driver, { evidence: ['email'] });
    // The three run members and Z leave their clusters; X and Y stay in theirs (same id: same smallest number).
    expect(emailEvidence.membershipsChanged).toBe(4);
    const emailOnly = await readRows(driver, 'MATCH (c:Cluster)<-[:IN_CLUSTER]-(p) RETURN c.id AS id, count(p) AS n');
    expect(emailOnly).toEqual([{ id: clusterId('+13125550010'), n: 2 }]);
  });

  it('a re-analysis writes only the numbers new mail changed', async () => {
    const first = await analyzeGraph(driver);
    expect(first.numbersWritten).toBe(8);
    await loadObservations(driver, [observation({ key: 't21', date: at('21'), numbers: ['+12125550001'], brand: 'McAfee' })], { source: 'analysis' });
    const second = await analyzeGraph(driver);
    expect(second).toMatchObject({ numbersWritten: 1, membershipsChanged: 0 });
    const [t] = await readRows(driver, "MATCH (p:PhoneNumber {e164: '+12125550001'}) RETURN toString(p.lastSeen) AS lastSeen, p.emailCount AS emails, p.brands AS brands");
    expect(t).toEqual({ lastSeen: '2026-03-21', emails: 8, brands: ['McAfee', 'PayPal'] });
    // A hash that does not match what this analysis computes (an older version wrote it) gets the number rewritten.
    await writeRows(driver, "MATCH (p:PhoneNumber {e164: '+12125550001'}) SET p.analysisHash = 'older'");
    expect((await analyzeGraph(driver)).numbersWritten).toBe(1);
  });
});
