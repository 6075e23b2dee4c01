// CycloneDX SBOM of callhound's runtime dependencies (sbom.cdx.json), checked before it is written.
//
// `npm sbom --omit dev` is not used: npm 11 drops production packages that a dev dependency also uses
// (npm/cli#7909; here 26 of 156 runtime packages, e.g. ansi-regex under cli-progress, es-errors under express).
// So npm writes the SBOM of the whole installed tree and this script keeps the runtime closure that
// package-lock.json records (every package not marked "dev": true), then validates the result against the
// official CycloneDX JSON schema and against the lockfile.
//
//   npx tsx scripts/supply-chain/sbom.ts [output]   (npm run sbom)
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { type CheckOutcome, finish, isRecord } from './outcome.js';

interface Component {
  'bom-ref': string;
  type: string;
  name: string;
  version: string;
  purl?: string;
  hashes?: { alg: string; content: string }[];
  [key: string]: unknown;
}

export interface Sbom {
  bomFormat: string;
  specVersion: string;
  serialNumber?: string;
  version: number;
  metadata: { component?: Component; [key: string]: unknown };
  components: Component[];
  dependencies?: { ref: string; dependsOn?: string[] }[];
  [key: string]: unknown;
}

interface LockPackage {
  name?: string;
  version?: string;
  dev?: boolean;
}

function lockPackages(lock: unknown): [string, LockPackage][] {
  if (!isRecord(lock) || !isRecord(lock.packages)) throw new Error('package-lock.json has no "packages" (lockfileVersion >= 2 needed)');
  return Object.entries(lock.packages).filter(([location]) => location !== '') as [string, LockPackage][];
}

const nameAt = (location: string, entry: LockPackage): string =>
  entry.name ?? location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** name@version of every package package-lock.json needs at run time (i.e. not only for development). */
export function runtimeRefs(lock: unknown): Set<string> {
  const refs = new Set<string>();
  for (const [location, entry] of lockPackages(lock)) {
    if (!entry.dev && entry.version) refs.add(`${nameAt(location, entry)}@${entry.version}`);
  }
  return refs;
}

/** name@version of packages used only in development. */
export function devOnlyRefs(lock: unknown): Set<string> {
  const runtime = runtimeRefs(lock);
  const refs = new Set<string>();
  for (const [location, entry] of lockPackages(lock)) {
    const ref = `${nameAt(location, entry)}@${entry.version ?? ''}`;
    if (entry.dev && !runtime.has(ref)) refs.add(ref);
  }
  return refs;
}

const refOf = (c: Component): string => `${c.name}@${c.version}`;

/** Keeps the runtime components and the dependency edges between them; names the root after package.json. */
export function runtimeSbom(full: Sbom, runtime: Set<string>, manifest: { name: string; version: string }): Sbom {
  const components = full.components.filter((c) => runtime.has(refOf(c)));
  const kept = new Set(components.map((c) => c['bom-ref']));
  const rootRef = full.metadata.component?.['bom-ref'];
  if (rootRef) kept.add(rootRef);
  const dependencies = (full.dependencies ?? [])
    .filter((d) => kept.has(d.ref))
    .map((d) => ({ ref: d.ref, dependsOn: (d.dependsOn ?? []).filter((r) => kept.has(r)) }));
  const root = full.metadata.component
    ? { ...full.metadata.component, type: 'application', name: manifest.name, version: manifest.version }
    : undefined;
  return { ...full, metadata: { ...full.metadata, ...(root ? { component: root } : {}) }, components, dependencies };
}

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const schemaDir = path.join(path.dirname(new URL(import.meta.url).pathname), 'cyclonedx');
const validators = new Map<string, ValidateFunction>();

/** The official CycloneDX JSON schema of `specVersion` (offline copies in scripts/supply-chain/cyclonedx/). */
function cyclonedxValidator(specVersion: string): ValidateFunction | undefined {
  if (specVersion !== '1.5') return undefined;
  let validate = validators.get(specVersion);
  if (!validate) {
    const load = (file: string): object => JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')) as object;
    // strict: false - the CycloneDX schemas use keywords ajv's strict mode rejects (e.g. "meta:enum" hints).
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    // The two internationalised formats ajv-formats lacks, checked loosely: an IRI reference has no whitespace
    // or control characters, an IDN e-mail has one @ between non-empty parts.
    ajv.addFormat('iri-reference', /^[^\s\u0000-\u001f\u007f]*$/u);
    ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
    ajv.addSchema(load('spdx.schema.json'));
    ajv.addSchema(load('jsf-0.82.schema.json'));
    validate = ajv.compile(load(`bom-${specVersion}.schema.json`));
    validators.set(specVersion, validate);
  }
  return validate;
}

/** Where the SBOM breaks the official CycloneDX JSON schema of its specVersion. */
export function cyclonedxSchemaProblems(sbom: unknown): string[] {
  const spec = isRecord(sbom) ? String(sbom.specVersion) : '?';
  const validate = cyclonedxValidator(spec);
  if (!validate) return [`no CycloneDX schema for specVersion ${spec} in scripts/supply-chain/cyclonedx/`];
  if (validate(sbom)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e) => `schema: ${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
}

/** Problems that make the SBOM invalid CycloneDX or not the runtime tree. */
export function sbomProblems(sbom: unknown, lock: unknown, manifest: Record<string, unknown>): string[] {
  if (!isRecord(sbom)) return ['not a JSON object'];
  const problems: string[] = cyclonedxSchemaProblems(sbom);
  if (sbom.bomFormat !== 'CycloneDX') problems.push(`bomFormat is ${String(sbom.bomFormat)}, not CycloneDX`);
  if (typeof sbom.specVersion !== 'string' || !/^1\.[4-7]$/.test(sbom.specVersion)) problems.push(`unsupported specVersion ${String(sbom.specVersion)}`);
  if (typeof sbom.serialNumber !== 'string' || !/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(sbom.serialNumber)) {
    problems.push('serialNumber is not a urn:uuid');
  }
  if (!Number.isInteger(sbom.version) || (sbom.version as number) < 1) problems.push('version must be an integer >= 1');
  const root = isRecord(sbom.metadata) ? sbom.metadata.component : undefined;
  if (!isRecord(root) || root.name !== manifest.name) problems.push(`metadata.component does not name ${String(manifest.name)}`);
  if (!Array.isArray(sbom.components)) return [...problems, 'components is not an array'];

  const refs = new Set<string>();
  const present = new Set<string>();
  for (const c of sbom.components as unknown[]) {
    if (!isRecord(c) || typeof c.name !== 'string' || typeof c.version !== 'string' || typeof c.type !== 'string') {
      problems.push(`component without type/name/version: ${JSON.stringify(c).slice(0, 120)}`);
      continue;
    }
    const ref = String(c['bom-ref']);
    if (refs.has(ref)) problems.push(`duplicate bom-ref ${ref}`);
    refs.add(ref);
    present.add(`${c.name}@${c.version}`);
    if (typeof c.purl !== 'string' || !c.purl.startsWith('pkg:npm/')) problems.push(`${ref}: no npm purl`);
    if (!Array.isArray(c.hashes) || c.hashes.length === 0) problems.push(`${ref}: no hash`);
  }
  if (isRecord(root)) refs.add(String(root['bom-ref']));
  for (const d of Array.isArray(sbom.dependencies) ? (sbom.dependencies as unknown[]) : []) {
    if (!isRecord(d)) continue;
    for (const target of [d.ref, ...(Array.isArray(d.dependsOn) ? d.dependsOn : [])]) {
      if (!refs.has(String(target))) problems.push(`dependency graph names unknown bom-ref ${String(target)}`);
    }
  }

  const deps = isRecord(manifest.dependencies) ? manifest.dependencies : {};
  for (const [name, version] of Object.entries(deps)) {
    if (!present.has(`${name}@${String(version)}`)) problems.push(`direct runtime dependency missing: ${name}@${String(version)}`);
  }
  for (const ref of runtimeRefs(lock)) if (!present.has(ref)) problems.push(`runtime package missing: ${ref}`);
  for (const ref of devOnlyRefs(lock)) if (present.has(ref)) problems.push(`development-only package listed: ${ref}`);
  return problems;
}

export function checkSbom(sbom: unknown, lock: unknown, manifest: Record<string, unknown>, file: string): CheckOutcome {
  const problems = sbomProblems(sbom, lock, manifest);
  const count = isRecord(sbom) && Array.isArray(sbom.components) ? sbom.components.length : 0;
  const spec = isRecord(sbom) ? String(sbom.specVersion) : '?';
  return problems.length > 0
    ? { check: 'SBOM (CycloneDX, runtime dependencies)', status: 'fail', summary: `${file}: ${problems.length} problem(s)`, details: problems.slice(0, 40) }
    : { check: 'SBOM (CycloneDX, runtime dependencies)', status: 'pass', summary: `${file}: CycloneDX ${spec}, ${count} runtime components, every runtime package and no development-only one`, details: [] };
}

/** Writes the runtime SBOM of the project at `root` to `output` and checks it. */
export function writeRuntimeSbom(root: string, output: string): CheckOutcome {
  const run = spawnSync('npm', ['sbom', '--sbom-format', 'cyclonedx'], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) {
    return { check: 'SBOM (CycloneDX, runtime dependencies)', status: 'fail', summary: `npm sbom failed (exit ${run.status})`, details: run.stderr.split('\n').slice(0, 10) };
  }
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const lock: unknown = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const sbom = runtimeSbom(JSON.parse(run.stdout) as Sbom, runtimeRefs(lock), manifest);
  writeFileSync(output, `${JSON.stringify(sbom, null, 2)}\n`);
  return checkSbom(sbom, lock, manifest as unknown as Record<string, unknown>, path.relative(root, output));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
  finish(writeRuntimeSbom(root, path.resolve(process.argv[2] ?? path.join(root, 'sbom.cdx.json'))));
}
