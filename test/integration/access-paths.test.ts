import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { huntsProvider } from '../../src/server/hunts-provider.js';
import { rawRequest } from '../helpers/access.js';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';
import { seedUiGraph } from '../helpers/ui-graph.js';

/**
 * Path-like parameters cannot read files: `../`, encoded `%2e%2e%2f` and `%2f`, backslashes, double encoding,
 * absolute paths and NUL bytes, sent byte for byte (no client-side normalisation) at the static files, the
 * snapshot links, hunt names, snapshot ids, export formats, node keys and numbers. A secret file sits next
 * to the web directory and a valid hunt file next to the hunts directory: neither may be reached.
 */

const marker = `SECRET-${randomBytes(8).toString('hex')}`;
const huntMarker = `hunt-marker-${randomBytes(4).toString('hex')}`;

describe('access: path-like parameters cannot read files', () => {
  let driver: Driver;
  let server: TestServer;
  let root: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'callhound-access-paths-'));
    const webDir = path.join(root, 'web');
    const huntsDir = path.join(root, 'hunts');
    mkdirSync(webDir);
    mkdirSync(huntsDir);
    writeFileSync(path.join(root, 'secret.txt'), `${marker}\n`);
    writeFileSync(path.join(root, 'secret.html'), `<p>${marker}</p>\n`);
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>workspace</title>\n');
    writeFileSync(path.join(webDir, 'snapshot.html'), '<!doctype html><title>snapshot</title>\n');
    writeFileSync(path.join(webDir, 'app.js'), 'console.log("app");\n');
    // A valid hunt just outside the hunts directory: reaching it by name would prove a traversal.
    const outsideHunt = `// @title Outside\n// @result table\nRETURN '${huntMarker}' AS leaked\n`;
    writeFileSync(path.join(root, 'outside.cypher'), outsideHunt);
    writeFileSync(path.join(huntsDir, 'inside.cypher'), `// @title Inside\n// @result table\nRETURN 'inside' AS ok\n`);
    driver = await testDriver();
    await resetGraph(driver);
    await seedUiGraph(driver);
    server = await startTestServer(driver, { webDir, hunts: huntsProvider(driver, { region: 'US', userDir: huntsDir }) });
    auth = { authorization: `Bearer ${server.token}` };
  });

  afterAll(async () => {
    await server?.close();
    await driver?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const leaks = (text: string): boolean => text.includes(marker) || text.includes(huntMarker) || /root:.*:0:0:/.test(text) || text.includes('"name": "callhound"');

  it('serves the real static files and user hunts (so the refusals below are meaningful)', async () => {
    expect((await rawRequest(server.url, '/app.js')).status).toBe(200);
    const inside = await rawRequest(server.url, '/api/hunts/inside/run', { method: 'POST', headers: auth, body: '{}' });
    expect(inside.status).toBe(200);
    expect(inside.text).toContain('inside');
  });

  const staticAttempts = [
    '/../secret.txt',
    '/web/../secret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/..%252fsecret.txt',
    '/%252e%252e%252fsecret.txt',
    '/....//secret.txt',
    '/..%c0%afsecret.txt',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/%2Fetc%2Fpasswd',
    `/${encodeURIComponent(path.join(os.tmpdir(), 'x', '..', 'secret.txt'))}`,
    '/app.js%00.html',
    '/app.js%00',
    '/%00../secret.txt',
    '/..%00/secret.txt',
    '/../secret.html',
    '/..%2fsecret.html',
    '/../../../../../../etc/passwd',
    '/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
  ];

  it.each(staticAttempts)('static path %s reads nothing outside the web directory', async (attempt) => {
    const res = await rawRequest(server.url, attempt);
    expect(leaks(res.text), `${attempt} leaked: ${res.text.slice(0, 200)}`).toBe(false);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  const snapshotLinkAttempts = [
    '/s/..%2fsecret.txt',
    '/s/..%2f..%2fsecret.txt',
    '/s/%2e%2e%2fsecret.txt/data',
    '/s/..%2F..%2Fsecret.txt/data',
    '/s/%2Fetc%2Fpasswd/data',
    '/s/aaaaaaaaaaaaaaaaaaaaaaa%00/data',
    '/s/aaaaaaaaaaaaaaaaaaaaaaaa/export/..%2f..%2fsecret.txt',
    '/s/aaaaaaaaaaaaaaaaaaaaaaaa/export/%2e%2e%2fsecret.txt',
    '/s/aaaaaaaaaaaaaaaaaaaaaaaa/export/json%00',
    '/s/../secret.txt',
    '/s/%2e%2e/secret.txt',
    '/s/..%2fweb%2f..%2fsecret.html',
  ];

  it.each(snapshotLinkAttempts)('snapshot link %s reads no file', async (attempt) => {
    const res = await rawRequest(server.url, attempt);
    expect(leaks(res.text), `${attempt} leaked: ${res.text.slice(0, 200)}`).toBe(false);
    expect([400, 404]).toContain(res.status);
  });

  const apiAttempts: Array<[string, string]> = [
    ['POST', '/api/hunts/..%2Foutside/run'],
    ['POST', '/api/hunts/..%2foutside/run'],
    ['POST', '/api/hunts/%2e%2e%2foutside/run'],
    ['POST', '/api/hunts/..%5Coutside/run'],
    ['POST', `/api/hunts/${encodeURIComponent(path.join(os.tmpdir(), 'outside'))}/run`],
    ['POST', '/api/hunts/%2Fetc%2Fpasswd/run'],
    ['POST', '/api/hunts/inside%00/run'],
    ['POST', '/api/hunts/inside%00..%2Foutside/run'],
    ['POST', '/api/hunts/outside.cypher/run'],
    ['POST', '/api/hunts/..%252Foutside/run'],
    ['GET', '/api/snapshots/..%2F..%2Fsecret.txt'],
    ['GET', '/api/snapshots/%2e%2e%2fsecret.txt'],
    ['GET', '/api/snapshots/%2Fetc%2Fpasswd'],
    ['GET', '/api/snapshots/%00'],
    ['DELETE', '/api/snapshots/..%2F..%2Fsecret.txt'],
    ['POST', '/api/export/..%2f..%2fsecret.txt'],
    ['POST', '/api/export/%2Fetc%2Fpasswd'],
    ['POST', '/api/export/json%00'],
    ['GET', '/api/nodes/..%2F..%2Fetc%2Fpasswd'],
    ['GET', '/api/nodes/Email%3A..%2F..%2Fsecret.txt'],
    ['GET', '/api/nodes/Email%3A%2Fetc%2Fpasswd/neighbours'],
    ['GET', '/api/nodes/PhoneNumber%3A%00/neighbours'],
    ['GET', '/api/reputation/%2Fetc%2Fpasswd'],
    ['GET', '/api/reputation/..%2F..%2Fsecret.txt'],
    ['GET', '/api/reputation/%00'],
    ['GET', '/api/clusters/..%2Fsecret/graph'],
    ['GET', '/api/clusters/%2Fetc%2Fpasswd/graph'],
    ['GET', '/api/search?q=..%2F..%2Fsecret.txt'],
    ['GET', '/api/search?q=%2Fetc%2Fpasswd&kind=key'],
    ['GET', '/api/search?q=file%3A%2F%2F%2Fetc%2Fpasswd'],
    ['GET', '/api/search?q=a%00b'],
    ['GET', '/api/../secret.txt'],
    ['GET', '/api/..%2fsecret.txt'],
  ];

  it.each(apiAttempts)('API %s %s reads no file and runs no hunt outside the hunts directory', async (method, attempt) => {
    const res = await rawRequest(server.url, attempt, { method, headers: auth, ...(method === 'POST' ? { body: '{}' } : {}) });
    expect(leaks(res.text), `${attempt} leaked: ${res.text.slice(0, 200)}`).toBe(false);
    // Refused (400/404) or, for search, an answer with no file in it; never a server error.
    expect(res.status).toBeLessThan(500);
    if (!attempt.startsWith('/api/search')) expect([400, 404]).toContain(res.status);
  });
});
