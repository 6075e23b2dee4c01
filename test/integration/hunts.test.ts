import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRows } from '../../src/graph/driver.js';
import { checkHuntsWithDatabase, loadHunts, parseHunt, runHunt, type Hunt, type HuntCatalog, type HuntResult } from '../../src/hunts/index.js';
import { explainHunt } from '../../src/hunts/explain.js';
import { streamReadOnly } from '../../src/hunts/runner.js';
import { huntBypasses } from '../helpers/hunt-bypasses.js';
import { buildHuntGraph, clusterId, huntScenario, N } from '../helpers/hunt-graph.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

const convert = { defaultRegion: 'US' };
let driver: Driver;
let catalog: HuntCatalog;

beforeAll(async () => {
  driver = await testDriver();
  await resetGraph(driver);
  await buildHuntGraph(driver, huntScenario);
  catalog = await loadHunts(convert);
});
afterAll(async () => driver.close());

function hunt(name: string): Hunt {
  const found = catalog.hunts.get(name);
  if (!found) throw new Error(`no hunt ${name}`);
  return found;
}

async function run(name: string, params: Record<string, string> = {}, limit?: number): Promise<HuntResult> {
  return runHunt(driver, hunt(name), params, { ...convert, ...(limit ? { limit } : {}) });
}

const rows = async (name: string, params: Record<string, string> = {}): Promise<Record<string, unknown>[]> => (await run(name, params)).rows;

/** A hand-written hunt (not from the library) that skips the text parser: for the database-side locks. */
function rawHunt(statement: string): Hunt {
  return { name: 'edited', file: 'edited.cypher', origin: 'user', title: 't', description: '', tags: [], result: 'table', params: [], statement, statementLine: 5, source: statement };
}

describe('the hunt library', () => {
  it('loads every library hunt without a problem, statically and with EXPLAIN', async () => {
    expect(catalog.problems).toEqual([]);
    expect(catalog.hunts.size).toBeGreaterThanOrEqual(15);
    expect(await checkHuntsWithDatabase(driver, catalog)).toEqual([]);
  });

  it('consecutive-reuse: longest runs first', async () => {
    expect(await rows('consecutive-reuse')).toEqual([
      { number: N.A, longestRun: 4, activeDays: 4, firstSeen: '2026-03-03', lastSeen: '2026-03-06', emails: 7 },
      { number: N.H, longestRun: 2, activeDays: 3, firstSeen: '2026-03-01', lastSeen: '2026-03-20', emails: 3 },
      { number: N.F, longestRun: 2, activeDays: 2, firstSeen: '2026-03-12', lastSeen: '2026-03-13', emails: 2 },
      { number: N.G2, longestRun: 2, activeDays: 2, firstSeen: '2026-03-15', lastSeen: '2026-03-16', emails: 2 },
      { number: N.B, longestRun: 2, activeDays: 2, firstSeen: '2026-03-04', lastSeen: '2026-03-05', emails: 2 },
    ]);
    expect((await rows('consecutive-reuse', { minRun: '3' })).map((r) => r.number)).toEqual([N.A]);
  });

  it('cool-down-returns: numbers that rested, longest rest first', async () => {
    expect(await rows('cool-down-returns', { minGap: '9' })).toEqual([
      { number: N.K, longestGap: 28, coolDowns: 1, activeDays: 2, firstSeen: '2026-03-02', lastSeen: '2026-03-31', emails: 2 },
      { number: N.H, longestGap: 17, coolDowns: 1, activeDays: 3, firstSeen: '2026-03-01', lastSeen: '2026-03-20', emails: 3 },
      { number: N.E, longestGap: 9, coolDowns: 1, activeDays: 2, firstSeen: '2026-03-10', lastSeen: '2026-03-20', emails: 2 },
    ]);
    expect((await rows('cool-down-returns', { minGap: '10' })).map((r) => r.number)).toEqual([N.K, N.H]);
  });

  it('number-across-subjects: one number behind several templates and contexts (figure 6)', async () => {
    expect(await rows('number-across-subjects')).toEqual([
      { number: N.A, templates: ['Order confirmation #{n}', 'Verify transaction {n}'], contexts: ['order-confirmation', 'transaction-verification'], brands: ['PayPal'], emails: 7 },
      { number: N.E, templates: ['Subscription renewed', 'Your invoice'], contexts: ['invoice', 'subscription-renewal'], brands: ['Norton LifeLock', 'PayPal'], emails: 2 },
    ]);
  });

  it('number-across-brands: one number behind several brands (figure 7)', async () => {
    expect(await rows('number-across-brands')).toEqual([
      { number: N.E, brands: ['Norton LifeLock', 'PayPal'], seenIn: ['pdf'], emails: 2 },
      { number: N.G2, brands: ['Geek Squad', 'PayPal'], seenIn: ['body'], emails: 2 },
    ]);
  });

  it('number-across-attachment-types: HEIC and JPEG (figure 8)', async () => {
    expect(await rows('number-across-attachment-types')).toEqual([{ number: N.F, types: ['heic', 'jpeg'], brands: ['McAfee'], emails: 2 }]);
    // At one type, the PDF numbers join (M counts: its PDF carries the number, even though its body does too).
    expect((await rows('number-across-attachment-types', { minTypes: '1' })).map((r) => r.number)).toEqual([N.F, N.E, N.M]);
  });

  it('attachment-only-numbers: never in a subject or body', async () => {
    expect(await rows('attachment-only-numbers')).toEqual([
      { number: N.E, seenIn: ['pdf'], types: ['pdf'], emails: 2 },
      { number: N.F, seenIn: ['image'], types: ['heic', 'jpeg'], emails: 2 },
    ]);
  });

  it('block-siblings: numbers of the block within the window, the given number in any format', async () => {
    const result = await run('block-siblings', { number: '(804) 713-4598' });
    expect(result.params).toEqual({ number: N.A, window: 100 });
    expect(result.rows).toEqual([
      { number: N.A, offset: 0, days: ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'], activeDays: 4, emails: 7, brands: ['PayPal'] },
      { number: N.B, offset: 3, days: ['2026-03-04', '2026-03-05'], activeDays: 2, emails: 2, brands: ['PayPal'] },
      { number: N.C, offset: 52, days: ['2026-03-06'], activeDays: 1, emails: 1, brands: ['PayPal'] },
    ]);
    // An unseen number of the block works too, and a wider window reaches N1.
    expect((await rows('block-siblings', { number: '+1 804 713 4660', window: '60' })).map((r) => [r.number, r.offset])).toEqual([
      [N.B, -59],
      [N.C, -10],
      [N.N1, 40],
    ]);
  });

  it('blocks-across-brands: one block across three brands (figure 10)', async () => {
    expect(await rows('blocks-across-brands')).toEqual([
      { block: '+1646555', brands: ['Geek Squad', 'McAfee', 'PayPal'], numbers: [N.G1, N.G2, N.G3], emails: 3, emailsPerBrand: ['Geek Squad: 1', 'McAfee: 1', 'PayPal: 1'] },
    ]);
    expect((await rows('blocks-across-brands', { minNumbers: '1' })).map((r) => r.block)).toEqual(['+1646555', '+1202555']);
  });

  it('top-numbers-per-day: highest volume per day within dates', async () => {
    expect(await rows('top-numbers-per-day', { perDay: '2', from: '2026-03-04', to: '2026-03-06' })).toEqual([
      { day: '2026-03-04', rank: 1, number: N.A, emails: 1 },
      { day: '2026-03-04', rank: 2, number: N.B, emails: 1 },
      { day: '2026-03-05', rank: 1, number: N.A, emails: 4 },
      { day: '2026-03-05', rank: 2, number: N.B, emails: 1 },
      { day: '2026-03-06', rank: 1, number: N.A, emails: 1 },
      { day: '2026-03-06', rank: 2, number: N.C, emails: 1 },
    ]);
  });

  it('lifespan-by-brand: median, mean, longest and multi-day numbers per brand', async () => {
    expect(await rows('lifespan-by-brand')).toEqual([
      { brand: 'PayPal', numbers: 8, medianLifespan: 1.5, meanLifespan: 2.88, maxLifespan: 11, activeMoreThanOneDay: 4 },
      { brand: 'Norton LifeLock', numbers: 4, medianLifespan: 15.5, meanLifespan: 15.5, maxLifespan: 30, activeMoreThanOneDay: 3 },
      { brand: 'McAfee', numbers: 3, medianLifespan: 1, meanLifespan: 1.33, maxLifespan: 2, activeMoreThanOneDay: 1 },
      { brand: 'Geek Squad', numbers: 2, medianLifespan: 1.5, meanLifespan: 1.5, maxLifespan: 2, activeMoreThanOneDay: 1 },
    ]);
  });

  it('number-neighbourhood: a graph by model keys, one or two hops', async () => {
    const one = await run('number-neighbourhood', { number: N.A });
    expect(one.graph?.nodes.map((n) => n.key).sort()).toEqual(
      ['a1', 'a2', 'a3', 'a4', 'a5', 'ab', 'ac'].map((id) => `Email:${id}`).concat([`PhoneNumber:${N.A}`, `PhoneNumber:${N.B}`, `PhoneNumber:${N.C}`]).sort(),
    );
    expect(one.graph?.edges.map((e) => e.key).sort()).toEqual(
      [
        ...['a1', 'a2', 'a3', 'a4', 'a5', 'ab', 'ac'].map((id) => `Email:${id}-MENTIONS->PhoneNumber:${N.A}`),
        `Email:ab-MENTIONS->PhoneNumber:${N.B}`,
        `Email:ac-MENTIONS->PhoneNumber:${N.C}`,
      ].sort(),
    );
    expect(one.graph?.unnamed).toBe(0);
    const node = one.graph?.nodes.find((n) => n.key === `PhoneNumber:${N.A}`);
    expect(node).toMatchObject({ label: 'PhoneNumber', properties: { e164: N.A, longestRun: 4, firstSeen: '2026-03-03' } });
    expect(JSON.stringify(one)).not.toMatch(/elementId|identity|"4:[0-9a-f-]{36}:\d+"/);

    // Two hops from C: C -> ac -> A -> A's emails -> B; B's own email b1 is the third hop, left out.
    const two = await run('number-neighbourhood', { number: N.C, hops: '2' });
    expect(two.graph?.nodes.map((n) => n.key).sort()).toEqual(
      ['a1', 'a2', 'a3', 'a4', 'a5', 'ab', 'ac'].map((id) => `Email:${id}`).concat([`PhoneNumber:${N.A}`, `PhoneNumber:${N.B}`, `PhoneNumber:${N.C}`]).sort(),
    );
    expect(two.rows[0]).toEqual({ email: 'Email:a1', mention: `Email:a1-MENTIONS->PhoneNumber:${N.A}`, number: `PhoneNumber:${N.A}` });
    expect(two.rows.at(-1)).toEqual({ email: 'Email:ac', mention: `Email:ac-MENTIONS->PhoneNumber:${N.C}`, number: `PhoneNumber:${N.C}` });
    expect((await run('number-neighbourhood', { number: N.C, hops: '3' })).graph?.nodes.map((n) => n.key)).toContain('Email:b1');
  });

  it('clusters-by-size, clusters-recent and cluster-of-number', async () => {
    const abc = clusterId(N.A);
    const kn = clusterId(N.K);
    const g = clusterId(N.G1);
    const bySize = await rows('clusters-by-size');
    const twoNumberClusters = [
      { cluster: kn, size: 2, emails: 2, brands: ['Norton LifeLock'], firstSeen: '2026-03-02', lastSeen: '2026-03-31', members: [N.K, N.N2] },
      { cluster: g, size: 2, emails: 2, brands: ['Geek Squad', 'PayPal'], firstSeen: '2026-03-15', lastSeen: '2026-03-16', members: [N.G1, N.G2] },
    ].sort((x, y) => x.cluster.localeCompare(y.cluster));
    expect(bySize).toEqual([
      { cluster: abc, size: 3, emails: 8, brands: ['PayPal'], firstSeen: '2026-03-03', lastSeen: '2026-03-06', members: [N.A, N.B, N.C] },
      ...twoNumberClusters,
    ]);
    expect(await rows('clusters-recent')).toEqual([
      { cluster: kn, lastSeen: '2026-03-31', size: 2, emails: 2, brands: ['Norton LifeLock'], activeNumbers: 2, members: [N.K, N.N2] },
    ]);
    expect((await rows('clusters-recent', { days: '20' })).map((r) => [r.cluster, r.activeNumbers])).toEqual([
      [kn, 2],
      [g, 2],
    ]);
    expect((await rows('clusters-recent', { days: '3', asOf: '2026-03-07' })).map((r) => r.cluster)).toEqual([abc]);

    const of = await run('cluster-of-number', { number: '804-713-4601' });
    expect(of.graph?.nodes.map((n) => n.key)).toEqual([`Cluster:${abc}`, `PhoneNumber:${N.A}`, `PhoneNumber:${N.B}`, `PhoneNumber:${N.C}`]);
    expect(of.graph?.edges.map((e) => [e.source, e.type, e.target])).toEqual([N.A, N.B, N.C].map((n) => [`PhoneNumber:${n}`, 'IN_CLUSTER', `Cluster:${abc}`]));
    expect(of.rows.map((r) => r.number)).toEqual([N.A, N.B, N.C].map((n) => `PhoneNumber:${n}`));
  });

  it('new-numbers-in-known-places: new numbers in a known block or cluster, not a new one alone', async () => {
    expect(await rows('new-numbers-in-known-places')).toEqual([
      { number: N.N2, firstSeen: '2026-03-31', block: '+1512555', knownInBlock: [], cluster: clusterId(N.K), clusterSize: 2, clusterFirstSeen: '2026-03-02' },
      { number: N.N1, firstSeen: '2026-03-30', block: '+1804713', knownInBlock: [N.A, N.B, N.C, N.D], cluster: null, clusterSize: null, clusterFirstSeen: null },
    ]);
    // Over 30 days (after 03-01) K's cluster is itself new, so N2 drops out; only D (03-01) is known from
    // before, so the new numbers of D's block are listed, newest first.
    expect((await rows('new-numbers-in-known-places', { days: '30' })).map((r) => [r.number, r.knownInBlock])).toEqual([N.N1, N.C, N.B, N.A].map((n) => [n, [N.D]]));
  });
});

describe('running hunts', () => {
  it('carries the Cypher and parameter values that produced the result', async () => {
    const result = await run('consecutive-reuse', { minRun: '3' });
    expect(result.cypher).toBe(hunt('consecutive-reuse').statement);
    expect(result.cypher).toContain('$minRun');
    expect(result.params).toEqual({ minRun: 3 });
    expect(result.columns).toEqual(['number', 'longestRun', 'activeDays', 'firstSeen', 'lastSeen', 'emails']);
    expect(result.notice).toBeUndefined();
  });

  it('says when the row limit cut the result, with the total', async () => {
    const result = await run('consecutive-reuse', {}, 2);
    expect(result.rows.map((r) => r.number)).toEqual([N.A, N.H]);
    expect(result).toMatchObject({ returned: 2, truncated: true, total: 5, limit: 2 });
    expect(result.notice).toBe('row limit reached: 2 row(s) returned of 5 (raise --limit to see more)');
    const exact = await run('consecutive-reuse', {}, 5);
    expect(exact).toMatchObject({ returned: 5, truncated: false });
    expect(exact.notice).toBeUndefined();
  });

  it('treats parameter values with Cypher syntax in them as data', async () => {
    const evil = "x' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //";
    const { hunt: custom, problems } = parseHunt(
      'by-template',
      'by-template.cypher',
      `// @title By template\n// @result table\n// @param template string = none -- a subject template\nMATCH (e:Email) WHERE e.subjectTemplate = $template RETURN e.id AS id ORDER BY id\n`,
      'user',
      convert,
    );
    expect(problems).toEqual([]);
    const result = await runHunt(driver, custom as Hunt, { template: evil }, convert);
    expect(result.rows).toEqual([]);
    expect(result.params).toEqual({ template: evil });
    const real = await runHunt(driver, custom as Hunt, { template: 'Verify transaction {n}' }, convert);
    expect(real.rows.map((r) => r.id)).toEqual(['a3', 'a4', 'a5', 'ac']);
    const [count] = await readRows<{ n: number }>(driver, 'MATCH (e:Email) RETURN count(e) AS n');
    expect(count?.n).toBe(huntScenario.length);
    // A "phone number" that is Cypher is refused as a bad parameter before anything runs.
    await expect(run('block-siblings', { number: "1') MATCH (n) DETACH DELETE n //" })).rejects.toMatchObject({ code: 'bad_param' });
  });

  it('stops a runaway hunt at the timeout and says so', async () => {
    const { hunt: runaway } = parseHunt(
      'runaway',
      'runaway.cypher',
      '// @title Runaway\n// @result table\nUNWIND range(1, 100000000) AS a UNWIND range(1, 100000000) AS b RETURN count(*) AS pairs\n',
      'user',
      convert,
    );
    const started = Date.now();
    const result = await runHunt(driver, runaway as Hunt, {}, { ...convert, timeoutMs: 1500 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result).toMatchObject({ timedOut: true, returned: 0, rows: [] });
    expect(result.notice).toMatch(/^timed out after 1500 ms: 0 row\(s\) returned/);
  });
});

describe('refusing writes', () => {
  const edits: [string, string][] = [
    ['CREATE', 'MATCH (p:PhoneNumber) CREATE (x:Brand {name: "evil"}) RETURN p'],
    ['MERGE', 'MERGE (b:Brand {name: "evil"}) RETURN b'],
    ['SET', 'MATCH (p:PhoneNumber) SET p.lineType = "x" RETURN p'],
    ['DELETE', 'MATCH (p:PhoneNumber) DETACH DELETE p'],
    ['IN TRANSACTIONS', 'MATCH (p:PhoneNumber) CALL (p) { DETACH DELETE p } IN TRANSACTIONS OF 10 ROWS'],
    ['write procedure', "CALL db.createLabel('Evil')"],
  ];

  it.each(edits)('refuses a hunt file edited to contain %s, naming file and line', (_what, statement) => {
    const source = `// @title Edited\n// @result table\n\n${statement}\n`;
    const { hunt: parsed, problems } = parseHunt('edited', '/hunts/edited.cypher', source, 'user', convert);
    expect(parsed).toBeUndefined();
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: '/hunts/edited.cypher', line: 4 });
  });

  it.each(edits)('the runner refuses %s even in a hunt that skipped the file checks, and nothing is written', async (_what, statement) => {
    await expect(runHunt(driver, rawHunt(statement), {}, convert)).rejects.toMatchObject({ code: 'hunt_not_read_only' });
    const [brands] = await readRows<{ n: number }>(driver, "MATCH (b:Brand {name: 'evil'}) RETURN count(b) AS n");
    expect(brands?.n).toBe(0);
  });

  it.each(edits.filter(([what]) => what !== 'IN TRANSACTIONS'))('EXPLAIN alone sees %s as not read-only', async (_what, statement) => {
    const verdict = await explainHunt(driver, rawHunt(statement));
    expect(verdict.queryType).not.toBe('r');
    expect(verdict.problems[0]?.message).toMatch(/hunts must be read-only/);
  });

  it.each(edits)('the READ transaction alone refuses %s', async (_what, statement) => {
    await expect(streamReadOnly(driver, statement, {}, { limit: 10, timeoutMs: 5000, countCap: 0 })).rejects.toThrow();
    const [count] = await readRows<{ n: number }>(driver, 'MATCH (p:PhoneNumber) RETURN count(p) AS n');
    expect(count?.n).toBe(15);
    const [labels] = await readRows<{ labels: string[] }>(driver, 'CALL db.labels() YIELD label RETURN collect(label) AS labels');
    expect(labels?.labels).not.toContain('Evil');
  });

  it('reports a syntax error found by the parser, and by EXPLAIN, at the line of the file', async () => {
    const source = '// @title Broken\n// @result table\nMATCH (p:PhoneNumber)\nWHERE p.e164 =\nRETURN p\n';
    const { hunt: parsed, problems } = parseHunt('broken', '/hunts/broken.cypher', source, 'user', convert);
    expect(parsed).toBeUndefined();
    expect(problems[0]).toMatchObject({ file: '/hunts/broken.cypher', line: 5, column: 8 });
    expect(problems[0]?.message).toMatch(/cannot parse the statement near "p"/);
    // The database's own parser agrees, with the same line (EXPLAIN is the second lock).
    const verdict = await explainHunt(driver, { ...rawHunt('MATCH (p:PhoneNumber)\nWHERE p.e164 =\nRETURN p'), file: '/hunts/broken.cypher', statementLine: 3 });
    expect(verdict.problems).toHaveLength(1);
    expect(verdict.problems[0]).toMatchObject({ file: '/hunts/broken.cypher', line: 5 });
    expect(verdict.problems[0]?.message).toMatch(/Cypher error, column 8: Invalid input 'p'/);
  });

  it.each(Object.entries(huntBypasses('http://127.0.0.1:9/leak')))('the runner refuses the guard bypass %s before anything reaches the database, with line and column', async (_name, { statement, refusal }) => {
    const error = await runHunt(driver, rawHunt(statement), {}, convert).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'hunt_not_read_only', status: 422 });
    expect((error as Error).message).toMatch(refusal);
    expect((error as Error).message).toMatch(/edited\.cypher:\d+:\d+: /);
  });

  it('reports labels outside the model (a typo, or a BloodHound query)', async () => {
    const verdict = await explainHunt(driver, rawHunt('MATCH (n:PhoneNumbr)-[:MemberOf]->(g:Group) RETURN n'));
    expect(verdict.queryType).toBe('r');
    expect(verdict.problems.map((p) => p.message).sort()).toEqual([
      "label Group is not part of callhound's graph model (docs/graph-model.md)",
      "label PhoneNumbr is not part of callhound's graph model (docs/graph-model.md)",
      "relationship type MemberOf is not part of callhound's graph model (docs/graph-model.md)",
    ]);
  });
});
