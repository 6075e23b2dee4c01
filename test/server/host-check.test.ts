import { describe, expect, it } from 'vitest';
import { allowedHostNames, hostName } from '../../src/server/host-check.js';

describe('Host header names (DNS rebinding)', () => {
  it.each([
    ['localhost', 'localhost'],
    ['localhost:8080', 'localhost'],
    ['LocalHost.:8080', 'localhost'],
    ['127.0.0.1:8080', '127.0.0.1'],
    ['[::1]:8080', '[::1]'],
    ['[::1]', '[::1]'],
    ['evil.example', 'evil.example'],
    ['evil.example:99999x', undefined],
    ['a b', undefined],
    ['::1', undefined],
    ['', undefined],
    ['host:80:80', undefined],
  ])('%j names %j', (header, name) => {
    expect(hostName(header)).toBe(name);
  });

  it('allows loopback names, the bind host (not a wildcard) and the configured extra names', () => {
    expect([...allowedHostNames('127.0.0.1')].sort()).toEqual(['127.0.0.1', '[::1]', 'localhost']);
    expect(allowedHostNames('10.1.2.3', ['Workspace.Lab', '::2'])).toEqual(new Set(['localhost', '127.0.0.1', '[::1]', '10.1.2.3', 'workspace.lab', '[::2]']));
    for (const wildcard of ['0.0.0.0', '::', '[::]']) expect(allowedHostNames(wildcard).has(wildcard)).toBe(false);
  });
});
