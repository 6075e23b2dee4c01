import http from 'node:http';
import type { Express } from 'express';

/** One route of an Express app as a client sees it: method and full path pattern (`GET /api/nodes/:key`). */
export interface AppRoute {
  method: string;
  path: string;
}

interface StackLayer {
  rawPath?: string;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: StackLayer[] };
}

/**
 * Every route of the app, read from Express 5's router stack (mounted routers included, with their mount
 * path), so a test can go through all of them and a route added later is covered without editing the test.
 */
export function appRoutes(app: Express): AppRoute[] {
  const root = (app as unknown as { router?: { stack: StackLayer[] } }).router;
  if (!root) throw new Error('no router on this Express app (Express 5 exposes app.router)');
  const routes: AppRoute[] = [];
  const walk = (stack: StackLayer[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          for (const [method, on] of Object.entries(layer.route.methods)) {
            if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path: joinPath(prefix, p) });
          }
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, joinPath(prefix, layer.rawPath ?? ''));
      }
    }
  };
  walk(root.stack, '');
  return routes;
}

function joinPath(prefix: string, rest: string): string {
  const joined = `${prefix}/${rest}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** Fills a route's `:params` with values; a parameter without a value is an error, so new ones get one. */
export function fillPath(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no sample value for :${name} in ${pattern}: add one to the test`);
    return encodeURIComponent(value);
  });
}

/**
 * A request with the path sent byte for byte (fetch and URL would resolve `..` and re-encode), so tests can
 * send what an attacker sends: `/../x`, `%2e%2e%2f`, `%00`.
 */
export function rawRequest(
  baseUrl: string,
  rawPath: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: options.method ?? 'GET', path: rawPath, headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
