/**
 * The pieces of the API load test (`npm run load`, bench/load.ts) and of its short CI variant
 * (test/integration/load-short.test.ts): the graph, the real `callhound serve` in its own process, and
 * autocannon driving one endpoint at a time from this process over loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Driver } from 'neo4j-driver';
import { freePort } from '../src/localdb/process.js';
import { graphRows, writeGraph, type ScenarioEmail } from '../test/helpers/hunt-graph.js';
import { rng, scenario } from './scenario.js';

export const repoRoot = path.resolve(import.meta.dirname, '..');

export const endpointNames = ['search', 'expand', 'reputation'] as const;
export type EndpointName = (typeof endpointNames)[number];

/** What the load needs to know about the graph to ask realistic questions. */
export interface LoadTargets {
  numbers: string[];
  emails: string[];
  brands: string[];
  subjectWords: string[];
}

/** The 100,000-email graph of bench:hunts (same scenario, same batched writer), returning what to ask for. */
export async function buildLoadGraph(driver: Driver, emailCount: number, log: (line: string) => void): Promise<LoadTargets> {
  const started = Date.now();
  const emails = scenario(emailCount);
  const rows = graphRows(emails);
  log(`load: graph of ${rows.emails.length} emails, ${rows.numbers.length} numbers, ${rows.blocks.length} blocks, ${rows.clusters.length} clusters`);
  let lastStep = '';
  await writeGraph(driver, rows, {
    batchSize: 5000,
    progress: (step, done, total) => {
      if (step !== lastStep || done === total || done % 25_000 === 0) log(`load:   writing ${step}: ${done}/${total}`);
      lastStep = step;
    },
  });
  log(`load: graph written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return targetsOf(emails);
}

export function targetsOf(emails: readonly ScenarioEmail[]): LoadTargets {
  const numbers = [...new Set(emails.flatMap((e) => e.numbers.map((n) => n.e164)))];
  const brands = [...new Set(emails.flatMap((e) => (e.brand ? [e.brand] : [])))];
  const subjectWords = [...new Set(emails.flatMap((e) => e.subjectTemplate.split(/\W+/).filter((w) => w.length >= 5)))];
  return { numbers, emails: emails.map((e) => e.id), brands, subjectWords };
}

/** `+18045551234` as an analyst pastes it: `(804) 555-1234`. */
export function nationalFormat(e164: string): string {
  const d = e164.slice(2);
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
}

/**
 * The request paths of each endpoint, drawn like the workspace asks them: search mixes pasted numbers,
 * brands and subject words; expand opens numbers (mostly) and emails a page at a time; reputation looks up
 * known numbers and unseen numbers next to known ones (scored from their block).
 */
export function pathMaker(endpoint: EndpointName, targets: LoadTargets, seed = 1): () => string {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  switch (endpoint) {
    case 'search':
      return () => {
        const r = random();
        const q = r < 0.5 ? nationalFormat(pick(targets.numbers)) : r < 0.7 ? pick(targets.brands) : pick(targets.subjectWords);
        return `/api/search?q=${encodeURIComponent(q)}&limit=25`;
      };
    case 'expand':
      return () => {
        const key = random() < 0.8 || targets.emails.length === 0 ? `PhoneNumber:${pick(targets.numbers)}` : `Email:${pick(targets.emails)}`;
        return `/api/nodes/${encodeURIComponent(key)}/neighbours?limit=50`;
      };
    case 'reputation':
      return () => {
        const known = pick(targets.numbers);
        const e164 = random() < 0.7 ? known : `${known.slice(0, -4)}${String(Math.floor(random() * 10000)).padStart(4, '0')}`;
        return `/api/reputation/${encodeURIComponent(e164)}`;
      };
  }
}

export interface ServeProcess {
  url: string;
  token: string;
  child: ChildProcess;
  /** What the server wrote to stderr (its log), for the report when something failed. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real `callhound serve` (current sources through tsx) as a child process on a free loopback port.
 * The rate limit is set explicitly (CALLHOUND_API_RATE_PER_MINUTE) and reported: by default 1,200 requests a
 * minute per client address would answer most of a loopback load with 429.
 */
export async function startServeProcess(options: { neo4jUri: string; user: string; password: string; apiRatePerMinute: number; env?: NodeJS.ProcessEnv }): Promise<ServeProcess> {
  const port = await freePort();
  const token = `load-token-${Date.now().toString(36)}-0123456789`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'serve', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...options.env,
      NEO4J_URI: options.neo4jUri,
      NEO4J_USER: options.user,
      NEO4J_PASSWORD: options.password,
      CALLHOUND_TOKEN: token,
      CALLHOUND_API_RATE_PER_MINUTE: String(options.apiRatePerMinute),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`callhound serve did not start within 60 s:\n${stderr}`)), 60_000);
    const onData = (): void => {
      if (/listening on http:\/\//.test(stderr)) {
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`callhound serve exited with ${code} before listening:\n${stderr}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    child,
    log: () => stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

export interface EndpointResult {
  endpoint: EndpointName;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Socket errors and timeouts. */
  errors: number;
  timeouts: number;
  /** Answers that were not 2xx (429, 4xx, 5xx). */
  non2xx: number;
  statusCodes: Record<string, number>;
  /**
   * CPU milliseconds per answered request of the server process and of Neo4j (from /proc, when their pids
   * are known): what a request costs whatever else runs on the machine. On an idle machine with C cores,
   * C × 1000 / (server + db) is roughly the most requests per second the two can answer.
   */
  cpuMsPerRequest?: { server: number; db?: number };
  /**
   * The server's response cache during the run (from GET /api/health before and after): hits and misses,
   * and how many answers it held at the end. Absent when the server runs without the cache.
   */
  cache?: { hits: number; misses: number; entries: number; bytes: number };
}

/** The response cache's counters, from GET /api/health (undefined when the cache is off). */
export async function cacheStats(server: { url: string; token: string }): Promise<{ hits: number; misses: number; entries: number; bytes: number } | undefined> {
  const res = await fetch(`${server.url}/api/health`, { headers: { authorization: `Bearer ${server.token}` }, signal: AbortSignal.timeout(30_000) });
  const body = (await res.json()) as { cache?: { hits: number; misses: number; entries: number; bytes: number } | null };
  return body.cache ?? undefined;
}

/** User + system CPU time of a process in ms (Linux /proc; 100 ticks a second), or undefined when unreadable. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" closing the command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Drives one endpoint with `connections` concurrent keep-alive connections for `seconds`. */
export async function loadEndpoint(
  server: { url: string; token: string },
  endpoint: EndpointName,
  targets: LoadTargets,
  options: { connections: number; seconds: number; seed?: number; serverPid?: number | undefined; dbPid?: number | undefined; timeoutSeconds?: number },
): Promise<EndpointResult> {
  const nextPath = pathMaker(endpoint, targets, options.seed ?? 1);
  const cache0 = await cacheStats(server);
  const serverCpu0 = processCpuMs(options.serverPid);
  const dbCpu0 = processCpuMs(options.dbPid);
  const result = await autocannon({
    url: server.url,
    connections: options.connections,
    duration: options.seconds,
    // A request not answered within this counts as an error (timeout).
    timeout: options.timeoutSeconds ?? 10,
    headers: { authorization: `Bearer ${server.token}` },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: nextPath() }) }],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (stats as { count: number }).count;
  const serverCpu = serverCpu0 === undefined ? undefined : (processCpuMs(options.serverPid) ?? serverCpu0) - serverCpu0;
  const dbCpu = dbCpu0 === undefined ? undefined : (processCpuMs(options.dbPid) ?? dbCpu0) - dbCpu0;
  const answered = Math.max(1, result.requests.total);
  const cache1 = cache0 === undefined ? undefined : await cacheStats(server);
  return {
    ...(cache0 && cache1 ? { cache: { hits: cache1.hits - cache0.hits, misses: cache1.misses - cache0.misses, entries: cache1.entries, bytes: cache1.bytes } } : {}),
    ...(serverCpu === undefined ? {} : { cpuMsPerRequest: { server: serverCpu / answered, ...(dbCpu === undefined ? {} : { db: dbCpu / answered }) } }),
    endpoint,
    connections: options.connections,
    seconds: options.seconds,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
  };
}

export function formatResult(r: EndpointResult): string {
  const codes = Object.entries(r.statusCodes)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
  const cpu = r.cpuMsPerRequest ? `; CPU per request: server ${r.cpuMsPerRequest.server.toFixed(1)} ms${r.cpuMsPerRequest.db === undefined ? '' : `, Neo4j ${r.cpuMsPerRequest.db.toFixed(1)} ms`}` : '';
  const cache = r.cache ? `; cache hits ${((100 * r.cache.hits) / Math.max(1, r.cache.hits + r.cache.misses)).toFixed(0)}% (${r.cache.hits} hits, ${r.cache.misses} misses, ${r.cache.entries} answers kept, ${(r.cache.bytes / 1048576).toFixed(1)} MiB)` : '';
  return `${r.endpoint.padEnd(10)} ${r.connections} conn ${r.seconds} s: ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s (${r.requests} requests), p50 ${r.p50} ms, p90 ${r.p90} ms, p99 ${r.p99} ms, max ${r.max} ms; errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx} [${codes}]${cpu}${cache}`;
}

/** `count` sequential requests, each of which must succeed (a broken server fails here, with its answer). */
export async function warmUp(server: { url: string; token: string }, endpoint: EndpointName, targets: LoadTargets, count: number): Promise<void> {
  const nextPath = pathMaker(endpoint, targets, 1234);
  for (let i = 0; i < count; i += 1) {
    const path = nextPath();
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.token}` }, signal: AbortSignal.timeout(120_000) });
    const text = await res.text();
    if (!res.ok) throw new Error(`warm-up ${endpoint} ${path}: ${res.status} ${text.slice(0, 300)}`);
  }
}

/**
 * Drives the endpoints one after another with all connections each (the full run), or all at once with the
 * connections shared out (`parallel`: the short CI variant, a mixed load in a third of the time; the CPU
 * figures then cover the mix and are left out).
 */
export async function loadEndpoints(
  server: { url: string; token: string; child?: ChildProcess },
  endpoints: readonly EndpointName[],
  targets: LoadTargets,
  options: { connections: number; seconds: number; warmupSeconds?: number; parallel?: boolean; dbPid?: number | undefined; timeoutSeconds?: number; log?: (line: string) => void },
): Promise<EndpointResult[]> {
  const warmup = options.warmupSeconds ?? 0;
  // The first requests of a fresh server are slow (Neo4j plans each statement once, V8 compiles): a few
  // sequential ones per endpoint first, so the load measures the running server, not its start.
  for (const endpoint of endpoints) await warmUp(server, endpoint, targets, 10);
  if (options.parallel) {
    const share = (i: number): number => Math.max(1, Math.floor(options.connections / endpoints.length) + (i < options.connections % endpoints.length ? 1 : 0));
    if (warmup > 0) await Promise.all(endpoints.map((e, i) => loadEndpoint(server, e, targets, { connections: Math.min(share(i), 10), seconds: warmup, seed: 99 })));
    const mixed = await Promise.all(endpoints.map((e, i) => loadEndpoint(server, e, targets, { connections: share(i), seconds: options.seconds, ...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}) })));
    // The cache's counters cover the mix, not one endpoint: reported once.
    const results = mixed.map(({ cache: _mix, ...r }) => r);
    for (const r of results) options.log?.(`load: ${formatResult(r)}`);
    const mix = mixed[0]?.cache;
    if (mix) options.log?.(`load: cache over all endpoints: ${((100 * mix.hits) / Math.max(1, mix.hits + mix.misses)).toFixed(0)}% hits (${mix.hits} hits, ${mix.misses} misses)`);
    return results;
  }
  const results: EndpointResult[] = [];
  for (const endpoint of endpoints) {
    if (warmup > 0) await loadEndpoint(server, endpoint, targets, { connections: Math.min(options.connections, 20), seconds: warmup, seed: 99 });
    const result = await loadEndpoint(server, endpoint, targets, { connections: options.connections, seconds: options.seconds, serverPid: server.child?.pid, dbPid: options.dbPid, ...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}) });
    results.push(result);
    options.log?.(`load: ${formatResult(result)}`);
  }
  return results;
}
