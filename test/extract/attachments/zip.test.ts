import { describe, expect, it } from 'vitest';
import { entryRefusal, listZipEntries, readZipEntry, ZipError } from '../../../src/extract/attachments/zip.js';
import { makeZip, makeZipBomb } from '../../fixtures/attachments/make.js';

const limits = { maxEntries: 10, maxTotalBytes: 10 * 1024 * 1024, maxEntryBytes: 5 * 1024 * 1024, maxRatio: 100 };

/** Rewrites one entry's declared uncompressed size in both its local header and the central directory. */
function lieAboutSize(zip: Buffer, declared: number): Buffer {
  const out = Buffer.from(zip);
  out.writeUInt32LE(declared, 22); // first local header
  const central = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  out.writeUInt32LE(declared, central + 24);
  return out;
}

describe('zip reader', () => {
  it('lists and reads stored and deflated entries', () => {
    const zip = makeZip({ 'a.txt': 'call 0800 123 4567', 'dir/b.txt': 'x'.repeat(5000) });
    const entries = listZipEntries(zip);
    expect(entries.map((entry) => entry.name)).toEqual(['a.txt', 'dir/b.txt']);
    expect(readZipEntry(zip, entries[0]!, 1e6).toString()).toBe('call 0800 123 4567');
    expect(readZipEntry(zip, entries[1]!, 1e6).length).toBe(5000);
  });

  it('refuses a high-ratio entry from its declared sizes, before inflating', () => {
    const bomb = makeZipBomb(4);
    const [entry] = listZipEntries(bomb);
    const refusal = entryRefusal(entry!, limits);
    expect(refusal?.code).toBe('zip_bomb');
    expect(refusal?.message).toMatch(/ratio/);
  });

  it('stops inflating an entry whose header lies about its size', () => {
    const liar = lieAboutSize(makeZipBomb(4), 1000);
    const [entry] = listZipEntries(liar);
    expect(entry!.uncompressedSize).toBe(1000);
    expect(entryRefusal(entry!, limits)).toBeNull();
    expect(() => readZipEntry(liar, entry!, 1e9)).toThrow(/inflates past/);
  });

  it('stops at the archive budget even when the entry is honest', () => {
    const zip = makeZip({ 'a.txt': 'y'.repeat(100_000) });
    const [entry] = listZipEntries(zip);
    try {
      readZipEntry(zip, entry!, 10_000);
      expect.fail('should have refused');
    } catch (error) {
      expect((error as ZipError).code).toBe('zip_bomb');
    }
  });

  it('reports damaged archives as zip_corrupt', () => {
    const zip = makeZip({ 'a.txt': 'hello' });
    expect(() => listZipEntries(zip.subarray(0, zip.length - 10))).toThrow(ZipError);
    expect(() => listZipEntries(Buffer.from('PK\u0003\u0004 not really'))).toThrow(/end-of-central-directory/);
  });
});
