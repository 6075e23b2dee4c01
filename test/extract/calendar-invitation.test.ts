import { afterAll, describe, expect, it } from 'vitest';
import { closeAttachmentWorkers } from '../../src/extract/attachments/index.js';
import { extractMessage } from '../../src/extract/index.js';
import { calendarOnlyMessage, googleCalendarInvitation, INVITATION } from '../fixtures/extract/calendar-invitation.js';

afterAll(async () => closeAttachmentWorkers());

const CRLF = '\r\n';

describe('extractMessage on a Google-Calendar-style invitation', () => {
  it('finds the invitation\'s numbers with where calendar, and keeps method, start and organizer', async () => {
    const o = await extractMessage(googleCalendarInvitation(), 'invitation.eml', { ocr: false });
    const byNumber = new Map(o.numbers.map((n) => [n.e164, n]));
    expect(byNumber.get(INVITATION.descriptionNumber)?.where).toContain('calendar');
    // LOCATION is in the calendar only: no view of the body shows it.
    expect(byNumber.get(INVITATION.locationNumber)?.where).toEqual(['calendar']);
    // The .ics is not read a second time as a plain attachment.
    for (const n of o.numbers) expect(n.where).not.toContain('attachment');
    expect(o.calendar).toEqual({
      method: 'REQUEST',
      events: [{ start: INVITATION.startUtc, organizer: INVITATION.organizer, organizerName: INVITATION.organizerName, summary: INVITATION.summary, uid: expect.any(String) }],
    });
    expect(o.attachments.map((a) => [a.filename, a.type])).toEqual([['unnamed-1', 'ics'], ['invite.ics', 'ics']]);
    expect(o.issues).toEqual([]);
  });

  it('gives the classifier the calendar text: the impersonated brand and the callback lure', async () => {
    // Without a subject and a sender name that name the brand, only the calendar says Norton.
    const raw = googleCalendarInvitation().toString('latin1')
      .replace(/^Subject: .*$/m, 'Subject: Invitation: Order NL-40431')
      .replace(/^From: .*$/m, `From: Billing <${INVITATION.organizer}>`);
    const o = await extractMessage(Buffer.from(raw, 'latin1'), 'invitation.eml', { ocr: false });
    expect(o.brand).toBe('Norton LifeLock');
    expect(o.brands?.find((b) => b.name === 'Norton LifeLock')?.where).toContain('attachment');
    expect(o.lure?.cta).toBe('call-phone');
  });

  it('CANCEL: the method is CANCEL, the numbers are still found', async () => {
    const o = await extractMessage(googleCalendarInvitation({ method: 'CANCEL' }), 'cancel.eml', { ocr: false });
    expect(o.calendar?.method).toBe('CANCEL');
    expect(o.numbers.map((n) => n.e164)).toContain(INVITATION.locationNumber);
  });

  it('an invitation without a number yields the calendar and no number', async () => {
    const calendar = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:icalendar-ruby', 'METHOD:PUBLISH', 'BEGIN:VEVENT', 'UID:de53a0eb@mailer.example',
      'DTSTAMP:20231126T044630Z', 'DTSTART:20231124T091500Z', 'LOCATION:', 'ORGANIZER;CN=Wallet APP:mailto:wallet.app@mailer.example',
      'SUMMARY:Wallet APP', 'END:VEVENT', 'END:VCALENDAR',
    ].join(CRLF);
    const o = await extractMessage(calendarOnlyMessage(calendar), 'appointment.eml', { ocr: false });
    expect(o.numbers).toEqual([]);
    expect(o.calendar).toEqual({
      method: 'PUBLISH',
      events: [{ start: '2023-11-24T09:15:00Z', organizer: 'wallet.app@mailer.example', organizerName: 'Wallet APP', summary: 'Wallet APP', uid: 'de53a0eb@mailer.example' }],
    });
    expect(o.attachments.map((a) => a.type)).toEqual(['ics']);
  });

  it('a broken calendar becomes an issue; its number is still found', async () => {
    const truncated = ['BEGIN:VCALENDAR', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'SUMMARY:Refund', 'DESCRIPTION:Call 1-888-555-0188 for your refund'].join(CRLF);
    const o = await extractMessage(calendarOnlyMessage(truncated), 'broken.eml', { ocr: false });
    expect(o.issues.map((i) => i.code)).toContain('calendar_invalid');
    expect(o.numbers.find((n) => n.e164 === INVITATION.locationNumber)?.where).toEqual(['calendar']);
  });

  it('a message without a calendar has no calendar field', async () => {
    const raw = Buffer.from(['From: a@b.example', 'Subject: hi', 'Content-Type: text/plain', '', 'Call 1-888-555-0188', ''].join(CRLF));
    const o = await extractMessage(raw, 'plain.eml', { ocr: false });
    expect(o.calendar).toBeUndefined();
    expect(o.numbers[0]?.where).toEqual(['body']);
  });
});
