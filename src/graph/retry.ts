import { CallhoundError, isCallhoundError } from '../errors.js';

/**
 * Waiting out a database outage. The driver's managed transactions already retry transient errors for a
 * few seconds; this is the outer loop for longer outages (Neo4j restarted, a network blip, a cluster
 * election): the work is retried with bounded exponential backoff until `maxWaitMs` of wall-clock time has
 * passed since the first failure, then a CallhoundError tells the user to rerun.
 *
 * Only safe for idempotent work: every ingest statement is a MERGE on a unique key, so a batch whose commit
 * outcome is unknown (the connection died during COMMIT) can be replayed without changing any count.
 */

export interface RetryEvent {
  /** 1 for the first retry. */
  attempt: number;
  /** How long we sleep before the next attempt. */
  delayMs: number;
  /** Wall-clock time since the first failure of this piece of work. */
  waitedMs: number;
  maxWaitMs: number;
  error: unknown;
}

export interface RetryPolicy {
  /** Give up when the database has been unreachable this long (0: no retries). */
  maxWaitMs: number;
  /** First delay; doubles each attempt up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each sleep (e.g. one stderr line "Neo4j unreachable, retrying in 4s (attempt 3)"). */
  onRetry?: (event: RetryEvent) => void;
  /** Called once when the work succeeds after at least one retry. */
  onRecovered?: (info: { attempts: number; waitedMs: number }) => void;
  /** For tests: a clock and a sleep that need no real time. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Driver error codes (and CallhoundError codes from driver.ts) that mean "the database is not there (yet)". */
const unavailableCodes = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'neo4j_unavailable',
  'neo4j_timeout',
  // A cluster member that is not (or no longer) the leader, and a database that is starting or stopping.
  'Neo.ClientError.Cluster.NotALeader',
  'Neo.ClientError.General.ForbiddenOnReadOnlyDatabase',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

/** Network failures as Node reports them when the driver surfaces them without a Neo4j code. */
const networkMessage = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|socket hang up|Connection was closed by server|connection (?:timeout|acquisition timed out)|Pool is closed|database is (?:unavailable|shutting down|starting)/i;

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/**
 * True when `error` means the database is unreachable or temporarily unable to serve — worth waiting for —
 * as opposed to a bad statement, a constraint violation or wrong credentials, which no wait will fix.
 */
export function isDbUnavailable(error: unknown): boolean {
  const code = codeOf(error);
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'neo4j_auth') return false;
  if (unavailableCodes.has(code) || code.startsWith('Neo.TransientError.')) return true;
  // Our own errors carry their code; other ones are outages only if they wrap one (e.g. a failed hunt).
  if (isCallhoundError(error)) return error.cause !== undefined && error.cause !== error && isDbUnavailable(error.cause);
  // neo4j-driver 5+/6 marks errors a retry may fix (it also covers the codes above).
  if (typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true) return true;
  const message = error instanceof Error ? error.message : String(error);
  if (networkMessage.test(message)) return true;
  const cause = error instanceof Error ? error.cause : undefined;
  return cause !== undefined && cause !== error && isDbUnavailable(cause);
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The backoff before retry `attempt` (1-based): initial·2^(attempt-1), capped, never past the deadline. */
export function backoffMs(attempt: number, policy: RetryPolicy, remainingMs: number): number {
  const initial = policy.initialDelayMs ?? 1000;
  const cap = policy.maxDelayMs ?? 15_000;
  const delay = Math.min(cap, initial * 2 ** Math.min(attempt - 1, 30));
  return Math.max(0, Math.min(delay, remainingMs));
}

/**
 * Runs `work`; while it fails because the database is unavailable, waits and runs it again, until
 * `policy.maxWaitMs` has passed since the first failure. Any other error is thrown at once.
 */
export async function withDbRetry<T>(what: string, work: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  const now = policy.now ?? Date.now;
  const sleep = policy.sleep ?? realSleep;
  let firstFailure: number | undefined;
  let attempt = 0;
  for (;;) {
    try {
      const result = await work();
      if (firstFailure !== undefined) policy.onRecovered?.({ attempts: attempt, waitedMs: now() - firstFailure });
      return result;
    } catch (error) {
      if (!isDbUnavailable(error) || policy.maxWaitMs <= 0) throw error;
      firstFailure ??= now();
      const waitedMs = now() - firstFailure;
      const remainingMs = policy.maxWaitMs - waitedMs;
      if (remainingMs <= 0) {
        const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        throw new CallhoundError(
          'neo4j_unavailable',
          `Neo4j stayed unreachable for ${Math.round(waitedMs / 1000)} s while ${what} (${reason.slice(0, 160)}); ` +
            'the batches committed so far are kept: start Neo4j and rerun the same command to finish (CALLHOUND_DB_RETRY_S sets how long to wait)',
          { status: 503, cause: error },
        );
      }
      attempt += 1;
      const delayMs = backoffMs(attempt, policy, remainingMs);
      policy.onRetry?.({ attempt, delayMs, waitedMs, maxWaitMs: policy.maxWaitMs, error });
      await sleep(delayMs);
    }
  }
}
