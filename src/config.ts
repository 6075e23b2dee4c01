import path from 'node:path';
import { z } from 'zod';
import { CallhoundError } from './errors.js';

/** Sizes such as 512m, 2g, 1024k as the JVM and Neo4j understand them. */
const memorySize = z
  .string()
  .regex(/^\d+[kmgKMG]?$/, 'expected a size such as 512m or 2g');

const port = z.coerce.number().int().min(1).max(65535);

const neo4jUri = z
  .string()
  .regex(/^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\/[^\s/]+(:\d+)?\/?$/, 'expected a Bolt URI such as bolt://127.0.0.1:7687 or neo4j+s://xxxx.databases.neo4j.io');

const envSchema = z.object({
  NEO4J_URI: neo4jUri.optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(8, 'Neo4j passwords need at least 8 characters').default('callhound-dev'),
  NEO4J_DATABASE: z.string().min(1).optional(),
  NEO4J_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(8_000),
  CALLHOUND_DB_PORT: port.default(7687),
  CALLHOUND_DATA_DIR: z.string().min(1).default('data/neo4j'),
  CALLHOUND_DB_HEAP: memorySize.default('1g'),
  CALLHOUND_DB_PAGECACHE: memorySize.default('512m'),
  CALLHOUND_DB_START_TIMEOUT_S: z.coerce.number().int().min(5).max(900).default(180),
  // How long an ingest waits out an unreachable Neo4j (restart, network) before giving up; 0 = fail at once.
  CALLHOUND_DB_RETRY_S: z.coerce.number().int().min(0).max(86_400).default(300),
  CALLHOUND_HOST: z.string().min(1).default('127.0.0.1'),
  CALLHOUND_PORT: port.default(8080),
  /**
   * Host names the workspace answers to besides localhost, 127.0.0.1, [::1] and CALLHOUND_HOST (DNS
   * rebinding): comma-separated names or IP addresses, without ports.
   */
  CALLHOUND_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((text) => text.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?|\[?[0-9A-Fa-f:.]+\]?)$/, 'expected comma-separated host names or IP addresses without ports, such as callhound.internal,10.0.0.5'))),
  CALLHOUND_TOKEN: z.string().min(16, 'the access token needs at least 16 characters').optional(),
  /** Requests per minute per client address to /api (loopback clients share one address). */
  CALLHOUND_API_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000_000).default(1200),
  /** Requests per minute per client address to read-only snapshot links (/s/…). */
  CALLHOUND_LINK_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000_000).default(240),
  /** Memory for answers of the read-only API kept until the graph changes; 0 turns the cache off. */
  CALLHOUND_API_CACHE_MB: z.coerce.number().min(0).max(65_536).default(256),
  /** The oldest kept answer served (bounds staleness from property edits made outside callhound). */
  CALLHOUND_API_CACHE_MAX_AGE_S: z.coerce.number().int().min(1).max(86_400).default(300),
  /** How often the server reads the graph's change counter: how long a kept answer may outlive a change. */
  CALLHOUND_API_CACHE_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(250),
  CALLHOUND_HUNTS_DIR: z.string().min(1).optional(),
  CALLHOUND_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected a two-letter ISO country code such as US or BR')
    .default('US'),
});

export interface Config {
  neo4j: {
    uri: string;
    user: string;
    password: string;
    database: string | undefined;
    connectTimeoutMs: number;
  };
  localDb: {
    port: number;
    dataDir: string;
    heap: string;
    pageCache: string;
    startTimeoutS: number;
  };
  server: {
    host: string;
    port: number;
    /** Extra host names the server answers to (CALLHOUND_ALLOWED_HOSTS). */
    allowedHosts: string[];
    token: string | undefined;
    apiRatePerMinute: number;
    linkRatePerMinute: number;
    /** Response cache of the read-only API; maxBytes 0 = off. */
    cache: { maxBytes: number; maxAgeMs: number; pollMs: number };
  };
  huntsDir: string | undefined;
  defaultRegion: string;
  /** Seconds an ingest keeps retrying while Neo4j is unreachable (CALLHOUND_DB_RETRY_S). */
  dbRetryS: number;
}

/**
 * Reads and validates configuration once. Every problem is reported together, naming the variable,
 * so a user fixes their environment in one go.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}=${JSON.stringify(env[String(issue.path[0])] ?? '')}: ${issue.message}`)
      .join('; ');
    throw new CallhoundError('bad_config', `invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    neo4j: {
      uri: e.NEO4J_URI ?? `bolt://127.0.0.1:${e.CALLHOUND_DB_PORT}`,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      connectTimeoutMs: e.NEO4J_CONNECT_TIMEOUT_MS,
    },
    localDb: {
      port: e.CALLHOUND_DB_PORT,
      dataDir: path.resolve(cwd, e.CALLHOUND_DATA_DIR),
      heap: e.CALLHOUND_DB_HEAP,
      pageCache: e.CALLHOUND_DB_PAGECACHE,
      startTimeoutS: e.CALLHOUND_DB_START_TIMEOUT_S,
    },
    server: {
      host: e.CALLHOUND_HOST,
      port: e.CALLHOUND_PORT,
      allowedHosts: e.CALLHOUND_ALLOWED_HOSTS,
      token: e.CALLHOUND_TOKEN,
      apiRatePerMinute: e.CALLHOUND_API_RATE_PER_MINUTE,
      linkRatePerMinute: e.CALLHOUND_LINK_RATE_PER_MINUTE,
      cache: { maxBytes: Math.round(e.CALLHOUND_API_CACHE_MB * 1024 * 1024), maxAgeMs: e.CALLHOUND_API_CACHE_MAX_AGE_S * 1000, pollMs: e.CALLHOUND_API_CACHE_POLL_MS },
    },
    huntsDir: e.CALLHOUND_HUNTS_DIR === undefined ? undefined : path.resolve(cwd, e.CALLHOUND_HUNTS_DIR),
    defaultRegion: e.CALLHOUND_REGION,
    dbRetryS: e.CALLHOUND_DB_RETRY_S,
  };
}
