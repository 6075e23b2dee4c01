import type { NextFunction, Request, Response } from 'express';
import type { Driver } from 'neo4j-driver';
import { CallhoundError } from '../errors.js';
import { isDbUnavailable } from '../graph/retry.js';

/**
 * What the server knows about the database's reachability. When a request fails because Neo4j is gone,
 * the server marks the database down: from then on requests that need it are answered 503 at once (instead
 * of each one waiting out the driver's retries), and a probe checks every `probeIntervalMs` whether Neo4j is
 * back. The first successful probe (or request) marks it up again: the server recovers by itself, without a
 * restart, because the driver reconnects its pool on demand.
 */
export interface DbHealth {
  readonly down: boolean;
  /** When the outage was noticed (ms since epoch), if down. */
  readonly downSince: number | undefined;
  /** Looks at a failed request's error; returns true (and marks the database down) if it is an outage. */
  noteFailure(error: unknown): boolean;
  /** Asks Neo4j now (one round trip); updates the state and returns whether it answered. */
  check(): Promise<boolean>;
  /** Stops the probe (tests; the probe timer never keeps the process alive anyway). */
  close(): void;
}

export interface DbHealthOptions {
  probeIntervalMs?: number;
  /** How long one probe may take before it counts as failed. */
  probeTimeoutMs?: number;
  log?: (line: string) => void;
}

export function createDbHealth(driver: Driver, options: DbHealthOptions = {}): DbHealth {
  const probeIntervalMs = options.probeIntervalMs ?? 1000;
  const probeTimeoutMs = options.probeTimeoutMs ?? 3000;
  const log = options.log ?? (() => undefined);
  let downSince: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const reachable = async (): Promise<boolean> => {
    try {
      // getServerInfo opens (or reuses) a connection and runs no query: one round trip, no driver retries.
      await withTimeout(driver.getServerInfo(), probeTimeoutMs);
      return true;
    } catch {
      return false;
    }
  };
  const markUp = (): void => {
    if (downSince === undefined) return;
    log(`callhound serve: Neo4j is reachable again after ${((Date.now() - downSince) / 1000).toFixed(1)} s`);
    downSince = undefined;
  };
  const markDown = (): void => {
    if (downSince === undefined) {
      downSince = Date.now();
      log('callhound serve: Neo4j is unreachable; answering 503 until it is back (checking every second)');
    }
    schedule();
  };
  const probe = async (): Promise<void> => {
    timer = undefined;
    if (closed || downSince === undefined) return;
    const up = await reachable();
    if (closed || downSince === undefined) return;
    if (up) markUp();
    else schedule();
  };
  const schedule = (): void => {
    if (closed || timer !== undefined) return;
    timer = setTimeout(() => void probe(), probeIntervalMs);
    timer.unref();
  };

  return {
    get down() {
      return downSince !== undefined;
    },
    get downSince() {
      return downSince;
    },
    noteFailure(error) {
      if (!isDbUnavailable(error)) return false;
      markDown();
      return true;
    },
    async check() {
      const up = await reachable();
      if (up) markUp();
      else markDown();
      return up;
    },
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** The error a request gets while the database is down. */
export function databaseDownError(cause?: unknown): CallhoundError {
  return new CallhoundError('neo4j_unavailable', 'the graph database is not reachable right now; callhound reconnects by itself, try again in a few seconds', {
    status: 503,
    cause,
  });
}

/**
 * Middleware: while the database is known to be down, requests that need it get 503 at once (with a
 * Retry-After), except `openPaths` that answer without the database.
 */
export function requireDatabase(health: DbHealth, openPaths: readonly string[] = []) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!health.down || openPaths.includes(req.path)) {
      next();
      return;
    }
    res.setHeader('Retry-After', '5');
    next(databaseDownError());
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined); // a late failure after the timeout is not an unhandled rejection
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
