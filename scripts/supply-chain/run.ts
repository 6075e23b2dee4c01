// All supply-chain checks in one run, with one summary (npm run supply-chain; CI runs it after `npm ci`,
// `mvn -C package` and the build). Exit 1 when any check fails or crashes; "not checked" fails only under
// CALLHOUND_SUPPLY_CHAIN_STRICT=1, and is always printed as such.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decideAudit, runNpmAudit } from './audit.js';
import { checkInstallScripts } from './install-scripts.js';
import { checkLockfile } from './lockfile.js';
import { verifyMaven } from './maven.js';
import { type CheckOutcome, exitCodeFor, formatOutcome, strictFromEnv } from './outcome.js';
import { writeRuntimeSbom } from './sbom.js';
import { decideSignatures, runNpmAuditSignatures } from './signatures.js';

export interface NamedCheck {
  name: string;
  run: () => CheckOutcome;
}

/** Runs every check, even after one fails; a check that throws counts as failed. */
export function runChecks(checks: NamedCheck[], print: (text: string) => void = (t) => console.error(t)): CheckOutcome[] {
  return checks.map(({ name, run }) => {
    let outcome: CheckOutcome;
    try {
      outcome = run();
    } catch (error) {
      outcome = { check: name, status: 'fail', summary: 'the check itself failed', details: [String(error instanceof Error ? error.message : error).slice(0, 2000)] };
    }
    print(formatOutcome(outcome));
    return outcome;
  });
}

export function summarize(outcomes: CheckOutcome[], strict: boolean): { text: string; exitCode: number } {
  const label = { pass: 'PASS       ', fail: 'FAIL       ', 'not-checked': 'NOT CHECKED' } as const;
  const lines = outcomes.map((o) => `  ${label[o.status]}  ${o.check}`);
  const exitCode = outcomes.some((o) => exitCodeFor(o.status, strict) !== 0) ? 1 : 0;
  const notChecked = outcomes.filter((o) => o.status === 'not-checked').length;
  const tail = notChecked > 0 && !strict ? [`  ${notChecked} check(s) could not run here and verified nothing (CALLHOUND_SUPPLY_CHAIN_STRICT=1 fails on that)`] : [];
  return { text: ['supply chain summary:', ...lines, ...tail].join('\n'), exitCode };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
  const outcomes = runChecks([
    { name: 'npm audit (runtime dependencies, high/critical)', run: () => decideAudit(runNpmAudit(root)) },
    { name: 'npm audit signatures', run: () => decideSignatures(runNpmAuditSignatures(root)) },
    { name: 'package-lock.json (exact, sha512, registry only)', run: () => checkLockfile(root) },
    { name: 'dependency install scripts (package.json allowScripts)', run: () => checkInstallScripts(root) },
    { name: 'SBOM (CycloneDX, runtime dependencies)', run: () => writeRuntimeSbom(root, path.join(root, 'sbom.cdx.json')) },
    { name: 'Maven dependencies of neo4j/', run: () => verifyMaven(path.join(root, 'neo4j'), process.argv.includes('--offline')) },
  ]);
  const { text, exitCode } = summarize(outcomes, strictFromEnv());
  console.log(`\n${text}`);
  process.exit(exitCode);
}
