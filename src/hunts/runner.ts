import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';
import { CallhoundError } from '../errors.js';
import { explainHunt } from './explain.js';
import { GraphCollector, type GraphData } from './graph-result.js';
import { formatProblem, type Hunt } from './hunt-file.js';
import { convertParam, type ConvertOptions } from './params.js';
import { checkStatement } from './write-guard.js';

export interface RunOptions extends ConvertOptions {
  /** Most rows returned; one more is fetched to know the result was cut. */
  limit?: number;
  /** Server-side transaction timeout. */
  timeoutMs?: number;
  /** After a cut, count the total inside the database unless this is 0 (the count runs within the same timeout). */
  countCap?: number;
  database?: string | undefined;
}

export const defaultLimit = 1000;
export const defaultTimeoutMs = 30_000;
export const defaultCountCap = 10_000;

export interface HuntResult {
  hunt: { name: string; title: string; result: Hunt['result'] };
  /** Exactly what ran: the statement and the parameter values it received (plain JSON). */
  cypher: string;
  params: Record<string, unknown>;
  columns: string[];
  /** Rows as plain JSON; graph values appear as model keys. */
  rows: Record<string, unknown>[];
  /** For `@result graph` hunts: nodes and relationships by model key. */
  graph?: GraphData;
  limit: number;
  returned: number;
  /** True when the row limit cut the result. */
  truncated: boolean;
  /** Exact number of rows the statement would give, when it was cheap to count. */
  total?: number;
  /** When counting stopped early: at least this many rows. */
  totalAtLeast?: number;
  timedOut: boolean;
  timeoutMs: number;
  elapsedMs: number;
  /** One line saying how the result was cut, if it was; never silent. */
  notice?: string;
}

/** Converts the text parameters given by a user to the hunt's declared types (defaults filled in). */
export function resolveParams(
  hunt: Hunt,
  given: Readonly<Record<string, string | undefined>>,
  options: ConvertOptions,
): { cypher: Record<string, unknown>; display: Record<string, unknown> } {
  const declared = new Map(hunt.params.map((p) => [p.name, p]));
  const unknown = Object.keys(given).filter((name) => !declared.has(name));
  if (unknown.length > 0) {
    const known = hunt.params.map((p) => p.name).join(', ') || 'none';
    throw new CallhoundError('bad_param', `hunt ${hunt.name} has no parameter ${unknown.join(', ')} (its parameters: ${known})`, { status: 400 });
  }
  const cypher: Record<string, unknown> = {};
  const display: Record<string, unknown> = {};
  for (const spec of hunt.params) {
    const text = given[spec.name] ?? spec.defaultText;
    if (text === undefined) {
      throw new CallhoundError('missing_param', `hunt ${hunt.name} needs --param ${spec.name}=… (${spec.help || spec.type.scalar})`, { status: 400 });
    }
    const value = convertParam(spec.name, spec.type, text, options);
    cypher[spec.name] = value.cypher;
    display[spec.name] = value.display;
  }
  return { cypher, display };
}

const readOnlyVerdicts = new Map<string, true>();

/**
 * Refuses any statement that could write or reach outside the graph, with three independent locks: parsed
 * with Neo4j's grammar, it holds only allowed clauses, functions and procedures (write-guard.ts); EXPLAIN plans
 * it as read-only (`r`); and it then runs in a READ access-mode transaction, which the server itself refuses to
 * write in. Both verdicts are cached per statement text. Run before every run: a file edited after it was
 * loaded, or a hunt built in code, is checked again.
 */
export async function assertReadOnly(driver: Driver, hunt: Hunt, database?: string): Promise<void> {
  const { problems } = checkStatement(hunt.statement);
  if (problems.length > 0) {
    const where = problems.map((c) => formatProblem({ file: hunt.file, line: hunt.statementLine + c.line - 1, column: c.column, message: c.message }));
    throw new CallhoundError('hunt_not_read_only', `refusing hunt ${hunt.name}: ${where.join('; ')}`, { status: 422 });
  }
  const cacheKey = `${database ?? ''}\u0000${hunt.statement}`;
  if (readOnlyVerdicts.has(cacheKey)) return;
  const verdict = await explainHunt(driver, hunt, database);
  if (verdict.problems.length > 0) {
    const code = verdict.queryType === undefined || verdict.queryType === 'r' ? 'hunt_invalid' : 'hunt_not_read_only';
    throw new CallhoundError(code, `refusing hunt ${hunt.name}: ${verdict.problems.map(formatProblem).join('; ')}`, { status: 422 });
  }
  readOnlyVerdicts.set(cacheKey, true);
}

/** Runs a hunt: typed parameters, read-only checks, read transaction with timeout, row limit, model keys. */
export async function runHunt(driver: Driver, hunt: Hunt, given: Readonly<Record<string, string | undefined>>, options: RunOptions): Promise<HuntResult> {
  const limit = options.limit ?? defaultLimit;
  if (!Number.isInteger(limit) || limit < 1) throw new CallhoundError('bad_limit', `--limit must be a positive integer, not ${limit}`, { status: 400 });
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const params = resolveParams(hunt, given, options);
  const started = Date.now();
  await assertReadOnly(driver, hunt, options.database);
  const streamed = await streamReadOnly(driver, hunt.statement, params.cypher, { limit, timeoutMs, countCap: options.countCap ?? defaultCountCap, database: options.database });

  const collector = new GraphCollector();
  const rows = streamed.records.map((record) => {
    record.forEach((value) => collector.add(value));
    return Object.fromEntries(record.keys.map((key) => [String(key), collector.cell(record.get(key))]));
  });
  const result: HuntResult = {
    hunt: { name: hunt.name, title: hunt.title, result: hunt.result },
    cypher: hunt.statement,
    params: params.display,
    columns: streamed.columns,
    rows,
    limit,
    returned: rows.length,
    truncated: streamed.truncated,
    timedOut: streamed.timedOut,
    timeoutMs,
    elapsedMs: Date.now() - started,
  };
  if (hunt.result === 'graph') result.graph = collector.result();
  if (streamed.total !== undefined) result.total = streamed.total;
  if (streamed.totalAtLeast !== undefined) result.totalAtLeast = streamed.totalAtLeast;
  const notice = describeCut(result);
  if (notice !== undefined) result.notice = notice;
  return result;
}

/** The sentence that says a result is incomplete, or undefined when it is complete. */
export function describeCut(result: Pick<HuntResult, 'returned' | 'truncated' | 'total' | 'totalAtLeast' | 'timedOut' | 'timeoutMs' | 'limit'>): string | undefined {
  if (result.timedOut) {
    return `timed out after ${result.timeoutMs} ms: ${result.returned} row(s) returned before the timeout; the full result is unknown (raise --timeout or narrow the parameters)`;
  }
  if (!result.truncated) return undefined;
  const of = result.total !== undefined ? ` of ${result.total}` : result.totalAtLeast !== undefined ? ` of at least ${result.totalAtLeast}` : '';
  return `row limit reached: ${result.returned} row(s) returned${of} (raise --limit to see more)`;
}

interface Streamed {
  columns: string[];
  records: Neo4jRecord[];
  truncated: boolean;
  total?: number;
  totalAtLeast?: number;
  timedOut: boolean;
  /** Rows received so far, kept or only counted. */
  seen: number;
}

function isTimeout(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  return code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut');
}

/**
 * The number of rows `statement` gives, counted inside Neo4j (the statement as a subquery), or undefined when
 * it cannot be wrapped (then the caller says "at least"). The hunt text comes from a validated hunt file,
 * never from a request; the values stay parameters.
 */
async function countInside(tx: ManagedTransaction, statement: string, params: Record<string, unknown>): Promise<number | undefined> {
  try {
    const result = await tx.run(`CALL () {\n${statement}\n}\nRETURN count(*) AS total`, params);
    const total = result.records[0]?.get('total');
    return typeof total === 'number' ? total : neo4j.isInt(total) ? (total as { toNumber(): number }).toNumber() : undefined;
  } catch (error) {
    if (isTimeout(error)) throw error;
    return undefined;
  }
}

/**
 * Streams a statement in a READ transaction, keeping `limit` rows and fetching one more to know it was cut;
 * then, unless `countCap` is 0, counts all rows inside the database.
 * A timeout keeps the rows received before it.
 */
export async function streamReadOnly(
  driver: Driver,
  statement: string,
  params: Record<string, unknown>,
  options: { limit: number; timeoutMs: number; countCap: number; database?: string | undefined },
): Promise<Streamed> {
  const session = driver.session({
    defaultAccessMode: neo4j.session.READ,
    // limit + 1 rows in the first pull: the row that tells the result was cut must not cost a second batch of
    // (possibly large) rows that are then thrown away.
    fetchSize: Math.min(options.limit + 1, 10_001),
    ...(options.database ? { database: options.database } : {}),
  });
  let state: Streamed = { columns: [], records: [], truncated: false, timedOut: false, seen: 0 };
  try {
    await session.executeRead(
      async (tx) => {
        // A retried attempt starts over.
        state = { columns: [], records: [], truncated: false, timedOut: false, seen: 0 };
        const result = tx.run(statement, params);
        state.columns = (await result.keys()).map(String);
        for await (const record of result) {
          state.seen += 1;
          if (state.seen <= options.limit) {
            state.records.push(record);
            continue;
          }
          // One row past the limit: the result is cut. Stop streaming (the rest would cross the wire only to
          // be counted: 3,000 full PhoneNumber nodes cost ~0.4 s) and count inside the database instead.
          state.truncated = true;
          break;
        }
        if (state.truncated && options.countCap > 0) {
          const total = await countInside(tx, statement, params);
          if (total !== undefined) state.total = total;
          else state.totalAtLeast = state.seen;
        } else if (state.truncated) state.totalAtLeast = state.seen;
      },
      { timeout: options.timeoutMs },
    );
  } catch (error) {
    if (!isTimeout(error)) throw error;
    if (state.truncated) {
      // The cut was the row limit; only the counting ran out of time.
      state.totalAtLeast = state.seen;
      delete state.total;
    } else {
      state.timedOut = true;
    }
  } finally {
    await session.close();
  }
  return state;
}
