import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideSignatures } from '../../scripts/supply-chain/signatures.js';

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('decideSignatures', () => {
  it('passes when npm verified everything', () => {
    expect(decideSignatures({ stdout: fixture('signatures-clean.json'), stderr: '', exitCode: 0 }).status).toBe('pass');
  });

  it('fails on an invalid signature and names the package', () => {
    const outcome = decideSignatures({ stdout: fixture('signatures-invalid.json'), stderr: '', exitCode: 1 });
    expect(outcome.status).toBe('fail');
    expect(outcome.details).toEqual(['invalid: fflate@0.8.3 (node_modules/fflate)']);
  });

  it('fails on a missing signature', () => {
    const outcome = decideSignatures({ stdout: fixture('signatures-missing.json'), stderr: '', exitCode: 1 });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('1 without a signature');
  });

  it('fails when npm exits non-zero without listing anything', () => {
    expect(decideSignatures({ stdout: fixture('signatures-clean.json'), stderr: '', exitCode: 1 }).status).toBe('fail');
  });

  it('reports the recorded unreachable key server of this network as NOT CHECKED', () => {
    const outcome = decideSignatures({
      stdout: fixture('signatures-enotfound.json'),
      stderr: fixture('signatures-enotfound.stderr.txt'),
      exitCode: 1,
    });
    expect(outcome.status).toBe('not-checked');
    expect(outcome.details.join('\n')).toContain('tuf-repo-cdn.sigstore.dev');
  });

  it('reports a registry without keys as NOT CHECKED', () => {
    const outcome = decideSignatures({
      stdout: '',
      stderr: 'npm error found no dependencies to audit that were installed from a supported registry',
      exitCode: 1,
    });
    expect(outcome.status).toBe('not-checked');
  });

  it('fails on anything it cannot read', () => {
    expect(decideSignatures({ stdout: '', stderr: 'npm error code EBADTHING', exitCode: 1 }).status).toBe('fail');
  });
});
