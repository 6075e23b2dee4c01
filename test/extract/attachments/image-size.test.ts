import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readImageSize } from '../../../src/extract/attachments/image-size.js';
import { drawText, encodeGif, encodeJpeg, encodePng, encodeTiff, makePixelBombPng } from '../../fixtures/attachments/make.js';
import { HEIC_LINES, WEBP_LINES } from '../../fixtures/attachments/regenerate.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/attachments/${name}`, import.meta.url));

describe('readImageSize', () => {
  const image = drawText(['CALL 1 888 201 0455'], { scale: 2, margin: 10 });

  it.each([
    ['png', encodePng],
    ['jpeg', encodeJpeg],
    ['gif', encodeGif],
    ['tiff', encodeTiff],
  ] as const)('reads %s dimensions from the header', (kind, encode) => {
    expect(readImageSize(encode(image), kind)).toEqual({ width: image.width, height: image.height });
  });

  it('reads WebP and HEIC dimensions (committed fixtures, drawn at scale 3)', () => {
    const expected = (lines: string[]) => drawText(lines, { scale: 3 });
    const webp = expected(WEBP_LINES);
    const heic = expected(HEIC_LINES);
    expect(readImageSize(fixture('invoice-phone.webp'), 'webp')).toEqual({ width: webp.width, height: webp.height });
    expect(readImageSize(fixture('invoice-phone.heic'), 'heic')).toEqual({ width: heic.width, height: heic.height });
  });

  it('sees the size a bomb claims without decoding it', () => {
    expect(readImageSize(makePixelBombPng(100_000, 100_000), 'png')).toEqual({ width: 100_000, height: 100_000 });
  });

  it('returns null for a header cut short', () => {
    expect(readImageSize(encodePng(image).subarray(0, 12), 'png')).toBeNull();
    expect(readImageSize(Buffer.from([0xff, 0xd8, 0xff]), 'jpeg')).toBeNull();
  });
});
