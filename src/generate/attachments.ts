import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { PNG } from 'pngjs';
import { CallhoundError } from '../errors.js';
import type { Canvas } from './raster.js';

/**
 * Attachment encoders. All are deterministic: fixed PDF dates and metadata, fixed JPEG quality, and
 * libheif's encoder (heif-enc) gives the same bytes for the same PNG (checked by a test).
 */

const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

export interface PdfSpec {
  title: string;
  lines: string[];
}

/** A one-page PDF with a real text layer (standard Helvetica, WinAnsi text). */
export async function makePdf(spec: PdfSpec): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  doc.setProducer('callhound-generate');
  doc.setTitle(winAnsi(spec.title));
  const page = doc.addPage([612, 792]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  page.drawRectangle({ x: 0, y: 720, width: 612, height: 72, color: rgb(0.1, 0.25, 0.55) });
  page.drawText(winAnsi(spec.title), { x: 50, y: 745, size: 22, font: bold, color: rgb(1, 1, 1) });
  let y = 680;
  for (const line of spec.lines) {
    page.drawText(winAnsi(line), { x: 50, y, size: 12, font, color: rgb(0.1, 0.1, 0.1), maxWidth: 512 });
    y -= 22;
  }
  const bytes = await doc.save({ useObjectStreams: false });
  return Buffer.from(bytes);
}

/** Replaces characters Helvetica's WinAnsi encoding cannot draw. */
function winAnsi(text: string): string {
  return text
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[^\x20-\x7E\u00A0-\u00FF€–—•]/gu, '?');
}

export function encodePng(canvas: Canvas): Buffer {
  const png = new PNG({ width: canvas.width, height: canvas.height });
  canvas.data.copy(png.data);
  return PNG.sync.write(png, { colorType: 2 });
}

export function encodeJpeg(canvas: Canvas, quality = 90): Buffer {
  return Buffer.from(jpeg.encode({ data: canvas.data, width: canvas.width, height: canvas.height }, quality).data);
}

let heifChecked: boolean | undefined;

export function heifEncoderAvailable(): boolean {
  if (heifChecked === undefined) {
    try {
      execFileSync('heif-enc', ['--version'], { stdio: 'ignore' });
      heifChecked = true;
    } catch (error) {
      // heif-enc --version exits non-zero on some builds but still runs; only a missing binary counts.
      heifChecked = (error as NodeJS.ErrnoException).code !== 'ENOENT';
    }
  }
  return heifChecked;
}

/** HEIC through Debian's heif-enc (package libheif-examples): no pure-JS HEIC encoder exists. */
export function encodeHeic(canvas: Canvas): Buffer {
  if (!heifEncoderAvailable()) {
    throw new CallhoundError(
      'heif_enc_missing',
      'HEIC attachments need heif-enc (apt-get install libheif-examples); or use --attachments none, or --no-heic',
      { status: 400 },
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'callhound-heic-'));
  try {
    const input = path.join(dir, 'in.png');
    const output = path.join(dir, 'out.heic');
    writeFileSync(input, encodePng(canvas));
    execFileSync('heif-enc', ['-q', '85', '-o', output, input], { stdio: 'ignore' });
    return readFileSync(output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
