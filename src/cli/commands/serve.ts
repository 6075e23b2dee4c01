import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { CallhoundError } from '../../errors.js';
import { connect } from '../../graph/driver.js';
import { describeProtections, readProtections } from '../../graph/protections.js';
import { applySchema } from '../../graph/schema.js';
import { defaultWebDir } from '../../server/app.js';
import { optionalProviders } from '../../server/optional-providers.js';
import { startServer } from '../../server/start.js';
import { info } from '../output.js';

/** `callhound serve`: the API and the workspace, on 127.0.0.1 unless told otherwise. */
export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('start the investigation workspace (API + web UI); prints the URL with its access token')
    .option('--host <host>', 'interface to bind (default CALLHOUND_HOST or 127.0.0.1)')
    .option('--port <port>', 'port (default CALLHOUND_PORT or 8080)', (v) => parsePort(v))
    .option('--max-elements <n>', 'most elements one request may put on the canvas', (v) => parsePositive(v, '--max-elements'), 3000)
    .action(async (options: { host?: string; port?: number; maxElements: number }) => {
      const config = loadConfig();
      if (!existsSync(path.join(defaultWebDir, 'index.html'))) {
        info('callhound serve: the web workspace is not built (run `npm run build:web`); the API works, the page will say so');
      }
      // Short driver retries: while Neo4j is down, API requests get a quick 503 (src/server/db-health.ts).
      const { driver, server: dbInfo } = await connect(config.neo4j, { maxTransactionRetryTimeMs: 2000 });
      await applySchema(driver, config.neo4j.database);
      // A database that callhound did not start may let Cypher read files or load URLs: say so, with the fix.
      for (const line of describeProtections(await readProtections(driver, config.neo4j.database))) info(`callhound serve: ${line}`);
      const host = options.host ?? config.server.host;
      if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
        info(`callhound serve: binding ${host}: the workspace is reachable from other machines; keep the token secret`);
      }
      const started = await startServer(driver, config, { host, port: options.port, maxElements: options.maxElements, ...(await optionalProviders(driver, config)) });
      info(`callhound serve: graph ${dbInfo.address} (${dbInfo.agent}); listening on ${started.url}`);
      if (started.tokenGenerated) info('callhound serve: CALLHOUND_TOKEN is not set; generated a token for this run');
      info(`open the workspace: ${started.workspaceUrl}`);
      const stop = (): void => {
        info('callhound serve: stopping');
        started.server.close(() => {
          driver.close().finally(() => process.exit(0));
        });
        setTimeout(() => process.exit(0), 3000).unref();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

function parsePort(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CallhoundError('bad_option', `--port must be a port number, not ${text}`);
  return n;
}

function parsePositive(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new CallhoundError('bad_option', `${name} must be a positive integer, not ${text}`);
  return n;
}
