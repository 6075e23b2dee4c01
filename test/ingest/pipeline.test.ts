import { describe, expect, it } from 'vitest';
import { fatalIssueCodes } from '../../src/extract/index.js';
import { chunks, sha256Hex } from '../../src/ingest/pipeline.js';
import { observationProblem } from '../../src/ingest/message-files.js';

async function collect<T>(gen: AsyncGenerator<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const c of gen) out.push(c);
  return out;
}

describe('pipeline helpers', () => {
  it('cuts batches by count and by weight', async () => {
    expect(await collect(chunks([1, 2, 3, 4, 5], 2))).toEqual([[1, 2], [3, 4], [5]]);
    expect(await collect(chunks([5, 1, 9, 1, 1], 10, (n) => n, 10))).toEqual([[5, 1, 9], [1, 1]]);
    expect(await collect(chunks([], 3))).toEqual([]);
  });

  it('hashes raw bytes as the Email id (sha256 hex)', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('treats only unreadable-message codes as fatal', () => {
    expect(fatalIssueCodes.has('parse_failed')).toBe(true);
    expect(fatalIssueCodes.has('timeout')).toBe(true);
    expect(fatalIssueCodes.has('html_failed')).toBe(false);
  });

  it.each([
    [null, 'not a JSON object'],
    [{ id: 'x', file: 'a', numbers: [], attachments: [], issues: [] }, 'id is not a sha256 hex string'],
    [{ id: 'a'.repeat(64), file: 'a', numbers: [{ e164: '555' }], attachments: [], issues: [] }, 'bad number "555"'],
    [{ id: 'a'.repeat(64), file: 'a', numbers: [{ e164: '+18047134598' }], attachments: [], issues: [] }, null],
    [{ id: 'a'.repeat(64), file: 'a', numbers: [{ e164: '+18047134598', country: 'US' }], attachments: [{ sha256: 'b'.repeat(64) }], issues: [] }, null],
    // Indexed values the loader takes as they are: a forged line cannot reach the indexes with them.
    [{ id: 'a'.repeat(64), file: 'a', numbers: [{ e164: '+18047134598', country: 'U'.repeat(9000) }], attachments: [], issues: [] }, `bad country "${'U'.repeat(40)}"`],
    [{ id: 'a'.repeat(64), file: 'a', numbers: [{ e164: '+18047134598', country: { a: 1 } }], attachments: [], issues: [] }, 'bad country "[object Object]"'],
    [{ id: 'a'.repeat(64), file: 'a', numbers: [], attachments: [{ sha256: 'b'.repeat(9000) }], issues: [] }, 'attachment without a sha256 hex string'],
    [{ id: 'a'.repeat(64), file: 'a', numbers: [], attachments: [], issues: [], calendar: { method: 'REQUEST', events: [{ start: '2026-03-12T13:30:00Z', organizer: 'a@b.example', organizerName: null, summary: 'x', uid: null }] } }, null],
    [{ id: 'a'.repeat(64), file: 'a', numbers: [], attachments: [], issues: [], calendar: { method: 'REQUEST' } }, 'calendar.events is not a list'],
    [{ id: 'a'.repeat(64), file: 'a', numbers: [], attachments: [], issues: [], calendar: { method: 3, events: [] } }, 'calendar.method is not a string'],
    [{ id: 'a'.repeat(64), file: 'a', numbers: [], attachments: [], issues: [], calendar: { method: null, events: [{ organizer: { x: 1 } }] } }, 'calendar event organizer is not a string'],
  ])('observation check %#', (value, problem) => expect(observationProblem(value)).toBe(problem));
});
