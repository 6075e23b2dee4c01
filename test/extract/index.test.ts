import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAttachmentWorkers } from '../../src/extract/attachments/index.js';
import { extractMessage } from '../../src/extract/index.js';
import { base64Windows1252, forgedPlatformInvoice, forwardedMessage, htmlSplitNumber, malformedMessage, plainHtmlDiffer, platformInvoice } from '../fixtures/extract/messages.js';

afterAll(async () => {
  await closeAttachmentWorkers();
});

const numbersOf = (o: { numbers: { e164: string }[] }) => o.numbers.map((n) => n.e164).sort();

describe('extractMessage on fixture emails', () => {
  it('HTML body: number split across tags, tel: and WhatsApp links, alt text; hidden text and URL digits ignored', async () => {
    const raw = htmlSplitNumber();
    const o = await extractMessage(raw, 'html.eml', { ocr: false });
    expect(o.id).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(o).toMatchObject({
      messageId: '<renewal-001@renewals-desk.com>',
      from: 'billing@renewals-desk.com',
      fromName: 'Geek Squad Billing',
      fromDomain: 'renewals-desk.com',
      date: '2026-03-03T10:21:55Z',
      lang: 'en',
    });
    expect(numbersOf(o)).toEqual(['+18047134598', '+18552017788', '+18889087930', '+5511987654321']);
    const split = o.numbers.find((n) => n.e164 === '+18047134598')!;
    expect(split.where).toEqual(['subject', 'body']);
    expect(split.disguises).toContain('split-html');
    expect(split.obfuscated).toBe(true);
    const link = o.numbers.find((n) => n.e164 === '+18889087930')!;
    expect(link.where).toEqual(['link']);
    const whatsapp = o.numbers.find((n) => n.e164 === '+5511987654321')!;
    expect(whatsapp).toMatchObject({ where: ['link'], country: 'BR', type: 'MOBILE' });
    expect(o.issues).toEqual([]);
    // The brand/lure classifier's fields ride on the observation.
    expect(o.brand).toBe('Geek Squad');
    expect(o.lure?.cta).toBe('call-phone');
    expect(o.subjectTemplate).toContain('{phone}');
    const bare = await extractMessage(raw, 'html.eml', { ocr: false, classify: false });
    expect(bare.brand).toBeUndefined();
  });

  it('a bare number cut into one tag per digit group is reported as split-html even without a phone word', async () => {
    const html = '<p>Your order status</p><p><span>8</span><span>04</span><b>713</b><i>4598</i></p><p>Ref 12345</p>';
    const raw = Buffer.from(`From: a@example.com\r\nSubject: status\r\nContent-Type: text/html\r\n\r\n${html}\r\n`);
    const o = await extractMessage(raw, 'split.eml', { ocr: false });
    expect(o.numbers.map((n) => [n.e164, n.disguises])).toEqual([['+18047134598', ['split-html']]]);
    const plain = Buffer.from('From: a@example.com\r\nSubject: status\r\nContent-Type: text/html\r\n\r\n<p>Your order status</p><p>8047134598</p>\r\n');
    expect((await extractMessage(plain, 'plain.eml', { ocr: false })).numbers).toEqual([]);
  });

  it('base64 body in windows-1252, French: decoded, region FR inferred, date from the newest Received header', async () => {
    const o = await extractMessage(base64Windows1252(), 'fr.eml', { ocr: false });
    expect(o.subject).toBe('Votre facture a été prélevée');
    expect(o.lang).toBe('fr');
    expect(o.date).toBe('2026-03-04T07:15:00Z');
    expect(numbersOf(o)).toEqual(['+33186952740']);
    expect(o.numbers[0]!.country).toBe('FR');
  });

  it('forwarded message/rfc822: the inner number is found, with its +CC', async () => {
    const o = await extractMessage(forwardedMessage(), 'fwd.eml', { ocr: false });
    expect(o.subject).toBe('Fwd: Payment of $749.00 sent to Coinbase');
    expect(numbersOf(o)).toEqual(['+18884612290']);
    expect(o.numbers[0]!.type).toBe('TOLL_FREE');
  });

  it('malformed message: never throws, yields an observation with what could be read', async () => {
    const o = await extractMessage(malformedMessage(), 'bad.eml', { ocr: false });
    expect(o.file).toBe('bad.eml');
    expect(o.id).toMatch(/^[0-9a-f]{64}$/);
    expect(o.subject).toBe('Invoice call 804-713-4598');
    expect(numbersOf(o)).toEqual(['+18047134598']);
  });

  it('binary garbage and empty input: observation with an issue, no throw', async () => {
    const garbage = await extractMessage(Buffer.from([0, 1, 2, 255, 254, 0, 13, 10]), 'garbage.bin', { ocr: false });
    expect(garbage.issues.map((i) => i.code)).toContain('no_headers');
    const empty = await extractMessage(Buffer.alloc(0), 'empty.eml', { ocr: false });
    expect(empty.numbers).toEqual([]);
    expect(empty.issues.length).toBeGreaterThan(0);
  });

  it('uses the configured fallback region for a number with no hint', async () => {
    const raw = Buffer.from('Subject: x\r\nFrom: a@example.com\r\n\r\nPhone 0412 345 678\r\n');
    const au = await extractMessage(raw, 'au.eml', { ocr: false, region: 'AU' });
    expect(numbersOf(au)).toEqual(['+61412345678']);
    const us = await extractMessage(raw, 'us.eml', { ocr: false, region: 'US' });
    expect(numbersOf(us)).toEqual([]);
  });
});

describe('every view of the body, and the platform behind the brand', () => {
  it('reads the text/plain and the HTML view and unites their numbers; hidden ones stay out', async () => {
    const o = await extractMessage(plainHtmlDiffer(), 'views.eml', { ocr: false });
    // 1-833 only in the plain view, (844) only in the HTML view inside a font-size:0 layout cell.
    expect(numbersOf(o)).toEqual(['+18335550171', '+18445550188']);
    for (const n of o.numbers) expect(n.where).toEqual(['body']);
    expect(o.brand).toBe('McAfee');
  });

  it('a genuine PayPal invoice carrying a Norton lure: brand Norton, platform PayPal', async () => {
    const o = await extractMessage(platformInvoice(), 'invoice.eml', { ocr: false });
    expect(o.platform).toBe('PayPal');
    expect(o.brand).toBe('Norton LifeLock');
    expect(numbersOf(o)).toEqual(['+18885550162']);
  });

  it('the same invoice without PayPal\'s signature is no platform abuse (a From header is easy to forge)', async () => {
    const o = await extractMessage(forgedPlatformInvoice(), 'forged.eml', { ocr: false });
    expect(o.platform).toBeNull();
    expect(o.brand).toBe('Norton LifeLock');
  });
});
