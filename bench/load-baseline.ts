/**
 * `npm run load:baseline`: the yardstick for `npm run load`. The same autocannon load (200 keep-alive
 * connections on loopback, 10 s request timeout) against a trivial Node HTTP server in its own process that
 * answers a fixed 2 KB JSON body after spending a fixed CPU time per request (--busy-ms, several values).
 * No Express, no database, no callhound: what a closed-loop load of this shape does to any single-threaded
 * server on this machine. A closed loop always drives the server to saturation, so the figures show what
 * saturation alone costs in tail latency and timeouts at a given CPU time per request.
 *
 * Options: --busy-ms 0,0.4,1.2,2.5 (CPU ms per request), --connections 200, --duration 30.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import autocannon from 'autocannon';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};

if (process.env.CALLHOUND_BASELINE_SERVER === '1') {
  const busyMs = Number(process.env.CALLHOUND_BASELINE_BUSY_MS ?? '0');
  const body = Buffer.from(JSON.stringify({ filler: 'x'.repeat(2000) }));
  const server = http.createServer((_req, res) => {
    const until = performance.now() + busyMs;
    while (performance.now() < until); // the fixed CPU cost of one answer
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
} else {
  const busyList = option('busy-ms', '0,0.4,1.2,2.5').split(',').map(Number);
  const connections = Number(option('connections', '200'));
  const duration = Number(option('duration', '30'));
  const before = os.loadavg()[0] ?? 0;
  for (const busyMs of busyList) {
    if (!Number.isFinite(busyMs) || busyMs < 0) throw new Error(`--busy-ms expects numbers >= 0, not ${busyMs}`);
    const child = fork(import.meta.filename, [], { env: { ...process.env, CALLHOUND_BASELINE_SERVER: '1', CALLHOUND_BASELINE_BUSY_MS: String(busyMs) }, execArgv: ['--import', 'tsx'] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.once('message', (m) => resolve(Number(m)));
        child.once('exit', (code) => reject(new Error(`baseline server exited with ${code}`)));
      });
      const r = await autocannon({ url: `http://127.0.0.1:${port}/`, connections, duration, timeout: 10 });
      process.stdout.write(
        `baseline server, ${busyMs} CPU ms per request, ${connections} connections, ${duration} s: ${r.requests.average.toFixed(0)} req/s, ` +
          `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; timeouts ${r.timeouts}, errors ${r.errors}, non-2xx ${r.non2xx}\n`,
      );
    } finally {
      child.kill();
    }
  }
  process.stdout.write(`1-minute load average ${before.toFixed(1)} before, ${(os.loadavg()[0] ?? 0).toFixed(1)} after, on ${os.availableParallelism()} cores\n`);
}
