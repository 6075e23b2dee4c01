// package-lock.json is what `npm ci` installs, so a pull request that edits it can swap a package for anything.
// This check refuses a lockfile from which npm would install bytes nobody pinned: every installed package must
// carry a sha512 integrity hash, come from the npm registry (a `resolved` URL, when recorded, must be
// registry.npmjs.org over https; git, file and other hosts are refused) and agree with package.json on the
// exact version of each direct dependency.
//
//   npx tsx scripts/supply-chain/lockfile.ts [projectDir]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CheckOutcome, finish, isRecord } from './outcome.js';

export const ALLOWED_REGISTRY = 'https://registry.npmjs.org/';

export function lockfileProblems(lock: unknown, manifest: Record<string, unknown>): string[] {
  if (!isRecord(lock) || !isRecord(lock.packages)) return ['package-lock.json has no "packages" (lockfileVersion >= 2 needed)'];
  const problems: string[] = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (location === '' || !isRecord(entry)) continue;
    if (entry.link === true) {
      problems.push(`${location}: a link to ${String(entry.resolved)} (local or workspace code is not installed from the registry)`);
      continue;
    }
    const integrity = typeof entry.integrity === 'string' ? entry.integrity : '';
    if (!/^sha512-[A-Za-z0-9+/]{86}==$/.test(integrity)) problems.push(`${location}: no sha512 integrity hash (${integrity || 'none'})`);
    if (entry.resolved !== undefined && (typeof entry.resolved !== 'string' || !entry.resolved.startsWith(ALLOWED_REGISTRY))) {
      problems.push(`${location}: resolved from ${String(entry.resolved)}, not ${ALLOWED_REGISTRY}`);
    }
    if (typeof entry.version !== 'string' || !/^\d+\.\d+\.\d+/.test(entry.version)) {
      problems.push(`${location}: version ${String(entry.version)} is not a registry release`);
    }
  }
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies'] as const) {
    const declared = isRecord(manifest[field]) ? manifest[field] : {};
    for (const [name, spec] of Object.entries(declared)) {
      const entry = lock.packages[`node_modules/${name}`];
      if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(String(spec))) problems.push(`package.json ${field}.${name} is "${String(spec)}", not an exact version`);
      else if (!isRecord(entry) || entry.version !== spec) {
        problems.push(`package.json ${field}.${name}@${String(spec)} but the lockfile installs ${isRecord(entry) ? String(entry.version) : 'nothing'}`);
      }
    }
  }
  return problems;
}

export function checkLockfile(projectDir: string): CheckOutcome {
  const read = (file: string): unknown => JSON.parse(readFileSync(path.join(projectDir, file), 'utf8'));
  const manifest = read('package.json');
  const lock = read('package-lock.json');
  const problems = lockfileProblems(lock, isRecord(manifest) ? manifest : {});
  const count = isRecord(lock) && isRecord(lock.packages) ? Object.keys(lock.packages).length - 1 : 0;
  const check = 'package-lock.json (exact, sha512, registry only)';
  return problems.length > 0
    ? { check, status: 'fail', summary: `${problems.length} problem(s)`, details: problems.slice(0, 40) }
    : { check, status: 'pass', summary: `${count} packages, each from the registry with a sha512 hash; package.json versions exact and matched`, details: [] };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  finish(checkLockfile(path.resolve(process.argv[2] ?? '.')));
}
