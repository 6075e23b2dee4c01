import { describe, expect, it } from 'vitest';
import { cyclonedxSchemaProblems, devOnlyRefs, runtimeRefs, runtimeSbom, type Sbom, sbomProblems } from '../../scripts/supply-chain/sbom.js';

// A project with one runtime dependency (app-dep -> shared) and one dev dependency (test-tool -> shared, dev-only).
const lock = {
  lockfileVersion: 3,
  packages: {
    '': { name: 'callhound', version: '0.1.0' },
    'node_modules/app-dep': { version: '1.0.0' },
    'node_modules/shared': { version: '2.0.0' },
    'node_modules/test-tool': { version: '3.0.0', dev: true },
    'node_modules/test-only': { version: '4.0.0', dev: true },
    'node_modules/app-dep/node_modules/shared': { version: '1.5.0' },
    'node_modules/alias': { name: 'real-name', version: '5.0.0' },
  },
};
const manifest = { name: 'callhound', version: '0.1.0', dependencies: { 'app-dep': '1.0.0', alias: 'npm:real-name@5.0.0' } };

const component = (name: string, version: string): Sbom['components'][number] => ({
  'bom-ref': `${name}@${version}`,
  type: 'library',
  name,
  version,
  purl: `pkg:npm/${name}@${version}`,
  hashes: [{ alg: 'SHA-512', content: 'ab'.repeat(64) }],
});

const fullSbom = (): Sbom => ({
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  serialNumber: 'urn:uuid:bfedc59f-2caf-4abe-9b9b-03617f7763bc',
  version: 1,
  metadata: { component: { ...component('main', '0.1.0'), 'bom-ref': 'callhound@0.1.0' } },
  components: [
    component('app-dep', '1.0.0'),
    component('shared', '2.0.0'),
    component('shared', '1.5.0'),
    component('test-tool', '3.0.0'),
    component('test-only', '4.0.0'),
    component('real-name', '5.0.0'),
  ],
  dependencies: [
    { ref: 'callhound@0.1.0', dependsOn: ['app-dep@1.0.0', 'test-tool@3.0.0', 'real-name@5.0.0'] },
    { ref: 'app-dep@1.0.0', dependsOn: ['shared@2.0.0', 'shared@1.5.0'] },
    { ref: 'test-tool@3.0.0', dependsOn: ['shared@2.0.0', 'test-only@4.0.0'] },
  ],
});

// The direct dependency "alias" is checked under its alias spec, so the manifest used for the check names real versions.
const checkedManifest = { name: 'callhound', version: '0.1.0', dependencies: { 'app-dep': '1.0.0' } };

describe('runtime SBOM', () => {
  it('reads the runtime and dev-only packages from the lockfile, nested copies and aliases included', () => {
    expect([...runtimeRefs(lock)].sort()).toEqual(['app-dep@1.0.0', 'real-name@5.0.0', 'shared@1.5.0', 'shared@2.0.0']);
    expect([...devOnlyRefs(lock)].sort()).toEqual(['test-only@4.0.0', 'test-tool@3.0.0']);
  });

  it('keeps packages shared with dev dependencies, drops dev-only ones and their edges, names the root', () => {
    const sbom = runtimeSbom(fullSbom(), runtimeRefs(lock), manifest);
    expect(sbom.components.map((c) => c['bom-ref']).sort()).toEqual(['app-dep@1.0.0', 'real-name@5.0.0', 'shared@1.5.0', 'shared@2.0.0']);
    expect(sbom.dependencies).toEqual([
      { ref: 'callhound@0.1.0', dependsOn: ['app-dep@1.0.0', 'real-name@5.0.0'] },
      { ref: 'app-dep@1.0.0', dependsOn: ['shared@2.0.0', 'shared@1.5.0'] },
    ]);
    expect(sbom.metadata.component).toMatchObject({ name: 'callhound', type: 'application' });
    expect(sbomProblems(sbom, lock, checkedManifest)).toEqual([]);
  });

  it('fails an SBOM that lost a shared runtime package (what npm sbom --omit dev does, npm/cli#7909)', () => {
    const sbom = runtimeSbom(fullSbom(), runtimeRefs(lock), manifest);
    sbom.components = sbom.components.filter((c) => c['bom-ref'] !== 'shared@2.0.0');
    expect(sbomProblems(sbom, lock, checkedManifest)).toEqual([
      'dependency graph names unknown bom-ref shared@2.0.0',
      'runtime package missing: shared@2.0.0',
    ]);
  });

  it('fails an SBOM that lists development-only packages', () => {
    const sbom = { ...fullSbom(), metadata: { component: { ...component('callhound', '0.1.0') } } };
    expect(sbomProblems(sbom, lock, checkedManifest).sort()).toEqual([
      'development-only package listed: test-only@4.0.0',
      'development-only package listed: test-tool@3.0.0',
    ]);
  });

  it('fails what is not CycloneDX or lacks identifiers', () => {
    const sbom = runtimeSbom(fullSbom(), runtimeRefs(lock), manifest);
    const broken = { ...sbom, bomFormat: 'SPDX', serialNumber: 'abc', components: sbom.components.map((c) => ({ ...c, hashes: [] })) };
    const problems = sbomProblems(broken, lock, checkedManifest);
    expect(problems).toContain('bomFormat is SPDX, not CycloneDX');
    expect(problems).toContain('serialNumber is not a urn:uuid');
    expect(problems).toContain('app-dep@1.0.0: no hash');
    expect(sbomProblems(broken, lock, { ...checkedManifest, dependencies: { missing: '9.9.9' } })).toContain(
      'direct runtime dependency missing: missing@9.9.9',
    );
  });

  it('checks the official CycloneDX 1.5 schema: enums, hash formats, unknown spec versions', () => {
    const sbom = runtimeSbom(fullSbom(), runtimeRefs(lock), manifest);
    expect(cyclonedxSchemaProblems(sbom)).toEqual([]);
    const [first, ...rest] = sbom.components;
    const wrongType = { ...sbom, components: [{ ...first!, type: 'banana' }, ...rest] };
    expect(cyclonedxSchemaProblems(wrongType)).toContain('schema: /components/0/type must be equal to one of the allowed values');
    const shortHash = { ...sbom, components: [{ ...first!, hashes: [{ alg: 'SHA-512', content: 'abc' }] }, ...rest] };
    expect(cyclonedxSchemaProblems(shortHash).join('\n')).toContain('/components/0/hashes/0/content must match pattern');
    expect(cyclonedxSchemaProblems({ ...sbom, specVersion: '9.9' })).toEqual(['no CycloneDX schema for specVersion 9.9 in scripts/supply-chain/cyclonedx/']);
  });
});
