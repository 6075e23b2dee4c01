import type { IncomingMessage } from 'node:http';
import express, { type RequestHandler } from 'express';
import { CallhoundError } from '../errors.js';

/**
 * The deepest nesting of arrays and objects a request body may have. The workspace sends at most a handful
 * of levels (a snapshot's view holds style objects); 8 MB of `[[[[…` would overflow JSON.parse's stack (a
 * 500) and hold the event loop for seconds, so it is refused from the raw bytes, before anything parses it.
 */
export const maxJsonDepth = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The nesting depth of JSON text, read byte by byte in one pass (brackets inside strings do not count), or
 * `limit + 1` as soon as it goes deeper than `limit`. Invalid JSON gets some number: JSON.parse rejects it later.
 */
export function jsonDepth(bytes: Uint8Array, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}

/** body-parser's `verify` hook: runs on the raw body after the size limit and before JSON.parse. */
function refuseDeepJson(_req: IncomingMessage, _res: unknown, body: Buffer): void {
  if (jsonDepth(body, maxJsonDepth) > maxJsonDepth) {
    throw new CallhoundError('too_deep', `request body nests arrays and objects more than ${maxJsonDepth} levels deep`, { status: 400 });
  }
}

/** express.json with a size limit (413 above it) and the depth limit (400 above it), both before parsing. */
export function jsonBody(limit: string): RequestHandler {
  return express.json({ limit, verify: refuseDeepJson });
}
