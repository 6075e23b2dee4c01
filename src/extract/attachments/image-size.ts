/**
 * Image dimensions read from headers alone, so a decompression bomb (a small file that decodes to a
 * gigapixel canvas) is refused before any decoder allocates memory for it.
 */
import type { AttachmentKind } from './sniff.js';

export interface ImageSize {
  width: number;
  height: number;
}

function pngSize(bytes: Buffer): ImageSize | null {
  if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function gifSize(bytes: Buffer): ImageSize | null {
  if (bytes.length < 10) return null;
  return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
}

/** First SOFn marker; markers without a length (RSTn, SOI, TEM) are skipped. */
function jpegSize(bytes: Buffer): ImageSize | null {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) {
      offset += 1;
      continue;
    }
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    offset += 2 + bytes.readUInt16BE(offset + 2);
  }
  return null;
}

function webpSize(bytes: Buffer): ImageSize | null {
  if (bytes.length < 30) return null;
  const chunk = bytes.toString('latin1', 12, 16);
  if (chunk === 'VP8X') return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
  if (chunk === 'VP8L') {
    const bits = bytes.readUInt32LE(21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ') return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
  return null;
}

/** Largest image described by any IFD's ImageWidth/ImageLength tags (multi-page TIFFs: the biggest page). */
function tiffSize(bytes: Buffer): ImageSize | null {
  const little = bytes[0] === 0x49;
  const u16 = (at: number): number => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number): number => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  let best: ImageSize | null = null;
  let ifd = u32(4);
  const seen = new Set<number>();
  while (ifd > 0 && ifd + 2 <= bytes.length && !seen.has(ifd) && seen.size < 64) {
    seen.add(ifd);
    const count = u16(ifd);
    let width = 0;
    let height = 0;
    for (let index = 0; index < count; index += 1) {
      const entry = ifd + 2 + index * 12;
      if (entry + 12 > bytes.length) break;
      const tag = u16(entry);
      const type = u16(entry + 2);
      const value = type === 3 ? u16(entry + 8) : u32(entry + 8);
      if (tag === 256) width = value;
      if (tag === 257) height = value;
    }
    if (!best || width * height > best.width * best.height) best = { width, height };
    const next = ifd + 2 + count * 12;
    ifd = next + 4 <= bytes.length ? u32(next) : 0;
  }
  return best;
}

/** HEIF: the largest `ispe` (image spatial extents) property; grids and thumbnails each have one. */
function heifSize(bytes: Buffer): ImageSize | null {
  let best: ImageSize | null = null;
  const limit = Math.min(bytes.length, 1024 * 1024); // the meta box sits at the front of real files
  for (let at = bytes.indexOf('ispe', 0, 'latin1'); at >= 0 && at < limit; at = bytes.indexOf('ispe', at + 4, 'latin1')) {
    if (at + 16 > bytes.length) break;
    const size = { width: bytes.readUInt32BE(at + 8), height: bytes.readUInt32BE(at + 12) };
    if (!best || size.width * size.height > best.width * best.height) best = size;
  }
  return best;
}

/** Width and height from the header, or null when the header cannot be read. */
export function readImageSize(bytes: Buffer, kind: AttachmentKind): ImageSize | null {
  try {
    switch (kind) {
      case 'png':
        return pngSize(bytes);
      case 'gif':
        return gifSize(bytes);
      case 'jpeg':
        return jpegSize(bytes);
      case 'webp':
        return webpSize(bytes);
      case 'tiff':
        return tiffSize(bytes);
      case 'heic':
        return heifSize(bytes);
      default:
        return null;
    }
  } catch {
    return null; // a header cut short: the decoder will report it
  }
}
