// Maven dependencies of the local Neo4j launcher (neo4j/): pinned, and every artifact (runtime tree and the declared
// build plugins' jars) checked against a committed sha256 list.
//
//   npx tsx scripts/supply-chain/maven.ts           verify (after `mvn -C package`): pom pinning, the resolved
//                                                   runtime tree against neo4j/dependency-checksums.sha256, and
//                                                   every jar in neo4j/target/lib (what the launcher loads)
//   npx tsx scripts/supply-chain/maven.ts --write   regenerate the list after a deliberate version change
//   add --offline to resolve from ~/.m2 only
//
// Maven itself checks the sha1 files of Maven Central on download (`-C`/--strict-checksums makes a mismatch fatal);
// this list additionally fixes the exact bytes, so a changed artifact or a new transitive dependency fails CI.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CheckOutcome, finish } from './outcome.js';

export const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

// ---- pom pinning ---------------------------------------------------------------------------------------------

function tagText(block: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>\\s*([^<]*?)\\s*</${tag}>`).exec(block)?.[1];
}

/** Problems with version pinning in a pom: missing versions, ranges, SNAPSHOT/LATEST/RELEASE, unknown properties. */
function pomProperties(xml: string): Map<string, string> {
  const properties = new Map<string, string>();
  const propsBlock = /<properties>([\s\S]*?)<\/properties>/.exec(xml)?.[1] ?? '';
  for (const m of propsBlock.matchAll(/<([\w.-]+)>\s*([^<]*?)\s*<\/\1>/g)) properties.set(m[1] ?? '', m[2] ?? '');
  const projectVersion = tagText(xml.replace(/<parent>[\s\S]*?<\/parent>|<dependencies>[\s\S]*|<build>[\s\S]*/g, ''), 'version');
  if (projectVersion) properties.set('project.version', projectVersion);
  return properties;
}

const withoutComments = (pomXml: string): string => pomXml.replace(/<!--[\s\S]*?-->/g, '');

export function pomPinningProblems(pomXml: string): string[] {
  const xml = withoutComments(pomXml);
  const properties = pomProperties(xml);

  const problems: string[] = [];
  for (const kind of ['dependency', 'plugin', 'extension', 'parent'] as const) {
    for (const m of xml.matchAll(new RegExp(`<${kind}>([\\s\\S]*?)</${kind}>`, 'g'))) {
      // A plugin block may hold <dependencies>; their own <dependency> blocks are checked by the dependency pass.
      const block = (m[1] ?? '').replace(/<dependencies>[\s\S]*?<\/dependencies>|<executions>[\s\S]*?<\/executions>|<configuration>[\s\S]*?<\/configuration>/g, '');
      const id = `${tagText(block, 'groupId') ?? (kind === 'plugin' ? 'org.apache.maven.plugins' : '?')}:${tagText(block, 'artifactId') ?? '?'}`;
      const raw = tagText(block, 'version');
      if (raw === undefined) {
        problems.push(`${kind} ${id} has no <version> (Maven would pick one)`);
        continue;
      }
      const version = raw.replace(/\$\{([^}]+)\}/g, (whole, name: string) => properties.get(name) ?? whole);
      if (/\$\{/.test(version)) problems.push(`${kind} ${id} version ${raw} uses an undefined property`);
      else if (/[[\](),]/.test(version)) problems.push(`${kind} ${id} version ${version} is a range`);
      else if (/SNAPSHOT|^LATEST$|^RELEASE$/i.test(version)) problems.push(`${kind} ${id} version ${version} is not a fixed release`);
    }
  }
  return problems;
}

/**
 * The build plugins the pom declares, as artifacts in the local repository (`repoRoot`). Their jars run code at
 * build time, so they are pinned by sha256 too; a plugin the build never downloaded (e.g. maven-install-plugin
 * when CI only runs `package`) is returned in `absent`.
 */
export function declaredPluginArtifacts(pomXml: string, repoRoot: string): { present: ResolvedArtifact[]; absent: string[] } {
  const xml = withoutComments(pomXml);
  const properties = pomProperties(xml);
  const present: ResolvedArtifact[] = [];
  const absent: string[] = [];
  for (const m of xml.matchAll(/<plugin>([\s\S]*?)<\/plugin>/g)) {
    const block = (m[1] ?? '').replace(/<dependencies>[\s\S]*?<\/dependencies>|<executions>[\s\S]*?<\/executions>|<configuration>[\s\S]*?<\/configuration>/g, '');
    const group = tagText(block, 'groupId') ?? 'org.apache.maven.plugins';
    const artifact = tagText(block, 'artifactId');
    const version = tagText(block, 'version')?.replace(/\$\{([^}]+)\}/g, (whole, name: string) => properties.get(name) ?? whole);
    if (!artifact || !version) continue; // reported by pomPinningProblems
    const coordinates = `${group}:${artifact}:maven-plugin:${version}`;
    const file = path.join(repoRoot, ...group.split('.'), artifact, version, `${artifact}-${version}.jar`);
    if (existsSync(file)) present.push({ coordinates, file });
    else absent.push(coordinates);
  }
  return { present, absent };
}

/** The local repository root, from where a resolved artifact lies (<root>/<group path>/<artifact>/<version>/<file>). */
export function localRepositoryRoot(artifact: ResolvedArtifact): string {
  const groupDepth = (artifact.coordinates.split(':')[0] ?? '').split('.').length;
  return path.resolve(path.dirname(artifact.file), ...Array<string>(groupDepth + 2).fill('..'));
}

// ---- resolved tree and checksum list -------------------------------------------------------------------------

export interface ResolvedArtifact {
  /** groupId:artifactId:type[:classifier]:version */
  coordinates: string;
  file: string;
}

/** Parses `mvn dependency:list -DoutputAbsoluteArtifactFilename=true` output. */
export function parseDependencyList(text: string): ResolvedArtifact[] {
  const artifacts: ResolvedArtifact[] = [];
  for (const line of text.split('\n')) {
    const entry = line.split(' -- ')[0]?.trim() ?? '';
    const parts = entry.split(':');
    // group:artifact:type:version:scope:file, or with a classifier group:artifact:type:classifier:version:scope:file
    if (parts.length !== 6 && parts.length !== 7) continue;
    const file = parts[parts.length - 1] ?? '';
    if (!file.startsWith('/')) continue;
    const [group, artifact, type] = parts;
    const classifier = parts.length === 7 ? parts[3] : undefined;
    const version = parts[parts.length - 3];
    artifacts.push({ coordinates: [group, artifact, type, classifier, version].filter(Boolean).join(':'), file });
  }
  return artifacts.sort((a, b) => a.coordinates.localeCompare(b.coordinates));
}

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The committed list: "<sha256>  <coordinates>" per line, '#' comments. */
export function parseChecksumList(text: string): Map<string, string> {
  const list = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line.trim());
    if (m) list.set(m[2] ?? '', m[1] ?? '');
    else if (line.trim() !== '' && !line.startsWith('#')) throw new Error(`unreadable checksum line: ${line}`);
  }
  return list;
}

export function formatChecksumList(hashes: Map<string, string>): string {
  const header = [
    '# sha256 of every artifact in the resolved runtime dependency tree of neo4j/pom.xml, and of its build plugins.',
    '# Verified in CI by scripts/supply-chain/maven.ts; regenerate after a deliberate change with',
    '#   npx tsx scripts/supply-chain/maven.ts --write',
  ];
  const lines = [...hashes.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([coords, hash]) => `${hash}  ${coords}`);
  return `${[...header, ...lines].join('\n')}\n`;
}

/** Compares resolved artifacts' hashes with the list: any difference, in either direction, is a problem. */
export function compareChecksums(expected: Map<string, string>, actual: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [coords, hash] of actual) {
    const want = expected.get(coords);
    if (want === undefined) problems.push(`not in the checksum list: ${coords} (sha256 ${hash})`);
    else if (want !== hash) problems.push(`CHECKSUM MISMATCH: ${coords}: expected ${want}, got ${hash}`);
  }
  for (const coords of expected.keys()) {
    if (!actual.has(coords)) problems.push(`listed but no longer resolved: ${coords} (regenerate the list if intended)`);
  }
  return problems;
}

/** Every jar copied to target/lib must be byte-identical to its listed artifact (matched by file name). */
export function libDirProblems(libFiles: Map<string, string>, artifacts: ResolvedArtifact[], expected: Map<string, string>): string[] {
  const byName = new Map(artifacts.map((a) => [path.basename(a.file), a.coordinates]));
  const problems: string[] = [];
  for (const [name, hash] of libFiles) {
    const coords = byName.get(name);
    if (coords === undefined) problems.push(`target/lib/${name} is not part of the resolved tree`);
    else if (expected.get(coords) !== hash) problems.push(`CHECKSUM MISMATCH: target/lib/${name} differs from the listed ${coords}`);
  }
  return problems;
}

// ---- running Maven -------------------------------------------------------------------------------------------

export function resolveRuntimeTree(moduleDir: string, offline: boolean): ResolvedArtifact[] {
  const outputFile = path.join(moduleDir, 'target', 'resolved-dependencies.txt');
  const args = [
    '-B', '-q', '-C', ...(offline ? ['-o'] : []),
    '-f', path.join(moduleDir, 'pom.xml'),
    `${DEPENDENCY_PLUGIN}:list`,
    '-DincludeScope=runtime', '-DoutputAbsoluteArtifactFilename=true', `-DoutputFile=${outputFile}`,
  ];
  const run = spawnSync('mvn', args, { encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) throw new Error(`mvn dependency:list failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  return parseDependencyList(readFileSync(outputFile, 'utf8'));
}

function pluginsOf(moduleDir: string, artifacts: ResolvedArtifact[]): { present: ResolvedArtifact[]; absent: string[] } {
  const first = artifacts[0];
  if (!first) return { present: [], absent: [] };
  return declaredPluginArtifacts(readFileSync(path.join(moduleDir, 'pom.xml'), 'utf8'), localRepositoryRoot(first));
}

export function verifyMaven(moduleDir: string, offline: boolean): CheckOutcome {
  const check = 'Maven dependencies of neo4j/ (pinned, sha256 list)';
  const listFile = path.join(moduleDir, 'dependency-checksums.sha256');
  const problems = pomPinningProblems(readFileSync(path.join(moduleDir, 'pom.xml'), 'utf8'));
  const artifacts = resolveRuntimeTree(moduleDir, offline);
  const plugins = pluginsOf(moduleDir, artifacts);
  const actual = new Map([...artifacts, ...plugins.present].map((a) => [a.coordinates, sha256File(a.file)]));
  for (const a of artifacts) if (/SNAPSHOT/i.test(a.coordinates)) problems.push(`resolved a SNAPSHOT: ${a.coordinates}`);
  const expected = existsSync(listFile) ? parseChecksumList(readFileSync(listFile, 'utf8')) : new Map<string, string>();
  if (expected.size === 0) problems.push(`no checksum list at ${path.relative(process.cwd(), listFile)}`);
  // A declared plugin this build did not download has nothing to verify (Maven checks its .sha1 when it does).
  const expectedHere = new Map([...expected].filter(([coords]) => !plugins.absent.includes(coords)));
  problems.push(...compareChecksums(expectedHere, actual));

  const libDir = path.join(moduleDir, 'target', 'lib');
  let libCount = 0;
  if (existsSync(libDir)) {
    const libFiles = new Map(readdirSync(libDir).filter((f) => f.endsWith('.jar')).map((f) => [f, sha256File(path.join(libDir, f))]));
    libCount = libFiles.size;
    problems.push(...libDirProblems(libFiles, artifacts, expected));
  }
  if (problems.length > 0) {
    return { check, status: 'fail', summary: `${problems.length} problem(s)`, details: problems };
  }
  return {
    check,
    status: 'pass',
    summary: `pom pinned; ${artifacts.length} resolved artifacts and ${plugins.present.length} build plugins match the sha256 list${libCount ? `; ${libCount} jars in target/lib match` : ' (target/lib not built yet)'}`,
    details: plugins.absent.map((coords) => `plugin not downloaded by this build, not checked: ${coords}`),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const moduleDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../neo4j');
  const offline = process.argv.includes('--offline');
  if (process.argv.includes('--write')) {
    const problems = pomPinningProblems(readFileSync(path.join(moduleDir, 'pom.xml'), 'utf8'));
    if (problems.length > 0) {
      console.error(`refusing to record checksums of an unpinned pom:\n  ${problems.join('\n  ')}`);
      process.exit(1);
    }
    const artifacts = resolveRuntimeTree(moduleDir, offline);
    const plugins = pluginsOf(moduleDir, artifacts);
    if (plugins.absent.length > 0) console.error(`not in the local repository, so not recorded: ${plugins.absent.join(', ')}`);
    const all = [...artifacts, ...plugins.present];
    writeFileSync(path.join(moduleDir, 'dependency-checksums.sha256'), formatChecksumList(new Map(all.map((a) => [a.coordinates, sha256File(a.file)]))));
    console.log(`wrote neo4j/dependency-checksums.sha256 (${artifacts.length} artifacts, ${plugins.present.length} plugins)`);
  } else {
    finish(verifyMaven(moduleDir, offline));
  }
}
