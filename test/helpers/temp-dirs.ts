import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * Temporary directories a test file makes, removed after its tests: call at the top of the file (it
 * registers the file's afterAll), then `make('callhound-…-')` inside tests.
 */
export function tempDirs(): { make: (prefix: string) => string } {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return {
    make: (prefix) => {
      const dir = mkdtempSync(path.join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
  };
}
