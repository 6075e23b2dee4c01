import { describe, expect, it } from 'vitest';
import type { CheckOutcome, CheckStatus } from '../../scripts/supply-chain/outcome.js';
import { runChecks, summarize } from '../../scripts/supply-chain/run.js';

const outcome = (check: string, status: CheckStatus): CheckOutcome => ({ check, status, summary: `${check} ${status}`, details: [] });

describe('supply-chain run', () => {
  it('passes when every check passes', () => {
    expect(summarize([outcome('a', 'pass'), outcome('b', 'pass')], false).exitCode).toBe(0);
  });

  it('fails the build on any failed check', () => {
    const { text, exitCode } = summarize([outcome('a', 'pass'), outcome('b', 'fail')], false);
    expect(exitCode).toBe(1);
    expect(text).toContain('FAIL         b');
  });

  it('shows NOT CHECKED in the summary and fails on it only in strict mode', () => {
    const outcomes = [outcome('audit', 'not-checked'), outcome('sbom', 'pass')];
    const relaxed = summarize(outcomes, false);
    expect(relaxed.exitCode).toBe(0);
    expect(relaxed.text).toContain('NOT CHECKED  audit');
    expect(relaxed.text).toContain('1 check(s) could not run here and verified nothing');
    expect(summarize(outcomes, true).exitCode).toBe(1);
  });

  it('runs every check even after one throws, and counts the throw as a failure', () => {
    const printed: string[] = [];
    const ran: string[] = [];
    const outcomes = runChecks(
      [
        { name: 'broken', run: () => { ran.push('broken'); throw new Error('mvn not found'); } },
        { name: 'fine', run: () => { ran.push('fine'); return outcome('fine', 'pass'); } },
      ],
      (text) => printed.push(text),
    );
    expect(ran).toEqual(['broken', 'fine']);
    expect(outcomes.map((o) => o.status)).toEqual(['fail', 'pass']);
    expect(printed[0]).toBe('[FAIL] broken: the check itself failed\n    mvn not found');
    expect(summarize(outcomes, false).exitCode).toBe(1);
  });
});
