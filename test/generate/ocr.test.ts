import { createRequire } from 'node:module';
import { createWorker, OEM } from 'tesseract.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { encodeHeic, encodeJpeg, encodePng, heifEncoderAvailable } from '../../src/generate/attachments.js';
import { renderLureCard } from '../../src/generate/raster.js';

const require = createRequire(import.meta.url);

/** OCR spot check: the number drawn into a generated lure image is read back by tesseract (offline data). */
describe('generated images are readable by OCR', () => {
  let worker: Awaited<ReturnType<typeof createWorker>>;

  beforeAll(async () => {
    const eng = require('@tesseract.js-data/eng') as { langPath: string; gzip: boolean };
    worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath: eng.langPath, gzip: eng.gzip, cacheMethod: 'none' });
  }, 120_000);

  afterAll(async () => {
    await worker?.terminate();
  });

  const card = (phone: string) =>
    renderLureCard({
      header: 'Geek Squad',
      lines: ['Invoice INV-2026-004512', 'Amount: $399.99', 'Date: 03/04/2026'],
      phoneLine: `CALL ${phone}`,
      accent: [232, 114, 0],
    });

  it.each([
    ['jpeg', '+1 (817) 639-3622', '8176393622'],
    ['png', '+1 804 713 4598', '8047134598'],
    ['png', '(555) 012-3456', '5550123456'],
    ['jpeg', '+1-925-867-1309', '9258671309'],
    ['png', '+1 (336) 787-7017', '3367877017'],
    ['png', '+1 (777) 277-7727', '7772777727'],
  ])('reads the planted number from a %s image', async (format, phone, digits) => {
    const image = format === 'jpeg' ? encodeJpeg(card(phone)) : encodePng(card(phone));
    const { data } = await worker.recognize(image);
    const lines = data.text.split('\n').map((l) => l.replace(/\D/g, ''));
    expect(lines.some((l) => l.includes(digits)), data.text).toBe(true);
  }, 60_000);

  it('reads the planted number from a HEIC image (encoded by heif-enc, decoded by libheif-js)', async () => {
    expect(heifEncoderAvailable(), 'heif-enc (apt package libheif-examples) must be installed').toBe(true);
    const heic = encodeHeic(card('+1 (817) 639-3622'));
    const libheif = require('libheif-js/wasm-bundle') as {
      HeifDecoder: new () => { decode(data: Uint8Array): Array<{ get_width(): number; get_height(): number; display(t: { data: Uint8ClampedArray; width: number; height: number }, cb: (r: unknown) => void): void }> };
    };
    const [image] = new libheif.HeifDecoder().decode(new Uint8Array(heic));
    const width = image!.get_width();
    const height = image!.get_height();
    const target = { data: new Uint8ClampedArray(width * height * 4), width, height };
    await new Promise((resolve) => image!.display(target, resolve));
    const png = new PNG({ width, height });
    Buffer.from(target.data.buffer).copy(png.data);
    const { data } = await worker.recognize(PNG.sync.write(png));
    expect(data.text.split('\n').some((l) => l.replace(/\D/g, '').includes('8176393622')), data.text).toBe(true);
  }, 60_000);
});
