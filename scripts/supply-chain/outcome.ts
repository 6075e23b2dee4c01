// The result of one supply-chain check, printed the same way by every check so CI's log reads as one table.
// "not-checked" exists so that a control that could not run (a registry without an audit endpoint, no
// route to the signature keys) is visible as such and is never counted as a pass.

export type CheckStatus = 'pass' | 'fail' | 'not-checked';

export interface CheckOutcome {
  check: string;
  status: CheckStatus;
  summary: string;
  details: string[];
}

const LABEL: Record<CheckStatus, string> = { pass: 'PASS', fail: 'FAIL', 'not-checked': 'NOT CHECKED' };

export function formatOutcome(outcome: CheckOutcome): string {
  const lines = [`[${LABEL[outcome.status]}] ${outcome.check}: ${outcome.summary}`];
  for (const detail of outcome.details) lines.push(`    ${detail}`);
  return lines.join('\n');
}

/**
 * Exit code of a check script: 1 on a finding; "not-checked" is 0 unless strict mode asks for 3, so that CI on a
 * mirror without the endpoint stays usable while saying loudly what it did not verify.
 */
export function exitCodeFor(status: CheckStatus, strict: boolean): number {
  if (status === 'fail') return 1;
  if (status === 'not-checked') return strict ? 3 : 0;
  return 0;
}

/** CALLHOUND_SUPPLY_CHAIN_STRICT=1 turns every "not checked" into a failed build. */
export function strictFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CALLHOUND_SUPPLY_CHAIN_STRICT === '1' || env.CALLHOUND_SUPPLY_CHAIN_STRICT === 'true';
}

/** Runs a check's decision and prints it; used as the body of each check script's main. */
export function finish(outcome: CheckOutcome): never {
  const text = formatOutcome(outcome);
  // Findings and "not checked" go to stderr too, so they stand out in CI logs that colour stderr.
  if (outcome.status === 'pass') console.log(text);
  else console.error(text);
  process.exit(exitCodeFor(outcome.status, strictFromEnv()));
}

/** Parses JSON that a tool printed, tolerating banner lines before it; undefined when there is none. */
export function parseToolJson(stdout: string): unknown {
  const start = stdout.indexOf('{');
  if (start < 0) return undefined;
  try {
    return JSON.parse(stdout.slice(start));
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
