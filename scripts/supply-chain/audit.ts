// npm audit of the runtime dependencies: fails on any high or critical advisory, passes otherwise, and says
// "NOT CHECKED" (never "pass") when the registry cannot answer — this project's npm mirror answers the bulk
// advisory endpoint with 405 Method Not Allowed.
//
//   npx tsx scripts/supply-chain/audit.ts            run `npm audit --omit=dev --json` and decide
//   npx tsx scripts/supply-chain/audit.ts FILE.json  decide on a recorded report (for tests and post-mortems)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type CheckOutcome, finish, isRecord, parseToolJson } from './outcome.js';

export const FAILING_SEVERITIES = ['high', 'critical'] as const;
const SEVERITY_ORDER = ['info', 'low', 'moderate', 'high', 'critical'];

export interface ToolRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

interface Finding {
  name: string;
  severity: string;
  titles: string[];
}

/** Findings of an npm audit report (auditReportVersion 2), one per vulnerable package. */
function findingsOf(vulnerabilities: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  for (const [name, entry] of Object.entries(vulnerabilities)) {
    if (!isRecord(entry)) continue;
    const severity = typeof entry.severity === 'string' ? entry.severity : 'unknown';
    const via = Array.isArray(entry.via) ? entry.via : [];
    // `via` holds advisories (objects with a title and url) or names of vulnerable dependencies (strings).
    const titles = via.map((v) =>
      isRecord(v) ? `${String(v.title ?? 'advisory')}${v.url ? ` (${String(v.url)})` : ''}` : `via ${String(v)}`,
    );
    findings.push({ name, severity, titles });
  }
  return findings;
}

function isFailingSeverity(severity: string): boolean {
  return (FAILING_SEVERITIES as readonly string[]).includes(severity);
}

/** The decision, from what `npm audit --omit=dev --json` printed and its exit code. */
export function decideAudit(run: ToolRun): CheckOutcome {
  const check = 'npm audit (runtime dependencies, high/critical)';
  const report = parseToolJson(run.stdout);

  if (isRecord(report) && isRecord(report.vulnerabilities) && isRecord(report.metadata)) {
    const findings = findingsOf(report.vulnerabilities);
    const counts = isRecord(report.metadata.vulnerabilities) ? report.metadata.vulnerabilities : {};
    const count = (level: string): number => (typeof counts[level] === 'number' ? counts[level] : 0);
    const failing = findings.filter((f) => isFailingSeverity(f.severity));
    // The per-package list is authoritative; the metadata counts are a cross-check against a truncated report.
    const failingByCount = count('high') + count('critical');
    const tally = SEVERITY_ORDER.map((level) => `${level} ${count(level)}`).join(', ');
    if (failing.length > 0 || failingByCount > 0) {
      return {
        check,
        status: 'fail',
        summary: `${Math.max(failing.length, failingByCount)} package(s) with a high or critical advisory (${tally})`,
        details: failing.flatMap((f) => [`${f.name}: ${f.severity}`, ...f.titles.map((t) => `  ${t}`)]),
      };
    }
    return {
      check,
      status: 'pass',
      summary: `no high or critical advisory (${tally})`,
      details: findings.map((f) => `${f.name}: ${f.severity} (below the failing level)`),
    };
  }

  const errorText = `${run.stderr}\n${isRecord(report) ? String(report.message ?? '') : ''}`;
  const statusCode = isRecord(report) && typeof report.statusCode === 'number' ? report.statusCode : undefined;
  const unreachable = /ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN/.test(errorText);
  if (statusCode !== undefined || /audit endpoint returned an error/.test(errorText) || unreachable) {
    const firstLine = errorText.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? 'no answer';
    return {
      check,
      status: 'not-checked',
      summary: 'the registry did not answer the advisory query; advisories were NOT checked',
      details: [
        statusCode !== undefined ? `registry answered HTTP ${statusCode}: ${firstLine}` : firstLine,
        'run `npm run audit` where registry.npmjs.org answers before trusting this build',
      ],
    };
  }

  // Anything else (unparseable output, a crash) is not evidence of safety.
  return {
    check,
    status: 'fail',
    summary: `npm audit gave no report that could be read (exit code ${run.exitCode})`,
    details: [run.stdout.slice(0, 400), run.stderr.slice(0, 400)].filter((s) => s.trim().length > 0),
  };
}

export function runNpmAudit(cwd: string = process.cwd()): ToolRun {
  const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd, encoding: 'utf8', timeout: 180_000 });
  return { stdout: result.stdout ?? '', stderr: result.stderr ?? '', exitCode: result.status ?? 1 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const recorded = process.argv[2];
  const run: ToolRun = recorded ? { stdout: readFileSync(recorded, 'utf8'), stderr: '', exitCode: 1 } : runNpmAudit();
  finish(decideAudit(run));
}
