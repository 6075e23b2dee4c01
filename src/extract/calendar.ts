/**
 * Calendar invitations (text/calendar parts, .ics / application/ics attachments) → the text a person sees
 * when the invitation opens (summary, description, X-ALT-DESC HTML, location, comments, organizer and
 * attendee names) plus the facts worth keeping (iTIP method; per event: start, organizer, summary).
 *
 * Parsing is ical.js (Mozilla's RFC 5545 parser): it unfolds lines and unescapes `\,` `\;` `\n`. What it does
 * not do is done here: vCalendar 1.0 `ENCODING=QUOTED-PRINTABLE` values (with `=` soft line breaks), base64
 * values, calendars base64-encoded without a Content-Transfer-Encoding header, HTML descriptions, and
 * calendars it refuses (truncated, stray lines): those are read line by line with its property parser, so
 * what can be read is kept and the rest becomes an issue. Never throws.
 */
import ICAL from 'ical.js';
import { decodeText } from './attachments/text.js';
import { sniffType } from './attachments/sniff.js';
import { htmlToVisibleText } from './html.js';
import type { CalendarEvent, ObservationIssue, ObservedCalendar } from './observation.js';

export interface CalendarPart {
  filename?: string;
  contentType?: string;
  content: Buffer;
}

export interface CalendarReading {
  /** null when the message has no readable calendar. */
  calendar: ObservedCalendar | null;
  /** Visible text of each distinct calendar, to search for numbers, brands and lures. */
  texts: string[];
  /** hrefs of the HTML descriptions (tel:, wa.me … links inside the invitation). */
  links: string[];
  issues: ObservationIssue[];
}

/** jCal, ical.js's JSON form of a component: [name, properties, subcomponents]. */
type JCal = [string, unknown[], JCal[]];

const MAX_CALENDAR_CHARS = 1_000_000;
const MAX_EVENTS = 100;
const MAX_ATTENDEE_NAMES = 50;
/** Real calendars nest three or four deep (VCALENDAR > VEVENT > VALARM); deeper nesting is an attack on the stack. */
const MAX_DEPTH = 8;

/** Properties whose values a calendar client shows (RFC 5545 and the X- ones Outlook and Apple use). */
const TEXT_PROPERTIES = new Set([
  'summary', 'description', 'x-alt-desc', 'location', 'comment', 'contact', 'resources', 'categories',
  'x-wr-calname', 'x-wr-caldesc',
]);

/** Tags that mark a value as HTML (Google Calendar writes HTML into DESCRIPTION without FMTTYPE). */
const HTML_TAG = /<\/?(?:p|br|div|span|a|b|i|u|strong|em|table|tr|td|ul|ol|li|html|body|font|h[1-6]|img)\b[^>]*>/i;

const ICAL_TEXT = (ICAL.design.icalendar.value as Record<string, { fromICAL?: (value: string) => string } | undefined>)['text'];

/** True for a text/calendar part, an .ics / application/ics attachment, or bytes that are a VCALENDAR. */
export function isCalendarPart(part: CalendarPart): boolean {
  return part.content.length > 0 && sniffType(part.content, part.contentType, part.filename).kind === 'ics';
}

function issue(code: string, name: string, message: string): ObservationIssue {
  return { code, message: `${name}: ${message}` };
}

/** The part as text; a calendar sent base64-encoded without saying so (seen in bulk mailers) is decoded. */
function calendarSource(content: Buffer): string {
  const text = decodeText(content);
  if (/BEGIN:VCALENDAR/i.test(text)) return text;
  const compact = text.replace(/\s+/g, '');
  if (compact.length >= 16 && /^[A-Za-z0-9+/]+=*$/.test(compact)) {
    const decoded = decodeText(Buffer.from(compact, 'base64'));
    if (/BEGIN:VCALENDAR/i.test(decoded)) return decoded;
  }
  return text;
}

/** True when the line's name and parameters (before the first `:`) say ENCODING=QUOTED-PRINTABLE. */
function isQuotedPrintableLine(line: string): boolean {
  const colon = line.indexOf(':');
  return /ENCODING=QUOTED-PRINTABLE/i.test(colon < 0 ? line : line.slice(0, colon));
}

/**
 * vCalendar 1.0 quoted-printable values continue on the next line after a trailing `=` (no leading space, so
 * ical.js would take the next line for a property of its own): join them first. Pieces are joined once at the
 * end of the value, so a long value costs linear time.
 */
function joinQuotedPrintableSoftBreaks(text: string): string {
  if (!/ENCODING=QUOTED-PRINTABLE/i.test(text)) return text;
  const out: string[] = [];
  let pending: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (pending !== null) pending.push(line);
    else if (isQuotedPrintableLine(line)) pending = [line];
    else {
      out.push(line);
      continue;
    }
    if (line.endsWith('=')) {
      pending[pending.length - 1] = line.slice(0, -1);
    } else {
      out.push(pending.join(''));
      pending = null;
    }
  }
  if (pending !== null) out.push(pending.join(''));
  return out.join('\r\n');
}

function charsetDecode(bytes: Buffer, charset: string | undefined): string {
  if (charset !== undefined) {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // an unknown charset label: fall back to UTF-8 sniffing
    }
  }
  return decodeText(bytes);
}

function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  const bytes: number[] = [];
  const soft = value.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i += 1) {
    const hex = soft[i] === '=' ? /^[0-9A-Fa-f]{2}/.exec(soft.slice(i + 1, i + 3)) : null;
    if (hex !== null) {
      bytes.push(Number.parseInt(hex[0], 16));
      i += 2;
    } else {
      for (const b of Buffer.from(soft[i]!, 'utf8')) bytes.push(b);
    }
  }
  return charsetDecode(Buffer.from(bytes), charset);
}

/** One property's displayed text: transfer encoding undone, escapes undone, HTML rendered to visible text. */
function propertyText(property: ICAL.Property, links: string[]): string {
  const encoding = String(property.getParameter('encoding') ?? '').toUpperCase();
  const charset = property.getParameter('charset');
  const charsetName = typeof charset === 'string' ? charset : undefined;
  const parts: string[] = [];
  for (const value of property.getValues() as unknown[]) {
    // VALUE=BINARY makes ical.js hand back a Binary (its base64 text); anything else that is not text is skipped.
    const raw = typeof value === 'string' ? value : value instanceof ICAL.Binary ? value.toString() : null;
    if (raw === null) continue;
    // Properties ical.js does not know (X-ALT-DESC …) keep their escapes; they are TEXT by RFC 5545's rules.
    let text = property.type === 'unknown' && ICAL_TEXT?.fromICAL ? ICAL_TEXT.fromICAL(raw) : raw;
    if (encoding === 'QUOTED-PRINTABLE') text = decodeQuotedPrintable(text, charsetName);
    else if (encoding === 'BASE64' || encoding === 'B') text = charsetDecode(Buffer.from(text, 'base64'), charsetName);
    const fmt = String(property.getParameter('fmttype') ?? '').toLowerCase();
    if (fmt === 'text/html' || HTML_TAG.test(text)) {
      const visible = htmlToVisibleText(text);
      links.push(...visible.links);
      text = visible.text;
    }
    if (text.trim() !== '') parts.push(text.trim());
  }
  return parts.join('\n');
}

function addressOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const address = value.trim().replace(/^mailto:/i, '').trim().toLowerCase();
  return address === '' ? null : address;
}

function displayName(property: ICAL.Property | null): string | null {
  const cn = property?.getParameter('cn');
  return typeof cn === 'string' && cn.trim() !== '' ? cn.trim() : null;
}

/** Visible text of a component and its subcomponents (VEVENT, VTODO, VALARM …), in calendar order. */
function componentText(component: ICAL.Component, links: string[], out: string[]): void {
  if (component.name === 'vtimezone') return;
  let attendees = 0;
  for (const property of component.getAllProperties()) {
    if (TEXT_PROPERTIES.has(property.name)) {
      const text = propertyText(property, links);
      if (text !== '') out.push(text);
    } else if (property.name === 'organizer' || (property.name === 'attendee' && attendees++ < MAX_ATTENDEE_NAMES)) {
      // A display name is shown beside the invitation: scammers write "Norton Billing +1 …" there. A CN that
      // is only an address (the victim's own, usually) says nothing and would only name their mail provider.
      const name = displayName(property);
      if (name !== null && !/^\S+@\S+$/.test(name)) out.push(name);
    }
  }
  for (const child of component.getAllSubcomponents()) componentText(child, links, out);
}

// ---- start times ------------------------------------------------------------------------------------

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z)?)?$/;

/** Offset (ms) of an IANA zone at a UTC instant, or null when the zone is not an IANA name. */
function ianaOffset(zone: string, utcMs: number): number | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
  } catch {
    return null;
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts['year']), Number(parts['month']) - 1, Number(parts['day']), Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * DTSTART as ISO 8601. A TZID that names an IANA zone is resolved by the runtime's own zone data (not
 * by rules the sender wrote); any other TZID (Outlook's "Pacific Standard Time") by the calendar's VTIMEZONE.
 */
function startOf(event: ICAL.Component, zones: Map<string, ICAL.Timezone>): string | null {
  const property = event.getFirstProperty('dtstart');
  if (property === null) return null;
  const json = property.toJSON() as unknown[];
  const raw = json[3];
  const m = typeof raw === 'string' ? LOCAL_TIME.exec(raw) : null;
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v)));
  const wallMs = Date.UTC(year!, month! - 1, day!, hour ?? 0, minute ?? 0, second ?? 0);
  const check = new Date(wallMs);
  if (Number.isNaN(wallMs) || check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day! || (hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 60) return null;
  if (hour === undefined) return raw as string; // all-day event: a date, not an instant
  if (m[7] === 'Z') return isoSeconds(wallMs);
  const tzid = property.getParameter('tzid');
  if (typeof tzid !== 'string' || tzid.trim() === '') return raw as string; // floating: the reader's own time
  const zone = tzid.trim();
  const first = ianaOffset(zone, wallMs);
  if (first !== null) {
    // Offset at the guessed instant, then again at the corrected one (DST changes between the two).
    const second = ianaOffset(zone, wallMs - first) ?? first;
    return isoSeconds(wallMs - second);
  }
  const vtimezone = zones.get(zone);
  if (vtimezone !== undefined) {
    try {
      const time = ICAL.Time.fromData({ year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! }, vtimezone);
      const offset = vtimezone.utcOffset(time);
      if (Number.isFinite(offset)) return isoSeconds(wallMs - offset * 1000);
    } catch {
      // rules ical.js cannot expand: keep the local time below
    }
  }
  return raw as string;
}

function timezonesOf(calendar: ICAL.Component): Map<string, ICAL.Timezone> {
  const zones = new Map<string, ICAL.Timezone>();
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    const tzid = vtimezone.getFirstPropertyValue('tzid');
    if (typeof tzid !== 'string') continue;
    try {
      zones.set(tzid, new ICAL.Timezone(vtimezone));
    } catch {
      // a VTIMEZONE without usable rules: times in it stay local
    }
  }
  return zones;
}

function stringValue(component: ICAL.Component, name: string): string | null {
  const value = component.getFirstPropertyValue(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

// ---- parsing --------------------------------------------------------------------------------------

/**
 * A calendar ical.js refuses, rebuilt as jCal line by line: BEGIN/END keep the nesting (unclosed components
 * are closed at the end), each other line goes through ical.js's own property parser, lines it cannot read
 * are counted and dropped.
 */
function salvage(text: string): { jcal: JCal[]; dropped: number } {
  const unfolded = text.replace(/\r?\n[ \t]/g, '');
  const roots: JCal[] = [];
  const stack: JCal[] = [];
  let dropped = 0;
  let tooDeep = 0; // BEGINs past MAX_DEPTH: their lines join the deepest kept component
  for (const line of unfolded.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const marker = /^(BEGIN|END):([A-Za-z0-9-]+)\s*$/i.exec(line);
    if (marker !== null) {
      const name = marker[2]!.toLowerCase();
      if (marker[1]!.toUpperCase() === 'BEGIN') {
        if (stack.length >= MAX_DEPTH) {
          tooDeep += 1;
          continue;
        }
        const component: JCal = [name, [], []];
        (stack.length > 0 ? stack[stack.length - 1]![2] : roots).push(component);
        stack.push(component);
      } else if (tooDeep > 0) {
        tooDeep -= 1;
      } else {
        const at = stack.map((c) => c[0]).lastIndexOf(name);
        if (at >= 0) stack.length = at;
      }
      continue;
    }
    if (stack.length === 0) {
      dropped += 1;
      continue;
    }
    try {
      stack[stack.length - 1]![1].push(ICAL.parse.property(line));
    } catch {
      dropped += 1;
    }
  }
  return { jcal: roots, dropped };
}

/** Deepest BEGIN/END nesting of the text (one pass over its lines). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const m of text.matchAll(/^(BEGIN|END):/gim)) {
    depth = Math.max(0, depth + (m[1]!.toUpperCase() === 'BEGIN' ? 1 : -1));
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/** jCal of the text: ical.js's parse, else the line-by-line rebuild (with an issue saying why). */
function calendarJcal(text: string, name: string, issues: ObservationIssue[]): JCal[] {
  const depth = nestingDepth(text);
  if (depth > MAX_DEPTH) {
    // ical.js and the walk over components recurse per level: read it flattened rather than run out of stack.
    issues.push(issue('calendar_too_deep', name, `components nested ${depth} deep (over ${MAX_DEPTH}); read with the deeper levels flattened`));
    return salvage(text).jcal;
  }
  try {
    const parsed = ICAL.parse(text) as JCal | JCal[];
    return parsed.length > 0 && typeof parsed[0] === 'string' ? [parsed as JCal] : (parsed as JCal[]);
  } catch (error) {
    const rebuilt = salvage(text);
    const kept = rebuilt.jcal.length > 0 ? 'read line by line' : 'nothing could be read';
    const dropped = rebuilt.dropped > 0 ? `, ${rebuilt.dropped} unreadable line(s) dropped` : '';
    issues.push(issue('calendar_invalid', name, `not a valid iCalendar file (${(error as Error).message}); ${kept}${dropped}`));
    return rebuilt.jcal;
  }
}

function parseCalendar(text: string, name: string, issues: ObservationIssue[]): ICAL.Component[] {
  const components: ICAL.Component[] = [];
  for (const entry of calendarJcal(text, name, issues)) {
    try {
      components.push(new ICAL.Component(entry));
    } catch (error) {
      issues.push(issue('calendar_invalid', name, `a component could not be read: ${(error as Error).message}`));
    }
  }
  return components;
}

interface OneCalendar {
  method: string | null;
  events: CalendarEvent[];
  text: string;
}

/** Reads one calendar's text (already decoded from its MIME part); problems go to `issues`. */
function readCalendarText(source: string, name: string, links: string[], issues: ObservationIssue[]): OneCalendar | null {
  let text = source;
  if (text.length > MAX_CALENDAR_CHARS) {
    issues.push(issue('calendar_truncated', name, `calendar cut to ${MAX_CALENDAR_CHARS} characters`));
    text = text.slice(0, MAX_CALENDAR_CHARS);
  }
  if (!/BEGIN:(VCALENDAR|VEVENT)/i.test(text)) {
    issues.push(issue('calendar_invalid', name, 'declared as a calendar but holds no BEGIN:VCALENDAR'));
    return null;
  }
  const components = parseCalendar(joinQuotedPrintableSoftBreaks(text), name, issues);
  let method: string | null = null;
  const events: CalendarEvent[] = [];
  const texts: string[] = [];
  for (const root of components) {
    method ??= stringValue(root, 'method')?.toUpperCase() ?? null;
    const zones = root.name === 'vcalendar' ? timezonesOf(root) : new Map<string, ICAL.Timezone>();
    const vevents = root.name === 'vevent' ? [root] : root.getAllSubcomponents('vevent');
    for (const event of vevents) {
      if (events.length >= MAX_EVENTS) {
        issues.push(issue('calendar_events_limited', name, `more than ${MAX_EVENTS} events; the rest are not listed`));
        break;
      }
      const organizer = event.getFirstProperty('organizer');
      events.push({
        start: startOf(event, zones),
        organizer: addressOf(organizer?.getFirstValue()),
        organizerName: displayName(organizer),
        summary: stringValue(event, 'summary'),
        uid: stringValue(event, 'uid'),
      });
    }
    componentText(root, links, texts);
  }
  if (events.length === 0) issues.push(issue('calendar_no_event', name, 'the calendar holds no event (VEVENT)'));
  if (components.length === 0) return null;
  return { method, events, text: texts.join('\n') };
}

function eventKey(event: CalendarEvent): string {
  return JSON.stringify([event.uid, event.start, event.summary, event.organizer]);
}

/**
 * Every calendar among a message's parts, merged: the text/calendar alternative and its invite.ics copy are
 * one invitation (events by uid, start, summary and organizer; identical texts once). Never throws.
 */
export function readCalendars(parts: readonly CalendarPart[]): CalendarReading {
  const reading: CalendarReading = { calendar: null, texts: [], links: [], issues: [] };
  const seenEvents = new Set<string>();
  parts.forEach((part, index) => {
    if (!isCalendarPart(part)) return;
    const name = part.filename?.trim() || `calendar part ${index + 1}`;
    try {
      const one = readCalendarText(calendarSource(part.content), name, reading.links, reading.issues);
      if (one === null) return;
      reading.calendar ??= { method: null, events: [] };
      reading.calendar.method ??= one.method;
      for (const event of one.events) {
        const key = eventKey(event);
        if (seenEvents.has(key) || reading.calendar.events.length >= MAX_EVENTS) continue;
        seenEvents.add(key);
        reading.calendar.events.push(event);
      }
      if (one.text !== '' && !reading.texts.includes(one.text)) reading.texts.push(one.text);
    } catch (error) {
      // The last guard of "never throws": ical.js is third-party code fed criminal input.
      reading.issues.push(issue('calendar_failed', name, `could not be read: ${(error as Error).message}`));
    }
  });
  reading.links = [...new Set(reading.links)];
  return reading;
}
