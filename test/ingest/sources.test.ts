import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMbox } from '../../src/ingest/mbox.js';
import { readSources } from '../../src/ingest/sources.js';
import { forwardedMessage, htmlSplitNumber, mboxWithThreeMessages } from '../fixtures/extract/messages.js';
import { tempDirs } from '../helpers/temp-dirs.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const temp = tempDirs();

function tempDir(): string {
  return temp.make('callhound-sources-');
}

describe('readMbox', () => {
  it('splits on From_ lines and unescapes >From lines (mboxrd)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'three.mbox');
    writeFileSync(file, mboxWithThreeMessages());
    const messages = await collect(readMbox(file));
    expect(messages.map((m) => m.index)).toEqual([1, 2, 3]);
    const second = messages[1]!.raw.toString('utf8');
    expect(second.startsWith('From: Support <support2@example.net>')).toBe(true);
    expect(second).toContain('\nFrom the desk of the CEO');
    expect(second).toContain('\n>From nested quote');
    expect(second).not.toContain('From scammer');
    expect(messages.every((m) => m.truncatedBytes === 0)).toBe(true);
  });

  it('caps a message at maxBytes and counts what it dropped', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.mbox');
    writeFileSync(file, `From a@b Tue Mar  3 10:00:00 2026\nSubject: big\n\n${'x'.repeat(5000)}\n`);
    const [only] = await collect(readMbox(file, 1000));
    expect(only!.raw.length).toBeLessThanOrEqual(1000);
    expect(only!.truncatedBytes).toBeGreaterThan(4000);
  });

  it('reads a file that lacks the leading From_ line as one message', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'plain.mbox');
    writeFileSync(file, 'Subject: hi\n\nbody\n');
    const messages = await collect(readMbox(file));
    expect(messages).toHaveLength(1);
    expect(messages[0]!.raw.toString()).toBe('Subject: hi\n\nbody\n');
  });
});

describe('readSources', () => {
  it('walks directories recursively in sorted order, opens mbox files, names mbox messages file#n', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'b.eml'), htmlSplitNumber());
    writeFileSync(path.join(dir, 'a.eml'), forwardedMessage());
    writeFileSync(path.join(dir, 'sub', 'box.mbox'), mboxWithThreeMessages());
    writeFileSync(path.join(dir, 'notes.txt'), 'not a message');
    writeFileSync(path.join(dir, '.hidden.eml'), 'hidden');
    const sources = await collect(readSources([dir]));
    expect(sources.map((s) => path.relative(dir, s.source))).toEqual(['a.eml', 'b.eml', 'sub/box.mbox#1', 'sub/box.mbox#2', 'sub/box.mbox#3']);
    expect(sources[0]!.raw.equals(forwardedMessage())).toBe(true);
  });

  it('fails fast with a clear error on a missing path, before yielding anything', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.eml'), forwardedMessage());
    await expect(collect(readSources([dir, path.join(dir, 'nope.eml')]))).rejects.toThrow(/cannot read .*nope\.eml/);
  });
});
