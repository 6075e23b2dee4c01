import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeAttachmentWorkers } from '../../src/extract/attachments/index.js';
import { extractMessage } from '../../src/extract/index.js';
import { readRows } from '../../src/graph/driver.js';
import { loadObservations } from '../../src/graph/load.js';
import { forgedPlatformInvoice, platformInvoice } from '../fixtures/extract/messages.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

describe('platform abuse and extensions in the graph', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
  });
  afterAll(async () => {
    await driver.close();
    await closeAttachmentWorkers();
  });
  beforeEach(async () => resetGraph(driver));

  it('a PayPal invoice with a Norton lure: IMPERSONATES Norton, DELIVERED_VIA PayPal, Email.platform', async () => {
    const o = await extractMessage(platformInvoice(), 'invoice.eml', { ocr: false });
    await loadObservations(driver, [o], { source: 'test' });
    const rows = await readRows<{ brand: string; platform: string; via: string[]; primary: string[] }>(
      driver,
      `MATCH (e:Email {id: $id})
       RETURN e.brand AS brand, e.platform AS platform,
         [(e)-[:DELIVERED_VIA]->(p:Platform) | p.name] AS via,
         [(e)-[r:IMPERSONATES]->(b:Brand) WHERE r.primary | b.name] AS primary`,
      { id: o.id },
    );
    expect(rows).toEqual([{ brand: 'Norton LifeLock', platform: 'PayPal', via: ['PayPal'], primary: ['Norton LifeLock'] }]);
  });

  it('a reload that no longer sees the platform removes the link; the forged invoice has none', async () => {
    const genuine = await extractMessage(platformInvoice(), 'invoice.eml', { ocr: false });
    await loadObservations(driver, [genuine], { source: 'test' });
    await loadObservations(driver, [{ ...genuine, platform: null }], { source: 'test' });
    const forged = await extractMessage(forgedPlatformInvoice(), 'forged.eml', { ocr: false });
    await loadObservations(driver, [forged], { source: 'test' });
    const [row] = await readRows<{ links: number; platforms: number }>(driver, 'MATCH (p:Platform) OPTIONAL MATCH (p)<-[r:DELIVERED_VIA]-() RETURN count(DISTINCT p) AS platforms, count(r) AS links');
    expect(row).toEqual({ platforms: 1, links: 0 });
  });

  it('an extension is kept on MENTIONS, never in the number', async () => {
    const raw = Buffer.from('From: a@b.test\r\nSubject: Renewal\r\nDate: Thu, 5 Mar 2026 15:30:00 +0000\r\n\r\nTo cancel call 1-888-555-2132 *2 today.\r\n');
    const o = await extractMessage(raw, 'ext.eml', { ocr: false });
    await loadObservations(driver, [o], { source: 'test' });
    const rows = await readRows<{ e164: string; ext: string }>(driver, 'MATCH (:Email)-[m:MENTIONS]->(p:PhoneNumber) RETURN p.e164 AS e164, m.ext AS ext');
    expect(rows).toEqual([{ e164: '+18885552132', ext: '2' }]);
  });
});
