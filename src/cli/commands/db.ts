import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { connect } from '../../graph/driver.js';
import { applySchema } from '../../graph/schema.js';
import { describeProtections, readProtections } from '../../graph/protections.js';
import { graphStatus } from '../../graph/status.js';
import { localDbOptions, runningPid, startLocalDb, stopLocalDb } from '../../localdb/process.js';
import { info, printJson } from '../output.js';

/** `callhound db start|stop|status|migrate`: the local Neo4j and the schema of whatever NEO4J_URI names. */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('manage the local Neo4j and the schema');

  db.command('start')
    .description('build (if needed) and start the local Neo4j 5.26, wait for Bolt, apply the schema')
    .action(async () => {
      const config = loadConfig();
      const result = await startLocalDb(localDbOptions(config), info);
      if (result.alreadyRunning) {
        info(`local Neo4j already running (pid ${result.pid}) at ${result.uri}; not starting another`);
      } else {
        info(`local Neo4j started (pid ${result.pid}) at ${result.uri} in ${(result.startedInMs / 1000).toFixed(1)} s; data in ${config.localDb.dataDir}`);
      }
      await migrate();
    });

  db.command('stop')
    .description('stop the local Neo4j cleanly')
    .action(async () => {
      const config = loadConfig();
      const result = await stopLocalDb(config.localDb.dataDir);
      info(result.stopped ? `local Neo4j (pid ${result.pid}) stopped` : 'local Neo4j is not running');
    });

  db.command('status')
    .description('is the database up: URI, Neo4j version, node counts, and whether its own protections are on')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const config = loadConfig();
      const pid = runningPid(config.localDb.dataDir);
      const base = { uri: config.neo4j.uri, localPid: pid ?? null };
      try {
        const { driver } = await connect(config.neo4j);
        try {
          const status = await graphStatus(driver, config.neo4j.database);
          const protections = await readProtections(driver, config.neo4j.database);
          if (options.json) printJson({ up: true, ...base, ...status, protections });
          else {
            info(`up: ${config.neo4j.uri} — Neo4j ${status.version} ${status.edition}${pid ? ` (local, pid ${pid})` : ''}`);
            info(`nodes: ${Object.entries(status.nodeCounts).map(([label, count]) => `${label} ${count}`).join(', ')}; relationships: ${status.relationshipCount}`);
            for (const line of describeProtections(protections)) info(line);
          }
        } finally {
          await driver.close();
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (options.json) printJson({ up: false, ...base, reason });
        else info(`down: ${config.neo4j.uri} — ${reason}`);
        process.exitCode = 3;
      }
    });

  db.command('migrate')
    .description('apply cypher/schema.cypher (idempotent)')
    .action(migrate);
}

async function migrate(): Promise<void> {
  const config = loadConfig();
  const { driver } = await connect(config.neo4j);
  try {
    const { statements } = await applySchema(driver, config.neo4j.database);
    info(`schema applied (${statements} statements) on ${config.neo4j.uri}`);
  } finally {
    await driver.close();
  }
}
