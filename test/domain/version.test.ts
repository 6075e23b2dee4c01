import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callhoundVersion } from '../../src/domain/index.js';

describe('callhoundVersion', () => {
  it('is the version package.json declares', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(callhoundVersion).toBe(pkg.version);
    expect(callhoundVersion).toMatch(/^\d+\.\d+\.\d+/);
  });
});
