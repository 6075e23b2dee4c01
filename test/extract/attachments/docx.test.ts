import { describe, expect, it } from 'vitest';
import { docxText, wordXmlText } from '../../../src/extract/attachments/docx.js';
import { makeDocx } from '../../fixtures/attachments/make.js';

const limits = { maxEntries: 100, maxTotalBytes: 10 * 1024 * 1024, maxEntryBytes: 10 * 1024 * 1024, maxRatio: 200 };

describe('docx text', () => {
  it('joins runs in order and keeps one line per paragraph', () => {
    const docx = makeDocx([['Dear customer,'], ['Call ', '+1 (804) ', '713-', '4598', ' today'], ['Order #7781']]);
    expect(docxText(docx, limits)).toBe('Dear customer,\nCall +1 (804) 713-4598 today\nOrder #7781');
  });

  it('decodes XML entities and keeps tabs and breaks', () => {
    const xml =
      '<w:p><w:r><w:t>Tel&#58;&#x20;</w:t><w:tab/><w:t>0800 &amp; more</w:t><w:br/><w:t>next</w:t></w:r></w:p>';
    expect(wordXmlText(xml)).toBe('Tel: \t0800 & more\nnext');
  });
});
