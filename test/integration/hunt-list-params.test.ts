import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { huntsProvider } from '../../src/server/hunts-provider.js';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { testDriver, testNeo4jConfig } from '../helpers/neo4j.js';

// Issue 16: list parameters were joined with "," by the API's hunts provider and split on "," by the
// parameter conversion, so an item holding a comma arrived as two. The hunt returns the items it received.
const echoHunt = `// @title Names given (list parameters)
// @result table
// @param names list<string> = one,two -- names to echo
// @param limit integer = 10 -- one value, not a list
UNWIND $names AS name
RETURN name, size(name) AS length
LIMIT $limit
`;

const run = promisify(execFile);

describe('list parameters of hunts keep items that hold commas', { timeout: 300_000 }, () => {
  let driver: Driver;
  let server: TestServer;
  let huntsDir: string;
  beforeAll(async () => {
    driver = await testDriver();
    huntsDir = mkdtempSync(path.join(os.tmpdir(), 'callhound-list-params-'));
    writeFileSync(path.join(huntsDir, 'echo-names.cypher'), echoHunt);
    server = await startTestServer(driver, { hunts: huntsProvider(driver, { region: 'US', userDir: huntsDir }) });
  });
  afterAll(async () => {
    await server.close();
    await driver.close();
    rmSync(huntsDir, { recursive: true, force: true });
  });

  const runApi = (params: Record<string, unknown>) => server.call('/api/hunts/echo-names/run', { method: 'POST', body: JSON.stringify({ params }) });

  it('the API passes a JSON list through: one item per list element', async () => {
    const res = await runApi({ names: ['Smith, John', 'plain', ' spaced '] });
    expect(res.status, res.text).toBe(200);
    expect(res.body.params).toEqual({ names: ['Smith, John', 'plain', ' spaced '], limit: 10 });
    expect(res.body.rows).toEqual([
      { name: 'Smith, John', length: 11 },
      { name: 'plain', length: 5 },
      { name: ' spaced ', length: 8 },
    ]);
  });

  it('the API keeps the text form for a list given as a string, and refuses a list for a one-value parameter', async () => {
    const text = await runApi({ names: 'a, b' });
    expect(text.status, text.text).toBe(200);
    expect(text.body.params.names).toEqual(['a', 'b']);
    const numbers = await runApi({ names: ['x'], limit: 1 });
    expect(numbers.body.rows).toEqual([{ name: 'x', length: 1 }]);
    const listForOne = await runApi({ limit: [1, 2] });
    expect(listForOne.status).toBe(400);
    expect(listForOne.body.error).toMatchObject({ code: 'bad_param', message: 'parameter limit takes one integer, not a list' });
    const nested = await runApi({ names: ['a', ['b']] });
    expect(nested.status).toBe(400);
    expect(nested.body.error.code).toBe('bad_param');
  });

  async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
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

  it('the CLI reads --param k=\'["a,b","c"]\' as a JSON list and k=a,b as text', async () => {
    const json = await cli('hunt', 'run', 'echo-names', '--param', 'names=["a,b","c"]', '--format', 'json');
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as { params: unknown; rows: unknown[] };
    expect(result.params).toEqual({ names: ['a,b', 'c'], limit: 10 });
    expect(result.rows).toEqual([{ name: 'a,b', length: 3 }, { name: 'c', length: 1 }]);
    const text = await cli('hunt', 'run', 'echo-names', '--param', 'names=a,b', '--format', 'json');
    expect((JSON.parse(text.stdout) as { params: unknown }).params).toEqual({ names: ['a', 'b'], limit: 10 });
    const bad = await cli('hunt', 'run', 'echo-names', '--param', 'names=[a,b');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('callhound: parameter names: "[a,b" starts with [ but is not a JSON list (write items separated by commas, or a JSON list such as ["a,b","c"])');
  });
});
