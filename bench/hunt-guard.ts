/**
 * `npm run bench:hunt-guard`: what the parse-based hunt guard (src/hunts/write-guard.ts) costs. No database.
 * Prints the one-time load of Neo4j's Cypher grammar bundle, the time to check each library hunt the first
 * time (each round changes the text by trailing blanks, so nothing comes from the cache), and a cached check.
 * Options: --rounds N (default 20), --json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { libraryDir } from '../src/hunts/loader.js';
import { checkStatement } from '../src/hunts/write-guard.js';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 20;

const loadStarted = performance.now();
checkStatement('RETURN 1 AS one');
const loadMs = performance.now() - loadStarted;

const hunts = readdirSync(libraryDir)
  .filter((f) => f.endsWith('.cypher'))
  .map((f) => readFileSync(path.join(libraryDir, f), 'utf8'));
const times: number[] = [];
for (let round = 1; round <= rounds; round += 1) {
  for (const text of hunts) {
    const started = performance.now();
    const { problems } = checkStatement(`${text}\n${' '.repeat(round)}`);
    times.push(performance.now() - started);
    if (problems.length > 0) throw new Error(`a library hunt was refused: ${problems[0]?.message}`);
  }
}
times.sort((a, b) => a - b);
const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(times.length * q))] ?? 0;
const cachedStarted = performance.now();
for (let i = 0; i < 10_000; i += 1) checkStatement(hunts[0] ?? '');
const cachedUs = ((performance.now() - cachedStarted) / 10_000) * 1000;

const result = { grammarLoadMs: Math.round(loadMs), hunts: hunts.length, checks: times.length, medianMs: +at(0.5).toFixed(2), p95Ms: +at(0.95).toFixed(2), maxMs: +at(1).toFixed(1), cachedUs: +cachedUs.toFixed(1) };
if (args.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  process.stdout.write(`grammar bundle loaded in ${result.grammarLoadMs} ms (once per process)\n`);
  process.stdout.write(`${result.checks} uncached checks of ${result.hunts} library hunts: median ${result.medianMs} ms, p95 ${result.p95Ms} ms, max ${result.maxMs} ms\n`);
  process.stdout.write(`cached check: ${result.cachedUs} µs\n`);
}
