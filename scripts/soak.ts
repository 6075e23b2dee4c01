/**
 * `npm run soak`: the slow variants of the reliability tests, not run by `npm test` (CI's time budget).
 * Each step runs vitest on a few test files with environment knobs that make them bigger; add a step here
 * for another slow variant. `npm run soak -- faults-kill` runs only the steps whose name contains the word.
 */
import { spawnSync } from 'node:child_process';

interface SoakStep {
  name: string;
  project: 'unit' | 'integration';
  files: string[];
  env: Record<string, string>;
  /** A command to run instead of vitest (a bench script that exits non-zero on failure). */
  command?: string[];
}

const killSeeds = Array.from({ length: Number(process.env.CALLHOUND_SOAK_SEEDS ?? 10) }, (_, i) => `soak-kill-${i + 1}`).join(',');

const steps: SoakStep[] = [
  {
    // Hostile input: the fast-check properties with 50x the runs of npm test (~95,000 cases), plus the corpus.
    name: 'hostile',
    project: 'unit',
    files: ['test/hostile/properties.test.ts', 'test/hostile/corpus.test.ts'],
    env: { CALLHOUND_SOAK: '1' },
  },
  {
    // Hostile headers loaded into Neo4j: the long-header fast-check property with 50x the runs (~1,250 batches).
    name: 'hostile-ingest',
    project: 'integration',
    files: ['test/integration/hostile-ingest.test.ts'],
    env: { CALLHOUND_SOAK: '1' },
  },
  {
    // Neo4j killed (SIGKILL) and, in a second case, stopped cleanly in the middle of a larger ingest.
    name: 'faults-db',
    project: 'integration',
    files: ['test/integration/faults-db.test.ts'],
    env: { CALLHOUND_FAULTS_MESSAGES: '600', CALLHOUND_FAULTS_OUTAGES: 'kill,stop' },
  },
  {
    // The ingest process SIGKILLed at 10 seeded points, each from an empty graph, rerun and compared.
    name: 'faults-kill-independent',
    project: 'integration',
    files: ['test/integration/faults-kill.test.ts'],
    env: { CALLHOUND_FAULTS_MESSAGES: '300', CALLHOUND_FAULTS_SEEDS: killSeeds, CALLHOUND_FAULTS_MODE: 'independent' },
  },
  {
    // The same, chained: each rerun killed again at the next seed's point, resuming from partial states.
    name: 'faults-kill-chain',
    project: 'integration',
    files: ['test/integration/faults-kill.test.ts'],
    env: { CALLHOUND_FAULTS_MESSAGES: '300', CALLHOUND_FAULTS_SEEDS: killSeeds, CALLHOUND_FAULTS_MODE: 'chain' },
  },
  {
    // The API under load (npm run load): 100,000-email graph, 200 connections, 60 s per endpoint; fails on any error.
    name: 'load',
    project: 'integration',
    files: [],
    env: {},
    command: ['npx', 'tsx', 'bench/load.ts', '--assert'],
  },
];

const only = process.argv.slice(2);
const selected = only.length === 0 ? steps : steps.filter((s) => only.some((word) => s.name.includes(word)));
if (selected.length === 0) {
  process.stderr.write(`soak: no step matches ${only.join(' ')}; steps: ${steps.map((s) => s.name).join(', ')}\n`);
  process.exit(2);
}

const results: { name: string; ok: boolean; seconds: number }[] = [];
for (const step of selected) {
  process.stderr.write(`\nsoak: ${step.name} (${Object.entries(step.env).map(([k, v]) => `${k}=${process.env[k] ?? v}`).join(' ')})\n`);
  const started = Date.now();
  const [command, ...args] = step.command ?? ['npx', 'vitest', 'run', '--project', step.project, ...step.files];
  // A knob set in the environment wins over the step's (e.g. CALLHOUND_FAULTS_MESSAGES=150 for a quicker run).
  const run = spawnSync(command as string, args, { stdio: 'inherit', env: { ...step.env, ...process.env } });
  results.push({ name: step.name, ok: run.status === 0, seconds: (Date.now() - started) / 1000 });
}
process.stderr.write('\nsoak summary:\n');
for (const r of results) process.stderr.write(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name}  ${r.seconds.toFixed(0)} s\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
