import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startLocalDb, stopLocalDb } from '../src/localdb/process.js';

/**
 * The database a graph benchmark runs against: the one at `uri` when given (profiling against a kept graph),
 * otherwise a throw-away local Neo4j on a free port and a temporary data directory, removed by `close()`.
 */
export interface BenchDatabase {
  uri: string;
  /** The local Neo4j's process id (for CPU accounting), undefined for a given `uri`. */
  pid: number | undefined;
  close(): Promise<void>;
}

export async function openBenchDatabase(options: {
  name: string;
  uri?: string | undefined;
  password: string;
  heap: string;
  pageCache: string;
  log: (line: string) => void;
}): Promise<BenchDatabase> {
  if (options.uri !== undefined) return { uri: options.uri, pid: undefined, close: async () => undefined };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `callhound-${options.name}-`));
  const remove = (): void => rmSync(dataDir, { recursive: true, force: true });
  try {
    const port = await freePort();
    options.log(`starting a throw-away Neo4j on port ${port} (${dataDir})`);
    const started = await startLocalDb({ port, dataDir, heap: options.heap, pageCache: options.pageCache, startTimeoutS: 300, user: 'neo4j', password: options.password }, options.log);
    return {
      uri: started.uri,
      pid: started.pid,
      close: async () => {
        await stopLocalDb(dataDir);
        remove();
      },
    };
  } catch (error) {
    await stopLocalDb(dataDir).catch(() => undefined);
    remove();
    throw error;
  }
}
