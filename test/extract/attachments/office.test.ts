import { describe, expect, it } from 'vitest';
import { officeKind, officeText, officeXmlText } from '../../../src/extract/attachments/office.js';
import { makeDocx, makePptx, makeXlsx, makeZip } from '../../fixtures/attachments/make.js';

const limits = { maxEntries: 100, maxTotalBytes: 10 * 1024 * 1024, maxEntryBytes: 10 * 1024 * 1024, maxRatio: 200 };

describe('office (XLSX, PPTX) text', () => {
  it('tells XLSX and PPTX apart from other ZIPs', () => {
    expect(officeKind(makeXlsx(['a'], '1'))).toBe('xlsx');
    expect(officeKind(makePptx([['a']]))).toBe('pptx');
    expect(officeKind(makeZip({ 'a.txt': 'x' }))).toBeNull();
    expect(officeKind(makeDocx([['a']]))).toBeNull();
  });

  it('reads shared strings and cell values, not the numbers of the style part', () => {
    const text = officeText(makeXlsx(['Refund desk', 'Call +1 (804) 713-4598'], '8885550142'), limits);
    expect(text).toContain('Refund desk');
    expect(text).toContain('Call +1 (804) 713-4598');
    expect(text).toContain('8885550142');
    expect(text).not.toContain('4158632190'); // a colour in xl/styles.xml
    expect(text).not.toContain('FF1F497D');
  });

  it('reads slide text runs as lines', () => {
    expect(officeText(makePptx([['Geek ', 'Squad'], ['Helpline ', '1-888-', '201-0455']]), limits)).toBe(
      'Geek Squad\nHelpline 1-888-201-0455',
    );
  });

  it('decodes entities in text elements', () => {
    expect(officeXmlText('<si><t>A &amp; B &#8211; 0800</t></si>')).toBe('A & B – 0800');
  });
});
