// `npm audit signatures`: verifies the registry's ECDSA signatures (and provenance attestations) of every
// installed package. Any invalid or missing signature fails. When the keys cannot be fetched (npm 11 first asks
// Sigstore's TUF repository at tuf-repo-cdn.sigstore.dev, then the registry's /-/npm/v1/keys) nothing was
// verified, and the check says "NOT CHECKED" — never "pass".
//
//   npx tsx scripts/supply-chain/signatures.ts            run `npm audit signatures --json` and decide
//   npx tsx scripts/supply-chain/signatures.ts FILE.json  decide on recorded output
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ToolRun } from './audit.js';
import { type CheckOutcome, finish, isRecord, parseToolJson } from './outcome.js';

function describe(entries: unknown[]): string[] {
  return entries.map((e) =>
    isRecord(e) ? `${String(e.name)}@${String(e.version)} (${String(e.location ?? e.resolved ?? '?')})` : String(e),
  );
}

export function decideSignatures(run: ToolRun): CheckOutcome {
  const check = 'npm audit signatures (registry signatures of the installed tree)';
  const result = parseToolJson(run.stdout);
  if (isRecord(result) && Array.isArray(result.invalid) && Array.isArray(result.missing)) {
    const { invalid, missing } = result;
    if (invalid.length > 0 || missing.length > 0) {
      return {
        check,
        status: 'fail',
        summary: `${invalid.length} package(s) with an invalid signature, ${missing.length} without a signature`,
        details: [...describe(invalid).map((d) => `invalid: ${d}`), ...describe(missing).map((d) => `missing: ${d}`)],
      };
    }
    if (run.exitCode !== 0) {
      return { check, status: 'fail', summary: `npm exited with ${run.exitCode} although it listed no bad signature`, details: [] };
    }
    return { check, status: 'pass', summary: 'every installed package from the registry has a valid signature', details: [] };
  }

  // npm 11 prints the error both as JSON ({ error: { code, summary } }) on stdout and as text on stderr.
  const jsonError = isRecord(result) && isRecord(result.error) ? result.error : undefined;
  const errorLines = [
    ...(jsonError ? [`${String(jsonError.code ?? '')} ${String(jsonError.summary ?? '')}`.trim()] : []),
    ...run.stderr.split('\n').map((l) => l.replace(/^npm (error|warn) ?/, '').trim()),
  ].filter(Boolean);
  const keyProblem =
    /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|tuf-repo-cdn|TUF|keys|found no dependencies to audit that were installed from a supported registry/i;
  if (errorLines.some((l) => keyProblem.test(l))) {
    return {
      check,
      status: 'not-checked',
      summary: 'the signing keys could not be fetched; registry signatures were NOT verified',
      details: [
        ...errorLines.filter((l) => keyProblem.test(l)).slice(0, 4),
        'package contents are still pinned by the sha512 integrity hashes in package-lock.json (checked by npm ci)',
      ],
    };
  }
  return {
    check,
    status: 'fail',
    summary: `npm audit signatures gave no result that could be read (exit code ${run.exitCode})`,
    details: errorLines.slice(0, 6),
  };
}

export function runNpmAuditSignatures(cwd: string = process.cwd()): ToolRun {
  // Few, short retries: where the key servers are unreachable npm would otherwise back off for over a minute.
  const args = ['audit', 'signatures', '--json', '--fetch-retries=1', '--fetch-retry-mintimeout=2000', '--fetch-retry-maxtimeout=5000'];
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 300_000 });
  return { stdout: result.stdout ?? '', stderr: result.stderr ?? '', exitCode: result.status ?? 1 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const recorded = process.argv[2];
  const run: ToolRun = recorded
    ? { stdout: readFileSync(recorded, 'utf8'), stderr: '', exitCode: 0 }
    : runNpmAuditSignatures();
  finish(decideSignatures(run));
}
