import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { isCallhoundError } from '../errors.js';

/** Every error leaves as `{error: {code, message}}`; internal details only go to the server's log. */
export function errorHandler(log: (line: string) => void) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
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
    const neo4jCode = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
    if (neo4jCode === 'ServiceUnavailable' || neo4jCode === 'SessionExpired') {
      res.status(503).json({ error: { code: 'neo4j_unavailable', message: 'the graph database is not reachable' } });
      return;
    }
    log(`callhound serve: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    res.status(500).json({ error: { code: 'internal', message: 'unexpected server error (see the server log)' } });
  };
}
