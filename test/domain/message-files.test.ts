import { describe, expect, it } from 'vitest';
import { isMboxFileName, isMessageFileName, messageExtensions } from '../../src/domain/index.js';

describe('message files', () => {
  it.each([
    ['a.eml', true, false],
    ['A.EML', true, false],
    ['inbox.mbox', true, true],
    ['dir/old.MBX', true, true],
    ['x.mail', true, false],
    ['notes.txt', false, false],
    ['eml', false, false],
    ['.eml', false, false],
    ['archive.eml.gz', false, false],
    ['observations.jsonl', false, false],
  ])('%s: message %s, mbox %s', (name, message, mbox) => {
    expect(isMessageFileName(name)).toBe(message);
    expect(isMboxFileName(name)).toBe(mbox);
  });

  it('lists every mbox ending as a message ending', () => {
    for (const ext of ['.mbox', '.mbx']) expect(messageExtensions.has(ext)).toBe(true);
  });
});
