import { describe, expect, it } from 'vitest';
import { pdfStructureIssues } from '../../../src/extract/attachments/pdf-scan.js';
import { makeTextPdf } from '../../fixtures/attachments/make.js';

function codes(pdf: string | Buffer): string[] {
  return pdfStructureIssues(Buffer.isBuffer(pdf) ? pdf : Buffer.from(pdf, 'latin1'), 'f.pdf').map((issue) => issue.code);
}

describe('pdfStructureIssues', () => {
  it('finds nothing in an ordinary PDF', async () => {
    expect(codes(await makeTextPdf(['Call 1-888-201-0455']))).toEqual([]);
  });

  it('names JavaScript and launch actions, not look-alike names', () => {
    expect(codes('<< /S /JavaScript /JS (app.alert(1)) >>')).toEqual(['pdf_javascript']);
    expect(codes('<< /S /Launch /F (cmd.exe) >>')).toEqual(['pdf_javascript']);
    expect(pdfStructureIssues(Buffer.from('<< /S /Launch >> << /JS (x) >>'), 'f.pdf')[0]!.message).toMatch(/^f\.pdf: .*JavaScript/);
    expect(codes('<< /JSONData 1 /JStyle 2 >>')).toEqual([]);
  });

  it('names an xref chain that loops, but not incremental updates or outline links', () => {
    expect(codes('xref\ntrailer << /Prev 9 >>\nstartxref\n9\n%%EOF')).toEqual(['pdf_xref_loop']);
    expect(codes('trailer << /Prev 5 >>\nstartxref\n9\ntrailer << /Prev 5 >>\nstartxref\n12\n')).toEqual(['pdf_xref_loop']);
    expect(codes('startxref\n9\n%%EOF\ntrailer << /Prev 9 >>\nstartxref\n120\n%%EOF')).toEqual([]);
    expect(codes('<< /Title (a) /Prev 12 0 R /Next 14 0 R >> << /Prev 12 0 R >>\nstartxref\n12\n')).toEqual([]);
  });
});
