import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { googleCalendarInvitation, INVITATION } from '../../fixtures/extract/calendar-invitation.js';
import { base64Windows1252, forwardedMessage, htmlSplitNumber, mboxWithThreeMessages } from '../../fixtures/extract/messages.js';
import { tempDirs } from '../../helpers/temp-dirs.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');

async function callhound(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, CALLHOUND_REGION: 'US' } });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const temp = tempDirs();

describe('callhound extract', () => {
  it('--json prints one clean JSON object per message, in input order, with the documented fields', { timeout: 180_000 }, async () => {
    const dir = temp.make('callhound-cli-extract-');
    writeFileSync(path.join(dir, 'a.eml'), htmlSplitNumber());
    writeFileSync(path.join(dir, 'b.eml'), base64Windows1252());
    writeFileSync(path.join(dir, 'c.mbox'), mboxWithThreeMessages());
    const single = path.join(temp.make('callhound-cli-single-'), 'fwd.eml');
    writeFileSync(single, forwardedMessage());
    const { stdout, code } = await callhound(['extract', dir, single, '--json', '--no-ocr', '--workers', '2']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => path.basename(String(l.file)))).toEqual(['a.eml', 'b.eml', 'c.mbox#1', 'c.mbox#2', 'c.mbox#3', 'fwd.eml']);
    for (const l of lines) {
      expect(Object.keys(l).slice(0, 12)).toEqual(['file', 'id', 'messageId', 'subject', 'from', 'fromName', 'fromDomain', 'date', 'lang', 'numbers', 'attachments', 'issues']);
    }
    const numbers = lines.map((l) => (l.numbers as { e164: string }[]).map((n) => n.e164));
    expect(numbers[2]).toEqual(['+18889087930']);
    expect(numbers[3]).toEqual(['+18047134598']);
    expect(numbers[4]).toEqual([]);
    expect(numbers[5]).toEqual(['+18884612290']);
  });

  it('--region sets the fallback for numbers without hints; a bad region is a clear error', { timeout: 180_000 }, async () => {
    const dir = temp.make('callhound-cli-region-');
    const file = path.join(dir, 'au.eml');
    writeFileSync(file, 'Subject: x\r\nFrom: a@example.com\r\n\r\nPhone 0412 345 678\r\n');
    const au = await callhound(['extract', file, '--json', '--no-ocr', '--region', 'AU', '--workers', '1']);
    expect((JSON.parse(au.stdout) as { numbers: { e164: string }[] }).numbers.map((n) => n.e164)).toEqual(['+61412345678']);
    const bad = await callhound(['extract', file, '--region', 'USA']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--region expects a two-letter country code/);
    const missing = await callhound(['extract', path.join(dir, 'nope.eml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.eml/);
  });

  it('without --json prints a readable summary', { timeout: 180_000 }, async () => {
    const dir = temp.make('callhound-cli-summary-');
    writeFileSync(path.join(dir, 'a.eml'), forwardedMessage());
    const { stdout, code } = await callhound(['extract', dir, '--no-ocr', '--workers', '1']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/a\.eml: \+18884612290 \(toll_free, body\)/);
    expect(stdout).toMatch(/1 messages in .* 1 with numbers, 1 distinct numbers/);
  });

  it('--json carries the calendar invitation (method, events) and numbers with where calendar', { timeout: 180_000 }, async () => {
    const file = path.join(temp.make('callhound-cli-calendar-'), 'invite.eml');
    writeFileSync(file, googleCalendarInvitation());
    const { stdout, code } = await callhound(['extract', file, '--json', '--no-ocr', '--workers', '1']);
    expect(code).toBe(0);
    const line = JSON.parse(stdout.trim()) as { calendar?: { method: string; events: { start: string }[] }; numbers: { e164: string; where: string[] }[] };
    expect(line.calendar?.method).toBe('REQUEST');
    expect(line.calendar?.events[0]?.start).toBe(INVITATION.startUtc);
    expect(line.numbers.find((n) => n.e164 === INVITATION.locationNumber)?.where).toEqual(['calendar']);
  });
});
