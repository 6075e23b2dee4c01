import { describe, expect, it } from 'vitest';
import { formatResult, toCsv, toTable } from '../../src/hunts/format.js';
import { describeCut } from '../../src/hunts/runner.js';

const result = { columns: ['number', 'brands', 'note'], rows: [{ number: '+1', brands: ['A', 'B'], note: 'say "hi", ok' }, { number: '+2', brands: [], note: null }] };

describe('output formats', () => {
  it('never lets a subject from mail drive the terminal (table and JSON)', () => {
    const subject = 'Invoice \u001b[2J\u001b]0;owned\u0007 \u009b31m';
    const table = toTable({ columns: ['subject'], rows: [{ subject }] });
    expect(table).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(table).toContain('\\u001b[2J');
    const result = { columns: ['subject'], rows: [{ subject }] } as unknown as Parameters<typeof formatResult>[0];
    const json = formatResult(result, 'json');
    expect(json).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(JSON.parse(json).rows[0].subject).toBe(subject);
  });

  it('writes RFC 4180 CSV', () => {
    expect(toCsv(result)).toBe('number,brands,note\r\n+1,"A, B","say ""hi"", ok"\r\n+2,,\r\n');
  });

  it('writes an aligned table', () => {
    expect(toTable(result)).toBe('number  brands  note\n------  ------  ------------\n+1      A, B    say "hi", ok\n+2\n');
  });

  it('never cuts silently', () => {
    const base = { returned: 2, limit: 2, timedOut: false, timeoutMs: 1000 };
    expect(describeCut({ ...base, truncated: false })).toBeUndefined();
    expect(describeCut({ ...base, truncated: true, total: 7 })).toBe('row limit reached: 2 row(s) returned of 7 (raise --limit to see more)');
    expect(describeCut({ ...base, truncated: true, totalAtLeast: 10003 })).toMatch(/of at least 10003/);
    expect(describeCut({ ...base, truncated: false, timedOut: true })).toMatch(/^timed out after 1000 ms: 2 row\(s\) returned/);
  });
});
