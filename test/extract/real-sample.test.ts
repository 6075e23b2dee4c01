import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAttachmentWorkers } from '../../src/extract/attachments/index.js';
import { extractMessage } from '../../src/extract/index.js';

// Real phishing mail (CC BY-NC, not in the repository): ../shared/real-sample beside the checkout.
const SAMPLE_DIR = path.resolve(import.meta.dirname, '../../../shared/real-sample');
const present = existsSync(SAMPLE_DIR);
if (!present) console.warn(`real-sample tests skipped: ${SAMPLE_DIR} is absent`);

afterAll(async () => {
  await closeAttachmentWorkers();
});

describe.skipIf(!present)('extraction over the real sample', () => {
  it('never crashes and yields one observation per message, with plausible numbers', { timeout: 300_000 }, async () => {
    const files = readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.eml')).sort();
    expect(files.length).toBeGreaterThan(0);
    let withNumbers = 0;
    const ids = new Set<string>();
    for (const file of files) {
      const o = await extractMessage(readFileSync(path.join(SAMPLE_DIR, file)), file, { ocr: false });
      expect(o.file).toBe(file);
      ids.add(o.id);
      for (const n of o.numbers) {
        expect(n.e164).toMatch(/^\+[1-9]\d{6,14}$/);
        expect(n.confidence).toBeGreaterThanOrEqual(0.5);
        expect(n.raw.length).toBeGreaterThan(0);
      }
      if (o.numbers.length > 0) withNumbers += 1;
    }
    expect(ids.size).toBe(files.length);
    // Many messages carry numbers; most are ordinary phishing without any.
    expect(withNumbers).toBeGreaterThan(files.length / 10);
    expect(withNumbers).toBeLessThan(files.length / 2);
  });

  it('known messages: a stolen thread hidden by a style sheet rule, ids and hidden digits do not count', async () => {
    const read = async (name: string) => extractMessage(readFileSync(path.join(SAMPLE_DIR, name)), name, { ocr: false });
    // The Indian staffing signature sits in a Word section that the message's own <style> hides
    // (`div.WordSection1 {visibility: collapse; max-height: 0; width: 0}`): a reader sees none of its numbers.
    const indian = await read('sample-1763.eml');
    expect(indian.numbers.map((n) => n.e164)).not.toEqual(expect.arrayContaining(['+918383063372']));
    expect(indian.numbers.map((n) => n.e164)).not.toContain('+919999106666');
    const hidden = await read('sample-7586.eml');
    expect(hidden.numbers).toEqual([]);
    const caseId = await read('sample-1951.eml');
    expect(caseId.numbers).toEqual([]);
  });
});
