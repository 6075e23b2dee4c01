import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { huntBypasses } from '../helpers/hunt-bypasses.js';
import { buildHuntGraph, huntScenario, N } from '../helpers/hunt-graph.js';
import { resetGraph, testDriver, testNeo4jConfig } from '../helpers/neo4j.js';

const run = promisify(execFile);
let driver: Driver;
let userDir: string;

beforeAll(async () => {
  driver = await testDriver();
  await resetGraph(driver);
  await buildHuntGraph(driver, huntScenario);
  userDir = mkdtempSync(path.join(os.tmpdir(), 'callhound-cli-hunts-'));
});
afterAll(async () => {
  rmSync(userDir, { recursive: true, force: true });
  await driver.close();
});

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return cliIn(userDir, ...args);
}

async function cliIn(huntsDir: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const db = testNeo4jConfig();
  const env = { ...process.env, NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password, CALLHOUND_HUNTS_DIR: huntsDir };
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/main.ts', ...args], { env, timeout: 90_000 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

// Each CLI call starts tsx (several seconds on a busy machine), hence the generous timeout.
describe('callhound hunt / reputation / blocklist', { timeout: 300_000 }, () => {
  it('runs a hunt as CSV with a limit and says it was cut, on stderr', async () => {
    const { stdout, stderr, code } = await cli('hunt', 'run', 'consecutive-reuse', '--format', 'csv', '--limit', '2');
    expect(code).toBe(0);
    expect(stdout).toBe(`number,longestRun,activeDays,firstSeen,lastSeen,emails\r\n${N.A},4,4,2026-03-03,2026-03-06,7\r\n${N.H},2,3,2026-03-01,2026-03-20,3\r\n`);
    expect(stderr).toContain('note: row limit reached: 2 row(s) returned of 5');
  });

  it('prints JSON with the Cypher and parameters, and refuses a bad parameter before connecting', async () => {
    const json = await cli('hunt', 'run', 'block-siblings', '--param', 'number=(804) 713-4598', '--param', 'window=5', '--format', 'json');
    const result = JSON.parse(json.stdout) as { params: unknown; rows: { number: string }[]; cypher: string };
    expect(result.params).toEqual({ number: N.A, window: 5 });
    expect(result.rows.map((r) => r.number)).toEqual([N.A, N.B]);
    expect(result.cypher).toContain('$window');
    const bad = await cli('hunt', 'run', 'block-siblings', '--param', 'number=12');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('callhound: parameter number: "12" is not a phone number (any format; national numbers are read as US)');
  });

  it('imports a pack into CALLHOUND_HUNTS_DIR and runs the imported hunt', async () => {
    const pack = path.join(userDir, '..', `pack-${process.pid}.json`);
    writeFileSync(pack, JSON.stringify({ format: 'callhound-hunts', version: 1, hunts: [{ name: 'busy', source: '// @title Busy\n// @result table\n// @param min integer = 3 -- emails\nMATCH (p:PhoneNumber) WHERE p.emailCount >= $min RETURN p.e164 AS number ORDER BY number\n' }] }));
    const imported = await cli('hunt', 'import', pack);
    expect(imported.stderr).toContain('1 imported, 0 not imported (hunt pack)');
    const again = await cli('hunt', 'import', pack);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('use --force to overwrite');
    const ran = await cli('hunt', 'run', 'busy', '--format', 'csv');
    expect(ran.stdout).toBe(`number\r\n${N.H}\r\n${N.A}\r\n`);
    rmSync(pack, { force: true });
  });

  it('refuses every guard bypass in `hunt check` and `hunt run`, naming file, line and column (issue 15)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'callhound-cli-bypasses-'));
    try {
      const bypasses = huntBypasses('http://127.0.0.1:9/leak');
      for (const [name, { statement }] of Object.entries(bypasses)) writeFileSync(path.join(dir, `${name}.cypher`), `// @title ${name}\n// @result table\n${statement}\n`);
      const check = await cliIn(dir, 'hunt', 'check');
      expect(check.code).toBe(1);
      for (const [name, { refusal }] of Object.entries(bypasses)) {
        const line = check.stderr.split('\n').find((l) => l.includes(`${name}.cypher:`));
        expect(line, name).toMatch(new RegExp(`^hunt skipped: .*${name}\\.cypher:\\d+:\\d+: `));
        expect(line, name).toMatch(refusal);
      }
      expect(check.stderr).toMatch(/\d+ hunt\(s\) valid; [1-9]\d* problem\(s\)/); // the library hunts stay valid
      for (const name of ['bypass-load-csv-split', 'bypass-terminate-split']) {
        const ran = await cliIn(dir, 'hunt', 'run', name);
        expect(ran.code, name).toBe(1);
        expect(ran.stdout).toBe('');
        expect(ran.stderr).toContain(`no hunt named "${name}"`);
        expect(ran.stderr).toMatch(new RegExp(`hunt skipped: .*${name}\\.cypher:3:1: `));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a reputation and a predicted blocklist', async () => {
    const rep = await cli('reputation', '804-713-4600', '--json');
    expect(JSON.parse(rep.stdout)).toMatchObject({ number: '+18047134600', verdict: 'likely-next-rotation', score: 95 });
    const text = await cli('reputation', '804-713-4600');
    expect(text.stdout.split('\n')[0]).toBe('+18047134600  unseen  score 95/100  (likely-next-rotation: likely next rotation)');
    const list = await cli('blocklist', '--predict', '--format', 'txt', '--next', '1');
    const lines = list.stdout.trim().split('\n');
    expect(lines).toContain(N.A);
    expect(lines).toContain('+18047134600');
    expect(lines).toContain('+18047134701');
    expect(lines).not.toContain('+18047134702');
    expect(list.stderr).toMatch(/15 known number\(s\), \d+ predicted/);
  });
});
