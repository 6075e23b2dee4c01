import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decideInstallScripts,
  findInstallScripts,
  readAllowScripts,
  verdictFor,
} from '../../scripts/supply-chain/install-scripts.js';

let project: string;

function addPackage(location: string, manifest: Record<string, unknown>, extraFiles: string[] = []): void {
  const dir = path.join(project, location);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  for (const file of extraFiles) writeFileSync(path.join(dir, file), '{}');
}

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'callhound-install-scripts-'));
  addPackage('node_modules/plain', { name: 'plain', version: '1.0.0', scripts: { test: 'x', prepare: 'npm run build' } });
  addPackage('node_modules/banner', { name: 'banner', version: '2.0.0', scripts: { postinstall: 'node thanks.js' } });
  addPackage('node_modules/@scope/pre', { name: '@scope/pre', version: '0.1.0', scripts: { preinstall: 'sh pre.sh' } });
  // Nested copy in another version, and a native addon whose install step is only implied by binding.gyp.
  addPackage('node_modules/plain/node_modules/banner', { name: 'banner', version: '1.0.0', scripts: { postinstall: 'node old.js' } });
  addPackage('node_modules/native', { name: 'native', version: '3.1.0' }, ['binding.gyp']);
  mkdirSync(path.join(project, 'node_modules/.bin'), { recursive: true });
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('findInstallScripts', () => {
  it('finds preinstall/install/postinstall scripts, nested copies, scoped packages and implicit node-gyp builds, not prepare', () => {
    const found = findInstallScripts(project);
    expect(found.map((p) => `${p.name}@${p.version} ${p.location}`).sort()).toEqual([
      '@scope/pre@0.1.0 node_modules/@scope/pre',
      'banner@1.0.0 node_modules/plain/node_modules/banner',
      'banner@2.0.0 node_modules/banner',
      'native@3.1.0 node_modules/native',
    ]);
    expect(found.find((p) => p.name === 'native')?.scripts.install).toMatch(/node-gyp rebuild/);
  });
});

describe('decideInstallScripts', () => {
  it('fails on a package the list does not name, and says which', () => {
    const outcome = decideInstallScripts(findInstallScripts(project), { banner: false, '@scope/pre': true });
    expect(outcome.status).toBe('fail');
    expect(outcome.details.filter((d) => d.startsWith('NOT ON THE LIST'))).toEqual([
      'NOT ON THE LIST: native@3.1.0 (install: node-gyp rebuild (implicit: binding.gyp)) at node_modules/native',
    ]);
  });

  it('passes when every package is allowed or denied, and a version pin wins over the name', () => {
    const allow = { banner: false, 'banner@2.0.0': true, '@scope/pre': false, native: false };
    const outcome = decideInstallScripts(findInstallScripts(project), allow);
    expect(outcome.status).toBe('pass');
    expect(outcome.summary).toContain('4 package(s) with install scripts, all on the list (1 allowed, 3 denied)');
    expect(verdictFor({ name: 'banner', version: '2.0.0' }, allow)).toBe(true);
    expect(verdictFor({ name: 'banner', version: '1.0.0' }, allow)).toBe(false);
  });

  it('a pin for another version does not cover an upgraded package', () => {
    const outcome = decideInstallScripts(findInstallScripts(project), { 'banner@2.0.0': true, '@scope/pre': false, native: false });
    expect(outcome.status).toBe('fail');
    expect(outcome.details[0]).toContain('banner@1.0.0');
  });

  it('names list entries that no longer match anything', () => {
    const outcome = decideInstallScripts([], { gone: true });
    expect(outcome.status).toBe('pass');
    expect(outcome.details).toEqual([expect.stringContaining('"gone" matches no installed package')]);
  });
});

describe('readAllowScripts', () => {
  it('accepts only booleans', () => {
    expect(readAllowScripts({ allowScripts: { a: true, b: false } })).toEqual({ a: true, b: false });
    expect(readAllowScripts({})).toEqual({});
    expect(() => readAllowScripts({ allowScripts: { a: 'yes' } })).toThrow(/must be true or false/);
    expect(() => readAllowScripts({ allowScripts: ['a'] })).toThrow(/must be an object/);
  });

  it('the project list covers every install script installed here', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const manifest = JSON.parse(
      readFileSync(path.join(root, 'package.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(decideInstallScripts(findInstallScripts(root), readAllowScripts(manifest)).status).toBe('pass');
  });
});
