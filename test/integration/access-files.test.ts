import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRows } from '../../src/graph/driver.js';
import { importPack, loadHunts } from '../../src/hunts/index.js';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { repoRoot } from '../helpers/browser.js';
import { resetGraph, testDriver, testNeo4jConfig } from '../helpers/neo4j.js';

/**
 * File names that come from outside cannot escape their directory: hunt names in an imported pack (the one
 * place callhound writes a file named by its input), the download names of exports (never taken from the
 * snapshot's title), and what `callhound ingest` does with attachment file names and `--source`: it stores
 * them as text and writes no file at all.
 */

const run = promisify(execFile);
const tag = randomBytes(6).toString('hex');

/** Every file under a directory, relative, so a test can see that nothing appeared anywhere in it. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('access: file names cannot escape their directory', () => {
  let driver: Driver;
  let server: TestServer;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'callhound-access-files-'));
    driver = await testDriver();
    await resetGraph(driver);
    server = await startTestServer(driver);
  });

  afterAll(async () => {
    await server?.close();
    await driver?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('hunt pack import writes only inside the hunts directory, whatever the names say', async () => {
    const userDir = path.join(root, 'hunts');
    const hunt = (title: string): string => `// @title ${title}\n// @result table\nRETURN 1 AS one\n`;
    const hostileNames = ['../escape', '../../escape', `${root}/abs-escape`, '/tmp/abs-escape', '..\\escape', 'a/../../escape', 'sub/dir', 'ok\u0000../escape', '.hidden', '-dash', 'UPPER', 'x'.repeat(200), ''];
    const pack = { format: 'callhound-hunts', version: 1, hunts: [...hostileNames.map((name) => ({ name, source: hunt(name) })), { name: 'good-one', source: hunt('good') }] };
    const before = tree(root);
    const outcome = await importPack(driver, JSON.stringify(pack), 'pack.json', { defaultRegion: 'US', userDir, catalog: await loadHunts({ defaultRegion: 'US', userDir }) });
    expect(outcome.written.map((w) => w.name)).toEqual(['good-one']);
    expect(outcome.refused.map((r) => r.name).sort()).toEqual([...hostileNames].sort());
    for (const written of outcome.written) expect(path.dirname(written.file)).toBe(userDir);
    expect(tree(root)).toEqual([...before, 'hunts', path.join('hunts', 'good-one.cypher')].sort());

    // BloodHound query names become slugs: the path characters are gone, the file lands in the directory.
    const bloodHound = { queries: [{ name: '../../../etc/cron.d/evil', queryList: [{ final: true, query: 'MATCH (p:PhoneNumber) RETURN p LIMIT 1' }] }, { name: '/tmp/abs\u0000x', queryList: [{ final: true, query: 'MATCH (p:PhoneNumber) RETURN p LIMIT 1' }] }] };
    const fromBh = await importPack(driver, JSON.stringify(bloodHound), 'customqueries.json', { defaultRegion: 'US', userDir, catalog: await loadHunts({ defaultRegion: 'US', userDir }) });
    expect(fromBh.written.map((w) => w.name)).toEqual(['bh-etc-cron-d-evil', 'bh-tmp-abs-x']);
    for (const written of fromBh.written) expect(path.dirname(written.file)).toBe(userDir);
    expect(readdirSync(root)).toEqual(['hunts']);
  });

  it('export downloads are named from the snapshot id or a fixed name, never from the title', async () => {
    const title = `../../etc/passwd\\..\\x "quoted"; filename=evil.sh`;
    const saved = await server.call('/api/snapshots', { method: 'POST', body: JSON.stringify({ title, elements: { nodes: [{ key: 'PhoneNumber:+18047134598', label: 'PhoneNumber' }], edges: [] } }) });
    expect(saved.status).toBe(201);
    const id: string = saved.body.id;
    for (const format of ['json', 'cyjs', 'csv', 'misp', 'svg', 'html']) {
      const link = await server.call(`/s/${id}/export/${format}`, { auth: false });
      expect(link.status, format).toBe(200);
      expect(link.headers.get('content-disposition'), format).toMatch(new RegExp(`^attachment; filename="?callhound-${id.slice(0, 8).replace(/[-_]/g, '\\$&')}\\.[a-z.]+"?$`));
      const view = await server.call(`/api/export/${format}`, { method: 'POST', body: JSON.stringify({ title, elements: { nodes: [], edges: [] } }) });
      expect(view.status, format).toBe(200);
      expect(view.headers.get('content-disposition'), format).toMatch(/^attachment; filename="?callhound-view\.[a-z.]+"?$/);
    }
  });

  it('ingest stores hostile attachment names and --source as text and writes no file', async () => {
    const work = path.join(root, 'work');
    const inbox = path.join(work, 'inbox');
    mkdirSync(inbox, { recursive: true });
    const escapes = [path.join(os.tmpdir(), `callhound-escape-${tag}.txt`), path.join(root, `escape-${tag}.txt`), path.join(work, `escape-${tag}.txt`)];
    const names = [
      `../../../../../../../../..${escapes[0]}`,
      escapes[1] as string,
      `..\\..\\escape-${tag}.txt`,
      `../escape-${tag}.txt`,
      `C:\\Windows\\Temp\\escape-${tag}.txt`,
      `%2e%2e%2fescape-${tag}.txt`,
    ];
    const parts = names.map(
      (name, i) => `--b\r\nContent-Type: text/plain; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(`Call 804-713-45${String(i).padStart(2, '0')} now`).toString('base64')}\r\n`,
    );
    const eml = `From: a@evil.example\r\nTo: b@example.com\r\nSubject: attachments ${tag}\r\nMessage-ID: <${tag}@evil.example>\r\nDate: Mon, 4 Mar 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nCall (804) 713-4598 today.\r\n${parts.join('')}--b--\r\n`;
    writeFileSync(path.join(inbox, 'hostile.eml'), eml);
    const before = tree(root);
    const db = testNeo4jConfig();
    // tsx resolved from the repository: the child runs in a scratch directory with no node_modules.
    await run(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(repoRoot, 'src/cli/main.ts'), 'ingest', 'inbox', '--source', `../../escape-source-${tag}`, '--no-ocr', '--workers', '1', '--no-analyze'], {
      cwd: work,
      env: { ...process.env, NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password },
      timeout: 110_000,
    });
    for (const escape of escapes) expect(existsSync(escape), escape).toBe(false);
    expect(existsSync(path.resolve(work, `../../escape-source-${tag}`))).toBe(false);
    expect(tree(root)).toEqual(before);
    const rows = await readRows<{ source: string; filenames: string[] }>(
      driver,
      'MATCH (e:Email {subject: $subject}) OPTIONAL MATCH (e)-[:HAS_ATTACHMENT]->(a:Attachment) RETURN e.source AS source, collect(a.filename) AS filenames',
      { subject: `attachments ${tag}` },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.source).toBe(`../../escape-source-${tag}`);
    // The names are data: kept (as given, or reduced to a base name), never used as a path.
    expect(rows[0]?.filenames.length).toBeGreaterThan(0);
    // (In a MIME quoted-string a backslash escapes the next character, so `C:\\Windows` arrives as `C:Windows`.)
    const meant = names.map((given) => given.replace(/\\(.)/g, '$1'));
    for (const name of rows[0]?.filenames ?? []) expect(meant.some((given) => given === name || given.endsWith(name)), `stored ${JSON.stringify(name)}`).toBe(true);
  });
});
