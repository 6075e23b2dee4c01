import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import jpeg from 'jpeg-js';
import { simpleParser } from 'mailparser';
import { PNG } from 'pngjs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeStats, generateCorpus, type CorpusSummary, type TruthMessage, type TruthNumberRecord } from '../../src/generate/index.js';

const require = createRequire(import.meta.url);

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as T);
}

interface HeifImage {
  get_width(): number;
  get_height(): number;
  display(target: { data: Uint8ClampedArray; width: number; height: number }, done: (result: unknown) => void): void;
}

async function decodeHeic(bytes: Buffer): Promise<{ width: number; height: number; dark: number }> {
  const libheif = require('libheif-js/wasm-bundle') as { HeifDecoder: new () => { decode(data: Uint8Array): HeifImage[] } };
  const [image] = new libheif.HeifDecoder().decode(new Uint8Array(bytes));
  if (!image) throw new Error('no HEIC image');
  const width = image.get_width();
  const height = image.get_height();
  const target = { data: new Uint8ClampedArray(width * height * 4), width, height };
  const ok = await new Promise<unknown>((resolve) => image.display(target, resolve));
  if (!ok) throw new Error('HEIC did not decode');
  let dark = 0;
  for (let i = 0; i < target.data.length; i += 4) if (target.data[i]! < 80) dark += 1;
  return { width, height, dark };
}

describe('a generated corpus', () => {
  let root: string;
  let a: string;
  let truth: TruthMessage[];
  let numbers: TruthNumberRecord[];
  let summary: CorpusSummary;
  const options = { emails: 130, seed: 'corpus-test', profile: 'small', attachments: 'all' as const };

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'callhound-gen-'));
    a = path.join(root, 'a');
    await generateCorpus({ out: a, ...options });
    truth = readJsonl<TruthMessage>(path.join(a, 'truth/messages.jsonl'));
    numbers = readJsonl<TruthNumberRecord>(path.join(a, 'truth/numbers.jsonl'));
    summary = JSON.parse(readFileSync(path.join(a, 'truth/summary.json'), 'utf8')) as CorpusSummary;
  }, 240_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is byte-identical for the same seed (attachments included) and differs for another seed', async () => {
    const b = path.join(root, 'b');
    await generateCorpus({ out: b, ...options });
    const files = listFiles(a);
    expect(files).toEqual(listFiles(b));
    expect(files.length).toBe(130 + 4);
    for (const file of files) expect(readFileSync(path.join(b, file)).equals(readFileSync(path.join(a, file))), file).toBe(true);

    const c = path.join(root, 'c');
    await generateCorpus({ out: c, ...options, seed: 'another-seed' });
    expect(readFileSync(path.join(c, 'truth/messages.jsonl')).equals(readFileSync(path.join(a, 'truth/messages.jsonl')))).toBe(false);
  }, 240_000);

  it('refuses to overwrite a corpus without --force', async () => {
    await expect(generateCorpus({ out: a, ...options })).rejects.toThrow(/already holds a corpus/);
  });

  it('writes one truth line per message with the sha256 of the written bytes', () => {
    expect(truth).toHaveLength(130);
    for (const t of truth) {
      const bytes = readFileSync(path.join(a, t.file));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(t.id);
    }
  });

  it('parses every message with mailparser, matching the truth (subject, date, sender, attachments)', async () => {
    for (const t of truth) {
      const parsed = await simpleParser(readFileSync(path.join(a, t.file)));
      expect(parsed.subject, t.file).toBe(t.subject);
      expect(parsed.date?.toISOString(), t.file).toBe(t.date);
      expect(parsed.date?.toISOString().slice(0, 10)).toBe(t.day);
      expect(parsed.from?.value[0]?.address).toBe(t.from);
      expect(parsed.messageId).toBe(t.messageId);
      // An invitation's own text/calendar part has no file name (null in the truth, undefined in mailparser).
      expect(parsed.attachments.map((x) => x.filename ?? null)).toEqual(t.attachments.map((x) => x.filename));
      parsed.attachments.forEach((att, i) => {
        expect(createHash('sha256').update(att.content).digest('hex')).toBe(t.attachments[i]!.sha256);
      });
      const text = `${parsed.text ?? ''}\n${typeof parsed.html === 'string' ? parsed.html : ''}`;
      for (const n of t.numbers) {
        for (const p of n.placements) {
          if (p.where === 'subject') expect(parsed.subject).toContain(p.raw);
          if (p.where === 'body' && p.disguise !== 'split-html') expect(text.includes(p.raw) || text.includes(p.raw.replace(/&/g, '&amp;')), `${t.file} ${p.raw}`).toBe(true);
          if (p.where === 'link') expect(text).toContain(p.raw);
          if (p.where === 'calendar') {
            // Unfolded and unescaped (RFC 5545), the invitation holds the number as written.
            const calendars = parsed.attachments.filter((x) => x.contentType.includes('calendar') || x.contentType.includes('ics'));
            const unfolded = calendars.map((x) => x.content.toString('utf8').replace(/\r\n[ \t]/g, '').replace(/\\([,;\\])/g, '$1')).join('\n');
            expect(unfolded, `${t.file} ${p.raw}`).toContain(p.raw);
          }
        }
      }
    }
  }, 120_000);

  it('puts every phone email\'s number somewhere and plants every disguise family in a mix of placements', () => {
    const phone = truth.filter((t) => t.kind === 'phone');
    expect(phone.length).toBeGreaterThan(100);
    for (const t of phone) expect(t.numbers[0]!.placements.length, t.file).toBeGreaterThan(0);
    const placements = new Set(phone.flatMap((t) => t.numbers.flatMap((n) => n.placements.map((p) => p.where))));
    for (const where of ['subject', 'body', 'pdf', 'image']) expect(placements).toContain(where);
    expect(truth.some((t) => t.kind === 'noise' && t.numbers.length === 0)).toBe(true);
    expect(new Set(truth.map((t) => t.lang)).size).toBeGreaterThan(1);
  });

  it('has attachments that decode: PDFs with a text layer, JPEG, PNG and HEIC images', async () => {
    const seen = new Set<string>();
    for (const t of truth) {
      if (t.attachments.length === 0) continue;
      const parsed = await simpleParser(readFileSync(path.join(a, t.file)));
      for (const [i, att] of parsed.attachments.entries()) {
        const meta = t.attachments[i]!;
        if (seen.has(meta.sha256!)) continue;
        seen.add(meta.sha256!);
        const placement = t.numbers[0]!.placements.find((p) => p.attachment === meta.filename)!;
        if (meta.type === 'pdf') {
          const pdf = await getDocumentProxy(new Uint8Array(att.content));
          const { text } = await extractText(pdf, { mergePages: true });
          if (placement.disguise === 'none' || placement.disguise === 'glued') expect(text.replace(/\s+/g, ' ')).toContain(placement.raw);
          else expect(text.length).toBeGreaterThan(50);
        } else if (meta.type === 'jpeg') {
          const img = jpeg.decode(att.content, { useTArray: true });
          expect(img.width).toBeGreaterThan(200);
        } else if (meta.type === 'png') {
          const img = PNG.sync.read(att.content);
          expect(img.width).toBeGreaterThan(200);
        } else if (meta.type === 'heic') {
          const img = await decodeHeic(att.content);
          expect(img.width).toBeGreaterThan(200);
          expect(img.dark).toBeGreaterThan(500);
        } else if (meta.type === 'ics') {
          const calendar = new ICAL.Component(ICAL.parse(att.content.toString('utf8')));
          expect(calendar.getAllSubcomponents('vevent').length, t.file).toBe(1);
          expect(String(calendar.getFirstPropertyValue('method'))).toBe('REQUEST');
        } else {
          throw new Error(`unexpected attachment type ${meta.type}`);
        }
      }
    }
    const types = new Set(truth.flatMap((t) => t.attachments.map((x) => x.type)));
    expect(types).toContain('pdf');
    expect(types).toContain('heic');
    expect(types).toContain('jpeg');
  }, 120_000);

  it('writes expected statistics equal to those recomputed from the messages', () => {
    const byNumber = new Map<string, { days: Set<string>; brands: Set<string>; perDay: Record<string, number> }>();
    for (const t of truth) {
      for (const n of t.numbers) {
        const entry = byNumber.get(n.e164) ?? { days: new Set(), brands: new Set(), perDay: {} };
        entry.days.add(t.day);
        entry.brands.add(t.brand);
        entry.perDay[t.day] = (entry.perDay[t.day] ?? 0) + 1;
        byNumber.set(n.e164, entry);
      }
    }
    const recomputed = computeStats(
      numbers.map((r) => {
        const seen = byNumber.get(r.e164)!;
        return { e164: r.e164, days: [...seen.days].sort(), brands: [...seen.brands], lineType: r.lineType, carrier: r.carrier, emailsByDay: seen.perDay };
      }),
    );
    expect(recomputed).toEqual(summary.expected);
    expect(summary.expected.uniqueNumbers).toBe(60);
    expect(summary.totals.emails).toBe(130);
    expect(summary.plantedClusters.reduce((s, c) => s + c.numbers, 0)).toBe(60);
    const registry = readFileSync(path.join(a, 'truth/blocks.csv'), 'utf8').trim().split('\n');
    expect(registry[0]).toBe('prefix,carrier,ocn,category');
    expect(registry.length - 1).toBe(new Set(numbers.map((n) => n.block)).size);
  });
});
