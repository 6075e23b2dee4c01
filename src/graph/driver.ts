import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';
import type { Config } from '../config.js';
import { CallhoundError } from '../errors.js';
import { plainRecord } from './values.js';

export { neo4j };

/**
 * Integers as Cypher parameters. The driver is created with disableLosslessIntegers (results come back as
 * JS numbers, which is exact for every count callhound handles), but a JS number *sent* as a parameter
 * travels as a float, which Cypher rejects for LIMIT/SKIP and stores as a float property.
 */
export function int(value: number): ReturnType<typeof neo4j.int> {
  return neo4j.int(Math.trunc(value));
}

export interface ServerInfo {
  address: string;
  agent: string;
  protocolVersion: string | undefined;
}

/**
 * Opens a driver for NEO4J_URI and proves it works (connectivity and credentials) within the configured
 * timeout, so that a wrong URI or password fails fast with one line instead of a stack trace or a hang.
 * Same code path for the local Neo4j, docker-compose, AuraDB (`neo4j+s://`) and clusters (`neo4j://`).
 */
export async function connect(config: Config['neo4j'], options: DriverOptions = {}): Promise<{ driver: Driver; server: ServerInfo }> {
  const driver = createDriver(config, options);
  try {
    const server = await withTimeout(driver.getServerInfo(), config.connectTimeoutMs, config.uri);
    return {
      driver,
      server: { address: server.address ?? config.uri, agent: server.agent ?? 'Neo4j', protocolVersion: server.protocolVersion === undefined ? undefined : String(server.protocolVersion) },
    };
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw describeConnectionError(error, config);
  }
}

export interface DriverOptions {
  /**
   * How long a managed transaction is retried on transient errors (default 15 s). The API server uses a
   * short one: while Neo4j is down a request should get its 503 quickly rather than wait (src/server/db-health.ts).
   */
  maxTransactionRetryTimeMs?: number;
}

export function createDriver(config: Config['neo4j'], options: DriverOptions = {}): Driver {
  return neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    connectionTimeout: config.connectTimeoutMs,
    connectionAcquisitionTimeout: config.connectTimeoutMs * 2,
    maxTransactionRetryTime: options.maxTransactionRetryTimeMs ?? 15_000,
    disableLosslessIntegers: true,
    userAgent: 'callhound/0.1',
  });
}

async function withTimeout<T>(promise: Promise<T>, ms: number, uri: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CallhoundError('neo4j_timeout', `no answer from Neo4j at ${uri} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Turns driver errors into one actionable line. */
export function describeConnectionError(error: unknown, config: Config['neo4j']): CallhoundError {
  if (error instanceof CallhoundError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new CallhoundError('neo4j_auth', `Neo4j at ${config.uri} refused user "${config.user}": wrong NEO4J_USER or NEO4J_PASSWORD`, { status: 503, cause: error });
  }
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|connect/i.test(message)) {
    return new CallhoundError('neo4j_unavailable', `cannot reach Neo4j at ${config.uri} (${shorten(message)}); is it running? (\`callhound db start\` for the local one, or check NEO4J_URI)`, { status: 503, cause: error });
  }
  return new CallhoundError('neo4j_error', `Neo4j at ${config.uri}: ${shorten(message)}`, { status: 503, cause: error });
}

function shorten(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** Runs one read statement in a managed read transaction and returns plain objects. */
export async function readRows<T extends RecordShape = RecordShape>(
  driver: Driver,
  cypher: string,
  params: Record<string, unknown> = {},
  database?: string,
): Promise<T[]> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ, ...(database ? { database } : {}) });
  try {
    const result: QueryResult<T> = await session.executeRead((tx: ManagedTransaction) => tx.run<T>(cypher, params));
    return result.records.map((record) => record.toObject());
  } finally {
    await session.close();
  }
}

/**
 * readRows with every value converted once, as it is read (src/graph/values.ts): temporal values as ISO
 * text, datetimes as UTC instants. For rows that leave the engine as they are (API answers, snapshots).
 */
export async function readPlainRows<T extends RecordShape = RecordShape>(
  driver: Driver,
  cypher: string,
  params: Record<string, unknown> = {},
  database?: string,
): Promise<T[]> {
  const rows = await readRows(driver, cypher, params, database);
  return rows.map((row) => plainRecord(row) as T);
}

/** Runs one write statement in a managed write transaction (retried by the driver on transient errors). */
export async function writeRows<T extends RecordShape = RecordShape>(
  driver: Driver,
  cypher: string,
  params: Record<string, unknown> = {},
  database?: string,
): Promise<T[]> {
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE, ...(database ? { database } : {}) });
  try {
    const result: QueryResult<T> = await session.executeWrite((tx: ManagedTransaction) => tx.run<T>(cypher, params));
    return result.records.map((record) => record.toObject());
  } finally {
    await session.close();
  }
}
