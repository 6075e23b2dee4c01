import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { isCallhoundError } from '../errors.js';
import { isDbUnavailable } from '../graph/retry.js';
import { databaseDownError, type DbHealth } from './db-health.js';

/**
 * Every error leaves as `{error: {code, message}}`; internal details only go to the server's log.
 * An unreachable database is a 503 with Retry-After (and, given `health`, marks it down so that the next
 * requests are refused at once until a probe sees it back).
 */
export function errorHandler(log: (line: string) => void, health?: DbHealth) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (health ? health.noteFailure(error) : isDbUnavailable(error)) {
      const down = databaseDownError(error);
      res.setHeader('Retry-After', '5');
      res.status(503).json({ error: { code: down.code, message: down.message } });
      return;
    }
    if (isCallhoundError(error)) {
      const status = error.status >= 400 && error.status < 600 ? error.status : 500;
      if (status >= 500) log(`callhound serve: ${error.code}: ${error.message}`);
      res.status(status).json({ error: { code: error.code, message: error.message } });
      return;
    }
    if (error instanceof ZodError) {
      const message = error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
      res.status(400).json({ error: { code: 'bad_request', message } });
      return;
    }
    // body-parser and express raise errors with a status (413 too large, 400 bad JSON).
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number((error as { status: unknown }).status) : 500;
    if (status === 413) {
      res.status(413).json({ error: { code: 'too_large', message: 'request body too large' } });
      return;
    }
    if (status === 400) {
      res.status(400).json({ error: { code: 'bad_json', message: 'request body is not valid JSON' } });
      return;
    }
    log(`callhound serve: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    res.status(500).json({ error: { code: 'internal', message: 'unexpected server error (see the server log)' } });
  };
}
