import type { NextFunction, Request, Response } from 'express';
import { CallhoundError } from '../errors.js';

/**
 * DNS rebinding: a page on attacker.example makes its own name resolve to 127.0.0.1, and the browser then
 * sends the page's requests to the workspace as same-origin (it can read the answers of /s/… links, and of
 * anything else it can name). The browser still sends `Host: attacker.example`, so the server answers only
 * to host names it was told about: loopback names, the address it binds, and CALLHOUND_ALLOWED_HOSTS.
 */
export const loopbackHosts = ['localhost', '127.0.0.1', '[::1]'] as const;

/** A host name as compared: lower case, no trailing dot, IPv6 literals in brackets. */
export function normaliseHost(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name.includes(':') && !name.startsWith('[')) name = `[${name}]`;
  return name;
}

/** The name part of a Host header (`example:8080` → `example`, `[::1]:8080` → `[::1]`); undefined when malformed. */
export function hostName(header: string): string | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s]+)(?::\d{1,5})?$/.exec(header.trim());
  return match?.[1] === undefined ? undefined : normaliseHost(match[1]);
}

/** Every name the server answers to: loopback names, the bind host (unless it is a wildcard) and the extra ones. */
export function allowedHostNames(bindHost: string | undefined, extra: readonly string[] = []): Set<string> {
  const names = new Set<string>(loopbackHosts);
  if (bindHost !== undefined && !['0.0.0.0', '::', '[::]', ''].includes(bindHost.trim())) names.add(normaliseHost(bindHost));
  for (const name of extra) names.add(normaliseHost(name));
  return names;
}

/** Refuses a request whose Host header names none of `allowed` (403, JSON error), before anything else runs. */
export function requireAllowedHost(allowed: ReadonlySet<string>) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const header = req.headers.host;
    const name = header === undefined ? undefined : hostName(header);
    if (name !== undefined && allowed.has(name)) return next();
    next(
      new CallhoundError(
        'host_not_allowed',
        'this server does not answer to that host name; add it to CALLHOUND_ALLOWED_HOSTS if you reach the workspace under it',
        { status: 403 },
      ),
    );
  };
}
