/**
 * A small iCalendar (RFC 5545) writer for the invitations the generator plants: TEXT values escaped
 * (`\\`, `\;`, `\,`, `\n`), content lines folded at 75 octets without splitting a UTF-8 character, CRLF
 * line ends. Real invitations fold mid-word and mid-number, so a planted number may straddle a fold.
 */

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsEvent {
  uid: string;
  /** UTC instants. */
  start: Date;
  end: Date;
  stamp: Date;
  summary: string;
  /** Plain TEXT (Outlook) or HTML markup (Google writes the description's HTML here). */
  description: string;
  /** X-ALT-DESC;FMTTYPE=text/html — the HTML description Outlook (and some Google exports) add. */
  altDescriptionHtml?: string;
  location?: string;
  organizer: IcsPerson;
  attendees: IcsPerson[];
  /** LANGUAGE= parameter on SUMMARY/DESCRIPTION/LOCATION (Exchange writes it). */
  language?: string;
  /** Extra properties written verbatim after the standard ones (already escaped/parametrised). */
  extra?: Array<[string, string]>;
}

export interface IcsCalendar {
  prodId: string;
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  /** IANA zone written as VTIMEZONE + TZID on DTSTART/DTEND, with a fixed offset in minutes east of UTC. */
  timezone?: { tzid: string; offsetMinutes: number; name: string };
  events: IcsEvent[];
}

const CRLF = '\r\n';

/** RFC 5545 §3.3.11 TEXT escaping. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds one content line into chunks of at most 75 octets; continuation lines start with one space. */
export function foldLine(line: string, limit = 75): string {
  const out: string[] = [];
  let chunk = '';
  let octets = 0;
  let max = limit;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > max) {
      out.push(chunk);
      chunk = ' ';
      octets = 1;
      max = limit;
    }
    chunk += ch;
    octets += size;
  }
  out.push(chunk);
  return out.join(CRLF);
}

/** The reverse of folding (for tests and readers): a CRLF followed by a space or tab is removed. */
export function unfold(text: string): string {
  return text.replace(/\r?\n[ \t]/g, '');
}

/** The reverse of escapeText. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function localStamp(d: Date, offsetMinutes: number): string {
  return utcStamp(new Date(d.getTime() + offsetMinutes * 60_000)).replace(/Z$/, '');
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** Quotes a parameter value when it holds `:`, `;` or `,` (RFC 5545 §3.2). */
function param(value: string): string {
  const clean = value.replace(/"/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

export function buildCalendar(cal: IcsCalendar): string {
  const lines: string[] = ['BEGIN:VCALENDAR', `PRODID:${cal.prodId}`, 'VERSION:2.0', 'CALSCALE:GREGORIAN', `METHOD:${cal.method}`];
  const tz = cal.timezone;
  if (tz) {
    lines.push(
      'BEGIN:VTIMEZONE',
      `TZID:${tz.tzid}`,
      'BEGIN:STANDARD',
      `TZOFFSETFROM:${offsetText(tz.offsetMinutes)}`,
      `TZOFFSETTO:${offsetText(tz.offsetMinutes)}`,
      `TZNAME:${tz.name}`,
      'DTSTART:19700101T000000',
      'END:STANDARD',
      'END:VTIMEZONE',
    );
  }
  for (const ev of cal.events) {
    const lang = ev.language ? `;LANGUAGE=${ev.language}` : '';
    const when = (name: string, d: Date): string => (tz ? `${name};TZID=${param(tz.tzid)}:${localStamp(d, tz.offsetMinutes)}` : `${name}:${utcStamp(d)}`);
    lines.push('BEGIN:VEVENT', when('DTSTART', ev.start), when('DTEND', ev.end), `DTSTAMP:${utcStamp(ev.stamp)}`);
    lines.push(`ORGANIZER;CN=${param(ev.organizer.name)}:mailto:${ev.organizer.email}`);
    lines.push(`UID:${ev.uid}`);
    for (const a of ev.attendees) {
      lines.push(`ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=${param(a.name)};X-NUM-GUESTS=0:mailto:${a.email}`);
    }
    lines.push(`CREATED:${utcStamp(ev.stamp)}`);
    lines.push(`DESCRIPTION${lang}:${escapeText(ev.description)}`);
    if (ev.altDescriptionHtml !== undefined) lines.push(`X-ALT-DESC;FMTTYPE=text/html:${escapeText(ev.altDescriptionHtml)}`);
    lines.push(`LAST-MODIFIED:${utcStamp(ev.stamp)}`, `LOCATION${lang}:${escapeText(ev.location ?? '')}`, 'SEQUENCE:0', 'STATUS:CONFIRMED');
    lines.push(`SUMMARY${lang}:${escapeText(ev.summary)}`, 'TRANSP:OPAQUE');
    for (const [name, value] of ev.extra ?? []) lines.push(`${name}:${value}`);
    lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:This is an event reminder', 'TRIGGER:-P0DT0H10M0S', 'END:VALARM', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map((l) => foldLine(l)).join(CRLF)}${CRLF}`;
}
