import { describe, expect, it } from 'vitest';
import { joinTextItems, pdfText } from '../../../src/extract/attachments/pdf-text.js';
import { makeGlyphPlacedPdf, makeScannedPdf, makeTextPdf } from '../../fixtures/attachments/make.js';

const item = (str: string, x: number, y: number, width: number, hasEOL = false) => ({
  str,
  hasEOL,
  width,
  height: 12,
  transform: [12, 0, 0, 12, x, y],
});

describe('joinTextItems', () => {
  it('joins glyphs placed one by one without inventing spaces, and keeps real gaps', () => {
    const items = [
      item('C', 0, 700, 8), item('a', 8, 700, 6), item('l', 14, 700, 3), item('l', 17, 700, 3),
      item('7', 24, 700, 7), item('1', 31, 700, 7), item('3', 38, 700, 7), item('-', 45, 700, 4),
      item('4', 49, 700, 7), item('5', 56, 700, 7), item('9', 63, 700, 7), item('8', 70, 700, 7),
      item('Total', 0, 680, 30), item('$9', 50, 680, 14),
    ];
    expect(joinTextItems(items)).toBe('Call 713-4598\nTotal $9');
  });

  it('honours explicit end-of-line marks', () => {
    expect(joinTextItems([item('a', 0, 700, 5, true), item('b', 0, 700, 5)])).toBe('a\nb');
  });
});

describe('pdfText', () => {
  it('reads a glyph-by-glyph PDF as words and whole numbers', async () => {
    const pdf = await makeGlyphPlacedPdf(['Support line: +1 (804) 713-4598', 'Reference 2291']);
    const result = await pdfText(pdf, { maxPages: 10, maxPixels: 1e7, collectImages: true });
    expect(result.text).toContain('Support line: +1 (804) 713-4598');
    expect(result.text).toContain('Reference 2291');
    expect(result).toMatchObject({ scanned: false, images: [] });
  });

  it('hands back large pictures for OCR only when asked, and says when the text layer is empty', async () => {
    const scan = await makeScannedPdf(['PAY NOW', 'CALL 1-888-201-0455']);
    const asked = await pdfText(scan, { maxPages: 10, maxPixels: 1e7, collectImages: true });
    expect(asked.scanned).toBe(true);
    expect(asked.images).toHaveLength(1);
    expect(asked.images[0]!.width * asked.images[0]!.height).toBeGreaterThan(300 * 100);
    const notAsked = await pdfText(scan, { maxPages: 10, maxPixels: 1e7, collectImages: false });
    expect(notAsked).toMatchObject({ scanned: true, images: [] });
  });

  it('stops at the page limit', async () => {
    const pdf = await makeTextPdf(['one page']);
    const result = await pdfText(pdf, { maxPages: 0, maxPixels: 1e7, collectImages: false });
    expect(result).toMatchObject({ pages: 1, pagesRead: 0 });
  });
});
