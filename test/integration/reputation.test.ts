import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocklist, formatBlocklist, reputation } from '../../src/reputation/index.js';
import { createBlockMemo } from '../../src/reputation/reputation.js';
import { buildHuntGraph, clusterId, huntScenario, N } from '../helpers/hunt-graph.js';
import { writeRows } from '../../src/graph/driver.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

const options = { defaultRegion: 'US' };
let driver: Driver;

beforeAll(async () => {
  driver = await testDriver();
  await resetGraph(driver);
  await buildHuntGraph(driver, huntScenario);
});
afterAll(async () => driver.close());

describe('reputation of a known number', () => {
  it('scores a known number with its reasons, written in any format', async () => {
    const rep = await reputation(driver, '(804) 713-4598', options);
    expect(rep).toMatchObject({ number: N.A, known: true, verdict: 'known', likelyNextRotation: false, asOf: '2026-03-31' });
    expect(rep.reasons.map((r) => [r.factor, r.points])).toEqual([
      ['seen', 50],
      ['emails', 8],
      ['brands', 0],
      ['lures', 5],
      ['days-active', 8],
      ['cluster', 4],
      ['recency', 8],
    ]);
    expect(rep.score).toBe(83);
    expect(rep.facts).toEqual({
      emails: 7,
      brands: ['PayPal'],
      lures: ['order-confirmation·urgency·call-phone', 'transaction-verification·fear·call-phone'],
      activeDays: 4,
      firstSeen: '2026-03-03',
      lastSeen: '2026-03-06',
      clusterSize: 3,
      cluster: clusterId(N.A),
      longestRun: 4,
    });
    expect(rep.run).toMatchObject({ position: 'member', from: '4598', to: '4700', numbers: [N.A, N.B, N.C, N.N1] });
  });

  it('weighs recency against asOf and several brands', async () => {
    const recent = await reputation(driver, N.E, { ...options, asOf: '2026-03-21' });
    expect(recent.reasons.find((r) => r.factor === 'recency')).toMatchObject({ points: 15, detail: 'last seen 2026-03-20, 1 day(s) before 2026-03-21' });
    expect(recent.reasons.find((r) => r.factor === 'brands')).toMatchObject({ points: 5, detail: 'impersonating Norton LifeLock, PayPal' });
    const old = await reputation(driver, N.E, { ...options, asOf: '2026-12-31' });
    expect(old.reasons.find((r) => r.factor === 'recency')?.points).toBe(0);
    expect(old.score).toBe(recent.score - 15);
  });
});

describe('reputation before analysis', () => {
  it('walks the emails for brands when analyze has not written them, with the same answer', async () => {
    const analysed = await reputation(driver, N.E, options);
    const neighbour = await reputation(driver, '+12025550144', options);
    await writeRows(driver, 'MATCH (p:PhoneNumber) WHERE p.e164 IN $numbers REMOVE p.brands', { numbers: [N.E] });
    try {
      expect((await reputation(driver, N.E, options)).facts).toEqual(analysed.facts);
      expect(analysed.facts?.brands).toEqual(['Norton LifeLock', 'PayPal']);
      expect(await reputation(driver, '+12025550144', options)).toEqual(neighbour);
    } finally {
      await writeRows(driver, "MATCH (p:PhoneNumber {e164: $e164}) SET p.brands = ['Norton LifeLock', 'PayPal']", { e164: N.E });
    }
  });
});

describe('reputation of an unseen number', () => {
  it('flags a gap inside a sequential run as a likely next rotation, neighbours named', async () => {
    const rep = await reputation(driver, '+1 804-713-4600', options);
    expect(rep).toMatchObject({ number: '+18047134600', known: false, verdict: 'likely-next-rotation', likelyNextRotation: true, facts: null });
    expect(rep.neighbours.map((n) => [n.e164, n.offset])).toEqual([
      [N.B, 1],
      [N.A, -2],
      [N.C, 50],
      [N.N1, 100],
    ]);
    expect(rep.neighbours[0]).toEqual({ e164: N.B, offset: 1, firstSeen: '2026-03-04', lastSeen: '2026-03-05', emails: 2, brands: ['PayPal'] });
    expect(rep.run).toEqual({ prefix: '+1804713', from: '4598', to: '4700', numbers: [N.A, N.B, N.C, N.N1], firstSeen: '2026-03-03', lastSeen: '2026-03-30', position: 'gap' });
    expect(rep.reasons.map((r) => [r.factor, r.points])).toEqual([
      ['rotation', 50],
      ['block', 20],
      ['recency', 15],
      ['proximity', 10],
    ]);
    expect(rep.score).toBe(95);
    expect(rep.reasons[0]?.detail).toMatch(/in a gap inside a sequential run \+1804713 4598–4700/);
  });

  it('flags the next number past the end of a run', async () => {
    const rep = await reputation(driver, '+18047134703', options);
    expect(rep).toMatchObject({ verdict: 'likely-next-rotation', run: { position: 'after' } });
    expect(rep.neighbours.map((n) => n.e164)).toEqual([N.N1, N.C]);
  });

  it('is only mildly suspicious far from known numbers of its block, and unknown elsewhere', async () => {
    const far = await reputation(driver, '+18047134900', options);
    expect(far).toMatchObject({ verdict: 'known-block', score: 10, neighbours: [], run: null, block: { prefix: '+1804713', knownNumbers: 5 } });
    const nowhere = await reputation(driver, '+12125550000', options);
    expect(nowhere).toMatchObject({ verdict: 'unknown', score: 0, known: false, block: { knownNumbers: 0 } });
  });

  it('near a single known number (no run) is suspicious but not a rotation', async () => {
    // D (+18047139000) stands alone at the far end of the block.
    const rep = await reputation(driver, '+18047139010', options);
    expect(rep).toMatchObject({ verdict: 'near-known-numbers', likelyNextRotation: false, run: null });
    expect(rep.neighbours.map((n) => n.e164)).toEqual([N.D]);
    expect(rep.reasons.map((r) => [r.factor, r.points])).toEqual([
      ['proximity', 30],
      ['recency', 5],
    ]);
    expect(rep.score).toBe(35);
  });

  it('rejects what is not a phone number', async () => {
    await expect(reputation(driver, "1' OR 1=1", options)).rejects.toMatchObject({ code: 'bad_number', status: 400 });
  });
});

describe('reputation with kept block data (the API server\'s)', () => {
  const asked = [N.A, N.B, N.E, N.D, '+18047134600', '+18047134703', '+18047134900', '+18047139010', '+12125550000', '+12025550144', N.G2, '+16465550105'];

  it('gives exactly the answers of a look-up without it, for known, unseen and unknown-block numbers', async () => {
    const memo = createBlockMemo({ maxBlocks: 100, maxAgeMs: 60_000 });
    for (const number of asked) {
      const plain = await reputation(driver, number, options);
      expect(await reputation(driver, number, { ...options, blockMemo: memo }), `${number}, filling`).toEqual(plain);
      expect(await reputation(driver, number, { ...options, blockMemo: memo }), `${number}, kept`).toEqual(plain);
    }
    // Four blocks (+1804713, +1202555, +1212555, +1646555): each asked of the database once.
    expect(memo.stats()).toMatchObject({ entries: 4, misses: 4, hits: asked.length * 2 - 4 });
  });

  it('answers an unseen number of a kept block without the database, and asks it for a present one', async () => {
    const memo = createBlockMemo({ maxBlocks: 100, maxAgeMs: 60_000 });
    const expected = await reputation(driver, '+18047134600', options);
    const own = await testDriver();
    await reputation(own, N.A, { ...options, blockMemo: memo });
    await own.close();
    // The driver is closed: only an answer that needs no query can come back.
    expect(await reputation(own, '+18047134600', { ...options, blockMemo: memo })).toEqual(expected);
    await expect(reputation(own, N.B, { ...options, blockMemo: memo })).rejects.toThrow();
  });

  it('knows a number that has a node with the prefix even without its IN_BLOCK link', async () => {
    const lonely = '+18047134777';
    await writeRows(driver, "MERGE (p:PhoneNumber {e164: $e164}) MERGE (e:Email {id: 'lonely-email'}) MERGE (e)-[:MENTIONS]->(p)", { e164: lonely });
    try {
      const memo = createBlockMemo({ maxBlocks: 100, maxAgeMs: 60_000 });
      await reputation(driver, N.A, { ...options, blockMemo: memo });
      const rep = await reputation(driver, lonely, { ...options, blockMemo: memo });
      expect(rep.known).toBe(true);
      expect(rep.facts?.emails).toBe(1);
    } finally {
      await writeRows(driver, "MATCH (e:Email {id: 'lonely-email'}) DETACH DELETE e WITH 1 AS one MATCH (p:PhoneNumber {e164: $e164}) DETACH DELETE p", { e164: lonely });
    }
  });
});

describe('blocklist', () => {
  it('lists known numbers, and with predict the gaps and next numbers of active runs with reasons', async () => {
    const known = await blocklist(driver);
    expect(known.entries.map((e) => e.number)).toEqual(Object.values(N).sort());
    expect(known.entries.every((e) => e.status === 'known')).toBe(true);
    expect(known.entries.find((e) => e.number === N.A)?.reason).toBe('seen in 7 scam email(s) from 2026-03-03 to 2026-03-06');

    const { asOf, entries } = await blocklist(driver, { predict: true, next: 2 });
    expect(asOf).toBe('2026-03-31');
    const predicted = entries.filter((e) => e.status === 'predicted');
    // +1804713 run 4598–4700 (last active 03-30): two before it, every unseen number inside it, two after it.
    const block804 = predicted.filter((e) => e.number.startsWith('+1804713')).map((e) => Number(e.number.slice(-4)));
    const expected804 = [4596, 4597];
    for (let v = 4599; v <= 4699; v += 1) if (v !== 4601 && v !== 4650) expected804.push(v);
    expected804.push(4701, 4702);
    expect(block804).toEqual(expected804);
    // +1646555 run 0101–0110 (last active 03-16, within 30 days of 03-31).
    expect(predicted.filter((e) => e.number.startsWith('+1646555')).map((e) => e.number.slice(-4))).toEqual(['0099', '0100', '0103', '0104', '0105', '0106', '0107', '0108', '0109', '0111', '0112']);
    expect(predicted.find((e) => e.number === '+16465550105')?.reason).toBe(
      'gap between +16465550102 and +16465550110 in the sequential run +1646555 0101–0110 (3 known numbers, active 2026-03-15 to 2026-03-16)',
    );
    expect(predicted.find((e) => e.number === '+18047134701')?.reason).toMatch(/^next after \+18047134700 in the sequential run \+1804713 4598–4700/);
    // No other block has a run; nothing known is predicted.
    expect(predicted.every((e) => e.number.startsWith('+1804713') || e.number.startsWith('+1646555'))).toBe(true);
    expect(predicted.some((e) => Object.values(N).includes(e.number as (typeof N)[keyof typeof N]))).toBe(false);

    // Runs whose last day is older than activeWithinDays are left out.
    const strict = await blocklist(driver, { predict: true, activeWithinDays: 7 });
    expect(strict.entries.filter((e) => e.status === 'predicted').every((e) => e.number.startsWith('+1804713'))).toBe(true);

    expect(formatBlocklist(entries, 'txt').split('\n')[0]).toBe(entries[0]?.number);
    const csv = formatBlocklist(entries.filter((e) => e.number === '+16465550105'), 'csv');
    expect(csv).toBe(
      'number,status,reason,firstSeen,lastSeen,emails\r\n+16465550105,predicted,"gap between +16465550102 and +16465550110 in the sequential run +1646555 0101–0110 (3 known numbers, active 2026-03-15 to 2026-03-16)",,,\r\n',
    );
  });
});
