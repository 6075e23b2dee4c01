/**
 * Escape sequences from hostile mail (subjects, file names) must reach the analyst's terminal as visible
 * text, never as commands: `callhound extract` escapes them in both its JSON and its summary output.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { summaryLine } from '../../src/cli/commands/extract.js';
import { terminalSafeJson, terminalSafeText } from '../../src/output/index.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
/** ESC sequences (clear screen, colour, window title with BEL), a one-character C1 CSI, DEL, a line separator. */
const EVIL = 'Paid \u001b[2J\u001b[31mRED\u001b]0;owned\u0007 \u009b31m \u007f \u2028 end';
const RAW_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

const temp = tempDirs();

describe('terminal-safe output', () => {
  it('escapes every control a terminal acts on, and the JSON still parses to the same value', () => {
    const value = { subject: EVIL, nested: [EVIL] };
    const line = terminalSafeJson(value);
    expect(line).not.toMatch(RAW_CONTROLS);
    expect(JSON.parse(line)).toEqual(value);
    expect(terminalSafeText(EVIL)).not.toMatch(RAW_CONTROLS);
    expect(terminalSafeText(EVIL)).toContain('\\u001b[2J');
  });

  it('the summary line shows a hostile file name escaped', () => {
    const line = summaryLine({ file: 'inv\u001b[2Joice\u009b.eml', id: 'x', messageId: null, subject: EVIL, from: null, fromDomain: null, date: null,
      numbers: [], attachments: [], issues: [{ code: 'control_characters', message: EVIL }] });
    expect(line).not.toMatch(RAW_CONTROLS);
    expect(line).toBe('inv\\u001b[2Joice\\u009b.eml: no numbers  [control_characters]');
  });

  it('callhound extract --json prints hostile subjects and file names escaped', { timeout: 120_000 }, async () => {
    const dir = temp.make('callhound-hostile-cli-');
    const subject = `=?utf-8?b?${Buffer.from(EVIL).toString('base64')}?=`;
    writeFileSync(path.join(dir, 'inv\u001b[2Joice\u009b.eml'), `From: a@hostile.example\r\nSubject: ${subject}\r\n\r\nCall support now: +1 888-555-0123\r\n`);
    const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'extract', dir, '--no-ocr', '--workers', '1', ...args], { cwd: ROOT });

    const json = await cli(['--json']);
    expect(json.stdout).not.toMatch(RAW_CONTROLS);
    const observation = JSON.parse(json.stdout.trim()) as { subject: string; file: string; issues: { code: string }[] };
    expect(observation.subject).toBe(EVIL);
    expect(path.basename(observation.file)).toBe('inv\u001b[2Joice\u009b.eml');
    expect(observation.issues.map((i) => i.code)).toContain('control_characters');
  });

  it('callhound hunt list / show print a shared hunt\'s title, description and parameter help escaped', { timeout: 120_000 }, async () => {
    const dir = temp.make('callhound-hostile-hunts-');
    // A hunt file's header is read line by line, so its hostile text has no line breaks of any kind.
    const EVIL = 'Paid \u001b[2J\u001b[31mRED\u001b]0;owned\u0007 \u009b31m \u007f end';
    writeFileSync(path.join(dir, 'evil.cypher'), [
      `// @title Refunds ${EVIL}`,
      '// @description what \u001b]8;;http://evil.example\u001b\\this\u001b]8;;\u001b\\ finds\rcallhound: all clear',
      '// @result table',
      `// @param min integer = 3 -- emails ${EVIL}`,
      'MATCH (p:PhoneNumber) WHERE p.emailCount >= $min RETURN p.e164 AS number',
      '',
    ].join('\n'));
    const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'hunt', ...args], { cwd: ROOT, env: { ...process.env, CALLHOUND_HUNTS_DIR: dir } });

    const list = await cli(['list']);
    const line = list.stdout.split('\n').find((l) => l.startsWith('evil '));
    expect(line).toContain('Refunds Paid \\u001b[2J');
    expect(list.stdout).not.toMatch(RAW_CONTROLS);
    expect(list.stdout).toContain('emails Paid \\u001b[2J');

    const json = await cli(['list', '--json']);
    expect(json.stdout).not.toMatch(RAW_CONTROLS);
    expect((JSON.parse(json.stdout) as Array<{ name: string; title: string }>).find((h) => h.name === 'evil')?.title).toBe(`Refunds ${EVIL}`);

    const show = await cli(['show', 'evil']);
    expect(show.stdout).not.toMatch(RAW_CONTROLS);
    expect(show.stdout.split('\n')).toHaveLength(6);
    expect(show.stdout).toContain('finds\\u000dcallhound: all clear');
  });
});
