import { readFileSync } from 'node:fs';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readRows } from '../../src/graph/driver.js';
import { loadObservations } from '../../src/graph/load.js';
import { parseRegistryCsv } from '../../src/graph/registry-csv.js';
import { importRegistry } from '../../src/graph/registry.js';
import { observation } from '../graph/corpus-fixture.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

const registry = parseRegistryCsv(readFileSync('samples/registry/example-blocks.csv', 'utf8'));

async function assignments(driver: Driver): Promise<Record<string, unknown>[]> {
  return readRows(
    driver,
    `MATCH (p:PhoneNumber) OPTIONAL MATCH (p)-[r:ASSIGNED_TO]->(c:Carrier)
     RETURN p.e164 AS e164, c.name AS carrier, p.lineType AS lineType, p.lineTypeSource AS source, r.source AS relSource ORDER BY e164`,
  );
}

describe('carriers from a number-block registry', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
  });
  afterAll(async () => driver.close());
  beforeEach(async () => resetGraph(driver));

  it('ships an example registry that parses completely', () => {
    expect(registry.skipped).toEqual([]);
    expect(registry.rows).toHaveLength(17);
  });

  it('assigns carrier and line type by the longest matching prefix, for numbers loaded before and after the import', async () => {
    await loadObservations(driver, [observation({ key: 'before', numbers: ['+18047134598', '+18047137001', '+19995550000'] })], { source: 't' });
    const at = new Date('2026-03-10T12:00:00Z');
    const result = await importRegistry(driver, registry.rows, { source: 'registry:example-blocks.csv', at });
    expect(result).toEqual({ blocks: 17, carriers: 15, numbersAssigned: 2 });
    await loadObservations(driver, [observation({ key: 'after', numbers: ['+12025550143', '+12025552143', '+13125550100'] })], { source: 't' });

    const src = 'registry:example-blocks.csv';
    expect(await assignments(driver)).toEqual([
      { e164: '+12025550143', carrier: 'Twilio', lineType: 'voip', source: src, relSource: src }, // 202-555-0 beats 202-555
      { e164: '+12025552143', carrier: 'Zayo', lineType: 'landline', source: src, relSource: src },
      { e164: '+13125550100', carrier: 'T-Mobile', lineType: 'wireless', source: src, relSource: src },
      { e164: '+18047134598', carrier: 'Sinch', lineType: 'voip', source: src, relSource: src }, // 804-713-4 beats 804-713
      { e164: '+18047137001', carrier: 'Lumen', lineType: 'landline', source: src, relSource: src },
      { e164: '+19995550000', carrier: null, lineType: 'unknown', source: 'libphonenumber', relSource: null },
    ]);
    const [stamp] = await readRows<{ at: string }>(driver, "MATCH (p:PhoneNumber {e164: '+18047134598'}) RETURN toString(p.lineTypeAt) AS at");
    expect(stamp?.at).toBe('2026-03-10T12:00:00Z');
    const carriers = await readRows(driver, "MATCH (c:Carrier {name: 'Sinch'}) RETURN c.category AS category, c.ocn AS ocn");
    expect(carriers).toEqual([{ category: 'voip', ocn: 'X1SN' }]);
  });

  it('re-importing is idempotent and a newer registry re-decides (one carrier per number)', async () => {
    await loadObservations(driver, [observation({ key: 'x', numbers: ['+18047134598'] })], { source: 't' });
    await importRegistry(driver, registry.rows, { source: 'registry:example-blocks.csv' });
    await importRegistry(driver, registry.rows, { source: 'registry:example-blocks.csv' });
    const [counts] = await readRows(driver, 'MATCH (b:RegistryBlock) WITH count(b) AS blocks MATCH ()-[r:ASSIGNED_TO]->() RETURN blocks, count(r) AS assigned');
    expect(counts).toEqual({ blocks: 17, assigned: 1 });

    const ported = parseRegistryCsv('NPA-NXX,X,OCN,Company,Category\n804-713,4,X2TM,T-Mobile,WIRELESS\n');
    await importRegistry(driver, ported.rows, { source: 'registry:newer.csv' });
    expect(await assignments(driver)).toEqual([{ e164: '+18047134598', carrier: 'T-Mobile', lineType: 'wireless', source: 'registry:newer.csv', relSource: 'registry:newer.csv' }]);
  });
});
