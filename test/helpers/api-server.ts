import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Driver } from 'neo4j-driver';
import { createApp, type AppOptions } from '../../src/server/app.js';

export interface TestServer {
  url: string;
  token: string;
  /** fetch with the token; `auth: false` sends none. */
  call(path: string, init?: RequestInit & { auth?: boolean }): Promise<{ status: number; body: any; headers: Headers; text: string }>;
  close(): Promise<void>;
}

/** Starts the real Express app on a free loopback port. */
export async function startTestServer(driver: Driver, extra: Partial<AppOptions> = {}): Promise<TestServer> {
  const token = 'test-token-0123456789abcdef';
  // Unexpected (500) errors are logged to stderr so a failing test shows why.
  const app = createApp({ driver, token, region: 'US', log: (line) => process.stderr.write(`${line}\n`), ...extra });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    token,
    async call(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.auth !== false) headers.set('authorization', `Bearer ${token}`);
      if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
      const res = await fetch(`${url}${path}`, { ...init, headers });
      const text = await res.text();
      let body: any = undefined; // JSON of any shape: the tests assert on it field by field.
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: res.status, body, headers: res.headers, text };
    },
    close: () =>
      new Promise((resolve) => {
        (app.locals.close as (() => void) | undefined)?.();
        server.close(() => resolve());
      }),
  };
}
