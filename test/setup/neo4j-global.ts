import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startLocalDb, stopLocalDb } from '../../src/localdb/process.js';

/**
 * Starts one real Neo4j for the integration run, on a free port and a throw-away data directory.
 * A failure to start fails the run (it is thrown), never skips the tests.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callhound-test-neo4j-'));
  const port = await freePort();
  // Random per run, and unlike any path: test/integration/localdb-lockdown.test.ts looks for it in the process's command line.
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const started = await startLocalDb(
    { port, dataDir, heap: '1g', pageCache: '256m', startTimeoutS: 240, user: 'neo4j', password },
    (line) => process.stderr.write(`${line}\n`),
  );
  project.provide('neo4j', { uri: started.uri, user: 'neo4j', password, dataDir });
  process.env.NEO4J_URI = started.uri;
  process.env.NEO4J_USER = 'neo4j';
  process.env.NEO4J_PASSWORD = password;
  return async () => {
    await stopLocalDb(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string; dataDir: string };
  }
}
