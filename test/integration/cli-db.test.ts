import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { testNeo4jConfig } from '../helpers/neo4j.js';

function callhound(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string; ms: number } {
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, ms: Date.now() - started };
}

describe('callhound db status (CLI)', () => {
  it('reports up, the URI, the Neo4j version and node counts', () => {
    const db = testNeo4jConfig();
    const run = callhound(['db', 'status', '--json'], { NEO4J_URI: db.uri, NEO4J_PASSWORD: db.password });
    expect(run.status).toBe(0);
    const status = JSON.parse(run.stdout) as { up: boolean; uri: string; version: string; nodeCounts: Record<string, number> };
    expect(status).toMatchObject({ up: true, uri: db.uri });
    expect(status.version).toMatch(/^5\.26\./);
    expect(typeof status.nodeCounts.total).toBe('number');
  });

  it("reports the database's own protections (file URLs, import directory, IP blocklist) as on for the local database", () => {
    const db = testNeo4jConfig();
    const json = callhound(['db', 'status', '--json'], { NEO4J_URI: db.uri, NEO4J_PASSWORD: db.password });
    const status = JSON.parse(json.stdout) as { protections: { setting: string; state: string }[] };
    expect(Object.fromEntries(status.protections.map((p) => [p.setting, p.state]))).toEqual({
      'dbms.security.allow_csv_import_from_file_urls': 'on',
      'server.directories.import': 'on',
      'internal.dbms.cypher_ip_blocklist': 'on',
    });
    const text = callhound(['db', 'status'], { NEO4J_URI: db.uri, NEO4J_PASSWORD: db.password });
    expect(text.stderr).toContain('database protections: on (no file URLs, empty import directory, every address blocked for Cypher)');
  });

  it('`callhound serve` says the same before it opens the workspace', async () => {
    const db = testNeo4jConfig();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], {
      env: { ...process.env, NEO4J_URI: db.uri, NEO4J_PASSWORD: db.password, CALLHOUND_TOKEN: 'a-test-token-0123456789' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString('utf8');
          if (stderr.includes('open the workspace')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
      });
    } finally {
      child.kill('SIGTERM');
    }
    expect(stderr).toContain('callhound serve: database protections: on (no file URLs, empty import directory, every address blocked for Cypher)');
    expect(stderr.indexOf('database protections')).toBeLessThan(stderr.indexOf('open the workspace'));
  });

  it('says down in one line, within 10 s, for a wrong password', () => {
    const db = testNeo4jConfig();
    const run = callhound(['db', 'status'], { NEO4J_URI: db.uri, NEO4J_PASSWORD: 'not-the-password' });
    expect(run.status).not.toBe(0);
    expect(run.ms).toBeLessThan(10_000 + 3_000); // + start-up of node/tsx itself
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^down: .*wrong NEO4J_USER or NEO4J_PASSWORD/);
  });

  it('names the bad variable for invalid configuration, without a stack trace', () => {
    const run = callhound(['db', 'migrate'], { NEO4J_URI: 'http://nope' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^callhound: invalid configuration: NEO4J_URI/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
