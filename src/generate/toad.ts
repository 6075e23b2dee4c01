import { msPerDay } from '../domain/index.js';
import type { Decoy } from './decoys.js';
import type { Delivery, Platform } from './delivery.js';
import { escapeHtml, writeNumber, type WrittenNumber } from './disguise.js';
import { envelope, recipientAddress, sendTime, serviceEnvelope, type Envelope } from './envelope.js';
import { buildCalendar, type IcsCalendar } from './ics.js';
import { crlf, isAscii, renderMessage, type LeafPart, type MimeNode, type TransferEncoding } from './mime.js';
import { chooseDisguise, placement } from './parts.js';
import type { Plan, PlannedCallCenter, PlannedNumber } from './plan.js';
import type { Rng } from './random.js';
import { fill, LANGUAGE_PACKS } from './text.js';
import type { ComposedMessage, TruthAttachment, TruthNumber, TruthPlacement } from './truth.js';
import type { BrandName, Language, Lure } from './vocabulary.js';

/**
 * Messages delivered through a genuine service (telephone-oriented attack delivery, TOAD): a Google
 * Calendar invitation e-mail (its layout: font-size:0 table cells with the real size inside, a hidden
 * preheader, a flowed text/plain view, a text/calendar part and invite.ics), an Outlook/Exchange invitation,
 * a bare .ics on a short mail, and a PayPal or QuickBooks invoice whose seller note carries the impersonated
 * brand and the callback number. The wording is the language pack's, so lure scoring still applies; the
 * chrome around it is the service's, in English, as most real samples have it.
 */

export interface DeliveryInput {
  rng: Rng;
  plan: Plan;
  center: PlannedCallCenter;
  number: PlannedNumber;
  secondaries: PlannedNumber[];
  brand: BrandName;
  lure: Lure;
  lang: Language;
  day: string;
  values: Record<string, string>;
  decoys: Decoy[];
  delivery: Exclude<Delivery, 'direct'>;
  platform: Platform | null;
}

interface Zone {
  tzid: string;
  /** Windows zone name (Exchange writes these as TZID). */
  windows: string;
  label: string;
  short: string;
  offset: number;
}

const ZONES: Zone[] = [
  { tzid: 'America/New_York', windows: 'Eastern Standard Time', label: 'Eastern Time - New York', short: 'EST', offset: -300 },
  { tzid: 'America/Chicago', windows: 'Central Standard Time', label: 'Central Time - Chicago', short: 'CST', offset: -360 },
  { tzid: 'America/Los_Angeles', windows: 'Pacific Standard Time', label: 'Pacific Time - Los Angeles', short: 'PST', offset: -480 },
  { tzid: 'Asia/Singapore', windows: 'Singapore Standard Time', label: 'Singapore Standard Time', short: 'SGT', offset: 480 },
  { tzid: 'Europe/London', windows: 'GMT Standard Time', label: 'Greenwich Mean Time - London', short: 'GMT', offset: 0 },
];

const FIRST_NAMES = ['Lillie', 'Jennifer', 'Joe', 'Gabriel', 'Ellie', 'Hiren', 'Nicolette', 'Susanne', 'Vickie', 'Katelyn', 'Marcus', 'Dana'];
const LAST_NAMES = ['Griffith', 'Aguirre', 'Smart', 'Fogarty', 'Whitaker', 'Wilkins', 'Browning', 'Martin', 'Scott', 'Patterson', 'Reyes', 'Okafor'];
const WEEKDAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Content {
  /** The lure's paragraphs with the numbers written in (plain text; `\n` inside a paragraph is a line break). */
  paragraphs: string[];
  numbers: TruthNumber[];
  /** The primary number as written (null for a noise invitation). */
  written: WrittenNumber | null;
}

/** The lure's wording with the callback number (twice, as real renewal scams write it) and any secondaries. */
function lureContent(input: DeliveryInput, where: TruthPlacement['where'][]): Content {
  const { rng, number, lang, values, lure } = input;
  const pack = LANGUAGE_PACKS[lang];
  // Invitations and invoices mostly write the number plainly; some use the text disguises.
  const disguise = rng.chance(0.7) ? 'none' : chooseDisguise(rng, 'body-text', number);
  const written = writeNumber(number.e164, disguise, rng, lang);
  const numbers: TruthNumber[] = [{ e164: number.e164, role: 'primary', placements: where.map((w) => placement(w, written)) }];
  const secondaryTexts = input.secondaries.map((s) => {
    const w = writeNumber(s.e164, 'none', rng, lang);
    numbers.push({ e164: s.e164, role: 'secondary', placements: where.map((x) => placement(x, w)) });
    return w.text;
  });
  const cta = pack.cta[lure.cta];
  const ctaLine = cta.includes('{phone}') ? fill(cta, { phone: written.text }) : `${cta} ${fill(pack.callLine, { phone: written.text })}`;
  const decoyLines = input.decoys.filter((d) => d.kind === 'order' || d.kind === 'invoice').map((d) => `${pack.labels[d.kind as 'order' | 'invoice']}: ${d.text}`);
  const paragraphs = [
    [...decoyLines, `${pack.labels.date}: ${values.date ?? ''}`, fill(pack.callLine, { phone: written.text })].join('\n'),
    fill(rng.pick(pack.greetings), values),
    `${fill(rng.pick(pack.context[lure.context]), values)} ${rng.pick(pack.trigger[lure.trigger])}`,
    `${pack.labels.amount}: ${values.amount ?? ''}`,
    ctaLine,
    ...(secondaryTexts.length > 0 ? [fill(pack.callLine, { phone: secondaryTexts.join(' / ') })] : []),
    fill(rng.pick(pack.closings), values),
  ];
  return { paragraphs, numbers, written };
}

function base62(rng: Rng, n: number): string {
  const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: n }, () => chars[rng.int(0, chars.length - 1)]).join('');
}

function personName(rng: Rng): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

function personAddress(rng: Rng, name: string, domains: string[]): string {
  const local = `${name.toLowerCase().replace(/[^a-z]/g, rng.chance(0.5) ? '.' : '')}${rng.chance(0.6) ? rng.int(10, 9999) : ''}`;
  return `${local}@${rng.chance(0.35) ? 'gmail.com' : rng.pick(domains)}`;
}

function uuid(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The appointment: the next day at a local hour, as "renewal call" invitations set it. */
function eventTimes(rng: Rng, sent: Date, zone: Zone): { start: Date; end: Date } {
  const localMidnight = Math.floor((sent.getTime() + zone.offset * 60_000) / msPerDay) * msPerDay + msPerDay;
  const start = new Date(localMidnight - zone.offset * 60_000 + rng.int(8, 19) * 3_600_000 + rng.pick([0, 15, 30, 45]) * 60_000);
  return { start, end: new Date(start.getTime() + rng.pick([30, 60]) * 60_000) };
}

function localParts(d: Date, zone: Zone): { weekday: string; month: string; date: number; year: number; time: string } {
  const l = new Date(d.getTime() + zone.offset * 60_000);
  const h = l.getUTCHours();
  const time = `${h % 12 === 0 ? 12 : h % 12}${l.getUTCMinutes() === 0 ? '' : `:${String(l.getUTCMinutes()).padStart(2, '0')}`}${h < 12 ? 'am' : 'pm'}`;
  return { weekday: WEEKDAYS_LONG[l.getUTCDay()]!, month: MONTHS[l.getUTCMonth()]!, date: l.getUTCDate(), year: l.getUTCFullYear(), time };
}

const paragraphHtml = (p: string): string => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`;

/**
 * format=flowed with delsp=yes (RFC 3676), as Google writes its text/plain view: lines soft-broken at a
 * space before 76 characters, the break marked by one extra trailing space that the reader removes. A
 * number written with spaces can be broken inside ("1 810 ⏎268-8289"); a flowed reader joins it again.
 */
export function flowed(text: string, width = 76): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > width) {
      const cut = rest.lastIndexOf(' ', width - 2);
      if (cut <= 0) break;
      out.push(`${rest.slice(0, cut + 1)} `);
      rest = rest.slice(cut + 1);
    }
    out.push(rest.replace(/ +$/, ''));
  }
  return out.join('\n');
}

function textEncoding(rng: Rng, text: string): { charset: string; encoding: TransferEncoding } {
  if (isAscii(text.replace(/\n/g, ' '))) return { charset: 'UTF-8', encoding: rng.chance(0.5) ? '7bit' : 'quoted-printable' };
  return { charset: 'UTF-8', encoding: rng.chance(0.5) ? 'base64' : 'quoted-printable' };
}

function leaf(contentType: string, text: string, encoding: TransferEncoding, extra: Partial<LeafPart> = {}): LeafPart {
  return { kind: 'leaf', contentType, charset: 'UTF-8', encoding, body: Buffer.from(crlf(text), 'utf8'), ...extra };
}

function boundary(rng: Rng, style: 'google' | 'outlook' | 'plain'): string {
  if (style === 'google') return `0000000000${rng.hex(16)}`;
  if (style === 'outlook') return `_000_${rng.hex(12).toUpperCase()}namprd11prod_`;
  return `----=_Part_${rng.int(1000, 99999)}_${rng.hex(16)}`;
}

interface Built {
  env: Envelope;
  subject: string;
  root: MimeNode;
  numbers: TruthNumber[];
  attachments: Array<{ truth: TruthAttachment; bytes: Buffer }>;
  format: 'plain' | 'html' | 'alternative';
  charset: string;
  encoding: TransferEncoding;
}

function calendarAttachment(ics: string, filename: string | null, mime: string, numbers: string[]): { truth: TruthAttachment; bytes: Buffer } {
  const bytes = Buffer.from(ics, 'utf8');
  return { truth: { filename, type: 'ics', mime, bytes: bytes.length, numbers }, bytes };
}

// ---------------------------------------------------------------------------------------------------------
// Google Calendar

export interface GoogleInvitation {
  plain: string;
  html: string;
  ics: string;
  subject: string;
}

/** Google's invitation e-mail around an event whose description holds the lure. */
export function googleInvitation(
  rng: Rng,
  o: { title: string; paragraphs: string[]; organizer: { name: string; email: string }; recipient: string; sent: Date; altDesc: boolean; phoneInLocation: string | null },
): GoogleInvitation {
  const zone = rng.pick(ZONES);
  const { start, end } = eventTimes(rng, o.sent, zone);
  const s = localParts(start, zone);
  const e = localParts(end, zone);
  const eid = Buffer.from(`${rng.hex(13)} ${o.recipient}`).toString('base64').replace(/=+$/, '');
  const whenShort = `${s.weekday.slice(0, 3)} ${s.month} ${s.date}, ${s.year} ${s.time} - ${e.time} (${zone.short})`;
  const whenLong = `${s.weekday} ${s.month} ${s.date}, ${s.year} \u22C5 ${s.time} \u2013 ${e.time}`;
  const subject = `Invitation: ${o.title} @ ${whenShort} (${o.recipient})`;
  const descHtml = o.paragraphs.map(paragraphHtml).join('');
  // Google's description as text: paragraphs run together, as its HTML-to-text does ("…TCBK30357Service Helpdesk: …").
  const descFlat = o.paragraphs.map((p) => p.replace(/\n/g, '')).join('');
  const viewUrl = `https://calendar.google.com/calendar/event?action=VIEW&eid=${eid}&tok=${rng.hex(40)}&ctz=${encodeURIComponent(zone.tzid)}&hl=en&es=0`;
  const cell = 'font-size: 0; padding: 0; text-align: left; word-break: break-word;;padding-bottom:24px;';
  const inner = 'font-family: Roboto, sans-serif;font-style: normal; font-weight: 400; font-size: 14px; line-height: 20px; letter-spacing: 0.2px;color: #3c4043; text-decoration: none;';
  const hiddenStyle = 'display: none; font-size: 1px; color: #fff; line-height: 1px; height: 0; max-height: 0; width: 0; max-width: 0; opacity: 0; overflow: hidden;';
  const preheader = descFlat.slice(0, 200).replace(/[\d\s().+-]+$/, '');
  const heading = (t: string): string =>
    `<table border="0" cellpadding="0" cellspacing="0" role="presentation" style="padding-bottom: 4px;"><tr><td><h2 class="primary-text" style="font-size: 14px;color: #3c4043; text-decoration: none;font-weight: 700;-webkit-font-smoothing: antialiased;margin: 0; padding: 0;">${t}</h2></td></tr></table>`;
  const html = `<!doctype html><html xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title></title><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark">
<style>
  body, html { font-family: Roboto, Helvetica, Arial, sans-serif; }
  body { margin: 0; padding: 0; -webkit-font-smoothing: antialiased; -webkit-text-size-adjust: 100%; }
  table, td { mso-table-lspace: 0pt; mso-table-rspace: 0pt; }
  p { display: block; margin: 13px 0; }
  .body-container { padding-left: 16px; padding-right: 16px; }
</style>
</head><body class="body"><span itemscope="" itemtype="http://schema.org/InformAction"><span style="display:none" itemprop="about" itemscope="" itemtype="http://schema.org/Person"><meta itemprop="description" content="Invitation from ${escapeHtml(o.organizer.name)}"></span><span itemprop="object" itemscope="" itemtype="http://schema.org/Event"><meta itemprop="eventStatus" content="http://schema.org/EventScheduled"><span itemprop="publisher" itemscope="" itemtype="http://schema.org/Organization"><meta itemprop="name" content="Google Calendar"></span><meta itemprop="eventId/googleCalendar" content="${base62(rng, 26)}"><span style="${hiddenStyle}" itemprop="name">${escapeHtml(o.title)}</span><div style="${hiddenStyle}">${escapeHtml(preheader)}</div>
<table border="0" cellpadding="0" cellspacing="0" role="presentation" align="center" style="width:100%;" class="body-container"><tbody><tr><td style="" class="" align="left"><div style="height:16px;" aria-hidden="true"> &nbsp; </div>
<table border="0" cellpadding="0" cellspacing="0" role="presentation" align="center" style="width:100%;" class=""><tbody><tr><td style="border: solid 1px #dadce0; border-radius: 8px; direction: rtl; font-size: 0; padding: 24px 32px; text-align: left; vertical-align: top;" class="main-container-inner"><div class="" style="font-size: 13px; text-align: left; direction: ltr; display: inline-block; vertical-align: top; width: 100%;overflow: hidden; word-wrap: break-word;"><table border="0" cellpadding="0" cellspacing="0" role="presentation" width="100%" style="table-layout: fixed;">
<tr><td style="${cell}"><div style="${inner}" class="primary-text" role="presentation"><span>${descHtml}</span><meta itemprop="description" content="${escapeHtml(descFlat)}"></div></td></tr>
<tr><td style="${cell}"><div style="${inner}" class="primary-text" role="presentation">${heading('When')}<span>${escapeHtml(whenLong)} (${escapeHtml(zone.label)})</span></div></td></tr>
<tr><td style="${cell}"><div style="${inner}" class="primary-text" role="presentation">${heading('Organizer')}<div style="color: #3c4042;"><span class="notranslate"><a class="primary-text underline-on-hover" style="display: inline-block;;color: #3c4043; text-decoration: none;" href="mailto:${escapeHtml(o.organizer.email)}">${escapeHtml(o.organizer.name)}</a></span></div><div style="color: #707579;"><a class="secondary-text underline-on-hover" style="display: inline-block;;color: #70757a; text-decoration: none;" href="mailto:${escapeHtml(o.organizer.email)}">${escapeHtml(o.organizer.email)}</a></div></div></td></tr>
<tr><td style="${cell}"><div style="${inner}" class="primary-text" role="presentation">${heading('Guests')}(Guest list has been hidden at organizer's request)</div></td></tr>
<tr><td style="font-size: 0; padding: 0; text-align: left; word-break: break-word;;padding-bottom:16px;"><div style="font-family: Roboto, sans-serif;font-size: 14px; line-height: 20px; text-align: left;"><span style="font-weight: 700;">Reply</span><span class="secondary-text" style="color: #70757a;"> for ${escapeHtml(o.recipient)}</span><br><a href="${escapeHtml(viewUrl)}&amp;rst=1" style="color:#1a73e8">Yes</a> &nbsp; <a href="${escapeHtml(viewUrl)}&amp;rst=2" style="color:#1a73e8">No</a> &nbsp; <a href="${escapeHtml(viewUrl)}&amp;rst=3" style="color:#1a73e8">Maybe</a> &nbsp; <a href="${escapeHtml(viewUrl)}" style="color:#1a73e8">More options</a></div></td></tr>
</table></div></td></tr></tbody></table>
<table border="0" cellpadding="0" cellspacing="0" role="presentation" align="center" style="width:100%;"><tbody><tr><td style="font-size: 0; padding: 0 32px 16px;"><div style="font-family: Roboto, sans-serif;font-size: 12px; line-height: 16px; color: #70757a;">Invitation from <a href="https://calendar.google.com/calendar/" style="color:#1a73e8">Google Calendar</a><br><br>You are receiving this email because you are an attendee on the event.<br><br>Forwarding this invitation could allow any recipient to send a response to the organizer, be added to the guest list, invite others regardless of their own invitation status, or modify your RSVP. <a href="https://support.google.com/calendar/answer/37135#forwarding" style="color:#1a73e8">Learn more</a></div></td></tr></tbody></table>
</td></tr></tbody></table></span></span></body></html>
`;
  const plain = [
    o.title,
    `${whenLong}`,
    zone.label,
    '',
    '',
    '',
    flowed(descFlat),
    '',
    'Organizer',
    o.organizer.name,
    o.organizer.email,
    '',
    'Guests',
    "(Guest list has been hidden at organizer's request)",
    '',
    flowed(`Reply for ${o.recipient} and view more details ${viewUrl}`),
    'Your attendance is optional.',
    '',
    '~~//~~',
    'Invitation from Google Calendar: https://calendar.google.com/calendar/',
    '',
    'You are receiving this email because you are an attendee on the event.',
    '',
    flowed('Forwarding this invitation could allow any recipient to send a response to the organizer, be added to the guest list, invite others regardless of their own invitation status, or modify your RSVP.'),
    '',
    'Learn more https://support.google.com/calendar/answer/37135#forwarding',
    '',
  ].join('\n');
  const cal: IcsCalendar = {
    prodId: '-//Google Inc//Google Calendar 70.9054//EN',
    method: 'REQUEST',
    timezone: { tzid: zone.tzid, offsetMinutes: zone.offset, name: `GMT${zone.offset === 0 ? '' : zone.offset > 0 ? `+${zone.offset / 60}` : zone.offset / 60}` },
    events: [
      {
        // Google's event ids are base-62 (`76VnhVaEvCJNvYlT8GLGHaR0j6@google.com`), not hex.
        uid: `${base62(rng, 26)}@google.com`,
        start,
        end,
        stamp: o.sent,
        summary: o.title,
        // Google writes the description's HTML into DESCRIPTION; some clients' exports write plain text.
        description: rng.chance(0.6) ? o.paragraphs.map((p) => `<p>${p.replace(/\n/g, '<br />')}</p>`).join('') : o.paragraphs.join('\n\n'),
        ...(o.altDesc ? { altDescriptionHtml: `<html><body>${descHtml}</body></html>` } : {}),
        location: o.phoneInLocation ?? '',
        organizer: o.organizer,
        attendees: [{ name: o.recipient, email: o.recipient }],
        extra: [['X-MICROSOFT-CDO-OWNERAPPTID', String(rng.int(100_000_000, 2_000_000_000))]],
      },
    ],
  };
  return { plain, html, ics: buildCalendar(cal), subject };
}

/**
 * The envelope Google Calendar writes for an invitation: sent by Google's servers and signed by google.com,
 * Sender calendar-notification@google.com, the organizer (the criminal) as From and Reply-To.
 */
function googleCalendarEnvelope(
  rng: Rng,
  day: string,
  o: { utc: Date; organizer: { name: string; email: string }; recipient: string; subject: string },
): Envelope {
  return serviceEnvelope(rng, day, {
    utc: o.utc,
    offset: 0,
    from: o.organizer.email,
    fromName: o.organizer.name,
    recipient: o.recipient,
    subject: o.subject,
    messageId: `<calendar-${uuid(rng)}@google.com>`,
    relayHost: `mail-${rng.pick(['ot1', 'oi1', 'pj1', 'yb1'])}-f${rng.int(41, 199)}.google.com`,
    relayIp: `209.85.${rng.int(128, 223)}.${rng.int(1, 254)}`,
    dkimDomain: 'google.com',
    dkimSelector: '20230601',
    returnPath: o.organizer.email,
    replyTo: { name: o.organizer.name, address: o.organizer.email },
    sender: { name: 'Google Calendar', address: 'calendar-notification@google.com' },
  });
}

function composeGoogle(input: DeliveryInput): Built {
  const { rng, center, lang, values, lure } = input;
  const pack = LANGUAGE_PACKS[lang];
  // About a third of the real Google-Calendar scams carry no calendar part (an updated-event notice).
  const withCalendar = rng.chance(0.7);
  const content = lureContent(input, withCalendar ? ['body', 'calendar'] : ['body']);
  const name = personName(rng);
  const organizer = { name, email: personAddress(rng, name, center.domains) };
  const recipient = recipientAddress(rng);
  const { utc } = sendTime(rng, input.day);
  const title = fill(rng.pick(pack.subjects[lure.context]), values);
  const invitation = googleInvitation(rng, {
    title,
    paragraphs: content.paragraphs,
    organizer,
    recipient,
    sent: utc,
    altDesc: rng.chance(0.3),
    phoneInLocation: withCalendar && rng.chance(0.2) ? content.written!.text : null,
  });
  const env = googleCalendarEnvelope(rng, input.day, { utc, organizer, recipient, subject: invitation.subject });
  const textEnc = textEncoding(rng, invitation.plain);
  const alternative: MimeNode[] = [
    leaf('text/plain; format=flowed; delsp=yes', invitation.plain, textEnc.encoding === '7bit' ? 'base64' : textEnc.encoding),
    leaf('text/html', invitation.html, 'quoted-printable'),
  ];
  const attachments: Array<{ truth: TruthAttachment; bytes: Buffer }> = [];
  const numbersInCalendar = content.numbers.map((n) => n.e164);
  let root: MimeNode;
  if (withCalendar) {
    const calEncoding: TransferEncoding = isAscii(invitation.ics.replace(/\r\n/g, ' ')) ? '7bit' : 'quoted-printable';
    alternative.push(leaf('text/calendar; method=REQUEST', invitation.ics, calEncoding));
    attachments.push(calendarAttachment(invitation.ics, null, 'text/calendar', numbersInCalendar));
    attachments.push(calendarAttachment(invitation.ics, 'invite.ics', 'application/ics', numbersInCalendar));
    root = {
      kind: 'multipart',
      subtype: 'mixed',
      boundary: boundary(rng, 'google'),
      parts: [
        { kind: 'multipart', subtype: 'alternative', boundary: boundary(rng, 'google'), parts: alternative },
        { kind: 'leaf', contentType: 'application/ics', encoding: 'base64', body: Buffer.from(invitation.ics, 'utf8'), filename: 'invite.ics', disposition: 'attachment' },
      ],
    };
  } else {
    root = { kind: 'multipart', subtype: 'alternative', boundary: boundary(rng, 'google'), parts: alternative };
  }
  return { env, subject: invitation.subject, root, numbers: content.numbers, attachments, format: 'alternative', charset: 'UTF-8', encoding: textEnc.encoding };
}

// ---------------------------------------------------------------------------------------------------------
// Outlook / Exchange

function composeOutlook(input: DeliveryInput): Built {
  const { rng, center, lang, values, lure } = input;
  const pack = LANGUAGE_PACKS[lang];
  const content = lureContent(input, ['body', 'calendar']);
  const name = personName(rng);
  const onOutlook = rng.chance(0.6);
  const email = onOutlook ? `${name.toLowerCase().replace(/[^a-z]/g, '')}${rng.int(10, 999)}@outlook.com` : personAddress(rng, name, center.domains);
  const organizer = { name, email };
  const recipient = recipientAddress(rng);
  const { utc } = sendTime(rng, input.day);
  const zone = rng.pick(ZONES);
  const { start, end } = eventTimes(rng, utc, zone);
  const subject = fill(rng.pick(pack.subjects[lure.context]), values);
  const plainDesc = content.paragraphs.join('\n\n');
  const wordHtml = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0in; font-size:11.0pt; font-family:"Calibri",sans-serif;}
span.EmailStyle17 {mso-style-type:personal-compose; font-family:"Calibri",sans-serif; color:windowtext;}
.MsoChpDefault {mso-style-type:export-only; font-size:10.0pt;}
@page WordSection1 {size:8.5in 11.0in; margin:1.0in 1.0in 1.0in 1.0in;}
div.WordSection1 {page:WordSection1;}
--></style>
</head>
<body lang="EN-US" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
${content.paragraphs.map((p) => `<p class="MsoNormal">${escapeHtml(p).replace(/\n/g, '<br>\n')}<o:p></o:p></p>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>`).join('\n')}
</div>
</body>
</html>
`;
  const uid = `040000008200E00074C5B7101A82E00800000000${rng.hex(16).toUpperCase()}${'0'.repeat(16)}10000000${rng.hex(32).toUpperCase()}`;
  const ics = buildCalendar({
    prodId: 'Microsoft Exchange Server 2010',
    method: 'REQUEST',
    timezone: { tzid: zone.windows, offsetMinutes: zone.offset, name: zone.short },
    events: [
      {
        uid,
        start,
        end,
        stamp: utc,
        summary: subject,
        description: `${plainDesc}\n`,
        altDescriptionHtml: `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2//EN">\n<HTML>\n<HEAD>\n<META NAME="Generator" CONTENT="MS Exchange Server version 16.0.17928.20114">\n<TITLE></TITLE>\n</HEAD>\n<BODY>\n${content.paragraphs.map((p) => `<P><FONT FACE="Calibri">${escapeHtml(p).replace(/\n/g, '<BR>')}</FONT></P>`).join('\n')}\n</BODY>\n</HTML>`,
        location: rng.chance(0.25) ? content.written!.text : 'Microsoft Teams Meeting',
        organizer,
        attendees: [{ name: recipient, email: recipient }],
        language: 'en-US',
        extra: [
          ['X-MICROSOFT-CDO-APPT-SEQUENCE', '0'],
          ['X-MICROSOFT-CDO-BUSYSTATUS', 'TENTATIVE'],
          ['X-MICROSOFT-CDO-INTENDEDSTATUS', 'BUSY'],
          ['X-MICROSOFT-CDO-IMPORTANCE', '1'],
          ['X-MICROSOFT-DISALLOW-COUNTER', 'FALSE'],
        ],
      },
    ],
  });
  const host = `${rng.pick(['SN7PR11MB', 'BY5PR11MB', 'PH0PR11MB', 'DM4PR11MB'])}${rng.int(1000, 9999)}`;
  const domain = email.split('@')[1]!;
  const env = serviceEnvelope(rng, input.day, {
    utc,
    offset: 0,
    from: email,
    fromName: name,
    recipient,
    subject,
    messageId: `<${host}${rng.hex(8).toUpperCase()}@${host}.namprd11.prod.outlook.com>`,
    relayHost: `mail-${rng.pick(['bn8nam12', 'dm6nam10', 'co1nam11'])}on20${rng.int(600, 799)}.outbound.protection.outlook.com`,
    relayIp: `40.107.${rng.int(1, 254)}.${rng.int(1, 254)}`,
    dkimDomain: domain,
    dkimSelector: 'selector1',
    returnPath: email,
    extra: [
      ['Thread-Topic', subject.replace(/[^\x20-\x7E]/g, '')],
      ['Thread-Index', Buffer.from(rng.hex(22), 'hex').toString('base64')],
      ['Accept-Language', 'en-US'],
      ['Content-Language', 'en-US'],
      ['X-MS-Has-Attach', ''],
      ['X-MS-TNEF-Correlator', ''],
      ['Content-class', 'urn:content-classes:calendarmessage'],
    ],
  });
  const textEnc = textEncoding(rng, plainDesc);
  const root: MimeNode = {
    kind: 'multipart',
    subtype: 'alternative',
    boundary: boundary(rng, 'outlook'),
    parts: [
      leaf('text/plain', plainDesc, textEnc.encoding),
      leaf('text/html', wordHtml, 'quoted-printable'),
      leaf('text/calendar; method=REQUEST', ics, 'base64'),
    ],
  };
  return {
    env,
    subject,
    root,
    numbers: content.numbers,
    attachments: [calendarAttachment(ics, null, 'text/calendar', content.numbers.map((n) => n.e164))],
    format: 'alternative',
    charset: 'UTF-8',
    encoding: textEnc.encoding,
  };
}

// ---------------------------------------------------------------------------------------------------------
// A bare .ics attachment on a short mail

const ICS_PRODIDS = [
  '-//Apple Inc.//macOS 14.5//EN',
  '-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
  'icalendar-ruby',
  '-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN',
  '-//Zoho Corporation//Zoho Calendar//EN',
];

function composeIcsAttachment(input: DeliveryInput): Built {
  const { rng, center, lang, values, lure, brand } = input;
  const pack = LANGUAGE_PACKS[lang];
  const content = lureContent(input, ['calendar']);
  const subject = fill(rng.pick(pack.subjects[lure.context]), values);
  const domain = rng.pick(center.domains);
  const env = envelope(rng, input.day, domain, brand, subject);
  const zone = rng.pick(ZONES);
  const { start, end } = eventTimes(rng, new Date(env.date), zone);
  const ics = buildCalendar({
    prodId: rng.pick(ICS_PRODIDS),
    method: 'REQUEST',
    ...(rng.chance(0.5) ? { timezone: { tzid: zone.tzid, offsetMinutes: zone.offset, name: zone.short } } : {}),
    events: [
      {
        uid: `${uuid(rng)}@${domain}`,
        start,
        end,
        stamp: new Date(env.date),
        summary: subject,
        description: content.paragraphs.join('\n\n'),
        location: rng.chance(0.3) ? content.written!.text : '',
        organizer: { name: `${brand} ${rng.pick(['Billing', 'Support', 'Renewals'])}`, email: env.from },
        attendees: [{ name: 'Customer', email: `customer@${rng.pick(['example.com', 'example.org'])}` }],
      },
    ],
  });
  const filename = rng.pick(['invite.ics', 'Appointment.ics', 'event.ics', 'meeting.ics', `${brand.replace(/\s+/g, '-')}-renewal.ics`]);
  // The mail itself is short and carries no number: only the invitation does.
  const body = [fill(rng.pick(pack.greetings), values), `${brand}: ${pack.seeAttachment}`, fill(rng.pick(pack.closings), values)].join('\n\n');
  const enc = textEncoding(rng, body);
  const root: MimeNode = {
    kind: 'multipart',
    subtype: 'mixed',
    boundary: boundary(rng, 'plain'),
    parts: [
      leaf('text/plain', body, enc.encoding),
      { kind: 'leaf', contentType: 'text/calendar; method=REQUEST', charset: 'UTF-8', encoding: 'base64', body: Buffer.from(ics, 'utf8'), filename, disposition: 'attachment' },
    ],
  };
  return {
    env,
    subject,
    root,
    numbers: content.numbers,
    attachments: [calendarAttachment(ics, filename, 'text/calendar', content.numbers.map((n) => n.e164))],
    format: 'plain',
    charset: 'UTF-8',
    encoding: enc.encoding,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Platform-abuse invoices: the real PayPal / QuickBooks notification, the lure in the seller's note

function alnum(rng: Rng, n: number): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: n }, () => chars[rng.int(0, chars.length - 1)]).join('');
}

function composeInvoice(input: DeliveryInput): Built {
  const { rng, brand, values, platform } = input;
  const content = lureContent(input, ['body']);
  const seller = `${brand} ${rng.pick(['Billing', 'Support Center', 'Renewal Desk', 'Services', 'Payments'])}`;
  const recipient = recipientAddress(rng);
  const { utc } = sendTime(rng, input.day);
  const amountText = values.amount ?? '';
  const note = content.paragraphs.map(paragraphHtml).join('\n');
  const scammer = { name: seller, address: `${rng.pick(['billing', 'support', 'helpdesk', 'accounts'])}${rng.int(10, 9999)}@gmail.com` };
  let html: string;
  let plain: string;
  let env: Envelope;
  let subject: string;
  if (platform === 'PayPal') {
    const invoiceId = `INV2-${alnum(rng, 4)}-${alnum(rng, 4)}-${alnum(rng, 4)}-${alnum(rng, 4)}`;
    input.decoys.push({ kind: 'invoice', text: invoiceId });
    const request = rng.chance(0.3);
    subject = request
      ? `${seller} sent you a request for ${amountText}`
      : rng.pick([`Invoice from ${seller} (${invoiceId})`, `${seller} sent you an invoice for ${amountText}`, `Reminder: you have an invoice from ${seller}`]);
    const link = request ? `https://www.paypal.com/myaccount/transfer/requests/${rng.hex(12)}` : `https://www.paypal.com/invoice/p/#${invoiceId.replace('INV2-', '')}`;
    const headline = request ? `${seller} sent you a money request` : `${seller} sent you an invoice`;
    html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>PayPal</title>
<style>.ppfooter{font-size:11px;color:#6c7378;line-height:16px}.ppbutton{background:#0070e0;color:#ffffff;border-radius:24px;padding:12px 28px;text-decoration:none;font-weight:bold;display:inline-block}</style></head>
<body style="margin:0;padding:0;background:#f5f7fa"><span style="display:none;max-height:0;overflow:hidden">PayPal ${request ? 'money request' : 'invoice'} ${escapeHtml(amountText)}</span>
<table width="100%" cellpadding="0" cellspacing="0" role="presentation" style="background:#f5f7fa"><tr><td align="center">
<table width="600" cellpadding="0" cellspacing="0" role="presentation" style="background:#ffffff;font-family:'PayPal Sans',Helvetica,Arial,sans-serif;color:#2c2e2f">
<tr><td style="padding:28px 32px"><img src="https://www.paypalobjects.com/digitalassets/c/system-triggered-email/n/layout/images/paypal-rebranding/pp-logo-in-circle-2x.png" alt="PayPal" width="40" height="40"></td></tr>
<tr><td style="padding:0 32px;font-size:28px;line-height:36px">${escapeHtml(headline)}</td></tr>
<tr><td style="padding:8px 32px;font-size:40px;line-height:48px">${escapeHtml(amountText)} USD</td></tr>
<tr><td style="padding:0 32px;font-size:14px">${request ? 'Requested today' : 'Due on receipt'}</td></tr>
<tr><td style="padding:24px 32px"><a class="ppbutton" href="${escapeHtml(link)}">${request ? 'Pay Now' : 'View and Pay Invoice'}</a></td></tr>
<tr><td style="padding:0 32px;font-size:14px;line-height:20px"><strong>${request ? 'Request details' : 'Invoice details'}</strong><br>${request ? '' : `Invoice number: ${escapeHtml(invoiceId)}<br>`}Amount requested: ${escapeHtml(amountText)} USD<br>From: ${escapeHtml(seller)}</td></tr>
<tr><td style="padding:16px 32px;font-size:14px;line-height:20px"><strong>${request ? 'Note from' : 'Seller note to customer'}${request ? ` ${escapeHtml(seller)}` : ''}</strong>
${note}</td></tr>
<tr><td class="ppfooter" style="padding:24px 32px;border-top:1px solid #e5e5e5"><a href="https://www.paypal.com/us/cshelp/personal" style="color:#0070e0">Help &amp; Contact</a> | <a href="https://www.paypal.com/us/security" style="color:#0070e0">Security</a> | <a href="https://www.paypal.com/us/webapps/mpp/mobile-apps" style="color:#0070e0">Apps</a><br><br>
PayPal is committed to preventing fraudulent emails. Emails from PayPal will always contain your full name. <a href="https://www.paypal.com/us/security/learn-about-fake-messages" style="color:#0070e0">Learn to identify phishing</a><br><br>
Please don't reply to this email. To get in touch with us, click <strong>Help &amp; Contact</strong>.<br><br>
Copyright &copy; 1999-2026 PayPal, Inc. All rights reserved. PayPal is located at 2211 N. First St., San Jose, CA 95131.<br>
PayPal RT000238:en_US(en-US):1.2.0:${rng.hex(12)}</td></tr>
</table></td></tr></table></body></html>
`;
    plain = [
      headline,
      `${amountText} USD`,
      request ? 'Requested today' : 'Due on receipt',
      `${request ? 'Pay Now' : 'View and Pay Invoice'}: ${link}`,
      '',
      request ? 'Request details' : 'Invoice details',
      ...(request ? [] : [`Invoice number: ${invoiceId}`]),
      `Amount requested: ${amountText} USD`,
      `From: ${seller}`,
      '',
      request ? `Note from ${seller}` : 'Seller note to customer',
      content.paragraphs.join('\n\n'),
      '',
      'Help & Contact | Security | Apps',
      'PayPal is committed to preventing fraudulent emails. Emails from PayPal will always contain your full name.',
      'Copyright © 1999-2026 PayPal, Inc. All rights reserved. PayPal is located at 2211 N. First St., San Jose, CA 95131.',
    ].join('\n');
    env = serviceEnvelope(rng, input.day, {
      utc,
      offset: -480,
      from: 'service@paypal.com',
      fromName: 'PayPal',
      recipient,
      subject,
      messageId: `<${rng.hex(8)}.${rng.int(1_000_000, 9_999_999)}.${rng.hex(6)}@mail.paypal.com>`,
      relayHost: `mx${rng.int(0, 3)}.slc.paypal.com`,
      relayIp: `173.0.84.${rng.int(1, 254)}`,
      dkimDomain: 'paypal.com',
      dkimSelector: 'pp-dkim1',
      returnPath: `bounce@paypal.com`,
      extra: [
        ['X-Email-Type-Id', request ? 'RT000186' : 'RT000238'],
        ['X-MaxCode-Template', request ? 'RT000186' : 'RT000238'],
        ['X-PP-REQUESTED-TIME', String(utc.getTime())],
      ],
    });
  } else {
    const number = String(rng.int(1001, 9999));
    input.decoys.push({ kind: 'invoice', text: number });
    subject = rng.pick([`Invoice ${number} from ${seller}`, `Reminder: Invoice ${number} from ${seller}`, `${seller}: invoice ${number} is ready`]);
    const link = `https://connect.intuit.com/portal/app/CommerceNetwork/view/scs-v1-${rng.hex(32)}`;
    const due = values.date ?? '';
    html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>Invoice ${number} from ${escapeHtml(seller)}</title>
<style>.qbo-btn{background:#2ca01c;color:#ffffff;border-radius:4px;padding:12px 32px;text-decoration:none;font-weight:600;display:inline-block}.qbo-foot{font-size:11px;color:#8d9096}</style></head>
<body style="margin:0;background:#eceef1;font-family:'Avenir Next forINTUIT',Avenir,Helvetica,Arial,sans-serif"><span style="display:none;max-height:0;overflow:hidden">QuickBooks invoice ${number} from ${escapeHtml(seller)}</span>
<table width="100%" cellpadding="0" cellspacing="0" role="presentation"><tr><td align="center" style="padding:24px 0">
<table width="560" cellpadding="0" cellspacing="0" role="presentation" style="background:#ffffff;border-radius:4px">
<tr><td style="padding:24px 32px;font-size:20px;color:#393a3d"><strong>${escapeHtml(seller)}</strong></td></tr>
<tr><td style="padding:0 32px;font-size:14px;color:#6b6c72">INVOICE ${number} DETAILS</td></tr>
<tr><td style="padding:8px 32px;font-size:14px;color:#393a3d">Due ${escapeHtml(due)}</td></tr>
<tr><td style="padding:8px 32px;font-size:36px;color:#393a3d">${escapeHtml(amountText)}</td></tr>
<tr><td style="padding:16px 32px"><a class="qbo-btn" href="${escapeHtml(link)}">Review and pay</a></td></tr>
<tr><td style="padding:16px 32px;font-size:14px;line-height:20px;color:#393a3d;border-top:1px solid #dcdcdc">
${note}</td></tr>
<tr><td style="padding:16px 32px;font-size:14px;color:#393a3d">${escapeHtml(seller)}<br>${escapeHtml(scammer.address)}</td></tr>
<tr><td class="qbo-foot" style="padding:24px 32px;text-align:center"><img src="https://quickbooks.intuit.com/content/dam/intuit/quickbooks/branding/powered-by-qb.png" alt="Powered by QuickBooks" width="140"><br><br>
Invoices and payments are processed securely by QuickBooks Payments. If you receive an email that seems fraudulent, please check with the business owner before paying.<br><br>
&copy; Intuit, Inc. All rights reserved. Intuit and QuickBooks are registered trademarks of Intuit Inc. Privacy | Security | Terms of Service<br>Intuit Inc., 2700 Coast Avenue, Mountain View, CA 94043</td></tr>
</table></td></tr></table></body></html>
`;
    plain = [
      seller,
      `INVOICE ${number} DETAILS`,
      `Due ${due}`,
      amountText,
      `Review and pay: ${link}`,
      '',
      content.paragraphs.join('\n\n'),
      '',
      seller,
      scammer.address,
      '',
      'Powered by QuickBooks',
      'Invoices and payments are processed securely by QuickBooks Payments. If you receive an email that seems fraudulent, please check with the business owner before paying.',
      '© Intuit, Inc. All rights reserved. Intuit and QuickBooks are registered trademarks of Intuit Inc. Privacy | Security | Terms of Service',
      'Intuit Inc., 2700 Coast Avenue, Mountain View, CA 94043',
    ].join('\n');
    env = serviceEnvelope(rng, input.day, {
      utc,
      offset: -420,
      from: 'quickbooks@notification.intuit.com',
      fromName: seller,
      recipient,
      subject,
      messageId: `<${rng.hex(16)}.${rng.hex(8)}@notification.intuit.com>`,
      relayHost: `mail${rng.int(1, 9)}.notification.intuit.com`,
      relayIp: `206.108.40.${rng.int(1, 254)}`,
      dkimDomain: 'intuit.com',
      dkimSelector: 's1',
      returnPath: `bounces+${rng.hex(10)}@notification.intuit.com`,
      replyTo: scammer,
      extra: [['X-Intuit-Template', 'invoice-send']],
    });
  }
  const enc = textEncoding(rng, plain);
  const root: MimeNode = {
    kind: 'multipart',
    subtype: 'alternative',
    boundary: boundary(rng, 'plain'),
    parts: [leaf('text/plain', plain, enc.encoding), leaf('text/html', html, enc.encoding === '7bit' ? 'quoted-printable' : enc.encoding)],
  };
  return { env, subject, root, numbers: content.numbers, attachments: [], format: 'alternative', charset: 'UTF-8', encoding: enc.encoding };
}

// ---------------------------------------------------------------------------------------------------------

export function composeDelivered(input: DeliveryInput): ComposedMessage {
  const built =
    input.delivery === 'calendar-google'
      ? composeGoogle(input)
      : input.delivery === 'calendar-outlook'
        ? composeOutlook(input)
        : input.delivery === 'ics-attachment'
          ? composeIcsAttachment(input)
          : composeInvoice(input);
  const bytes = renderMessage(built.env.headers, built.root);
  return {
    bytes,
    attachmentBytes: built.attachments.map((a) => a.bytes),
    truth: {
      messageId: built.env.messageId,
      date: built.env.date,
      day: input.day,
      lang: input.lang,
      from: built.env.from,
      fromDomain: built.env.fromDomain,
      subject: built.subject,
      kind: 'phone',
      brand: input.brand,
      lure: input.lure,
      callCenter: input.center.id,
      numbers: built.numbers,
      decoys: input.decoys,
      attachments: built.attachments.map((a) => a.truth),
      body: { format: built.format, charset: built.charset, encoding: built.encoding },
      delivery: input.delivery,
      platform: input.platform,
    },
  };
}


/**
 * A calendar invitation without any phone number (most scam invitations in real mail carry a link, not a
 * number): noise for extraction, a test that an invitation alone yields no number.
 */
export function composeNoiseInvitation(input: {
  rng: Rng;
  day: string;
  brand: BrandName;
  lang: Language;
  lure: Lure;
  title: string;
  paragraphs: string[];
  domain: string;
  decoys: Decoy[];
}): ComposedMessage {
  const { rng } = input;
  const name = personName(rng);
  const organizer = { name, email: personAddress(rng, name, [input.domain]) };
  const recipient = recipientAddress(rng);
  const { utc } = sendTime(rng, input.day);
  const invitation = googleInvitation(rng, { title: input.title, paragraphs: input.paragraphs, organizer, recipient, sent: utc, altDesc: false, phoneInLocation: null });
  const env = googleCalendarEnvelope(rng, input.day, { utc, organizer, recipient, subject: invitation.subject });
  const textEnc = textEncoding(rng, invitation.plain);
  const root: MimeNode = {
    kind: 'multipart',
    subtype: 'mixed',
    boundary: boundary(rng, 'google'),
    parts: [
      {
        kind: 'multipart',
        subtype: 'alternative',
        boundary: boundary(rng, 'google'),
        parts: [
          leaf('text/plain; format=flowed; delsp=yes', invitation.plain, textEnc.encoding === '7bit' ? 'base64' : textEnc.encoding),
          leaf('text/html', invitation.html, 'quoted-printable'),
          leaf('text/calendar; method=REQUEST', invitation.ics, isAscii(invitation.ics.replace(/\r\n/g, ' ')) ? '7bit' : 'quoted-printable'),
        ],
      },
      { kind: 'leaf', contentType: 'application/ics', encoding: 'base64', body: Buffer.from(invitation.ics, 'utf8'), filename: 'invite.ics', disposition: 'attachment' },
    ],
  };
  const attachments = [calendarAttachment(invitation.ics, null, 'text/calendar', []), calendarAttachment(invitation.ics, 'invite.ics', 'application/ics', [])];
  return {
    bytes: renderMessage(env.headers, root),
    attachmentBytes: attachments.map((a) => a.bytes),
    truth: {
      messageId: env.messageId,
      date: env.date,
      day: input.day,
      lang: input.lang,
      from: env.from,
      fromDomain: env.fromDomain,
      subject: invitation.subject,
      kind: 'noise',
      brand: input.brand,
      lure: input.lure,
      callCenter: null,
      numbers: [],
      decoys: input.decoys,
      attachments: attachments.map((a) => a.truth),
      body: { format: 'alternative', charset: 'UTF-8', encoding: textEnc.encoding },
      delivery: 'calendar-google',
      platform: 'Google Calendar',
    },
  };
}
