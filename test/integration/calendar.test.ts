import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAttachmentWorkers } from '../../src/extract/attachments/index.js';
import { extractMessage, type Observation } from '../../src/extract/index.js';
import { readRows, writeRows } from '../../src/graph/driver.js';
import { loadObservations } from '../../src/graph/load.js';
import { checkHuntsWithDatabase, loadHunts, runHunt, type Hunt } from '../../src/hunts/index.js';
import { googleCalendarInvitation, INVITATION } from '../fixtures/extract/calendar-invitation.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';

/** Calendar invitations from extraction to the graph: the Email node's calendar properties and the hunt. */
const convert = { defaultRegion: 'US' };
let driver: Driver;
let request: Observation;
let cancel: Observation;
let plain: Observation;
let hunt: Hunt;

beforeAll(async () => {
  driver = await testDriver();
  await resetGraph(driver);
  request = await extractMessage(googleCalendarInvitation(), 'request.eml', { ocr: false });
  cancel = await extractMessage(googleCalendarInvitation({ method: 'CANCEL', variant: 'cancel' }), 'cancel.eml', { ocr: false });
  plain = await extractMessage(Buffer.from('From: a@b.example\r\nSubject: hi\r\nContent-Type: text/plain\r\n\r\nCall 1-888-555-0188\r\n'), 'plain.eml', { ocr: false });
  await loadObservations(driver, [request, cancel, plain], { source: 'calendar-test' });
  const catalog = await loadHunts(convert);
  const found = catalog.hunts.get('calendar-invitation-numbers');
  if (!found) throw new Error('calendar-invitation-numbers is not in the hunt library');
  hunt = found;
});
afterAll(async () => {
  await closeAttachmentWorkers();
  await driver?.close();
});

async function emailProps(id: string): Promise<Record<string, unknown>> {
  const [row] = await readRows<{ p: Record<string, unknown> }>(
    driver,
    `MATCH (e:Email {id: $id})
     RETURN {method: e.calendarMethod, start: toString(e.calendarStart), startType: valueType(e.calendarStart), organizer: e.calendarOrganizer,
             organizerName: e.calendarOrganizerName, summary: e.calendarSummary,
             events: toFloat(e.calendarEvents), eventsType: valueType(e.calendarEvents)} AS p`,
    { id },
  );
  if (!row) throw new Error(`no Email ${id}`);
  return row.p;
}

describe('calendar invitations in the graph', () => {
  it('puts method, start, organizer and summary on the Email node', async () => {
    expect(await emailProps(request.id)).toEqual({
      method: 'REQUEST',
      start: INVITATION.startUtc,
      startType: 'ZONED DATETIME NOT NULL',
      organizer: INVITATION.organizer,
      organizerName: INVITATION.organizerName,
      summary: INVITATION.summary,
      events: 1,
      eventsType: 'INTEGER NOT NULL',
    });
    expect((await emailProps(cancel.id))['method']).toBe('CANCEL');
  });

  it('leaves an email without an invitation without calendar properties', async () => {
    expect(await emailProps(plain.id)).toEqual({ method: null, start: null, startType: 'NULL', organizer: null, organizerName: null, summary: null, events: null, eventsType: 'NULL' });
  });

  it('keeps where: calendar on MENTIONS and the .ics as an attachment of type ics', async () => {
    const rows = await readRows<{ e164: string; where: string[]; types: string[] }>(
      driver,
      `MATCH (e:Email {id: $id})-[m:MENTIONS]->(p:PhoneNumber)
       RETURN p.e164 AS e164, m.where AS where, COLLECT { MATCH (e)-[:HAS_ATTACHMENT]->()-[:OF_TYPE]->(t) RETURN DISTINCT t.name } AS types ORDER BY e164`,
      { id: request.id },
    );
    expect(rows.find((r) => r.e164 === INVITATION.locationNumber)).toEqual({ e164: INVITATION.locationNumber, where: ['calendar'], types: ['ics'] });
    expect(rows.find((r) => r.e164 === INVITATION.descriptionNumber)?.where).toContain('calendar');
  });

  it('removes the calendar properties when the message is loaded again without an invitation', async () => {
    const { calendar: _dropped, ...withoutCalendar } = request;
    await loadObservations(driver, [withoutCalendar], { source: 'calendar-test' });
    expect((await emailProps(request.id))['method']).toBeNull();
    expect((await emailProps(request.id))['start']).toBeNull();
    await loadObservations(driver, [request], { source: 'calendar-test' });
    expect((await emailProps(request.id))['method']).toBe('REQUEST');
  });

  it('the hunt passes the library check (EXPLAIN) on this graph', async () => {
    const catalog = await loadHunts(convert);
    expect(catalog.problems).toEqual([]);
    expect(await checkHuntsWithDatabase(driver, { ...catalog, hunts: new Map([[hunt.name, hunt]]) })).toEqual([]);
  });

  it('the hunt starts from the calendarEvents index, not from every Email', async () => {
    const session = driver.session();
    try {
      const params = { method: 'any', calendarOnly: false, minEmails: 1 };
      const summary = (await session.run(`EXPLAIN ${hunt.statement}`, params)).summary;
      const operators: string[] = [];
      const walk = (plan: { operatorType: string; children: unknown[] } | false | undefined): void => {
        if (!plan) return;
        operators.push(plan.operatorType);
        for (const child of plan.children) walk(child as { operatorType: string; children: unknown[] });
      };
      walk(summary.plan as { operatorType: string; children: unknown[] });
      expect(operators.some((o) => /^NodeIndexScan/.test(o))).toBe(true);
      expect(operators.some((o) => /^NodeByLabelScan/.test(o))).toBe(false);
    } finally {
      await session.close();
    }
  });

  it('the hunt lists invitation numbers by organizer domain, before any platform is known', async () => {
    const result = await runHunt(driver, hunt, {}, convert);
    expect(result.rows).toEqual([
      {
        platform: '(unknown)', organizerDomain: 'calendar-notices.example', number: INVITATION.descriptionNumber, emails: 2,
        methods: expect.arrayContaining(['REQUEST', 'CANCEL']), inCalendar: true, firstStart: INVITATION.startUtc, lastStart: INVITATION.startUtc,
        organizers: [INVITATION.organizer],
      },
      {
        platform: '(unknown)', organizerDomain: 'calendar-notices.example', number: INVITATION.locationNumber, emails: 2,
        methods: expect.arrayContaining(['REQUEST', 'CANCEL']), inCalendar: true, firstStart: INVITATION.startUtc, lastStart: INVITATION.startUtc,
        organizers: [INVITATION.organizer],
      },
    ]);
    // The plain email also mentions the location number, but carries no invitation: it is not counted.
    expect((await runHunt(driver, hunt, { method: 'cancel' }, convert)).rows.map((r) => [r['number'], r['emails'], r['methods']])).toEqual([
      [INVITATION.descriptionNumber, 1, ['CANCEL']],
      [INVITATION.locationNumber, 1, ['CANCEL']],
    ]);
    expect((await runHunt(driver, hunt, { minEmails: '3' }, convert)).rows).toEqual([]);
  });

  it('the hunt names the platform once (Email)-[:DELIVERED_VIA]->(Platform) exists', async () => {
    await writeRows(driver, 'MATCH (e:Email {id: $id}) MERGE (p:Platform {name: $name}) MERGE (e)-[:DELIVERED_VIA]->(p)', { id: request.id, name: 'Google Calendar' });
    const rows = (await runHunt(driver, hunt, { calendarOnly: 'true' }, convert)).rows.map((r) => [r['platform'], r['number'], r['emails']]);
    expect(rows).toEqual([
      ['(unknown)', INVITATION.descriptionNumber, 1],
      ['(unknown)', INVITATION.locationNumber, 1],
      ['Google Calendar', INVITATION.descriptionNumber, 1],
      ['Google Calendar', INVITATION.locationNumber, 1],
    ]);
  });
});
