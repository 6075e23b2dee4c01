import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import { CallhoundError } from '../errors.js';
import { createApp, type AppOptions } from './app.js';
import { generateToken } from './auth.js';
import { allowedHostNames } from './host-check.js';
import { huntsProvider } from './hunts-provider.js';

export interface StartedServer {
  server: Server;
  url: string;
  /** The workspace URL with the token in the fragment (never sent to the server, never in its logs). */
  workspaceUrl: string;
  token: string;
  tokenGenerated: boolean;
}

/** Builds the app from configuration and listens on server.host:server.port (127.0.0.1 by default). */
export async function startServer(
  driver: Driver,
  config: Config,
  overrides: { host?: string | undefined; port?: number | undefined; maxElements?: number | undefined; webDir?: string | undefined } & Partial<Pick<AppOptions, 'report' | 'reputation'>> = {},
): Promise<StartedServer> {
  const token = config.server.token ?? generateToken();
  const host = overrides.host ?? config.server.host;
  const port = overrides.port ?? config.server.port;
  const app = createApp({
    driver,
    database: config.neo4j.database,
    token,
    region: config.defaultRegion,
    apiRatePerMinute: config.server.apiRatePerMinute,
    linkRatePerMinute: config.server.linkRatePerMinute,
    allowedHosts: [...allowedHostNames(host, config.server.allowedHosts)],
    responseCache: config.server.cache.maxBytes > 0 ? config.server.cache : false,
    ...(overrides.webDir ? { webDir: overrides.webDir } : {}),
    ...(overrides.maxElements ? { maxElements: overrides.maxElements } : {}),
    hunts: huntsProvider(driver, { userDir: config.huntsDir, region: config.defaultRegion, database: config.neo4j.database }),
    report: overrides.report,
    reputation: overrides.reputation,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new CallhoundError('port_in_use', `port ${port} on ${host} is in use; pick another with --port or CALLHOUND_PORT`) : error);
    });
  });
  // Stops the graph watcher and the health probe with the server.
  server.once('close', () => (app.locals.close as (() => void) | undefined)?.());
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  return { server, url, workspaceUrl: `${url}/#token=${encodeURIComponent(token)}`, token, tokenGenerated: config.server.token === undefined };
}
