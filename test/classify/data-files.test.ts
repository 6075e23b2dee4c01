import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dataFilePath } from '../../src/classify/data-files.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('dataFilePath', () => {
  it('finds the data next to the source module', () => {
    const p = dataFilePath('brands.json');
    expect(existsSync(p)).toBe(true);
    expect(p.replace(/\\/g, '/')).toMatch(/src\/classify\/data\/brands\.json$/);
  });

  it('falls back from dist/classify to src/classify/data (tsc does not copy the JSON)', () => {
    const fromDist = pathToFileURL(`${root}dist/classify/data-files.js`).href;
    const p = dataFilePath('lures.train.json', fromDist);
    expect(existsSync(p)).toBe(true);
    expect(p.replace(/\\/g, '/')).toMatch(/classify\/data\/lures\.train\.json$/);
  });

  it('fails with an actionable error when the data is missing', () => {
    expect(() => dataFilePath('brands.json', 'file:///nonexistent/dist/classify/data-files.js')).toThrow(
      expect.objectContaining({ code: 'CLASSIFY_DATA_MISSING' }),
    );
  });
});
