import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../src/analysis/analyze.js';
import { readRows } from '../../src/graph/driver.js';
import { loadObservations } from '../../src/graph/load.js';
import type { Observation, ObservedLure } from '../../src/extract/observation.js';
import { observation } from '../graph/corpus-fixture.js';
import { buildHuntGraph, huntScenario } from '../helpers/hunt-graph.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

/** Per-number facets written by `callhound analyze` (docs/graph-model.md), on graphs loaded the real way. */

const facetsQuery = `
MATCH (p:PhoneNumber)
RETURN p.e164 AS e164, p.brands AS brands, p.brandCount AS brandCount, p.subjectTemplates AS subjectTemplates,
       p.templateCount AS templateCount, p.contexts AS contexts, p.contextCount AS contextCount, p.seenIn AS seenIn,
       p.attachmentTypes AS attachmentTypes, p.attachmentTypeCount AS attachmentTypeCount
ORDER BY e164`;

const NUMBER = '+13105550199';
const OTHER = '+12025550143';

function placed(obs: Observation, e164: string, where: Observation['numbers'][number]['where']): Observation {
  return { ...obs, numbers: obs.numbers.map((n) => (n.e164 === e164 ? { ...n, where } : n)) };
}

describe('number facets on the real graph', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
  });
  afterAll(async () => driver.close());
  beforeEach(async () => resetGraph(driver));

  it('writes the distinct brands, templates, contexts, placements and attachment types of a number', async () => {
    const lure = (context: string): ObservedLure => ({ context, trigger: 'urgency', cta: 'call-phone', confidence: 0.8, byLayer: {} }) as ObservedLure;
    const observations: Observation[] = [
      // HEIC image with the number in it; the email impersonates PayPal and names Norton too.
      placed(observation({ key: 'f1', numbers: [NUMBER], brands: ['PayPal', 'Norton LifeLock'], subjectTemplate: 'Order {n}', lure: lure('order-shipping'), attachments: [{ name: 'a.heic', type: 'heic', content: 'img-1' }] }), NUMBER, ['image']),
      // JPEG image and a PDF on one email; the number is read in the image.
      placed(observation({ key: 'f2', numbers: [NUMBER], brand: 'McAfee', subjectTemplate: 'Renewal {n}', lure: lure('subscription-renewal'), attachments: [{ name: 'b.jpg', type: 'jpeg', content: 'img-2' }, { name: 'c.pdf', type: 'pdf', content: 'pdf-2' }] }), NUMBER, ['image']),
      // In the body only: its DOCX does not count as a type the number was seen in.
      observation({ key: 'f3', numbers: [NUMBER, OTHER], brand: 'McAfee', subjectTemplate: 'Renewal {n}', lure: lure('subscription-renewal'), attachments: [{ name: 'd.docx', type: 'docx', content: 'doc-3' }] }),
    ];
    await loadObservations(driver, observations, { source: 'facets' });
    await analyzeGraph(driver);
    const rows = await readRows(driver, facetsQuery);
    expect(rows).toEqual([
      { e164: OTHER, brands: ['McAfee'], brandCount: 1, subjectTemplates: ['Renewal {n}'], templateCount: 1, contexts: ['subscription-renewal'], contextCount: 1, seenIn: ['body'], attachmentTypes: [], attachmentTypeCount: 0 },
      {
        e164: NUMBER,
        brands: ['McAfee', 'Norton LifeLock', 'PayPal'],
        brandCount: 3,
        subjectTemplates: ['Order {n}', 'Renewal {n}'],
        templateCount: 2,
        contexts: ['order-shipping', 'subscription-renewal'],
        contextCount: 2,
        seenIn: ['body', 'image'],
        attachmentTypes: ['heic', 'jpeg', 'pdf'],
        attachmentTypeCount: 3,
      },
    ]);
  });

  it('recomputes facets when a newer classifier changes an email, leaving no stale link behind', async () => {
    const first = observation({ key: 'r1', numbers: [NUMBER, OTHER], brand: 'PayPal', subjectTemplate: 'Order {n}' });
    await loadObservations(driver, [first, observation({ key: 'r2', numbers: [NUMBER], brand: 'PayPal', subjectTemplate: 'Order {n}' })], { source: 'facets' });
    await analyzeGraph(driver);
    expect((await readRows<{ e164: string; brands: string[] }>(driver, facetsQuery)).map((r) => [r.e164, r.brands])).toEqual([
      [OTHER, ['PayPal']],
      [NUMBER, ['PayPal']],
    ]);
    // Loaded again with a newer verdict: r1 impersonates Amazon and no longer names OTHER.
    const reclassified = { ...first, brand: 'Amazon', brands: [{ name: 'Amazon', where: ['body'] as ('body' | 'subject')[], confidence: 0.9 }], numbers: first.numbers.filter((n) => n.e164 === NUMBER) };
    await loadObservations(driver, [reclassified], { source: 'facets' });
    const [links] = await readRows(driver, "MATCH (e:Email)-[r]->(x) WHERE e.messageId = '<r1@example.test>' RETURN collect(type(r) + ' ' + coalesce(x.name, x.e164)) AS links");
    expect([...(links?.links as string[])].sort()).toEqual(['IMPERSONATES Amazon', `MENTIONS ${NUMBER}`, 'SENT_FROM example.test']);
    await analyzeGraph(driver);
    expect((await readRows<{ e164: string; brands: string[]; brandCount: number }>(driver, facetsQuery)).map((r) => [r.e164, r.brands, r.brandCount])).toEqual([
      [OTHER, [], 0],
      [NUMBER, ['Amazon', 'PayPal'], 2],
    ]);
  });

  it('the hunt test graph carries exactly the facets analyze computes from it', async () => {
    await buildHuntGraph(driver, huntScenario);
    const dayAndBlockQuery = `
      CALL () { MATCH (p:PhoneNumber) RETURN collect([p.e164, [d IN p.days | toString(d)], p.dayEmails]) AS numbers }
      CALL () { MATCH (b:DidBlock) WITH b ORDER BY b.prefix RETURN collect([b.prefix, b.brands, b.brandEmails, b.emailCount]) AS blocks }
      RETURN numbers, blocks`;
    const written = await readRows(driver, facetsQuery);
    const writtenDaysAndBlocks = await readRows(driver, dayAndBlockQuery);
    expect(written.length).toBeGreaterThan(10);
    await analyzeGraph(driver);
    expect(await readRows(driver, facetsQuery)).toEqual(written);
    expect(await readRows(driver, dayAndBlockQuery)).toEqual(writtenDaysAndBlocks);
  });

  it('writes emails per active day and the brands of a DID block with distinct emails per brand', async () => {
    const sibling = '+13105550142';
    await loadObservations(
      driver,
      [
        observation({ key: 'd1', date: '2026-03-03T09:00:00Z', numbers: [NUMBER], brand: 'PayPal' }),
        observation({ key: 'd2', date: '2026-03-03T10:00:00Z', numbers: [NUMBER, sibling], brands: ['PayPal', 'Norton LifeLock'] }),
        observation({ key: 'd3', date: '2026-03-05T10:00:00Z', numbers: [sibling], brand: 'McAfee' }),
      ],
      { source: 'facets' },
    );
    await analyzeGraph(driver);
    const rows = await readRows(driver, `MATCH (p:PhoneNumber) RETURN p.e164 AS e164, [d IN p.days | toString(d)] AS days, p.dayEmails AS dayEmails ORDER BY e164`);
    expect(rows).toEqual([
      { e164: sibling, days: ['2026-03-03', '2026-03-05'], dayEmails: [1, 1] },
      { e164: NUMBER, days: ['2026-03-03'], dayEmails: [2] },
    ]);
    // d2 names both numbers of the block: it counts once for PayPal and once for Norton.
    const [block] = await readRows(driver, "MATCH (b:DidBlock {prefix: '+1310555'}) RETURN b.brands AS brands, b.brandEmails AS brandEmails, b.emailCount AS emails");
    expect(block).toEqual({ brands: ['McAfee', 'Norton LifeLock', 'PayPal'], brandEmails: [1, 1, 2], emails: 3 });
  });
});
