// Install scripts of dependencies run only for a named list: package.json "allowScripts" (name or name@version ->
// true to allow, false to deny). npm 11 enforces that list at install time (.npmrc strict-allow-scripts=true fails
// an install on an unreviewed package); this check enforces it again on the installed tree, independent of the npm
// version, and also catches packages whose only install step is implicit (a binding.gyp makes npm run
// `node-gyp rebuild`).
//
//   npx tsx scripts/supply-chain/install-scripts.ts [projectDir]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CheckOutcome, finish, isRecord } from './outcome.js';

export const INSTALL_LIFECYCLE = ['preinstall', 'install', 'postinstall'] as const;

export interface InstallScriptPackage {
  name: string;
  version: string;
  /** Path relative to the project, e.g. node_modules/a/node_modules/b. */
  location: string;
  scripts: Record<string, string>;
}

function readManifest(dir: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The install-time scripts npm would run for the package in `dir` (none when it has none). */
export function installScriptsOf(dir: string, manifest: Record<string, unknown>): Record<string, string> {
  const declared = isRecord(manifest.scripts) ? manifest.scripts : {};
  const scripts: Record<string, string> = {};
  for (const stage of INSTALL_LIFECYCLE) {
    const command = declared[stage];
    if (typeof command === 'string' && command.trim() !== '') scripts[stage] = command;
  }
  // npm adds `node-gyp rebuild` as the install script of a package that ships binding.gyp and declares none.
  if (!scripts.install && !scripts.preinstall && existsSync(path.join(dir, 'binding.gyp'))) {
    scripts.install = 'node-gyp rebuild (implicit: binding.gyp)';
  }
  return scripts;
}

/** Every installed package (nested ones too) under projectDir/node_modules that has install-time scripts. */
export function findInstallScripts(projectDir: string): InstallScriptPackage[] {
  const found: InstallScriptPackage[] = [];
  const visitModules = (modulesDir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(modulesDir);
    } catch {
      return;
    }
    for (const entry of entries.sort()) {
      if (entry.startsWith('.')) continue; // .bin, .package-lock.json
      if (entry.startsWith('@')) {
        for (const scoped of readdirSync(path.join(modulesDir, entry)).sort()) visitPackage(path.join(modulesDir, entry, scoped));
      } else {
        visitPackage(path.join(modulesDir, entry));
      }
    }
  };
  const visitPackage = (dir: string): void => {
    const manifest = readManifest(dir);
    if (manifest) {
      const scripts = installScriptsOf(dir, manifest);
      if (Object.keys(scripts).length > 0) {
        found.push({
          name: typeof manifest.name === 'string' ? manifest.name : path.basename(dir),
          version: typeof manifest.version === 'string' ? manifest.version : '0.0.0',
          location: path.relative(projectDir, dir).split(path.sep).join('/'),
          scripts,
        });
      }
    }
    visitModules(path.join(dir, 'node_modules'));
  };
  visitModules(path.join(projectDir, 'node_modules'));
  return found;
}

export type AllowScripts = Record<string, boolean>;

/** package.json "allowScripts"; anything but booleans is refused, so a typo cannot allow by accident. */
export function readAllowScripts(manifest: Record<string, unknown>): AllowScripts {
  const raw = manifest.allowScripts;
  if (raw === undefined) return {};
  if (!isRecord(raw)) throw new Error('package.json "allowScripts" must be an object of name -> true/false');
  const allow: AllowScripts = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'boolean') throw new Error(`package.json "allowScripts"."${key}" must be true or false`);
    allow[key] = value;
  }
  return allow;
}

/** The allowScripts entry that governs a package: an exact name@version pin wins over a name-only entry. */
export function verdictFor(pkg: Pick<InstallScriptPackage, 'name' | 'version'>, allow: AllowScripts): boolean | undefined {
  return allow[`${pkg.name}@${pkg.version}`] ?? allow[pkg.name];
}

export function decideInstallScripts(found: InstallScriptPackage[], allow: AllowScripts): CheckOutcome {
  const check = 'dependency install scripts (package.json allowScripts)';
  const describe = (p: InstallScriptPackage): string =>
    `${p.name}@${p.version} (${Object.entries(p.scripts).map(([stage, cmd]) => `${stage}: ${cmd}`).join('; ')})`;
  const unreviewed = found.filter((p) => verdictFor(p, allow) === undefined);
  const allowed = found.filter((p) => verdictFor(p, allow) === true);
  const denied = found.filter((p) => verdictFor(p, allow) === false);
  const used = new Set(found.flatMap((p) => [p.name, `${p.name}@${p.version}`]));
  const stale = Object.keys(allow).filter((key) => !used.has(key));
  const details = [
    ...unreviewed.map((p) => `NOT ON THE LIST: ${describe(p)} at ${p.location}`),
    ...allowed.map((p) => `allowed: ${describe(p)}`),
    ...denied.map((p) => `denied (never runs): ${describe(p)}`),
    ...stale.map((key) => `allowScripts entry "${key}" matches no installed package with install scripts (npm install-scripts prune)`),
  ];
  if (unreviewed.length > 0) {
    return {
      check,
      status: 'fail',
      summary: `${unreviewed.length} installed package(s) have install scripts that allowScripts does not name; review them, then \`npm install-scripts approve|deny <pkg>\``,
      details,
    };
  }
  return {
    check,
    status: 'pass',
    summary: `${found.length} package(s) with install scripts, all on the list (${allowed.length} allowed, ${denied.length} denied)`,
    details,
  };
}

/** Whether the npm in use enforces allowScripts itself (npm 11 with `npm install-scripts`); otherwise denied scripts would run. */
export function npmEnforcesAllowScripts(cwd: string): { enforced: boolean; note: string } {
  const version = spawnSync('npm', ['--version'], { cwd, encoding: 'utf8' }).stdout.trim();
  const ls = spawnSync('npm', ['install-scripts', 'ls'], { cwd, encoding: 'utf8' });
  if (ls.status !== 0) return { enforced: false, note: `npm ${version} has no \`npm install-scripts\`: it does not honour allowScripts` };
  return { enforced: true, note: `npm ${version} enforces allowScripts (npm install-scripts ls: ${ls.stdout.trim().split('\n')[0] ?? ''})` };
}

/** The check on the project at `projectDir`: its installed tree against its allowScripts, and npm's enforcement. */
export function checkInstallScripts(projectDir: string): CheckOutcome {
  const manifest = readManifest(projectDir) ?? {};
  const outcome = decideInstallScripts(findInstallScripts(projectDir), readAllowScripts(manifest));
  const npm = npmEnforcesAllowScripts(projectDir);
  outcome.details.push(npm.note);
  if (!npm.enforced && outcome.status === 'pass' && outcome.details.some((d) => d.startsWith('denied'))) {
    outcome.status = 'fail';
    outcome.summary += '; but this npm ran the denied scripts at install time (use npm >= 11 with allowScripts support)';
  }
  return outcome;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  finish(checkInstallScripts(path.resolve(process.argv[2] ?? '.')));
}
