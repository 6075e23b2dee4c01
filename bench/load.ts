/**
 * `npm run load`: the API under load. A throw-away local Neo4j gets the 100,000-email graph of bench:hunts,
 * the real `callhound serve` runs in its own process, and this process drives search, expand and reputation
 * one after another with autocannon over loopback: 200 concurrent connections for 60 s each (after a short
 * warm-up). Prints req/s, p50/p90/p99 latency, errors and status codes per endpoint, against the targets
 * (no errors; p99 < 200 ms for reputation and expand).
 *
 * Options: --emails N (100000), --connections N (200), --duration S (60), --warmup S (5),
 * --timeout S (10: a request unanswered after S seconds counts as an error), --endpoints search,expand,reputation, --parallel (all endpoints at once, connections shared out), --rate-limit N (CALLHOUND_API_RATE_PER_MINUTE given to the server;
 * default 100000000 so the limiter runs but does not fire: the point is to measure the server, see SECURITY.md),
 * --json (one JSON object on stdout), --assert (exit 1 on any error, non-2xx answer or zero throughput;
 * `npm run load:ci` is the short variant), --uri bolt://… --password P to use an existing throw-away database
 * (its data is added to) and --no-build to skip writing the graph when it is already there, --db-pid N for its
 * process (CPU per request), --no-cache to run the server without its response cache (CALLHOUND_API_CACHE_MB=0).
 */
import os from 'node:os';
import { connect } from '../src/graph/driver.js';
import { applySchema } from '../src/graph/schema.js';
import { type BenchDatabase, openBenchDatabase } from './bench-db.js';
import { scenario } from './scenario.js';
import { buildLoadGraph, endpointNames, formatResult, loadEndpoints, startServeProcess, targetsOf, type EndpointName, type EndpointResult } from './load-api.js';

const args = process.argv.slice(2);
const textOption = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const numberOption = (name: string, fallback: number): number => {
  const text = textOption(name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} expects a number, not ${text}`);
  return n;
};
const emailCount = numberOption('emails', 100_000);
const connections = numberOption('connections', 200);
const seconds = numberOption('duration', 60);
const warmup = numberOption('warmup', 5);
const timeoutSeconds = numberOption('timeout', 10);
const rateLimit = numberOption('rate-limit', 100_000_000);
const endpoints = (textOption('endpoints')?.split(',') ?? [...endpointNames]) as EndpointName[];
const unknown = endpoints.filter((e) => !endpointNames.includes(e));
if (unknown.length > 0) throw new Error(`unknown endpoint(s) ${unknown.join(', ')}; expected some of ${endpointNames.join(', ')}`);
const asJson = args.includes('--json');
const parallel = args.includes('--parallel');
const assert = args.includes('--assert');
const existingUri = textOption('uri');
const build = !args.includes('--no-build');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const password = textOption('password') ?? 'callhound-load';
const results: EndpointResult[] = [];
const loadBefore = os.loadavg()[0] ?? 0;
let failed = false;
let database: BenchDatabase | undefined;
try {
  database = await openBenchDatabase({ name: 'load', uri: existingUri, password, heap: '2g', pageCache: '1g', log: (line) => log(`load: ${line}`) });
  const { uri } = database;
  // With --uri the database is not ours; --db-pid names its process for the CPU figures.
  const dbPid = database.pid ?? (textOption('db-pid') === undefined ? undefined : numberOption('db-pid', 0));
  const { driver } = await connect({ uri, user: 'neo4j', password, database: undefined, connectTimeoutMs: 10_000 });
  let targets;
  try {
    await applySchema(driver);
    targets = build
      ? await buildLoadGraph(driver, emailCount, log)
      : targetsOf(scenario(emailCount));
  } finally {
    await driver.close();
  }
  const server = await startServeProcess({ neo4jUri: uri, user: 'neo4j', password, apiRatePerMinute: rateLimit, ...(args.includes('--no-cache') ? { env: { CALLHOUND_API_CACHE_MB: '0' } } : {}) });
  log(`load: callhound serve (pid ${server.child.pid}) on ${server.url}, CALLHOUND_API_RATE_PER_MINUTE=${rateLimit}; autocannon runs in this process (pid ${process.pid})`);
  try {
    results.push(...(await loadEndpoints(server, endpoints, targets, { connections, seconds, warmupSeconds: warmup, parallel, dbPid, timeoutSeconds, log })));
  } finally {
    await server.stop();
    const serverErrors = server.log().split('\n').filter((line) => /unexpected error|neo4j_unavailable/.test(line));
    if (serverErrors.length > 0) log(`load: the server logged ${serverErrors.length} error line(s), first: ${serverErrors[0]}`);
  }
} catch (error) {
  failed = true;
  log(`load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await database?.close();
}

const loadAfter = os.loadavg()[0] ?? 0;
const targetP99 = 200;
const verdicts = results.map((r) => {
  const problems: string[] = [];
  if (r.requests === 0) problems.push('no requests answered');
  if (r.errors + r.timeouts + r.non2xx > 0) problems.push(`${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`);
  const p99Missed = r.endpoint !== 'search' && r.p99 >= targetP99;
  return { endpoint: r.endpoint, problems, p99Missed };
});
if (asJson) {
  process.stdout.write(`${JSON.stringify({ emails: emailCount, connections, seconds, rateLimit, loadAverage: [loadBefore, loadAfter], cores: os.availableParallelism(), results })}\n`);
} else {
  for (const r of results) {
    const v = verdicts.find((x) => x.endpoint === r.endpoint);
    const target = r.endpoint === 'search' ? 'no errors' : `no errors, p99 < ${targetP99} ms`;
    const met = v && v.problems.length === 0 && !v.p99Missed;
    process.stdout.write(`${formatResult(r)}  -> target (${target}) ${met ? 'met' : 'MISSED'}\n`);
  }
  for (const r of results) {
    if (!r.cpuMsPerRequest || r.cpuMsPerRequest.db === undefined) continue;
    const perRequest = r.cpuMsPerRequest.server + r.cpuMsPerRequest.db;
    const ceiling = (os.availableParallelism() * 1000) / perRequest;
    process.stdout.write(
      `${r.endpoint}: ${perRequest.toFixed(1)} CPU ms per request (server + Neo4j) -> at most ~${ceiling.toFixed(0)} req/s on ${os.availableParallelism()} idle cores, so ${connections} busy connections wait at least ~${((connections / ceiling) * 1000).toFixed(0)} ms each\n`,
    );
  }
  process.stdout.write('latency percentiles cover answered requests; requests unanswered after the timeout count as errors (timeouts)\n');
  process.stdout.write(
    `${emailCount} emails; ${connections} connections, ${seconds} s ${parallel ? 'with all endpoints at once' : 'per endpoint'} after a ${warmup} s warm-up; server: callhound serve in its own process; 1-minute load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${os.availableParallelism()} cores\n`,
  );
}
if (failed || (assert && (results.length !== endpoints.length || verdicts.some((v) => v.problems.length > 0)))) process.exitCode = 1;
