import { describe, expect, it } from 'vitest';
import { kindFromDeclared, sniffType } from '../../../src/extract/attachments/sniff.js';
import { drawText, encodeGif, encodeJpeg, encodePng, encodeTiff, makeDocx, makeTextPdf, makeZip } from '../../fixtures/attachments/make.js';
import { readFileSync } from 'node:fs';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/attachments/${name}`, import.meta.url));
const tiny = drawText(['1'], { scale: 1, margin: 2 });

function ftyp(major: string, compatible: string[]): Buffer {
  const brands = [major, '\0\0\0\0', ...compatible].join('');
  const box = Buffer.alloc(8 + brands.length);
  box.writeUInt32BE(box.length, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(brands, 8, 'latin1');
  return Buffer.concat([box, Buffer.alloc(32)]);
}

describe('sniffType', () => {
  it.each([
    ['pdf', async () => makeTextPdf(['hello'])],
    ['pdf with junk before the header', async () => Buffer.concat([Buffer.from('garbage\n'), await makeTextPdf(['x'])])],
    ['jpeg', async () => encodeJpeg(tiny)],
    ['png', async () => encodePng(tiny)],
    ['gif', async () => encodeGif(tiny)],
    ['tiff', async () => encodeTiff(tiny)],
    ['tiff big-endian', async () => Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8])],
    ['webp', async () => fixture('invoice-phone.webp')],
    ['heic', async () => fixture('invoice-phone.heic')],
    ['heic (heix brand)', async () => ftyp('heix', ['mif1', 'heix'])],
    ['heic (mif1 brand)', async () => ftyp('mif1', ['mif1', 'heic'])],
    ['heic (msf1 brand)', async () => ftyp('msf1', ['msf1', 'hevc'])],
    ['other (avif is not heic)', async () => ftyp('avif', ['mif1', 'avif'])],
    ['docx', async () => makeDocx([['hi']])],
    ['zip', async () => makeZip({ 'a.txt': 'hello' })],
    ['html', async () => Buffer.from('<!DOCTYPE html><html><body>Call</body></html>')],
    ['html (fragment)', async () => Buffer.from('  <div><p>Call now</p></div>')],
    ['txt', async () => Buffer.from('Call us on 0800 123 4567\r\n')],
    ['ics', async () => Buffer.from('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n')],
    ['ics (UTF-8 BOM, X-ALT-DESC holding <html>)', async () => Buffer.from('\ufeffBEGIN:VCALENDAR\r\nX-ALT-DESC;FMTTYPE=text/html:<html><body>Call</body></html>\r\nEND:VCALENDAR\r\n')],
    ['txt (utf-16 with BOM)', async () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Call', 'utf16le')])],
    ['other (binary)', async () => Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x00, 0x10])],
    ['other (empty)', async () => Buffer.alloc(0)],
  ])('recognises %s', async (label, make) => {
    const expected = label.startsWith('other') ? 'other' : label.split(' ')[0];
    expect(sniffType(await make()).kind).toBe(expected);
  });

  it('trusts the bytes over a lying declared type', async () => {
    const pdfNamedJpeg = sniffType(await makeTextPdf(['x']), 'image/jpeg', 'photo.jpg');
    expect(pdfNamedJpeg).toEqual({ kind: 'pdf', sniffedMime: 'application/pdf' });
    expect(sniffType(encodePng(tiny), 'application/pdf', 'invoice.pdf').kind).toBe('png');
  });

  it('reads plain-text bytes declared as HTML as HTML', () => {
    expect(sniffType(Buffer.from('Call <b>now</b>'), 'text/html').kind).toBe('html');
    expect(sniffType(Buffer.from('Call <b>now</b>'), undefined, 'letter.htm').kind).toBe('html');
    expect(sniffType(Buffer.from('Call now'), 'text/plain').kind).toBe('txt');
  });

  it('reads plain-text bytes declared as a calendar as a calendar (text/calendar, application/ics, .ics)', () => {
    expect(sniffType(Buffer.from('QkVHSU46VkNBTEVOREFS'), 'text/calendar')).toEqual({ kind: 'ics', sniffedMime: 'text/calendar' });
    expect(sniffType(Buffer.from('junk'), 'application/ics').kind).toBe('ics');
    expect(sniffType(Buffer.from('junk'), 'application/octet-stream', 'invite.ics').kind).toBe('ics');
  });
});

describe('kindFromDeclared', () => {
  it.each([
    ['image/jpg', undefined, 'jpeg'],
    ['image/heif', undefined, 'heic'],
    ['application/octet-stream', 'scan.HEIC', 'heic'],
    ['application/octet-stream', 'x.tif', 'tiff'],
    ['application/x-zip-compressed', undefined, 'zip'],
    ['text/csv', undefined, 'txt'],
    ['text/calendar', undefined, 'ics'],
    ['application/ics', undefined, 'ics'],
    ['text/x-vcalendar', undefined, 'ics'],
    ['application/octet-stream', 'Appointment.ICS', 'ics'],
    ['application/octet-stream', 'old.vcs', 'ics'],
    [undefined, 'noextension', 'other'],
  ])('%s / %s → %s', (mime, filename, kind) => {
    expect(kindFromDeclared(mime, filename)).toBe(kind);
  });
});
