/**
 * A small, bomb-safe ZIP reader: it trusts nothing in the archive. Entries are listed from the central
 * directory, refused when their declared sizes or ratios exceed the limits, and inflated in chunks that stop
 * as soon as the output passes the declared size or the archive's remaining budget (a lying header cannot
 * make it inflate more than the limit). Stored and deflated entries only; no ZIP64, no encryption.
 */
import { Inflate } from 'fflate';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
  localHeaderOffset: number;
}

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
  maxRatio: number;
}

export class ZipError extends Error {
  constructor(
    readonly code: 'zip_bomb' | 'zip_corrupt' | 'zip_unsupported' | 'zip_too_many_entries',
    message: string,
  ) {
    super(message);
  }
}

/** Entries from the central directory (found from the end-of-central-directory record). */
export function listZipEntries(zip: Buffer): ZipEntry[] {
  const searchFrom = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let offset = zip.length - 22; offset >= searchFrom; offset -= 1) {
    if (zip.readUInt32LE(offset) === 0x06054b50) {
      eocd = offset;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('zip_corrupt', 'no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  const directoryOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipError('zip_unsupported', 'ZIP64 archive');
  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let index = 0; index < count; index += 1) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== 0x02014b50) {
      throw new ZipError('zip_corrupt', `central directory entry ${index} is damaged`);
    }
    const flags = zip.readUInt16LE(offset + 8);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const nameBytes = zip.subarray(offset + 46, offset + 46 + nameLength);
    entries.push({
      // Bit 11: UTF-8 names; otherwise CP437, of which latin1 is a fair reading for the ASCII names seen here.
      name: nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1'),
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      uncompressedSize: zip.readUInt32LE(offset + 24),
      encrypted: (flags & 1) === 1,
      localHeaderOffset: zip.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Why an entry must not be inflated, or null when its declared sizes are within the limits. */
export function entryRefusal(entry: ZipEntry, limits: ZipLimits): ZipError | null {
  if (entry.encrypted) return new ZipError('zip_unsupported', `${entry.name}: encrypted`);
  if (entry.method !== 0 && entry.method !== 8) {
    return new ZipError('zip_unsupported', `${entry.name}: compression method ${entry.method}`);
  }
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    return new ZipError('zip_bomb', `${entry.name}: ${entry.uncompressedSize} bytes uncompressed, over the limit`);
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  // Small entries may compress extremely well (a page of spaces); only large ones are judged by ratio.
  if (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio) {
    return new ZipError('zip_bomb', `${entry.name}: compression ratio ${Math.round(ratio)}:1`);
  }
  return null;
}

/** The bytes of one entry, inflating at most `budget` bytes (and never more than its declared size). */
export function readZipEntry(zip: Buffer, entry: ZipEntry, budget: number): Buffer {
  const local = entry.localHeaderOffset;
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) {
    throw new ZipError('zip_corrupt', `${entry.name}: local header missing`);
  }
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, Math.min(zip.length, start + entry.compressedSize));
  const cap = Math.min(budget, entry.uncompressedSize);
  if (entry.method === 0) return Buffer.from(data.subarray(0, cap));
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > cap) overflow = true;
    else chunks.push(chunk);
  });
  // Small steps: one compressed chunk can inflate ~1000-fold before the overflow check sees it.
  const step = 16 * 1024;
  try {
    for (let offset = 0; offset < data.length && !overflow; offset += step) {
      inflater.push(data.subarray(offset, offset + step), offset + step >= data.length);
    }
  } catch (error) {
    throw new ZipError('zip_corrupt', `${entry.name}: ${(error as Error).message}`);
  }
  if (overflow) {
    throw new ZipError('zip_bomb', `${entry.name}: inflates past its declared size or the archive's limit`);
  }
  return Buffer.concat(chunks);
}
