import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAttachmentWorkers } from '../../src/extract/attachments/index.js';
import { extractMessage } from '../../src/extract/index.js';

// Real TOAD mail (CC BY-NC, not in the repository): ../shared/real-sample-toad beside the checkout.
const SAMPLE_DIR = path.resolve(import.meta.dirname, '../../../shared/real-sample-toad');
const present = existsSync(SAMPLE_DIR);
if (!present) console.warn(`real-sample-toad calendar tests skipped: ${SAMPLE_DIR} is absent`);

afterAll(async () => closeAttachmentWorkers());

const read = async (name: string) => extractMessage(readFileSync(path.join(SAMPLE_DIR, name)), name, { ocr: false });

describe.skipIf(!present)('calendar invitations in real mail', () => {
  it('a Google Calendar callback scam: both numbers of its description with where calendar, method, start and organizer', async () => {
    const o = await read('sample-6291.eml');
    const inCalendar = o.numbers.filter((n) => n.where.includes('calendar')).map((n) => n.e164).sort();
    expect(inCalendar).toEqual(['+18082066999', '+18087519975']);
    expect(o.calendar?.method).toBe('REQUEST');
    expect(o.calendar?.events).toHaveLength(1); // the text/calendar part and invite.ics are one invitation
    // DTSTART;TZID=Asia/Singapore:20251113T163522
    expect(o.calendar?.events[0]).toMatchObject({ start: '2025-11-13T08:35:22Z', organizer: 'lilliegriffithbar@barunastra.us' });
    expect(o.issues).toEqual([]);
  });

  it('bulk-mailer appointments without a number: the calendar is read, no number is invented', async () => {
    for (const name of ['sample-1995.eml', 'sample-2060.eml', 'sample-2638.eml', 'sample-2640.eml']) {
      const o = await read(name);
      expect(o.calendar?.method, name).toBe('PUBLISH');
      expect(o.calendar?.events, name).toHaveLength(1);
      expect(o.numbers.filter((n) => n.where.includes('calendar')), name).toEqual([]);
    }
  });
});
