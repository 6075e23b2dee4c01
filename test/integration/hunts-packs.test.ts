import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPack, importPack, loadHunts, runHunt } from '../../src/hunts/index.js';
import { huntBypasses } from '../helpers/hunt-bypasses.js';
import { buildHuntGraph, huntScenario, N } from '../helpers/hunt-graph.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

const convert = { defaultRegion: 'US' };
let driver: Driver;
let userDir: string;

beforeAll(async () => {
  driver = await testDriver();
  await resetGraph(driver);
  await buildHuntGraph(driver, huntScenario);
  userDir = mkdtempSync(path.join(os.tmpdir(), 'callhound-user-hunts-'));
});
afterAll(async () => {
  rmSync(userDir, { recursive: true, force: true });
  await driver.close();
});

const userHunt = (title: string, statement: string): string => `// @title ${title}\n// @result table\n// @param minEmails integer = 2 -- fewest emails\n${statement}\n`;

describe('hunt packs', () => {
  it('exports hunts as JSON with their whole file text, and imports them into the user directory', async () => {
    const library = await loadHunts(convert);
    const pack = exportPack([library.hunts.get('consecutive-reuse')!, library.hunts.get('block-siblings')!], new Date('2026-04-01T00:00:00Z'));
    expect(pack).toMatchObject({ format: 'callhound-hunts', version: 1, exportedAt: '2026-04-01T00:00:00.000Z' });
    expect(pack.hunts.map((h) => h.name)).toEqual(['consecutive-reuse', 'block-siblings']);
    expect(pack.hunts[0]?.source).toBe(readFileSync(library.hunts.get('consecutive-reuse')!.file, 'utf8'));

    // Renamed so they are new to this installation.
    const renamed = { ...pack, hunts: pack.hunts.map((h) => ({ ...h, name: `team-${h.name}` })) };
    const first = await importPack(driver, JSON.stringify(renamed), 'pack.json', { ...convert, userDir, catalog: await loadHunts({ ...convert, userDir }) });
    expect(first.refused).toEqual([]);
    expect(first.written.map((w) => [w.name, w.replaced])).toEqual([
      ['team-consecutive-reuse', false],
      ['team-block-siblings', false],
    ]);
    const catalog = await loadHunts({ ...convert, userDir });
    expect(catalog.hunts.get('team-block-siblings')).toMatchObject({ origin: 'user', file: path.join(userDir, 'team-block-siblings.cypher') });
    const result = await runHunt(driver, catalog.hunts.get('team-block-siblings')!, { number: N.A, window: '10' }, convert);
    expect(result.rows.map((r) => r.number)).toEqual([N.A, N.B]);
  });

  it('never overwrites a hunt of the same name without force', async () => {
    const changed = { format: 'callhound-hunts', version: 1, hunts: [{ name: 'team-consecutive-reuse', source: userHunt('Changed', 'MATCH (p:PhoneNumber) WHERE p.emailCount >= $minEmails RETURN p.e164 AS number ORDER BY number') }] };
    const refused = await importPack(driver, JSON.stringify(changed), 'pack.json', { ...convert, userDir, catalog: await loadHunts({ ...convert, userDir }) });
    expect(refused.written).toEqual([]);
    expect(refused.refused[0]?.reason).toMatch(/a user hunt of that name exists .*team-consecutive-reuse\.cypher\); use --force to overwrite/);
    // A library hunt's name is protected the same way.
    const library = { ...changed, hunts: [{ ...changed.hunts[0]!, name: 'consecutive-reuse' }] };
    const libraryRefused = await importPack(driver, JSON.stringify(library), 'pack.json', { ...convert, userDir, catalog: await loadHunts({ ...convert, userDir }) });
    expect(libraryRefused.refused[0]?.reason).toMatch(/a library hunt of that name exists/);

    const forced = await importPack(driver, JSON.stringify(changed), 'pack.json', { ...convert, userDir, force: true, catalog: await loadHunts({ ...convert, userDir }) });
    expect(forced.written.map((w) => [w.name, w.replaced])).toEqual([['team-consecutive-reuse', true]]);
    expect((await loadHunts({ ...convert, userDir })).hunts.get('team-consecutive-reuse')?.title).toBe('Changed');
  });

  it('validates imports exactly like loading: bad types, missing defaults, writes, syntax, unknown labels', async () => {
    const bad = {
      format: 'callhound-hunts',
      version: 1,
      hunts: [
        { name: 'bad-type', source: '// @title T\n// @result table\n// @param n number = 2 -- x\nRETURN $n AS n\n' },
        { name: 'no-default', source: '// @title T\n// @result table\n// @param n integer -- x\nRETURN $n AS n\n' },
        { name: 'writes', source: '// @title T\n// @result table\nMATCH (p:PhoneNumber)\nSET p.lineType = "x"\nRETURN p\n' },
        { name: 'syntax', source: '// @title T\n// @result table\nMATCH (p:PhoneNumber\nRETURN p\n' },
        { name: 'typo', source: '// @title T\n// @result table\nMATCH (p:Phonenumber) RETURN p\n' },
        { name: 'good', source: userHunt('Good', 'MATCH (p:PhoneNumber) WHERE p.emailCount >= $minEmails RETURN p.e164 AS number ORDER BY number') },
      ],
    };
    const outcome = await importPack(driver, JSON.stringify(bad), 'bad.json', { ...convert, userDir, catalog: await loadHunts({ ...convert, userDir }) });
    expect(outcome.written.map((w) => w.name)).toEqual(['good']);
    expect(Object.fromEntries(outcome.refused.map((r) => [r.name, r.reason]))).toEqual({
      'bad-type': expect.stringMatching(/^bad\.json#hunts\[0\]:3: parameter n: unknown type "number"/),
      'no-default': expect.stringMatching(/^bad\.json#hunts\[1\]:3: parameter n: missing default/),
      writes: expect.stringMatching(/^bad\.json#hunts\[2\]:4:1: SET is not allowed: hunts are read-only/),
      syntax: expect.stringMatching(/^bad\.json#hunts\[3\]:4:1: cannot parse the statement near "RETURN"/),
      typo: expect.stringMatching(/^bad\.json#hunts\[4\]:3: label Phonenumber is not part of callhound's graph model/),
    });
  });

  it('imports the BloodHound legacy customqueries.json queries that run on the model and reports the rest', async () => {
    const customQueries = {
      queries: [
        { name: 'Kerberoastable users', category: 'Active Directory', queryList: [{ final: true, query: 'MATCH (n:User) WHERE n.hasspn = true RETURN n' }] },
        { name: 'Numbers behind PayPal lures', category: 'Scam numbers', queryList: [{ final: true, query: "MATCH p = (:Brand {name: $brand})<-[:IMPERSONATES]-(:Email)-[:MENTIONS]->(:PhoneNumber) RETURN p", props: { brand: 'PayPal' } }] },
        { name: 'Mark owned', queryList: [{ final: true, query: 'MATCH (n:PhoneNumber) SET n.owned = true RETURN n' }] },
        {
          name: 'Pick a number',
          queryList: [
            { final: false, query: 'MATCH (n:PhoneNumber) RETURN n.e164' },
            { final: true, query: 'MATCH p = (n:PhoneNumber {e164: $result})<-[:MENTIONS]-(:Email) RETURN p' },
          ],
        },
      ],
    };
    const outcome = await importPack(driver, JSON.stringify(customQueries), 'customqueries.json', { ...convert, userDir, catalog: await loadHunts({ ...convert, userDir }) });
    expect(outcome.kind).toBe('bloodhound');
    expect(outcome.written.map((w) => w.name)).toEqual(['bh-numbers-behind-paypal-lures', 'bh-pick-a-number']);
    expect(Object.fromEntries(outcome.refused.map((r) => [r.name, r.reason]))).toEqual({
      'bh-kerberoastable-users': expect.stringMatching(/label User is not part of callhound's graph model/),
      'bh-mark-owned': expect.stringMatching(/SET is not allowed/),
    });
    const catalog = await loadHunts({ ...convert, userDir });
    const paypal = catalog.hunts.get('bh-numbers-behind-paypal-lures')!;
    expect(paypal).toMatchObject({ result: 'graph', tags: ['bloodhound', 'scam-numbers'], title: 'Numbers behind PayPal lures' });
    const result = await runHunt(driver, paypal, {}, convert);
    expect(result.params).toEqual({ brand: 'PayPal' });
    expect(new Set(result.graph?.nodes.filter((n) => n.label === 'PhoneNumber').map((n) => n.key))).toEqual(
      new Set([N.A, N.B, N.C, N.D, N.N1, N.E, N.G1, N.G2].map((e) => `PhoneNumber:${e}`)),
    );
    const pick = await runHunt(driver, catalog.hunts.get('bh-pick-a-number')!, { result: N.C }, convert);
    expect(pick.graph?.edges.map((e) => e.key)).toEqual([`Email:ac-MENTIONS->PhoneNumber:${N.C}`]);
  });

  it('refuses every guard bypass in a pack and in a BloodHound file, writing nothing (issue 15)', async () => {
    const bypasses = huntBypasses('http://127.0.0.1:9/leak');
    const pack = { format: 'callhound-hunts', version: 1, hunts: Object.entries(bypasses).map(([name, b]) => ({ name, source: `// @title ${name}\n// @result table\n${b.statement}\n` })) };
    const packed = await importPack(driver, JSON.stringify(pack), 'shared.json', { ...convert, userDir, catalog: await loadHunts({ ...convert, userDir }) });
    expect(packed.written).toEqual([]);
    const packReasons = Object.fromEntries(packed.refused.map((r) => [r.name, r.reason]));
    for (const [name, { refusal }] of Object.entries(bypasses)) {
      expect(packReasons[name], name).toMatch(refusal);
      expect(packReasons[name], name).toMatch(/^shared\.json#hunts\[\d+\]:\d+:\d+: /);
    }

    const bloodHound = { queries: Object.entries(bypasses).map(([name, b]) => ({ name, category: 'Shared', queryList: [{ final: true, query: b.statement }] })) };
    const imported = await importPack(driver, JSON.stringify(bloodHound), 'customqueries.json', { ...convert, userDir, catalog: await loadHunts({ ...convert, userDir }) });
    expect(imported.kind).toBe('bloodhound');
    expect(imported.written).toEqual([]);
    const bhReasons = Object.fromEntries(imported.refused.map((r) => [r.name, r.reason]));
    for (const [name, { refusal }] of Object.entries(bypasses)) expect(bhReasons[`bh-${name}`], name).toMatch(refusal);
    expect((await loadHunts({ ...convert, userDir })).hunts.has('bh-bypass-load-csv-split')).toBe(false);
  });

  it('needs a user hunts directory and a readable file format', async () => {
    const catalog = await loadHunts(convert);
    await expect(importPack(driver, '{"format":"callhound-hunts","version":1,"hunts":[]}', 'p.json', { ...convert, userDir: undefined, catalog })).rejects.toMatchObject({ code: 'no_hunts_dir' });
    await expect(importPack(driver, '{"hello": 1}', 'p.json', { ...convert, userDir, catalog })).rejects.toMatchObject({ code: 'bad_pack' });
    await expect(importPack(driver, 'not json', 'p.json', { ...convert, userDir, catalog })).rejects.toMatchObject({ code: 'bad_pack' });
  });
});
