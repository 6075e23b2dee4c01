import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLockfile, lockfileProblems } from '../../scripts/supply-chain/lockfile.js';

const hash = `sha512-${'A'.repeat(86)}==`;
const lock = (packages: Record<string, unknown>): unknown => ({ lockfileVersion: 3, packages: { '': { name: 'callhound' }, ...packages } });

describe('lockfileProblems', () => {
  it('accepts registry packages with sha512 hashes and exact direct versions', () => {
    const packages = {
      'node_modules/zod': { version: '4.6.7', integrity: hash },
      'node_modules/a/node_modules/b': { version: '1.0.0', integrity: hash, resolved: 'https://registry.npmjs.org/b/-/b-1.0.0.tgz' },
    };
    expect(lockfileProblems(lock(packages), { dependencies: { zod: '4.6.7' } })).toEqual([]);
  });

  it('refuses other hosts, git, links, missing or weak hashes', () => {
    const problems = lockfileProblems(
      lock({
        'node_modules/evil': { version: '1.0.0', integrity: hash, resolved: 'https://evil.example/evil-1.0.0.tgz' },
        'node_modules/gitdep': { version: 'git+ssh://git@github.com/x/y.git#abc', integrity: hash, resolved: 'git+ssh://git@github.com/x/y.git#abc' },
        'node_modules/local': { resolved: '../local', link: true },
        'node_modules/nohash': { version: '1.0.0' },
        'node_modules/sha1': { version: '1.0.0', integrity: 'sha1-abcdefabcdefabcdefabcdefabc=' },
      }),
      {},
    );
    expect(problems).toEqual([
      'node_modules/evil: resolved from https://evil.example/evil-1.0.0.tgz, not https://registry.npmjs.org/',
      'node_modules/gitdep: resolved from git+ssh://git@github.com/x/y.git#abc, not https://registry.npmjs.org/',
      'node_modules/gitdep: version git+ssh://git@github.com/x/y.git#abc is not a registry release',
      'node_modules/local: a link to ../local (local or workspace code is not installed from the registry)',
      'node_modules/nohash: no sha512 integrity hash (none)',
      'node_modules/sha1: no sha512 integrity hash (sha1-abcdefabcdefabcdefabcdefabc=)',
    ]);
  });

  it('refuses ranges in package.json and a lockfile that installs another version', () => {
    const problems = lockfileProblems(lock({ 'node_modules/zod': { version: '4.6.8', integrity: hash } }), {
      dependencies: { zod: '4.6.7' },
      devDependencies: { vitest: '^4.1.0' },
    });
    expect(problems).toEqual([
      'package.json dependencies.zod@4.6.7 but the lockfile installs 4.6.8',
      'package.json devDependencies.vitest is "^4.1.0", not an exact version',
    ]);
  });

  it('passes on the project itself', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    expect(JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')).lockfileVersion).toBeGreaterThanOrEqual(2);
    expect(checkLockfile(root)).toMatchObject({ status: 'pass' });
  });
});
