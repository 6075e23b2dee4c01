/**
 * Issue 15 part 4, through the real Express app and a real Neo4j: deep JSON bodies, impossible dates, the
 * Host header (DNS rebinding), the rate limiter's buckets, data-named styles in the SVG export, and snapshot
 * links that answer alike for unknown and malformed ids.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server/start.js';
import { newSnapshotId } from '../../src/snapshots/store.js';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { resetGraph, testDriver, testNeo4jConfig } from '../helpers/neo4j.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const temp = tempDirs();
const NOT_FOUND = JSON.stringify({ error: { code: 'not_found', message: 'no such snapshot' } });

/** A request with a Host header of our choosing (fetch does not let a page, or a test, set it). */
function rawRequest(url: string, pathName: string, headers: Record<string, string>): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, path: pathName, headers, setHost: !('host' in headers) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const view = (labels: string[]) => ({
  title: 'labels from data',
  elements: { nodes: labels.map((label, i) => ({ key: `${/^[A-Za-z]+$/.test(label) ? label : 'X'}:${i}`, label, caption: label, volume: 1 })), edges: [] },
  positions: {},
});

describe('access: the smaller holes of issue 15', () => {
  let driver: Driver;
  let server: TestServer;
  let webDir: string;

  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
    await driver.executeQuery("CREATE (:PhoneNumber {e164: '+18047134598'})<-[:MENTIONS]-(:Email {id: 'e1', day: date('2024-02-29')})");
    webDir = temp.make('callhound-holes-web-');
    writeFileSync(path.join(webDir, 'snapshot.html'), '<!doctype html><title>snapshot</title>');
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>workspace</title>');
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'assets', 'app.js'), 'void 0;');
    server = await startTestServer(driver, { webDir, allowedHosts: ['callhound.internal'] });
  });

  afterAll(async () => {
    await server?.close();
    await driver?.close();
  });

  describe('JSON bodies: size and depth are limited before parsing', () => {
    it('8 MB of nested arrays with the token: 400 with the JSON error shape, quickly, and the server keeps answering', async () => {
      const depth = 4 * 1024 * 1024 - 16;
      const body = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      expect(body.length).toBeLessThan(8 * 1024 * 1024);
      const started = performance.now();
      const [deep, meta] = await Promise.all([
        server.call('/api/snapshots', { method: 'POST', body }),
        new Promise<Awaited<ReturnType<TestServer['call']>>>((resolve, reject) => setTimeout(() => server.call('/api/meta').then(resolve, reject), 50)),
      ]);
      const ms = performance.now() - started;
      expect(deep.status).toBe(400);
      expect(deep.body).toEqual({ error: { code: 'too_deep', message: 'request body nests arrays and objects more than 64 levels deep' } });
      expect(meta.status).toBe(200);
      // Reading and scanning 8 MB takes tens of ms; parsing it took about 5 s and ended in a 500.
      expect(ms).toBeLessThan(3000);
    });

    it('deep objects on the small-body routes too, and a depth the workspace uses still passes', async () => {
      const deep = await server.call('/api/hunts/x/run', { method: 'POST', body: `${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}` });
      expect(deep.status).toBe(400);
      expect(deep.body.error.code).toBe('too_deep');
      const brackets = await server.call('/api/hunts/x/run', { method: 'POST', body: JSON.stringify({ params: { q: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' } }) });
      expect(brackets.body?.error?.code).not.toBe('too_deep');
      let nested: unknown = { x: 1 };
      for (let i = 0; i < 20; i++) nested = { nested };
      const ok = await server.call('/api/export/json', { method: 'POST', body: JSON.stringify({ ...view(['PhoneNumber']), view: { nested } }) });
      expect(ok.status).toBe(200);
    });

    it('a body over the size limit is 413 with the JSON error shape', async () => {
      const res = await server.call('/api/snapshots', { method: 'POST', body: JSON.stringify({ title: 'x', note: 'y'.repeat(9 * 1024 * 1024) }) });
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ error: { code: 'too_large', message: 'request body too large' } });
    });
  });

  describe('dates in expand', () => {
    it.each(['9999-99-99', '2024-13-45', '2023-02-29', '2024-04-31', '2024-00-10'])('%s as from or to is 400, not a 500 from Neo4j', async (day) => {
      for (const param of ['from', 'to']) {
        const res = await server.call(`/api/nodes/${encodeURIComponent('PhoneNumber:+18047134598')}/neighbours?${param}=${day}`);
        expect(res.status, `${param}=${day}`).toBe(400);
        expect(res.body.error.code).toBe('bad_request');
        expect(res.body.error.message).toMatch(/calendar date/);
      }
    });

    it('a real leap day is a date', async () => {
      const res = await server.call(`/api/nodes/${encodeURIComponent('PhoneNumber:+18047134598')}/neighbours?from=2024-02-29&to=2024-02-29`);
      expect(res.status).toBe(200);
      expect(res.body.nodes).toHaveLength(1);
    });
  });

  describe('the Host header (DNS rebinding)', () => {
    const paths = ['/', '/api/meta', '/api/snapshots', `/s/${newSnapshotId()}`, `/s/${newSnapshotId()}/data`, '/assets/app.js'];

    it.each(['evil.example', 'evil.example:8080', 'localhost.evil.example', '127.0.0.1.nip.io', '10.0.0.5'])('Host: %s is refused everywhere, token or not', async (host) => {
      for (const p of paths) {
        const res = await rawRequest(server.url, p, { host, authorization: `Bearer ${server.token}` });
        expect(res.status, `${host} ${p}`).toBe(403);
        expect(JSON.parse(res.text).error.code).toBe('host_not_allowed');
      }
    });

    it.each(['localhost', '127.0.0.1', '[::1]', 'LOCALHOST', 'localhost.', 'callhound.internal'])('Host: %s (with the port) is served', async (name) => {
      const port = new URL(server.url).port;
      for (const host of [name, `${name}:${port}`]) {
        const meta = await rawRequest(server.url, '/api/meta', { host, authorization: `Bearer ${server.token}` });
        expect(meta.status, host).toBe(200);
        const page = await rawRequest(server.url, '/', { host });
        expect(page.status, host).toBe(200);
      }
    });

    it('callhound serve answers to its bind host and CALLHOUND_ALLOWED_HOSTS, and not to others', async () => {
      const db = testNeo4jConfig();
      const config = loadConfig({ NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password, CALLHOUND_HOST: '127.0.0.1', CALLHOUND_ALLOWED_HOSTS: 'workspace.lab, 192.168.7.7', CALLHOUND_TOKEN: 'test-token-0123456789abcdef' });
      const started = await startServer(driver, config, { port: 0, webDir });
      try {
        const meta = (host: string) => rawRequest(started.url, '/api/meta', { host, authorization: `Bearer ${started.token}` });
        expect((await meta('workspace.lab:1234')).status).toBe(200);
        expect((await meta('192.168.7.7')).status).toBe(200);
        expect((await meta(new URL(started.url).host)).status).toBe(200);
        expect((await meta('other.lab')).status).toBe(403);
      } finally {
        await new Promise((resolve) => started.server.close(resolve));
      }
    });
  });

  describe('rate limits count requests without the token apart', () => {
    it('a page firing requests without the token does not lock the analyst out, and each bucket still limits', async () => {
      const limited = await startTestServer(driver, { webDir, apiRatePerMinute: 5 });
      try {
        const anonymous: number[] = [];
        for (let i = 0; i < 8; i++) anonymous.push((await limited.call('/api/meta', { auth: false })).status);
        expect(anonymous.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
        expect(anonymous.slice(5)).toEqual([429, 429, 429]);
        const wrong = await limited.call('/api/meta', { auth: false, headers: { authorization: 'Bearer wrong-token-0123456789' } });
        expect(wrong.status).toBe(429);
        const analyst: number[] = [];
        for (let i = 0; i < 7; i++) analyst.push((await limited.call('/api/meta')).status);
        expect(analyst.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
        expect(analyst.slice(5)).toEqual([429, 429]);
      } finally {
        await limited.close();
      }
    });
  });

  describe('styles looked up by label', () => {
    const labels = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'PhoneNumber'];

    it('SVG and HTML exports of a view whose labels are Object.prototype names answer 200', async () => {
      for (const format of ['svg', 'json', 'cyjs', 'csv', 'misp']) {
        const res = await server.call(`/api/export/${format}`, { method: 'POST', body: JSON.stringify(view(labels)) });
        expect(res.status, format).toBe(200);
      }
      const svg = await server.call('/api/export/svg', { method: 'POST', body: JSON.stringify(view(labels)) });
      expect(svg.text.match(/fill="#777777"/g)).toHaveLength(5);
      expect(svg.text).not.toContain('undefined');
    });

    it('and through a saved snapshot link', async () => {
      const saved = await server.call('/api/snapshots', { method: 'POST', body: JSON.stringify(view(labels)) });
      expect(saved.status).toBe(201);
      const svg = await server.call(`/s/${saved.body.id}/export/svg`, { auth: false });
      expect(svg.status).toBe(200);
      expect(svg.text).toContain('<svg');
    });
  });

  describe('snapshot links answer alike', () => {
    let id: string;
    beforeAll(async () => {
      const saved = await server.call('/api/snapshots', { method: 'POST', body: JSON.stringify(view(['PhoneNumber'])) });
      id = saved.body.id;
    });

    it('the page and the data: 404 with the same body for a well-formed unknown id and a malformed one; 200 for a real one', async () => {
      const probes = [newSnapshotId(), `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}`, 'short', 'x'.repeat(300), '%27%20OR%201%3D1'];
      const answers = new Set<string>();
      for (const probe of probes) {
        for (const suffix of ['', '/data']) {
          const res = await server.call(`/s/${probe}${suffix}`, { auth: false });
          expect(res.status, `${probe}${suffix}`).toBe(404);
          answers.add(res.text);
        }
      }
      expect([...answers]).toEqual([NOT_FOUND]);
      const page = await server.call(`/s/${id}`, { auth: false });
      expect(page.status).toBe(200);
      expect(page.text).toContain('<title>snapshot</title>');
      expect((await server.call(`/s/${id}/data`, { auth: false })).status).toBe(200);
    });

    it('neither the data nor the page of a link is kept by a browser or a proxy', async () => {
      for (const p of [`/s/${id}/data`, `/s/${id}`, `/s/${newSnapshotId()}/data`, `/s/${id}/export/json`]) {
        const res = await server.call(p, { auth: false });
        expect(res.headers.get('cache-control'), p).toBe('no-store');
      }
    });
  });
});
