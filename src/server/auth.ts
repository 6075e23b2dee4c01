import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { CallhoundError } from '../errors.js';

/** A fresh token for a session where CALLHOUND_TOKEN is not set: 32 random bytes, base64url. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The token a request carries: `Authorization: Bearer …` or `X-Callhound-Token: …`. Never from the query string (it would land in logs and history). */
export function tokenOf(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header && /^Bearer\s+/i.test(header)) return header.replace(/^Bearer\s+/i, '').trim();
  return req.get('x-callhound-token')?.trim() || undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when the request carries the right token (the rate limiter counts such requests apart from the others). */
export function hasValidToken(req: Request, expected: string): boolean {
  const given = tokenOf(req);
  return given !== undefined && sameSecret(given, expected);
}

export function requireToken(expected: string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const given = tokenOf(req);
    if (given === undefined) return next(new CallhoundError('unauthorized', 'missing access token: send Authorization: Bearer <token> (printed by `callhound serve`)', { status: 401 }));
    if (!sameSecret(given, expected)) return next(new CallhoundError('forbidden', 'wrong access token', { status: 403 }));
    next();
  };
}
