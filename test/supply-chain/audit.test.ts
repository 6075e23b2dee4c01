import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideAudit } from '../../scripts/supply-chain/audit.js';
import { exitCodeFor } from '../../scripts/supply-chain/outcome.js';

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('decideAudit', () => {
  it('fails on a high advisory and names the package, its advisory and the package it reaches through', () => {
    const outcome = decideAudit({ stdout: fixture('audit-high.json'), stderr: '', exitCode: 1 });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toMatch(/^2 package\(s\) with a high or critical advisory/);
    const details = outcome.details.join('\n');
    expect(details).toContain('path-to-regexp: high');
    expect(details).toContain('GHSA-9wv6-86v2-598j');
    expect(details).toContain('express: high');
    expect(details).toContain('via path-to-regexp');
    expect(exitCodeFor(outcome.status, false)).toBe(1);
  });

  it('fails on a critical advisory', () => {
    const outcome = decideAudit({ stdout: fixture('audit-critical.json'), stderr: '', exitCode: 1 });
    expect(outcome.status).toBe('fail');
    expect(outcome.details.join('\n')).toContain('form-data: critical');
  });

  it('passes moderate and low advisories but lists them', () => {
    const outcome = decideAudit({ stdout: fixture('audit-moderate.json'), stderr: '', exitCode: 1 });
    expect(outcome.status).toBe('pass');
    expect(outcome.summary).toContain('low 1, moderate 1, high 0, critical 0');
    expect(outcome.details).toEqual([
      'brace-expansion: low (below the failing level)',
      'nanoid: moderate (below the failing level)',
    ]);
  });

  it('passes a clean report', () => {
    expect(decideAudit({ stdout: fixture('audit-clean.json'), stderr: '', exitCode: 0 }).status).toBe('pass');
  });

  it('fails when the metadata counts a high finding the package list lost (truncated report)', () => {
    const report = JSON.parse(fixture('audit-high.json')) as { vulnerabilities: Record<string, unknown> };
    report.vulnerabilities = {};
    const outcome = decideAudit({ stdout: JSON.stringify(report), stderr: '', exitCode: 1 });
    expect(outcome.status).toBe('fail');
  });

  it('reports the recorded 405 of this registry as NOT CHECKED, never as a pass', () => {
    const outcome = decideAudit({
      stdout: fixture('audit-405.json'),
      stderr: fixture('audit-405.stderr.txt'),
      exitCode: 1,
    });
    expect(outcome.status).toBe('not-checked');
    expect(outcome.summary).toContain('NOT checked');
    expect(outcome.details[0]).toContain('HTTP 405');
    expect(exitCodeFor(outcome.status, false)).toBe(0);
    expect(exitCodeFor(outcome.status, true)).toBe(3);
  });

  it('reports an unreachable registry as NOT CHECKED', () => {
    const outcome = decideAudit({ stdout: '', stderr: 'npm error code ENOTFOUND\nnpm error network getaddrinfo ENOTFOUND', exitCode: 1 });
    expect(outcome.status).toBe('not-checked');
  });

  it('fails on output it cannot read instead of assuming safety', () => {
    const outcome = decideAudit({ stdout: 'Segmentation fault', stderr: '', exitCode: 139 });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('exit code 139');
  });
});
