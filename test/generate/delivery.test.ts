import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery, Platform } from '../../src/generate/delivery.js';
import { chooseDelivery } from '../../src/generate/delivery.js';
import { escapeText, foldLine, unescapeText, unfold } from '../../src/generate/ics.js';
import { generateCorpus, type TruthMessage } from '../../src/generate/index.js';
import { buildPlan } from '../../src/generate/plan.js';
import { getProfile } from '../../src/generate/profiles.js';
import { Rng } from '../../src/generate/random.js';
import { flowed, composeDelivered, type DeliveryInput } from '../../src/generate/toad.js';
import { LANGUAGE_PACKS } from '../../src/generate/text.js';
import type { ComposedMessage } from '../../src/generate/truth.js';

describe('iCalendar writing', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b; c', 'a\\, b\\; c'],
    ['two\nlines', 'two\\nlines'],
    ['back\\slash', 'back\\\\slash'],
    ['Call +1 (808) 206-6999, now', 'Call +1 (808) 206-6999\\, now'],
  ])('escapes %j as %j and back', (raw, escaped) => {
    expect(escapeText(raw)).toBe(escaped);
    expect(unescapeText(escaped)).toBe(raw);
  });

  it.each([10, 74, 75, 76, 200, 1000])('folds a %i-character line into lines of at most 75 octets that unfold to it', (length) => {
    const line = `DESCRIPTION:${'Call 1 (808) 206-6999 ünd more '.repeat(40)}`.slice(0, length);
    const folded = foldLine(line);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(unfold(folded)).toBe(line);
    if (Buffer.byteLength(line, 'utf8') > 75) expect(folded).toContain('\r\n ');
  });

  it('wraps text as format=flowed with delsp=yes: soft breaks end in an extra space, lines stay under 78', () => {
    const text = 'Support Desk Line: 1 810 268-8289 and more words to make the line long enough to wrap twice over, yes indeed';
    const out = flowed(text);
    expect(out.split('\n').length).toBeGreaterThan(1);
    for (const l of out.split('\n')) expect(l.length).toBeLessThanOrEqual(78);
    // A flowed reader with delsp=yes removes the break and one trailing space.
    expect(out.replace(/ \n/g, '')).toBe(text);
  });
});

describe('delivery choice', () => {
  it('never sends a PayPal lure as a platform invoice and keeps the TOAD techniques a minority', () => {
    const counts = new Map<Delivery, number>();
    const rng = new Rng('delivery-choice');
    for (let i = 0; i < 4000; i += 1) {
      const d = chooseDelivery(rng, 'PayPal');
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    expect(counts.get('platform-invoice') ?? 0).toBe(0);
    expect((counts.get('direct') ?? 0) / 4000).toBeGreaterThan(0.85);
    expect(counts.get('calendar-google') ?? 0).toBeGreaterThan(0);
    const norton = Array.from({ length: 4000 }, () => chooseDelivery(rng, 'Norton LifeLock'));
    expect(norton.filter((d) => d === 'platform-invoice').length).toBeGreaterThan(40);
  });
});

/** One message of a technique, composed from a real plan (small profile). */
function compose(delivery: Exclude<Delivery, 'direct'>, platform: Platform | null, seed: string): { message: ComposedMessage; input: DeliveryInput } {
  const profile = getProfile('small');
  const plan = buildPlan({ profile, seed: 'delivery-test' }, new Rng('delivery-test'));
  const nd = plan.numberDays.find((x) => x.secondaries.length > 0) ?? plan.numberDays[0]!;
  const number = plan.numbers[nd.number]!;
  const center = plan.callCenters[number.callCenter]!;
  const rng = new Rng(seed);
  const values = { brand: 'Norton LifeLock', ref: 'INV-2026-004512', amount: '$399.99', date: '03/04/2026', product: 'Norton 360 Deluxe' };
  const input: DeliveryInput = {
    rng,
    plan,
    center,
    number,
    secondaries: nd.secondaries.slice(0, 1).map((i) => plan.numbers[i]!),
    brand: 'Norton LifeLock',
    lure: { context: 'subscription-renewal', trigger: 'urgency', cta: 'call-phone' },
    lang: 'en',
    day: plan.days[nd.day]!,
    values,
    decoys: [{ kind: 'invoice', text: 'INV-2026-004512' }],
    delivery,
    platform,
  };
  return { message: composeDelivered(input), input };
}

function calendarText(parsed: ParsedMail): string[] {
  return parsed.attachments.filter((a) => /calendar|ics/.test(a.contentType) || (a.filename ?? '').endsWith('.ics')).map((a) => a.content.toString('utf8'));
}

/** DESCRIPTION, LOCATION and SUMMARY of every VEVENT, read by ical.js (folding and escapes undone). */
function eventTexts(ics: string): string {
  const comp = new ICAL.Component(ICAL.parse(ics));
  return comp
    .getAllSubcomponents('vevent')
    .flatMap((ev) => ['description', 'location', 'summary', 'x-alt-desc'].map((p) => String(ev.getFirstPropertyValue(p) ?? '')))
    .join('\n');
}

describe('a Google Calendar invitation', () => {
  let message: ComposedMessage;
  let parsed: ParsedMail;
  beforeAll(async () => {
    // Find a seed whose invitation carries the calendar part (about 70 % do).
    for (let i = 0; ; i += 1) {
      message = compose('calendar-google', 'Google Calendar', `google-${i}`).message;
      if (message.truth.attachments.length > 0) break;
    }
    parsed = await simpleParser(message.bytes);
  });

  it('parses with mailparser into text/plain + html + the text/calendar part and invite.ics', () => {
    expect(parsed.text).toBeTruthy();
    expect(typeof parsed.html).toBe('string');
    const types = parsed.attachments.map((a) => `${a.contentType}:${a.filename ?? ''}`);
    expect(types).toEqual(['text/calendar:', 'application/ics:invite.ics']);
    expect(parsed.headers.get('sender')).toMatchObject({ value: [{ address: 'calendar-notification@google.com' }] });
    expect(parsed.from?.value[0]?.address).toBe(message.truth.from);
    expect(parsed.from?.value[0]?.address).not.toMatch(/google\.com$/);
    expect(parsed.headerLines.find((h) => h.key === 'dkim-signature')?.line).toContain('d=google.com');
    expect(parsed.subject).toMatch(/^Invitation: .+ @ .+\(.+@example\.\w+\)$/);
  });

  it('lays the description out in font-size:0 cells with the real size on the element inside', () => {
    const html = parsed.html as string;
    expect(html).toMatch(/<td style="font-size: 0;[^"]*"><div style="[^"]*font-size: 14px;[^"]*"[^>]*><span><p>/);
  });

  it('writes an .ics that unfolds: lines of at most 75 octets, escaped commas, Google PRODID, organizer, attendee, start', () => {
    const [part, file] = calendarText(parsed);
    expect(file).toBe(part);
    for (const line of file!.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const unfolded = unfold(file!);
    expect(unfolded).toContain('PRODID:-//Google Inc//Google Calendar 70.9054//EN');
    expect(unfolded).toContain('METHOD:REQUEST');
    expect(unfolded).toMatch(/^ORGANIZER;CN=[^:]+:mailto:/m);
    expect(unfolded).toMatch(/^ATTENDEE;.*:mailto:.+@example\./m);
    expect(unfolded).toMatch(/^DTSTART;TZID=[^:]+:\d{8}T\d{6}$/m);
    expect(unfolded).toMatch(/^DESCRIPTION:.*\\,/m);
    expect(file).toContain('\r\n ');
  });

  it('has every planted number in the HTML, the plain view and the calendar, and the truth lists body and calendar', () => {
    const texts = eventTexts(calendarText(parsed)[0]!);
    for (const n of message.truth.numbers) {
      expect(n.placements.map((p) => p.where).sort()).toEqual(['body', 'calendar']);
      const raw = n.placements[0]!.raw;
      expect(texts).toContain(raw);
      expect(parsed.html as string).toContain(raw);
      // The flowed plain view is joined by mailparser (delsp=yes).
      expect(parsed.text).toContain(raw);
    }
    expect(message.truth.numbers.length).toBe(2);
    expect(message.truth.attachments.map((a) => a.filename)).toEqual([null, 'invite.ics']);
  });

  it('keeps the impersonated brand as brand and Google Calendar as platform', () => {
    expect(message.truth.brand).toBe('Norton LifeLock');
    expect(message.truth.platform).toBe('Google Calendar');
    expect(message.truth.delivery).toBe('calendar-google');
    expect(parsed.html as string).toContain('Norton LifeLock');
    expect(parsed.html as string).toContain('Google Calendar');
  });
});

describe('the other techniques', () => {
  it('an Outlook invitation: Exchange PRODID, X-ALT-DESC, a text/calendar alternative with the numbers', async () => {
    const { message } = compose('calendar-outlook', 'Outlook Calendar', 'outlook-1');
    const parsed = await simpleParser(message.bytes);
    const [ics] = calendarText(parsed);
    const unfolded = unfold(ics!);
    expect(unfolded).toContain('PRODID:Microsoft Exchange Server 2010');
    expect(unfolded).toMatch(/^X-ALT-DESC;FMTTYPE=text\/html:/m);
    expect(unfolded).toMatch(/^DESCRIPTION;LANGUAGE=en-US:/m);
    expect(parsed.html as string).toContain('MsoNormal');
    const texts = eventTexts(ics!);
    for (const n of message.truth.numbers) {
      expect(n.placements.map((p) => p.where).sort()).toEqual(['body', 'calendar']);
      expect(texts).toContain(n.placements[0]!.raw);
      expect(parsed.text).toContain(n.placements[0]!.raw);
    }
    expect(message.truth.platform).toBe('Outlook Calendar');
  });

  it('a bare .ics on a short mail: the number only in the invitation (truth: calendar only)', async () => {
    const { message } = compose('ics-attachment', null, 'ics-1');
    const parsed = await simpleParser(message.bytes);
    const [ics] = calendarText(parsed);
    expect(parsed.attachments[0]!.filename).toMatch(/\.ics$/);
    const texts = eventTexts(ics!);
    for (const n of message.truth.numbers) {
      expect(n.placements.map((p) => p.where)).toEqual(['calendar']);
      expect(texts).toContain(n.placements[0]!.raw);
      expect(parsed.text).not.toContain(n.e164.slice(-4));
    }
    expect(message.truth.platform).toBeNull();
  });

  it.each([
    ['PayPal', 'service@paypal.com', 'd=paypal.com'],
    ['QuickBooks', 'quickbooks@notification.intuit.com', 'd=intuit.com'],
  ] as const)('a %s invoice: sent by the service (DKIM for it), the platform all over the markup, brand and number in the note', async (platform, from, dkim) => {
    const { message } = compose('platform-invoice', platform, `invoice-${platform}`);
    const parsed = await simpleParser(message.bytes);
    expect(parsed.from?.value[0]?.address).toBe(from);
    expect(message.truth.from).toBe(from);
    expect(message.bytes.toString('latin1')).toContain(dkim);
    const html = parsed.html as string;
    const mentions = html.split(platform === 'PayPal' ? 'PayPal' : 'QuickBooks').length - 1;
    expect(mentions).toBeGreaterThanOrEqual(3);
    expect(html).toContain('Norton LifeLock');
    for (const n of message.truth.numbers) {
      expect(n.placements.map((p) => p.where)).toEqual(['body']);
      expect(parsed.text).toContain(n.placements[0]!.raw);
      expect(html).toContain(n.placements[0]!.raw.replace(/&/g, '&amp;'));
    }
    expect(message.truth.brand).toBe('Norton LifeLock');
    expect(message.truth.platform).toBe(platform);
  });
});

describe('a corpus with the new shapes', () => {
  let root: string;
  let truth: TruthMessage[];
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'callhound-gen-shapes-'));
    await generateCorpus({ out: root, profile: 'small', emails: 400, seed: 'eval', attachments: 'none' });
    truth = readFileSync(path.join(root, 'truth/messages.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TruthMessage);
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const parse = async (t: TruthMessage): Promise<ParsedMail> => simpleParser(readFileSync(path.join(root, t.file)));

  it('plants every technique and shape, as a minority of the mail', () => {
    const deliveries = new Set(truth.map((t) => t.delivery));
    for (const d of ['direct', 'calendar-google', 'calendar-outlook', 'ics-attachment', 'platform-invoice']) expect(deliveries).toContain(d);
    const disguises = new Set(truth.flatMap((t) => t.numbers.flatMap((n) => n.placements.map((p) => p.disguise))));
    for (const s of ['font-size-0-layout', 'plain-only', 'html-only']) expect(disguises).toContain(s);
    const touched = truth.filter(
      (t) => t.delivery !== 'direct' || t.decoys.some((d) => d.kind === 'hidden-phone') || t.numbers.some((n) => n.placements.some((p) => /layout|only/.test(p.disguise))),
    );
    expect(touched.length / truth.length).toBeGreaterThan(0.06);
    expect(touched.length / truth.length).toBeLessThan(0.2);
    for (const t of truth) if (t.delivery === 'direct') expect(t.platform).toBeNull();
  });

  it('views that differ: plain-only numbers are in text/plain and not in the HTML, html-only the other way round', async () => {
    let checked = 0;
    for (const t of truth) {
      for (const n of t.numbers) {
        for (const p of n.placements) {
          if (p.disguise !== 'plain-only' && p.disguise !== 'html-only') continue;
          const parsed = await parse(t);
          const html = String(parsed.html);
          const text = parsed.text ?? '';
          const [shown, other] = p.disguise === 'plain-only' ? [text, html] : [html, text];
          expect(shown, t.file).toContain(p.raw);
          expect(other.includes(p.raw), t.file).toBe(false);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('font-size:0 layouts keep the number inside an element with a real font size', async () => {
    const t = truth.find((x) => x.numbers.some((n) => n.placements.some((p) => p.disguise === 'font-size-0-layout')))!;
    const html = String((await parse(t)).html);
    const raw = t.numbers.flatMap((n) => n.placements).find((p) => p.disguise === 'font-size-0-layout')!.raw;
    expect(html).toMatch(new RegExp(`<td style="font-size:0;[^"]*"><div style="[^"]*font-size:14px[^"]*">[^<]*${raw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('hidden decoy numbers sit in the HTML only, are never planted numbers and are recorded as decoys', async () => {
    const withHidden = truth.filter((t) => t.decoys.some((d) => d.kind === 'hidden-phone'));
    // mailparser derives `text` from the HTML when there is no text/plain view: look at real plain views only.
    const withPlain = new Set(withHidden.filter((t) => t.body.format === 'alternative').map((t) => t.file));
    expect(withPlain.size).toBeGreaterThan(0);
    expect(withHidden.length).toBeGreaterThan(0);
    const planted = new Set(truth.flatMap((t) => t.numbers.map((n) => n.e164)));
    for (const t of withHidden) {
      const decoy = t.decoys.find((d) => d.kind === 'hidden-phone')!;
      expect(planted.has(decoy.e164!)).toBe(false);
      const parsed = await parse(t);
      expect(String(parsed.html)).toContain(decoy.text);
      if (withPlain.has(t.file)) expect((parsed.text ?? '').includes(decoy.text), t.file).toBe(false);
      expect(decoy.hiding).toBeTruthy();
    }
  });

  it('sends some noise as invitations without any number (the truth has none; the calendar holds the link)', async () => {
    const invitations = truth.filter((t) => t.kind === 'noise' && t.delivery === 'calendar-google');
    expect(invitations.length).toBeGreaterThan(0);
    for (const t of invitations) {
      expect(t.numbers).toEqual([]);
      const parsed = await parse(t);
      const [ics] = calendarText(parsed);
      expect(eventTexts(ics!)).toMatch(/https:\/\//);
    }
  });

  it('uses the language pack for the lure in invitations (lure scoring still applies)', () => {
    const google = truth.filter((t) => t.delivery === 'calendar-google');
    for (const t of google) expect(t.subject.startsWith('Invitation: ')).toBe(true);
    expect(LANGUAGE_PACKS.en.callLine).toContain('{phone}');
  });
});
