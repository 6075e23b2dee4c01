import { describe, expect, it } from 'vitest';
import { isCalendarPart, readCalendars, type CalendarPart, type CalendarReading } from '../../src/extract/calendar.js';
import { readMessage } from '../../src/extract/message.js';
import type { CalendarEvent } from '../../src/extract/observation.js';
import { googleCalendarInvitation, INVITATION, invitationCalendar } from '../fixtures/extract/calendar-invitation.js';

const CRLF = '\r\n';

/** A VCALENDAR around the given lines (one VEVENT unless the lines bring their own). */
function ics(lines: string[], { method = 'REQUEST', wrapEvent = true }: { method?: string | null; wrapEvent?: boolean } = {}): string {
  const body = wrapEvent ? ['BEGIN:VEVENT', 'UID:e1@test', ...lines, 'END:VEVENT'] : lines;
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...(method ? [`METHOD:${method}`] : []), ...body, 'END:VCALENDAR', ''].join(CRLF);
}

function part(text: string | Buffer, contentType = 'text/calendar', filename?: string): CalendarPart {
  return { contentType, content: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), ...(filename ? { filename } : {}) };
}

function read(text: string | Buffer, contentType?: string): CalendarReading {
  return readCalendars([part(text, contentType)]);
}

const allText = (r: CalendarReading): string => r.texts.join('\n');
const codes = (r: CalendarReading): string[] => r.issues.map((i) => i.code);

interface Case {
  name: string;
  calendar: string | Buffer;
  contentType?: string;
  method?: string | null;
  events?: Partial<CalendarEvent>[];
  text?: string[];
  notText?: string[];
  links?: string[];
  issues?: string[];
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

const cases: Case[] = [
  {
    name: 'folded lines are unfolded (a number cut by the 75-octet fold)',
    calendar: ics(['SUMMARY:Renewal notice - call our billing team on +1 808 55', ' 5 0143 today']),
    events: [{ summary: 'Renewal notice - call our billing team on +1 808 555 0143 today' }],
    text: ['+1 808 555 0143 today'],
  },
  {
    name: 'escaped commas, semicolons, backslashes and \\n are unescaped',
    calendar: ics(['DESCRIPTION:Norton\\, LifeLock\\; billing\\nCall (808) 555-0143\\, 24/7\\\\support']),
    text: ['Norton, LifeLock; billing\nCall (808) 555-0143, 24/7\\support'],
    notText: ['\\,', '\\n'],
  },
  {
    name: 'several VEVENTs: every event listed, every text read',
    calendar: ics(
      [
        'BEGIN:VEVENT', 'UID:a@test', 'DTSTART:20260312T130000Z', 'SUMMARY:First reminder', 'DESCRIPTION:Call 808-555-0143', 'END:VEVENT',
        'BEGIN:VEVENT', 'UID:b@test', 'DTSTART:20260313T130000Z', 'SUMMARY:Second reminder', 'LOCATION:Phone 888-555-0188', 'END:VEVENT',
      ],
      { wrapEvent: false },
    ),
    events: [
      { uid: 'a@test', start: '2026-03-12T13:00:00Z', summary: 'First reminder' },
      { uid: 'b@test', start: '2026-03-13T13:00:00Z', summary: 'Second reminder' },
    ],
    text: ['Call 808-555-0143', 'Phone 888-555-0188'],
  },
  {
    name: 'X-ALT-DESC HTML becomes its visible text; its tel: links are kept; hidden text is not',
    calendar: ics([
      'X-ALT-DESC;FMTTYPE=text/html:<html><body><p>Billing desk: <b>(808) 555-0143</b>\\, open now</p><div st',
      ' yle="display:none">decoy 202 555 0100</div><a href="tel:+18885550188">Call</a></body></html>',
    ]),
    text: ['Billing desk:', '(808) 555-0143', 'open now'],
    notText: ['<p>', '<b>', 'decoy', 'display:none'],
    links: ['tel:+18885550188'],
  },
  {
    name: 'HTML in DESCRIPTION without FMTTYPE (as Google Calendar writes it) is rendered too',
    calendar: ics(['DESCRIPTION:<p>Purchase no: 4431<br />Helpdesk: +1 (808) 555-0143</p><p>Copyright &copy\\;2026</p>']),
    text: ['Helpdesk: +1 (808) 555-0143', '©2026'],
    notText: ['<br', '&copy'],
  },
  {
    name: 'LOCATION, COMMENT, CONTACT and the organizer and attendee names are read',
    calendar: ics([
      'LOCATION:Support line 808.555.0143',
      'COMMENT:Refund desk 888 555 0188',
      'CONTACT:McAfee Billing',
      'ORGANIZER;CN="Geek Squad Renewals, +1 833 555 0177":MAILTO:Renewals@Desk.example',
      'ATTENDEE;CN=PayPal Disputes:mailto:disputes@example.org',
      'ATTENDEE;CN=victim@hotmail.example:mailto:victim@hotmail.example',
    ]),
    events: [{ organizer: 'renewals@desk.example', organizerName: 'Geek Squad Renewals, +1 833 555 0177' }],
    text: ['Support line 808.555.0143', 'Refund desk 888 555 0188', 'McAfee Billing', 'Geek Squad Renewals, +1 833 555 0177', 'PayPal Disputes'],
    notText: ['hotmail'], // a CN that is only an address (the victim's) is not text
  },
  {
    name: 'CANCEL: the method is kept, upper case',
    calendar: ics(['STATUS:CANCELLED', 'SUMMARY:Canceled: renewal call'], { method: 'cancel' }),
    method: 'CANCEL',
    events: [{ summary: 'Canceled: renewal call' }],
  },
  {
    name: 'PUBLISH, no organizer: organizer null',
    calendar: ics(['SUMMARY:Claim your reward'], { method: 'PUBLISH' }),
    method: 'PUBLISH',
    events: [{ organizer: null, organizerName: null, summary: 'Claim your reward' }],
  },
  {
    name: 'no METHOD: method null, the event still read',
    calendar: ics(['SUMMARY:Plain calendar file'], { method: null }),
    method: null,
    events: [{ summary: 'Plain calendar file' }],
  },
  {
    name: 'vCalendar 1.0 quoted-printable value with a soft line break and a charset',
    calendar: [
      'BEGIN:VCALENDAR', 'VERSION:1.0', 'BEGIN:VEVENT',
      'DESCRIPTION;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Gr=C3=BC=C3=9Fe=0D=0ABitte rufen Sie an: +49 30 =',
      '12345678',
      'SUMMARY:Ihre Rechnung',
      'END:VEVENT', 'END:VCALENDAR', '',
    ].join(CRLF),
    method: null,
    events: [{ summary: 'Ihre Rechnung' }],
    text: ['Grüße', 'Bitte rufen Sie an: +49 30 12345678'],
    notText: ['=C3', '=0D'],
    issues: [],
  },
  {
    name: 'base64 values (ENCODING=BASE64, with and without VALUE=BINARY)',
    calendar: ics([`DESCRIPTION;ENCODING=BASE64;VALUE=BINARY:${b64('Call 808-555-0143 now')}`, `COMMENT;ENCODING=BASE64:${b64('or 888-555-0188')}`]),
    text: ['Call 808-555-0143 now', 'or 888-555-0188'],
  },
  {
    name: 'a part that is base64 without a Content-Transfer-Encoding header is decoded',
    calendar: (b64(ics(['SUMMARY:Hidden in base64', 'DESCRIPTION:Call 808-555-0143'])).match(/.{1,76}/g) ?? []).join(CRLF),
    events: [{ summary: 'Hidden in base64' }],
    text: ['Call 808-555-0143'],
  },
  {
    name: 'start in UTC stays UTC',
    calendar: ics(['DTSTART:20260312T133000Z']),
    events: [{ start: '2026-03-12T13:30:00Z' }],
  },
  {
    name: 'start with an IANA TZID is converted to UTC (daylight saving time included)',
    calendar: ics(['DTSTART;TZID=America/New_York:20260312T093000']),
    events: [{ start: '2026-03-12T13:30:00Z' }],
  },
  {
    name: 'start with a Windows TZID is converted with the calendar\'s own VTIMEZONE',
    calendar: ics(
      [
        'BEGIN:VTIMEZONE', 'TZID:India Standard Time', 'BEGIN:STANDARD', 'DTSTART:16010101T000000', 'TZOFFSETFROM:+0530', 'TZOFFSETTO:+0530', 'END:STANDARD', 'END:VTIMEZONE',
        'BEGIN:VEVENT', 'UID:w@test', 'DTSTART;TZID=India Standard Time:20260312T100000', 'END:VEVENT',
      ],
      { wrapEvent: false },
    ),
    events: [{ start: '2026-03-12T04:30:00Z' }],
  },
  {
    name: 'an unknown TZID without VTIMEZONE, a floating time and an all-day date stay local',
    calendar: ics(
      [
        'BEGIN:VEVENT', 'UID:u@test', 'DTSTART;TZID=Somewhere/Nowhere:20260312T100000', 'END:VEVENT',
        'BEGIN:VEVENT', 'UID:f@test', 'DTSTART:20260312T100000', 'END:VEVENT',
        'BEGIN:VEVENT', 'UID:d@test', 'DTSTART;VALUE=DATE:20260312', 'END:VEVENT',
      ],
      { wrapEvent: false },
    ),
    events: [{ start: '2026-03-12T10:00:00' }, { start: '2026-03-12T10:00:00' }, { start: '2026-03-12' }],
  },
  {
    name: 'an impossible start date is null, the rest is read',
    calendar: ics(['DTSTART:20261399T250000Z', 'SUMMARY:Bad date']),
    events: [{ start: null, summary: 'Bad date' }],
  },
  {
    name: 'broken: truncated calendar (never closed) is read line by line, with an issue',
    calendar: ['BEGIN:VCALENDAR', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'UID:t@test', 'SUMMARY:Truncated', 'DESCRIPTION:Call 808-555-0143 to cancel'].join(CRLF),
    method: 'REQUEST',
    events: [{ uid: 't@test', summary: 'Truncated' }],
    text: ['Call 808-555-0143 to cancel'],
    issues: ['calendar_invalid'],
  },
  {
    name: 'broken: stray lines are dropped, the rest is read, with an issue',
    calendar: ics(['SUMMARY:Stray lines', 'this line has no colon', 'DESCRIPTION:Call 888-555-0188']),
    events: [{ summary: 'Stray lines' }],
    text: ['Call 888-555-0188'],
    notText: ['no colon'],
    issues: ['calendar_invalid'],
  },
  {
    name: 'broken: declared text/calendar but not a calendar at all',
    calendar: 'Hello, this is not a calendar. Call 808-555-0143.',
    method: null,
    issues: ['calendar_invalid'],
  },
  {
    name: 'broken: a calendar without any event',
    calendar: ics(['X-WR-CALNAME:Team calendar'], { wrapEvent: false }),
    events: [],
    text: ['Team calendar'],
    issues: ['calendar_no_event'],
  },
  {
    name: 'hostile: components nested 20,000 deep are read flattened, not recursed into',
    calendar: `BEGIN:VCALENDAR\r\n${'BEGIN:VEVENT\r\n'.repeat(20_000)}SUMMARY:Call 808-555-0143\r\n`,
    events: [{}], // the outermost VEVENT (its summary sits in the deepest one kept)
    text: ['Call 808-555-0143'],
    issues: ['calendar_too_deep'],
  },
  {
    name: 'hostile: more than 100 events are cut to 100, with an issue',
    calendar: ics(Array.from({ length: 150 }, (_, i) => `BEGIN:VEVENT\r\nUID:${i}@test\r\nSUMMARY:Event ${i}\r\nEND:VEVENT`), { wrapEvent: false }),
    events: Array.from({ length: 100 }, (_, i) => ({ uid: `${i}@test` })),
    issues: ['calendar_events_limited'],
  },
  {
    name: 'a calendar with no number: text read, no phone-shaped text invented',
    calendar: ics(['DTSTART:20260312T133000Z', 'SUMMARY:Quarterly planning', 'DESCRIPTION:Agenda: budget\\, hiring\\, roadmap', 'LOCATION:Room 4']),
    events: [{ summary: 'Quarterly planning' }],
    text: ['Agenda: budget, hiring, roadmap', 'Room 4'],
    issues: [],
  },
];

describe('readCalendars', () => {
  it.each(cases)('$name', (c) => {
    const r = read(c.calendar, c.contentType);
    if (c.method !== undefined) expect(r.calendar?.method ?? null).toBe(c.method);
    if (c.events !== undefined) {
      expect(r.calendar?.events ?? []).toHaveLength(c.events.length);
      c.events.forEach((event, i) => expect(r.calendar?.events[i]).toMatchObject(event));
    }
    for (const t of c.text ?? []) expect(allText(r)).toContain(t);
    for (const t of c.notText ?? []) expect(allText(r)).not.toContain(t);
    for (const l of c.links ?? []) expect(r.links).toContain(l);
    if (c.issues !== undefined) expect(codes(r)).toEqual(c.issues);
  });

  it('never throws, whatever the bytes', () => {
    const nasty = ['', 'BEGIN:VCALENDAR', 'BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=:x\r\nRRULE:FREQ=NOPE\r\nEND:VEVENT\r\nEND:VCALENDAR',
      'BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:X\r\nBEGIN:STANDARD\r\nDTSTART:garbage\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nDTSTART;TZID=X:20260101T100000\r\nEND:VEVENT\r\nEND:VCALENDAR',
      Buffer.from([0xff, 0xfe, 0x00, 0x42, 0x00]).toString('latin1')];
    for (const text of nasty) expect(() => read(text)).not.toThrow();
  });

  it('merges the text/calendar alternative and its invite.ics copy into one invitation', () => {
    const calendar = invitationCalendar();
    const r = readCalendars([part(calendar, 'text/calendar'), part(calendar, 'application/ics', 'invite.ics')]);
    expect(r.calendar?.events).toHaveLength(1);
    expect(r.texts).toHaveLength(1);
    expect(r.calendar).toEqual({
      method: 'REQUEST',
      events: [{ start: INVITATION.startUtc, organizer: INVITATION.organizer, organizerName: INVITATION.organizerName, summary: INVITATION.summary, uid: '4kq0v1h3n9c2s8d7e6f5a4b3c2@google.com' }],
    });
  });

  it('leaves other parts alone and reports nothing for a message without a calendar', () => {
    const r = readCalendars([part('%PDF-1.4 ...', 'application/pdf', 'invoice.pdf'), part('hello', 'text/plain', 'notes.txt')]);
    expect(r).toEqual({ calendar: null, texts: [], links: [], issues: [] });
  });
});

describe('isCalendarPart', () => {
  const body = ics(['SUMMARY:x']);
  it.each([
    ['text/calendar', undefined, body, true],
    ['application/ics', 'invite.ics', body, true],
    ['application/octet-stream', 'Appointment.ics', body, true],
    ['text/plain', 'notes.txt', body, true], // the bytes are a VCALENDAR
    ['text/plain', 'notes.txt', 'just text', false],
    ['text/calendar', undefined, '', false], // empty: the attachment listing reports it
  ] as const)('%s %s', (contentType, filename, text, expected) => {
    expect(isCalendarPart({ contentType, ...(filename ? { filename } : {}), content: Buffer.from(text) })).toBe(expected);
  });
});

describe('calendars inside messages (MIME transfer encodings)', () => {
  it.each(['7bit', 'quoted-printable', 'base64'] as const)('a %s text/calendar part is decoded by the MIME reader and read', async (calendarEncoding) => {
    const content = await readMessage(googleCalendarInvitation({ calendarEncoding, withoutIcs: true }));
    const r = readCalendars(content.attachments);
    expect(r.issues).toEqual([]);
    expect(r.calendar?.method).toBe('REQUEST');
    expect(r.calendar?.events[0]).toMatchObject({ start: INVITATION.startUtc, summary: INVITATION.summary, organizer: INVITATION.organizer });
    expect(allText(r)).toContain('call our billing desk at (808) 555-0143');
    expect(allText(r)).toContain('Billing desk, call 1-888-555-0188');
  });
});
