import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readProtections } from '../../src/graph/protections.js';
import { passwordFile, pidFile } from '../../src/localdb/paths.js';
import { testDriver } from '../helpers/neo4j.js';

/**
 * The local Neo4j that callhound starts (the same launcher as `callhound db start`; the test run's database
 * comes from it) locks Cypher in by its own settings, so a hunt that got past callhound's checks still could
 * not read the machine's files or send data out. Statements here go to the database directly with the
 * driver, in a write session, skipping every check of callhound's.
 */

let driver: Driver;
let listener: net.Server;
let listenerPort: number;
let connections = 0;

beforeAll(async () => {
  driver = await testDriver();
  listener = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerPort = (listener.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await driver?.close();
  await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
});

async function runDirectly(statement: string): Promise<unknown> {
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
  try {
    return (await session.run(statement)).records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}

describe('the local database itself', () => {
  it('has a listener that works: a plain TCP connection to it is counted (so "nothing received" below means something)', async () => {
    const before = connections;
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(listenerPort, '127.0.0.1', () => socket.end());
      socket.once('close', () => resolve());
      socket.once('error', reject);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connections).toBe(before + 1);
    connections = 0;
  });

  it("refuses LOAD CSV FROM 'file:///etc/passwd'", async () => {
    expect(readFileSync('/etc/passwd', 'utf8')).toMatch(/^root:/); // the file exists: a refusal is the database's
    await expect(runDirectly("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row")).rejects.toThrow(/file URL|not allowed|allow_csv_import_from_file_urls/i);
  });

  it('refuses file URLs also inside the import directory and by relative path', async () => {
    await expect(runDirectly("LOAD CSV FROM 'file:///../../../../etc/passwd' AS row RETURN row")).rejects.toThrow();
    await expect(runDirectly("LOAD CSV FROM 'file:///x.csv' AS row RETURN row")).rejects.toThrow(/file URL|not allowed|allow_csv_import_from_file_urls/i);
  });

  it.each([
    ['127.0.0.1', (port: number) => `http://127.0.0.1:${port}/leak?numbers=`],
    ['localhost', (port: number) => `http://localhost:${port}/leak?numbers=`],
    ['::1', (port: number) => `http://[::1]:${port}/leak?numbers=`],
    ['https', (port: number) => `https://127.0.0.1:${port}/leak?numbers=`],
  ])('refuses LOAD CSV from http(s) on %s, and the listener receives nothing', async (_what, url) => {
    const before = connections;
    await expect(runDirectly(`MATCH (n) WITH count(n) AS c LOAD CSV FROM '${url(listenerPort)}' + c AS row RETURN row`)).rejects.toThrow(/blocked|cypher_ip_blocklist|not allowed/i);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connections).toBe(before);
  });

  it('reports its three protections as on, read with its own settings', async () => {
    const protections = await readProtections(driver);
    expect(Object.fromEntries(protections.map((p) => [p.setting, p.state]))).toEqual({
      'dbms.security.allow_csv_import_from_file_urls': 'on',
      'server.directories.import': 'on',
      'internal.dbms.cypher_ip_blocklist': 'on',
    });
    const importDir = protections.find((p) => p.setting === 'server.directories.import')?.value ?? '';
    expect(importDir).toMatch(/import-empty$/);
  });

  it('keeps the password out of the command line of the Neo4j process, and leaves no password file behind', () => {
    const { dataDir, password } = inject('neo4j');
    const pid = Number(readFileSync(pidFile(dataDir), 'utf8').trim());
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    expect(cmdline).toContain('callhound.neo4j.Launcher'); // it is the launcher's process
    expect(cmdline).not.toContain(password);
    expect(cmdline).not.toMatch(/callhound\.password=/);
    expect(existsSync(passwordFile(dataDir))).toBe(false);
  });
});
