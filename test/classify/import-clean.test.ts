import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

// natural's index pulls in its storage backends, whose dotenv 17 prints to stdout; --json output must stay clean.
describe('importing the classifier', () => {
  it('writes nothing to stdout and loads no storage driver or dotenv', () => {
    const script = `
      const m = await import('./src/classify/index.ts');
      m.classifyMessage({ subject: 'PayPal invoice', body: 'Call 1-888-555-0142', attachmentText: '', fromName: null, fromAddress: null, lang: null });
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      process.stderr.write(JSON.stringify(loaded));
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toBe('');
    const loaded = JSON.parse(child.stderr.trim()) as string[];
    expect(loaded.some((p) => p.includes('/natural/'))).toBe(true);
    for (const pkg of ['dotenv', 'mongoose', 'pg', 'redis', 'memjs', '@redis']) {
      expect(loaded.filter((p) => p.includes(`/node_modules/${pkg}/`)), pkg).toEqual([]);
    }
  });
});
