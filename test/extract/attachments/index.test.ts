/**
 * End to end through the worker processes: real OCR with tesseract.js and the npm-installed English model,
 * real PDF text with pdf.js. Fixtures are drawn in code (see test/fixtures/attachments).
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  attachmentWorkerStats,
  closeAttachmentWorkers,
  extractAttachmentTexts,
  type AttachmentTexts,
} from '../../../src/extract/attachments/index.js';
import {
  drawText,
  encodeGif,
  encodeJpeg,
  encodePng,
  encodeTiff,
  makeDocx,
  makeEncryptedPdf,
  makePptx,
  makeXlsx,
  makePixelBombPng,
  makeScannedPdf,
  makeTextPdf,
  makeZip,
  makeZipBomb,
} from '../../fixtures/attachments/make.js';
import { HEIC_LINES, WEBP_LINES } from '../../fixtures/attachments/regenerate.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/attachments/${name}`, import.meta.url));
/** Digits only: OCR may vary spaces and punctuation, the number must survive. */
const digits = (text: string): string => text.replace(/\D+/g, '');
const OCR_TIMEOUT = 90_000;

function textOf(result: AttachmentTexts, filename: string): string {
  return result.texts.filter((text) => text.filename === filename).map((text) => text.text).join('\n');
}

afterAll(async () => {
  await closeAttachmentWorkers();
});

describe('extractAttachmentTexts: PDF', () => {
  it('reads the text layer of a PDF invoice', async () => {
    const pdf = await makeTextPdf(['INVOICE 2026-0341', 'Questions? Call +1 (804) 713-4598', 'Total: $399.00']);
    const result = await extractAttachmentTexts([{ filename: 'invoice.pdf', contentType: 'application/pdf', content: pdf }], {
      ocr: false,
    });
    expect(result.issues).toEqual([]);
    expect(result.texts).toEqual([{ where: 'pdf', filename: 'invoice.pdf', text: expect.stringContaining('+1 (804) 713-4598') }]);
    expect(result.attachments[0]).toMatchObject({ filename: 'invoice.pdf', type: 'pdf', bytes: pdf.length, declaredMime: 'application/pdf' });
    expect(result.attachments[0]!.textChars).toBe(result.texts[0]!.text.length);
    expect(result.attachments[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('flags a scanned PDF and OCRs its picture when OCR is on', { timeout: OCR_TIMEOUT }, async () => {
    const pdf = await makeScannedPdf(['PAYMENT RECEIVED', 'CANCEL: CALL 1-888-201-0455']);
    const withOcr = await extractAttachmentTexts([{ filename: 'scan.pdf', content: pdf }], { ocr: true });
    expect(withOcr.issues.map((issue) => issue.code)).toEqual(['pdf_no_text_layer']);
    expect(digits(textOf(withOcr, 'scan.pdf'))).toContain('18882010455');
    expect(withOcr.texts[0]!.where).toBe('pdf');
    const withoutOcr = await extractAttachmentTexts([{ filename: 'scan.pdf', content: pdf }], { ocr: false });
    expect(withoutOcr.issues[0]!.message).toMatch(/OCR is off/);
    expect(withoutOcr.texts).toEqual([]);
  });

  it('reads the picture in a PDF whose text layer is filler', { timeout: OCR_TIMEOUT }, async () => {
    const filler = Array.from({ length: 6 }, () => 'Hermione, the exams are ages away, said Ron, reaching for the toast.');
    const pdf = await makeScannedPdf(['BTC WITHDRAWAL PENDING', 'SUPPORT: +1 (877) 555-0142'], filler);
    const result = await extractAttachmentTexts([{ filename: 'balance.pdf', content: pdf }], { ocr: true });
    expect(result.issues).toEqual([]);
    const text = textOf(result, 'balance.pdf');
    expect(text).toContain('Hermione');
    expect(digits(text)).toContain('18775550142');
    const withoutOcr = await extractAttachmentTexts([{ filename: 'balance.pdf', content: pdf }], { ocr: false });
    expect(digits(textOf(withoutOcr, 'balance.pdf'))).not.toContain('18775550142');
  });

  it('reports a password-protected PDF as pdf_encrypted', async () => {
    const pdf = await makeEncryptedPdf();
    const result = await extractAttachmentTexts([{ filename: 'locked.pdf', content: pdf }], { ocr: false });
    expect(result.issues.map((issue) => issue.code)).toEqual(['pdf_encrypted']);
    expect(result.attachments[0]).toMatchObject({ type: 'pdf', textChars: 0 });
  });

  it('turns a damaged PDF into an issue', async () => {
    const pdf = (await makeTextPdf(['x'])).subarray(0, 200);
    const result = await extractAttachmentTexts([{ filename: 'broken.pdf', content: pdf }], { ocr: false });
    expect(result.attachments[0]!.type).toBe('pdf');
    expect(result.issues.map((issue) => issue.code)).toEqual(['pdf_failed']);
  });
});

describe('extractAttachmentTexts: OCR', () => {
  const lines = ['INVOICE #48213 GEEK SQUAD', 'CALL SUPPORT: +1 (804) 713-4598'];
  const picture = drawText(lines, { scale: 3 });

  it.each([
    ['receipt.jpg', 'jpeg', () => encodeJpeg(picture)],
    ['receipt.png', 'png', () => encodePng(picture)],
    ['receipt.gif', 'gif', () => encodeGif(picture)],
    ['receipt.tif', 'tiff', () => encodeTiff(picture)],
  ])('reads the number in %s', { timeout: OCR_TIMEOUT }, async (filename, type, encode) => {
    const result = await extractAttachmentTexts([{ filename, content: encode() }], { ocr: true });
    expect(result.issues).toEqual([]);
    expect(result.attachments[0]!.type).toBe(type);
    expect(result.texts[0]!.where).toBe('image');
    expect(digits(textOf(result, filename))).toContain('18047134598');
  });

  it.each([
    ['invoice-phone.heic', 'heic', HEIC_LINES, '18339426617'],
    ['invoice-phone.webp', 'webp', WEBP_LINES, '442079460958'],
  ])('reads the number in %s', { timeout: OCR_TIMEOUT }, async (name, type, expectedLines, number) => {
    const result = await extractAttachmentTexts([{ filename: name, content: fixture(name) }], { ocr: true });
    expect(result.issues).toEqual([]);
    expect(result.attachments[0]!.type).toBe(type);
    expect(digits(textOf(result, name))).toContain(number);
    expect(textOf(result, name)).toContain(expectedLines[0]!.split(' ')[0]);
  });

  it('reads light text on a dark coloured background', { timeout: OCR_TIMEOUT }, async () => {
    const dark = drawText(['ACCOUNT LOCKED', 'CALL +1 (804) 713-4598'], { scale: 3 });
    for (let offset = 0; offset < dark.data.length; offset += 4) {
      const ink = 1 - dark.data[offset]! / 255; // 1 where the glyphs are
      dark.data[offset] = Math.round(20 + ink * 235);
      dark.data[offset + 1] = Math.round(50 + ink * 205);
      dark.data[offset + 2] = Math.round(140 + ink * 115);
    }
    const result = await extractAttachmentTexts([{ filename: 'banner.jpg', content: encodeJpeg(dark, 80) }], { ocr: true });
    expect(digits(textOf(result, 'banner.jpg'))).toContain('18047134598');
  });

  it('does not OCR images too small to hold text (tracking pixels)', async () => {
    const jobs = attachmentWorkerStats().jobs;
    const pixel = encodePng({ width: 1, height: 1, data: Buffer.from([0, 0, 0, 0]) });
    const result = await extractAttachmentTexts([{ filename: 'spacer.png', content: pixel }], { ocr: true });
    expect(result).toMatchObject({ texts: [], issues: [], attachments: [{ type: 'png', bytes: pixel.length }] });
    expect(attachmentWorkerStats().jobs).toBe(jobs);
  });

  it('upscales small text before OCR (7-pixel capitals: unreadable without it)', { timeout: OCR_TIMEOUT }, async () => {
    const tiny = drawText(['CALL 1-833-942-6617 NOW', 'OR +1 (804) 713-4598'], { scale: 1, blur: 0, margin: 10 });
    const result = await extractAttachmentTexts([{ filename: 'tiny.jpg', content: encodeJpeg(tiny, 95) }], { ocr: true });
    expect(digits(textOf(result, 'tiny.jpg'))).toContain('18339426617');
    expect(digits(textOf(result, 'tiny.jpg'))).toContain('18047134598');
  });

  it('survives a truncated PNG (which makes a bare tesseract.js throw from its worker), and keeps working', { timeout: OCR_TIMEOUT }, async () => {
    const truncated = encodePng(picture).subarray(0, 3000);
    const result = await extractAttachmentTexts([{ filename: 'cut.png', content: truncated }], { ocr: true });
    expect(result.issues.map((issue) => issue.code)).toEqual(['ocr_failed']);
    expect(result.texts).toEqual([]);
    // The same call again: a different (valid) image is read by a fresh worker process.
    const next = await extractAttachmentTexts(
      [{ filename: 'ok.png', content: encodePng(drawText(['TEL 0800 891 2200'], { scale: 3 })) }],
      { ocr: true },
    );
    expect(digits(textOf(next, 'ok.png'))).toContain('08008912200');
  });

  it('refuses a pixel bomb from its header, without decoding', async () => {
    const jobsBefore = attachmentWorkerStats().jobs;
    const result = await extractAttachmentTexts([{ filename: 'bomb.png', content: makePixelBombPng(60_000, 60_000) }], {
      ocr: true,
    });
    expect(result.issues.map((issue) => issue.code)).toEqual(['image_too_large']);
    expect(attachmentWorkerStats().jobs).toBe(jobsBefore);
    const limited = await extractAttachmentTexts([{ filename: 'p.png', content: encodePng(picture) }], {
      ocr: true,
      limits: { maxImagePixels: 1000 },
    });
    expect(limited.issues[0]).toMatchObject({ code: 'image_too_large', message: expect.stringMatching(/p\.png: \d+×\d+/) });
  });

  it('gives up on an image past the OCR time limit, as an issue', { timeout: OCR_TIMEOUT }, async () => {
    const image = encodePng(drawText(['TIMEOUT 1 888 000 1111'], { scale: 3 }));
    const result = await extractAttachmentTexts([{ filename: 'slow.png', content: image }], {
      ocr: true,
      limits: { ocrTimeoutMs: 1 },
    });
    expect(result.issues.map((issue) => issue.code)).toEqual(['ocr_timeout']);
    // A timeout is not a fact about the image: with time enough, the same bytes are read after all.
    const again = await extractAttachmentTexts([{ filename: 'again.png', content: image }], { ocr: true });
    expect(again.issues).toEqual([]);
    expect(digits(textOf(again, 'again.png'))).toContain('18880001111');
  });

  it('names the right file in the issues of a cached result', { timeout: OCR_TIMEOUT }, async () => {
    const truncated = encodePng(drawText(['CACHED FAILURE 42'], { scale: 3 })).subarray(0, 2500);
    const first = await extractAttachmentTexts([{ filename: 'first.png', content: truncated }], { ocr: true });
    const second = await extractAttachmentTexts([{ filename: 'second.png', content: truncated }], { ocr: true });
    expect(first.issues[0]!.message).toMatch(/^first\.png: /);
    expect(second.issues).toEqual([{ code: first.issues[0]!.code, message: first.issues[0]!.message.replace('first.png', 'second.png') }]);
  });

  it('reads an image once per content hash (campaigns reuse images)', { timeout: OCR_TIMEOUT }, async () => {
    const image = encodePng(drawText(['SAME IMAGE 1-877-555-0142'], { scale: 3 }));
    const first = await extractAttachmentTexts([{ filename: 'a.png', content: image }], { ocr: true });
    const jobs = attachmentWorkerStats().jobs;
    const again = await extractAttachmentTexts(
      [
        { filename: 'b.png', content: image },
        { filename: 'c.png', content: Buffer.from(image) },
      ],
      { ocr: true },
    );
    expect(attachmentWorkerStats().jobs).toBe(jobs);
    expect(textOf(again, 'b.png')).toBe(textOf(first, 'a.png'));
    expect(digits(textOf(again, 'c.png'))).toContain('18775550142');
  });

  it('skips OCR entirely when it is off, still listing the image', async () => {
    const jobs = attachmentWorkerStats().jobs;
    const result = await extractAttachmentTexts([{ filename: 'x.jpg', content: encodeJpeg(picture) }], { ocr: false });
    expect(result.texts).toEqual([]);
    expect(result.issues).toEqual([]);
    expect(result.attachments[0]).toMatchObject({ type: 'jpeg', textChars: 0 });
    expect(attachmentWorkerStats().jobs).toBe(jobs);
  });

  it('never downloads or caches language data (no traineddata file appears)', () => {
    expect(existsSync('eng.traineddata')).toBe(false);
    expect(existsSync('./eng.traineddata.gz')).toBe(false);
  });
});

describe('extractAttachmentTexts: other kinds and limits', () => {
  it('reads HTML, TXT and DOCX attachments as `attachment` text', async () => {
    const result = await extractAttachmentTexts(
      [
        { filename: 'notice.html', contentType: 'text/html', content: Buffer.from('<p>Call <b>0800</b> 891 2200</p>') },
        { filename: 'readme.txt', content: Buffer.from('Tél: 01 23 45 67 89', 'latin1') },
        { filename: 'letter.docx', content: makeDocx([['Ring ', '+44 20 ', '7946 0958']]) },
      ],
      { ocr: false },
    );
    expect(result.issues).toEqual([]);
    expect(result.attachments.map((attachment) => attachment.type)).toEqual(['html', 'txt', 'docx']);
    expect(result.texts).toEqual([
      { where: 'attachment', filename: 'notice.html', text: expect.stringContaining('0800 891 2200') },
      { where: 'attachment', filename: 'readme.txt', text: 'Tél: 01 23 45 67 89' },
      { where: 'attachment', filename: 'letter.docx', text: 'Ring +44 20 7946 0958' },
    ]);
  });

  it('reads XLSX and PPTX content (type other, Office MIME) and only the text of bare XML', async () => {
    const result = await extractAttachmentTexts(
      [
        { filename: 'refund.xlsx', content: makeXlsx(['Call 1-888-201-0455'], '42') },
        { filename: 'deck.pptx', content: makePptx([['Helpline 0800 891 2200']]) },
        { filename: 'data.xml', content: Buffer.from('<?xml version="1.0"?><a id="5551234567"><b>Tel 0800 891 2200</b></a>') },
      ],
      { ocr: false },
    );
    expect(result.issues).toEqual([]);
    expect(result.attachments.map((a) => [a.type, a.sniffedMime])).toEqual([
      ['other', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['other', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
      ['txt', 'text/plain'],
    ]);
    expect(textOf(result, 'refund.xlsx')).toContain('Call 1-888-201-0455');
    expect(textOf(result, 'deck.pptx')).toBe('Helpline 0800 891 2200');
    expect(textOf(result, 'data.xml')).toBe('Tel 0800 891 2200');
  });

  it('opens a ZIP one level deep; a PDF inside keeps `pdf`, a nested ZIP is not opened', async () => {
    const pdf = await makeTextPdf(['Refund desk 1-888-201-0455']);
    const zip = makeZip({ 'docs/refund.pdf': pdf, 'note.txt': 'see pdf', 'inner.zip': makeZip({ 'deep.txt': 'secret 555' }) });
    const result = await extractAttachmentTexts([{ filename: 'files.zip', content: zip }], { ocr: false });
    expect(result.attachments.map((a) => [a.filename, a.type, a.parent])).toEqual([
      ['files.zip', 'zip', undefined],
      ['docs/refund.pdf', 'pdf', 'files.zip'],
      ['note.txt', 'txt', 'files.zip'],
      ['inner.zip', 'zip', 'files.zip'],
    ]);
    expect(result.texts.map((t) => [t.where, t.filename])).toEqual([
      ['pdf', 'docs/refund.pdf'],
      ['attachment', 'note.txt'],
    ]);
    expect(result.issues.map((issue) => issue.code)).toEqual(['zip_nested']);
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('lists a calendar as `ics` without reading it (the calendar layer does); inside a ZIP its text is read', async () => {
    const calendar = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Call 1-888-201-0455\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const result = await extractAttachmentTexts(
      [
        { filename: 'invite.ics', contentType: 'application/ics', content: Buffer.from(calendar) },
        { contentType: 'text/calendar', content: Buffer.from(calendar) },
        { filename: 'files.zip', content: makeZip({ 'old-invite.ics': calendar }) },
      ],
      { ocr: false },
    );
    expect(result.attachments.map((a) => [a.filename, a.type, a.sniffedMime])).toEqual([
      ['invite.ics', 'ics', 'text/calendar'],
      ['unnamed-2', 'ics', 'text/calendar'],
      ['files.zip', 'zip', 'application/zip'],
      ['old-invite.ics', 'ics', 'text/calendar'],
    ]);
    expect(result.texts.map((t) => [t.where, t.filename])).toEqual([['attachment', 'old-invite.ics']]);
    expect(result.issues).toEqual([]);
  });

  it('refuses a ZIP bomb without inflating it', async () => {
    const bomb = makeZipBomb(20);
    const started = process.memoryUsage().arrayBuffers;
    const result = await extractAttachmentTexts([{ filename: 'invoice.zip', content: bomb }], { ocr: false });
    expect(result.issues.map((issue) => issue.code)).toEqual(['zip_bomb']);
    expect(result.texts).toEqual([]);
    expect(process.memoryUsage().arrayBuffers - started).toBeLessThan(10 * 1024 * 1024);
  });

  it('refuses a ZIP whose entries together are too large', async () => {
    const zip = makeZip({ 'a.txt': 'a'.repeat(6000), 'b.txt': 'b'.repeat(6000) });
    const result = await extractAttachmentTexts([{ filename: 'two.zip', content: zip }], {
      ocr: false,
      limits: { maxZipTotalBytes: 10_000 },
    });
    expect(result.issues.map((issue) => issue.code)).toEqual(['zip_bomb']);
    expect(result.attachments).toHaveLength(1);
  });

  it('limits entries, attachment size, attachment count and text length', async () => {
    const many = makeZip(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.txt`, `file ${i}`])));
    const result = await extractAttachmentTexts(
      [
        { filename: 'many.zip', content: many },
        { filename: 'big.txt', content: Buffer.alloc(3000, 0x41) },
        { filename: 'long.txt', content: Buffer.from('z'.repeat(500)) },
        { filename: 'extra.txt', content: Buffer.from('never read') },
      ],
      { ocr: false, limits: { maxZipEntries: 2, maxAttachmentBytes: 2000, maxAttachments: 3, maxTextChars: 100 } },
    );
    expect(result.issues.map((issue) => issue.code).sort()).toEqual(
      ['attachment_too_large', 'text_truncated', 'too_many_attachments', 'zip_too_many_entries'].sort(),
    );
    expect(result.attachments.filter((a) => a.parent === 'many.zip')).toHaveLength(2);
    expect(result.attachments.find((a) => a.filename === 'extra.txt')).toMatchObject({ type: 'txt', textChars: 0 });
    expect(textOf(result, 'long.txt')).toHaveLength(100);
    expect(textOf(result, 'extra.txt')).toBe('');
  });

  it('lists unknown binary attachments with an unsupported_type issue', async () => {
    const result = await extractAttachmentTexts(
      [{ filename: 'setup.exe', contentType: 'application/x-msdownload', content: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]) }],
      { ocr: false },
    );
    expect(result.attachments[0]).toMatchObject({ type: 'other', filename: 'setup.exe', bytes: 5 });
    expect(result.issues).toEqual([{ code: 'unsupported_type', message: expect.stringContaining('setup.exe') }]);
  });

  it('names unnamed attachments, keeps the declared type of empty ones, never throws on empty input', async () => {
    const result = await extractAttachmentTexts(
      [{ content: Buffer.alloc(0) }, { filename: 'logo.jpg', contentType: 'image/jpeg', content: Buffer.alloc(0) }],
      { ocr: true },
    );
    expect(result.attachments[0]).toMatchObject({ filename: 'unnamed-1', bytes: 0, type: 'other' });
    expect(result.attachments[1]).toMatchObject({ filename: 'logo.jpg', bytes: 0, type: 'jpeg' });
    expect(result.issues.map((issue) => issue.code)).toEqual(['attachment_empty', 'attachment_empty']);
    await expect(extractAttachmentTexts([], { ocr: true })).resolves.toEqual({ attachments: [], texts: [], issues: [] });
  });
});
