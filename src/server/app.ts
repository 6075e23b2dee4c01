import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';
import type { Driver } from 'neo4j-driver';
import { z } from 'zod';
import type { DayCount, HealthAnswer, HuntListAnswer, MetaAnswer, SnapshotDeleted, SnapshotListAnswer, SnapshotSaved, TimelineAnswer } from '../api/contract.js';
import { CallhoundError } from '../errors.js';
import { callhoundVersion } from '../domain/index.js';
import { readPlainRows } from '../graph/driver.js';
import { readGraphFingerprint } from '../graph/graph-version.js';
import { createBlockMemo } from '../reputation/reputation.js';
import { exportFormats, exportMeta, type ExportFormat } from '../snapshots/export.js';
import { renderExport } from '../snapshots/render.js';
import { snapshotInputSchema } from '../snapshots/model.js';
import { deleteSnapshot, getSnapshot, importSnapshot, listSnapshots, saveSnapshot, snapshotExists } from '../snapshots/store.js';
import { palette } from '../snapshots/palette.js';
import { hasValidToken, requireToken } from './auth.js';
import { allowedHostNames, requireAllowedHost } from './host-check.js';
import { jsonBody } from './json-body.js';
import { clusterGraph, listClusters } from './clusters.js';
import { nodeDetails } from './details.js';
import { expand } from './expand.js';
import { createDbHealth, type DbHealth, requireDatabase } from './db-health.js';
import { watchGraph } from './graph-watch.js';
import { ResponseCache } from './response-cache.js';
import { errorHandler } from './http-errors.js';
import { nodeLabels, parseModelKey, relationshipTypes } from './keys.js';
import type { HuntsProvider, ReportProvider, ReputationProvider } from './providers.js';
import { search, toE164 } from './search.js';

export const defaultWebDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface AppOptions {
  driver: Driver;
  database?: string | undefined;
  token: string;
  /** Default region for reading numbers typed without a country code. */
  region: string;
  webDir?: string;
  /** The most elements one request may put on the canvas. */
  maxElements?: number;
  hunts?: HuntsProvider | undefined;
  report?: ReportProvider | undefined;
  reputation?: ReputationProvider | undefined;
  /** Requests per minute per client for /api (the UI makes many small calls). CALLHOUND_API_RATE_PER_MINUTE. */
  apiRatePerMinute?: number;
  /** Requests per minute per client for read-only snapshot links /s/…. CALLHOUND_LINK_RATE_PER_MINUTE. */
  linkRatePerMinute?: number;
  /**
   * Host names the server answers to besides localhost, 127.0.0.1 and [::1] (DNS rebinding; host-check.ts):
   * the bind host and CALLHOUND_ALLOWED_HOSTS.
   */
  allowedHosts?: readonly string[];
  log?: (line: string) => void;
  /** Database reachability (503 while Neo4j is down, recovery by itself); created from `driver` if absent. */
  dbHealth?: DbHealth;
  /**
   * Keeping answers of the read-only endpoints until the graph changes (src/server/response-cache.ts);
   * `false` turns it off. CALLHOUND_API_CACHE_MB, CALLHOUND_API_CACHE_MAX_AGE_S, CALLHOUND_API_CACHE_POLL_MS.
   */
  responseCache?: ResponseCacheSettings | false;
}

export interface ResponseCacheSettings {
  maxBytes: number;
  maxAgeMs: number;
  /** How often the graph's fingerprint is read: the longest an answer outlives a change made by callhound. */
  pollMs: number;
}

export const defaultResponseCache: ResponseCacheSettings = { maxBytes: 256 * 1024 * 1024, maxAgeMs: 300_000, pollMs: 250 };

const commaList = (allowed: readonly string[]) =>
  z
    .string()
    .max(500)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === '') return undefined;
      const items = text.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = items.filter((item) => !allowed.includes(item));
      if (unknown.length > 0) {
        ctx.addIssue({ code: 'custom', message: `unknown value(s) ${unknown.join(', ')}; expected some of ${allowed.join(', ')}` });
        return z.NEVER;
      }
      return items;
    });

/** A real calendar day (2024-02-29 yes, 2023-02-29 and 2024-13-45 no): Neo4j's date() would fail on the rest with a 500. */
function isCalendarDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2024-05-01')
  .refine(isCalendarDay, 'not a calendar date (YYYY-MM-DD, month 01-12, a day the month has)')
  .optional();

const searchQuery = z.object({
  q: z.string().trim().min(1, 'type something to search').max(200),
  kind: z.enum(['key', 'number', 'email', 'cluster', 'domain', 'brand', 'subject', 'block']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const pageQuery = (maxLimit: number, defaultLimit: number) => ({
  skip: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(maxLimit, `limit is at most ${maxLimit}`).default(defaultLimit),
});

/** The Express application: JSON API under /api (token required), the workspace, and read-only snapshot links under /s. */
export function createApp(options: AppOptions): Express {
  const { driver, database } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const webDir = options.webDir ?? defaultWebDir;
  const maxElements = options.maxElements ?? 3000;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('query parser', 'simple');
  // First of all: a request under a host name the server does not know is a DNS-rebinding page (host-check.ts).
  app.use(requireAllowedHost(allowedHostNames(undefined, options.allowedHosts ?? [])));

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );

  const api = express.Router();
  const health = options.dbHealth ?? createDbHealth(driver, { log });

  const wrap =
    (handler: (req: Request, res: Response) => Promise<unknown>) =>
    (req: Request, res: Response, next: NextFunction): void => {
      handler(req, res).then((body) => {
        if (!res.headersSent) res.json(body);
      }, next);
    };

  // Read-only answers are kept until the graph changes; the watcher reads the graph's fingerprint every
  // pollMs and drops them all when it moved. Snapshots, hunts and health are never kept.
  const cacheSettings = options.responseCache === undefined ? defaultResponseCache : options.responseCache;
  const cache = cacheSettings === false || cacheSettings.maxBytes <= 0 ? undefined : new ResponseCache(cacheSettings);
  // Reputation's block data is kept on the same terms: a look-up of an unseen number next to known ones
  // then needs no database round trip (src/reputation/reputation.ts).
  const blockMemo = cache && cacheSettings ? createBlockMemo({ maxBlocks: 100_000, maxAgeMs: cacheSettings.maxAgeMs }) : undefined;
  const graphWatch =
    cache && cacheSettings
      ? watchGraph(
          () => readGraphFingerprint(driver, database),
          () => {
            cache.invalidate();
            blockMemo?.invalidate();
          },
          { intervalMs: cacheSettings.pollMs },
        )
      : undefined;
  app.locals.close = (): void => {
    graphWatch?.close();
    if (options.dbHealth === undefined) health.close();
  };
  const kept =
    (handler: (req: Request, res: Response) => Promise<unknown>) =>
    (req: Request, res: Response, next: NextFunction): void => {
      if (cache === undefined) return wrap(handler)(req, res, next);
      // The URL as sent (path and query) names the answer: the same question always reads the same graph.
      // Kept answers were sent by the early look-up above; this is a miss, computed and kept.
      const key = req.originalUrl;
      res.set('Cache-Control', 'private, no-cache');
      const generation = cache.generation;
      handler(req, res).then((body) => {
        if (res.headersSent) return;
        const text = Buffer.from(JSON.stringify(body));
        const entry = res.statusCode === 200 ? cache.set(key, text, generation) : undefined;
        res.set('X-Callhound-Cache', 'miss');
        if (entry) res.set('ETag', entry.etag);
        res.type('json').send(text);
      }, next);
    };

  // Two buckets per address: requests with the right token, and all others. Any local web page can fire
  // no-cors requests at 127.0.0.1 (without the token); they must not use up the analyst's allowance.
  api.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.authenticated = hasValidToken(req, options.token);
    next();
  });
  const apiLimit = { windowMs: 60_000, limit: options.apiRatePerMinute ?? 1200, standardHeaders: 'draft-8', legacyHeaders: false, handler: tooMany } as const;
  api.use(rateLimit({ ...apiLimit, skip: (_req, res) => res.locals.authenticated !== true }));
  api.use(rateLimit({ ...apiLimit, skip: (_req, res) => res.locals.authenticated === true }));
  api.use(requireToken(options.token));
  // While Neo4j is known to be down, answer 503 at once; /meta and /health answer without it.
  api.use(requireDatabase(health, ['/meta', '/health']));
  // A kept answer goes out here, after the token, the rate limit and the database check, without the body
  // parsers and the route table: only answers of the read-only routes below are ever kept under a URL.
  if (cache !== undefined) {
    api.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET') return next();
      const hit = cache.get(req.originalUrl);
      if (hit === undefined) return next();
      res.set('Cache-Control', 'private, no-cache').set('X-Callhound-Cache', 'hit').set('ETag', hit.etag).type('json').send(hit.body);
    });
  }
  // Size (413) and nesting depth (400) are both checked on the raw bytes, before JSON.parse (json-body.ts).
  api.use('/snapshots', jsonBody('8mb'));
  api.use('/export', jsonBody('8mb'));
  api.use(jsonBody('64kb'));

  api.get(
    '/meta',
    wrap(async (): Promise<MetaAnswer> => ({
      version: callhoundVersion,
      region: options.region,
      maxElements,
      labels: nodeLabels,
      relationshipTypes,
      palette,
      features: { hunts: options.hunts !== undefined, report: options.report !== undefined, reputation: options.reputation !== undefined },
    })),
  );

  api.get(
    '/health',
    wrap(async (_req, res): Promise<HealthAnswer> => {
      const up = await health.check();
      res.status(up ? 200 : 503);
      return {
        database: up ? 'up' : 'down',
        ...(health.downSince === undefined ? {} : { downSince: new Date(health.downSince).toISOString() }),
        cache: cache === undefined ? null : cache.stats(),
        reputationBlocks: blockMemo === undefined ? null : blockMemo.stats(),
      };
    }),
  );

  api.get(
    '/search',
    kept(async (req) => {
      const q = searchQuery.parse(req.query);
      return search(driver, { q: q.q, kind: q.kind, limit: q.limit, region: options.region }, database);
    }),
  );

  const expandQuery = z.object({
    types: commaList(relationshipTypes),
    labels: commaList(nodeLabels),
    from: isoDate,
    to: isoDate,
    ...pageQuery(Math.min(500, maxElements), 50),
  });
  api.get(
    '/nodes/:key/neighbours',
    kept(async (req) => {
      const key = parseModelKey(String(req.params.key));
      const q = expandQuery.parse(req.query);
      return expand(driver, key, { types: q.types, labels: q.labels, from: q.from, to: q.to }, { skip: q.skip, limit: q.limit }, database);
    }),
  );

  api.get(
    '/nodes/:key',
    kept(async (req) => nodeDetails(driver, parseModelKey(String(req.params.key)), database)),
  );

  const clustersQuery = z.object({ ...pageQuery(500, 100), minSize: z.coerce.number().int().min(0).default(0), brand: z.string().max(100).optional() });
  api.get(
    '/clusters',
    kept(async (req) => {
      const q = clustersQuery.parse(req.query);
      return listClusters(driver, q, database);
    }),
  );

  const clusterGraphQuery = z.object({
    limit: z.coerce.number().int().min(1).max(maxElements, `limit is at most ${maxElements}`).default(Math.min(500, maxElements)),
    emails: z.enum(['true', 'false']).default('false'),
  });
  api.get(
    '/clusters/:id/graph',
    kept(async (req) => {
      const id = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'bad cluster id').parse(req.params.id);
      const q = clusterGraphQuery.parse(req.query);
      return clusterGraph(driver, id, { limit: q.limit, emails: q.emails === 'true' }, database);
    }),
  );

  api.get(
    '/timeline',
    kept(async (): Promise<TimelineAnswer> => {
      const days = await readPlainRows<DayCount>(driver, 'MATCH (e:Email) WHERE e.day IS NOT NULL RETURN e.day AS day, count(*) AS emails ORDER BY day', {}, database);
      return { days };
    }),
  );

  api.get(
    '/hunts',
    wrap(async (): Promise<HuntListAnswer> => ({ hunts: await requireProvider(options.hunts, 'hunts').list() })),
  );
  const huntRunBody = z.object({ params: z.record(z.string().max(60), z.unknown()).default({}) });
  api.post(
    '/hunts/:id/run',
    wrap(async (req) => {
      const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,80}$/i, 'bad hunt id').parse(req.params.id);
      const body = huntRunBody.parse(req.body ?? {});
      return requireProvider(options.hunts, 'hunts').run(id, body.params);
    }),
  );

  api.get(
    '/report',
    kept(async () => requireProvider(options.report, 'report').data()),
  );

  api.get(
    '/reputation/:number',
    kept(async (req) => {
      const e164 = toE164(String(req.params.number), options.region);
      return requireProvider(options.reputation, 'reputation').lookup(e164, { blockMemo });
    }),
  );

  api.get(
    '/snapshots',
    wrap(async (req): Promise<SnapshotListAnswer> => {
      const q = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }).parse(req.query);
      return { snapshots: await listSnapshots(driver, q, database) };
    }),
  );
  api.post(
    '/snapshots',
    wrap(async (req, res): Promise<SnapshotSaved> => {
      const input = snapshotInputSchema.parse(req.body ?? {});
      const saved = await saveSnapshot(driver, input, database);
      res.status(201);
      return { id: saved.id, url: `/s/${saved.id}`, created: saved.created };
    }),
  );
  api.post(
    '/snapshots/import',
    wrap(async (req, res): Promise<SnapshotSaved> => {
      const saved = await importSnapshot(driver, req.body, database);
      res.status(201);
      return { id: saved.id, url: `/s/${saved.id}`, created: saved.created };
    }),
  );
  api.get(
    '/snapshots/:id',
    wrap(async (req) => getSnapshot(driver, String(req.params.id), database)),
  );
  api.delete(
    '/snapshots/:id',
    wrap(async (req): Promise<SnapshotDeleted> => {
      const deleted = await deleteSnapshot(driver, String(req.params.id), database);
      if (!deleted) throw new CallhoundError('not_found', 'no such snapshot', { status: 404 });
      return { deleted: true };
    }),
  );

  // Export the current view without saving it: same formats as a snapshot.
  api.post('/export/:format', (req, res, next) => {
    const format = String(req.params.format) as ExportFormat;
    if (!exportFormats.includes(format)) return next(new CallhoundError('bad_format', `unknown export format; expected one of ${exportFormats.join(', ')}`, { status: 400 }));
    let input;
    try {
      input = snapshotInputSchema.parse(req.body ?? {});
    } catch (error) {
      return next(error);
    }
    renderExport({ ...input, id: 'unsaved-view', created: new Date().toISOString() }, format, webDir)
      .then((body) => {
        res.type(exportMeta[format].type);
        res.attachment(`callhound-view.${exportMeta[format].extension}`);
        res.send(body);
      })
      .catch(next);
  });

  api.use((_req: Request, _res: Response, next: NextFunction) => next(new CallhoundError('not_found', 'no such API endpoint', { status: 404 })));
  app.use('/api', api);

  // Read-only snapshot links: the unguessable id is the permission, no token needed.
  const shared = express.Router();
  shared.use(rateLimit({ windowMs: 60_000, limit: options.linkRatePerMinute ?? 240, standardHeaders: 'draft-8', legacyHeaders: false, handler: tooMany }));
  shared.use(requireDatabase(health));
  // A link is a secret: neither its data nor its page is kept by the browser or a proxy.
  shared.use((_req: Request, res: Response, next: NextFunction) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  shared.get(
    '/:id/data',
    wrap(async (req) => getSnapshot(driver, String(req.params.id), database)),
  );
  shared.get('/:id/export/:format', (req, res, next) => {
    const format = String(req.params.format) as ExportFormat;
    if (!exportFormats.includes(format)) return next(new CallhoundError('bad_format', `unknown export format; expected one of ${exportFormats.join(', ')}`, { status: 400 }));
    getSnapshot(driver, String(req.params.id), database)
      .then(async (snapshot) => {
        const body = await renderExport(snapshot, format, webDir);
        res.type(exportMeta[format].type);
        res.attachment(`callhound-${snapshot.id.slice(0, 8)}.${exportMeta[format].extension}`);
        res.send(body);
      })
      .catch(next);
  });
  // The page only for a snapshot that exists: an unknown id answers exactly like a malformed one (and like
  // /s/:id/data), so the page tells a prober nothing the data route does not.
  shared.get('/:id', (req, res, next) => {
    snapshotExists(driver, String(req.params.id), database).then((exists) => {
      if (!exists) return next(new CallhoundError('not_found', 'no such snapshot', { status: 404 }));
      sendPage(res, next, path.join(webDir, 'snapshot.html'));
    }, next);
  });
  app.use('/s', shared);

  app.get('/', (_req, res, next) => sendPage(res, next, path.join(webDir, 'index.html')));
  app.use(express.static(webDir, { index: false, fallthrough: true, maxAge: '1h' }));
  app.use((_req: Request, _res: Response, next: NextFunction) => next(new CallhoundError('not_found', 'not found', { status: 404 })));
  app.use(errorHandler(log, health));
  return app;
}

function tooMany(_req: Request, res: Response): void {
  res.status(429).json({ error: { code: 'rate_limited', message: 'too many requests; wait a minute' } });
}

function requireProvider<T>(provider: T | undefined, name: string): T {
  if (provider === undefined) throw new CallhoundError(`${name}_unavailable`, `${name} are not available in this server`, { status: 503 });
  return provider;
}

function sendPage(res: Response, next: NextFunction, file: string): void {
  if (!existsSync(file)) {
    next(new CallhoundError('web_not_built', 'the workspace is not built: run `npm run build:web`', { status: 503 }));
    return;
  }
  readFile(file, 'utf8').then((html) => {
    res.type('html').set('Cache-Control', 'no-store').send(html);
  }, next);
}
