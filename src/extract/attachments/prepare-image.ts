/**
 * Turns an image attachment into what tesseract reads best, inside an OCR worker process (decoders run
 * there so a hostile file can only kill that process). Leptonica, inside tesseract, decodes JPEG, PNG, GIF,
 * WebP and TIFF itself; HEIC it cannot, so libheif (wasm) decodes it to pixels here. Small images are
 * decoded, turned grey and upscaled: tesseract misreads digits under ~20 px tall, and scam screenshots are
 * often small. Pixels travel to tesseract as a PGM (greyscale netpbm), which leptonica reads with no codec.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { createRequire } from 'node:module';
import type { AttachmentKind } from './sniff.js';

const require = createRequire(import.meta.url);

export interface GreyImage {
  width: number;
  height: number;
  /** One byte per pixel, rows top to bottom. */
  grey: Uint8Array;
}

/** Below this longest side an image is upscaled before OCR. */
const UPSCALE_BELOW = 1000;
/** Upscaling stops here so small images don't turn into slow big ones. */
const UPSCALE_TARGET = 2000;

export class ImageDecodeError extends Error {}

function rgbaToGrey(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, channels = 4): GreyImage {
  const grey = new Uint8Array(width * height);
  for (let pixel = 0, offset = 0; pixel < grey.length; pixel += 1, offset += channels) {
    const r = rgba[offset]!;
    const g = channels >= 3 ? rgba[offset + 1]! : r;
    const b = channels >= 3 ? rgba[offset + 2]! : r;
    // Transparent pixels are composited on white: scam PNGs often draw black text on a transparent canvas.
    const alpha = channels === 4 ? rgba[offset + 3]! : channels === 2 ? rgba[offset + 1]! : 255;
    const luma = 0.299 * r + 0.587 * g + 0.114 * b;
    grey[pixel] = Math.round((luma * alpha + 255 * (255 - alpha)) / 255);
  }
  return { width, height, grey };
}

/** Bilinear upscale by a whole factor. */
function upscale(image: GreyImage, factor: number): GreyImage {
  const width = image.width * factor;
  const height = image.height * factor;
  const grey = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    const sy = Math.min(image.height - 1, Math.max(0, (y + 0.5) / factor - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(image.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x += 1) {
      const sx = Math.min(image.width - 1, Math.max(0, (x + 0.5) / factor - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(image.width - 1, x0 + 1);
      const fx = sx - x0;
      const top = image.grey[y0 * image.width + x0]! * (1 - fx) + image.grey[y0 * image.width + x1]! * fx;
      const bottom = image.grey[y1 * image.width + x0]! * (1 - fx) + image.grey[y1 * image.width + x1]! * fx;
      grey[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, grey };
}

/** The factor that brings a small image's longest side near UPSCALE_TARGET (1 for big enough images). */
export function upscaleFactor(width: number, height: number): number {
  const longest = Math.max(width, height);
  if (longest >= UPSCALE_BELOW || longest === 0) return 1;
  return Math.max(1, Math.min(4, Math.floor(UPSCALE_TARGET / longest)));
}

export function toPgm(image: GreyImage): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1'), image.grey]);
}

interface HeifImage {
  get_width(): number;
  get_height(): number;
  display(target: { data: Uint8ClampedArray; width: number; height: number }, done: (result: unknown) => void): void;
}
interface HeifModule {
  HeifDecoder: new () => { decode(data: Uint8Array): HeifImage[] };
}
let heifModule: HeifModule | null = null;

async function decodeHeic(bytes: Uint8Array, maxPixels: number): Promise<GreyImage> {
  // The wasm bundle carries its .wasm inline: nothing is fetched or read from a URL.
  heifModule ??= require('libheif-js/wasm-bundle') as HeifModule;
  const images = new heifModule.HeifDecoder().decode(bytes);
  const primary = images[0];
  if (!primary) throw new ImageDecodeError('HEIC holds no decodable image');
  const width = primary.get_width();
  const height = primary.get_height();
  if (width * height > maxPixels) throw new ImageDecodeError(`HEIC is ${width}×${height}, over the pixel limit`);
  const target = { data: new Uint8ClampedArray(width * height * 4), width, height };
  const decoded = await new Promise<unknown>((resolve) => primary.display(target, resolve));
  if (!decoded) throw new ImageDecodeError('HEIC could not be decoded');
  return rgbaToGrey(target.data, width, height);
}

function decodeSmall(bytes: Uint8Array, kind: 'png' | 'jpeg', maxPixels: number): GreyImage {
  if (kind === 'png') {
    const png = PNG.sync.read(Buffer.from(bytes));
    return rgbaToGrey(png.data, png.width, png.height);
  }
  const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxPixels / 1e6 });
  return rgbaToGrey(decoded.data, decoded.width, decoded.height);
}

/**
 * Bytes for tesseract: the original file when leptonica reads it well as it is, else a PGM of the decoded,
 * grey, upscaled pixels. `size` comes from the header (already checked against the pixel limit).
 */
export async function prepareForOcr(
  bytes: Uint8Array,
  kind: AttachmentKind,
  size: { width: number; height: number } | null,
  maxPixels: number,
): Promise<Uint8Array> {
  if (kind === 'heic') {
    const image = await decodeHeic(bytes, maxPixels);
    const factor = upscaleFactor(image.width, image.height);
    return toPgm(factor > 1 ? upscale(image, factor) : image);
  }
  const factor = size ? upscaleFactor(size.width, size.height) : 1;
  if (factor > 1 && (kind === 'png' || kind === 'jpeg')) {
    try {
      return toPgm(upscale(decodeSmall(bytes, kind, maxPixels), factor));
    } catch {
      return bytes; // let leptonica try (and report) what the JS decoders refuse
    }
  }
  return bytes;
}

/** Raw pixels (e.g. an image drawn in a PDF) as tesseract input. */
export function rawToPgm(data: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: number): Buffer {
  const image = rgbaToGrey(data, width, height, channels);
  const factor = upscaleFactor(width, height);
  return toPgm(factor > 1 ? upscale(image, factor) : image);
}
