import { describe, expect, it } from 'vitest';
import { CallhoundError } from '../../src/errors.js';
import { backoffMs, isDbUnavailable, type RetryEvent, type RetryPolicy, withDbRetry } from '../../src/graph/retry.js';

function neo4jError(code: string, message = code): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

/** A policy on a fake clock: sleeping advances the clock, no real time passes. */
function fakeClock(policy: Partial<RetryPolicy> & { maxWaitMs: number }): { policy: RetryPolicy; events: RetryEvent[]; slept: number[]; recovered: { attempts: number; waitedMs: number }[] } {
  let clock = 0;
  const events: RetryEvent[] = [];
  const slept: number[] = [];
  const recovered: { attempts: number; waitedMs: number }[] = [];
  return {
    events,
    slept,
    recovered,
    policy: {
      initialDelayMs: 1000,
      maxDelayMs: 8000,
      ...policy,
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
      onRetry: (e) => events.push(e),
      onRecovered: (r) => recovered.push(r),
    },
  };
}

describe('isDbUnavailable', () => {
  it.each([
    [neo4jError('ServiceUnavailable', 'Could not perform discovery. No routing servers available.'), true],
    [neo4jError('SessionExpired'), true],
    [neo4jError('Neo.TransientError.General.DatabaseUnavailable'), true],
    [neo4jError('Neo.TransientError.Transaction.DeadlockDetected'), true],
    [new CallhoundError('neo4j_unavailable', 'cannot reach Neo4j', { status: 503 }), true],
    [new Error('connect ECONNREFUSED 127.0.0.1:7687'), true],
    [new Error('outer', { cause: new Error('read ECONNRESET') }), true],
    [neo4jError('Neo.ClientError.Security.Unauthorized'), false],
    [neo4jError('Neo.ClientError.Statement.SyntaxError'), false],
    [neo4jError('Neo.ClientError.Schema.ConstraintValidationFailed'), false],
    [new CallhoundError('bad_usage', 'give a path'), false],
    [new TypeError('x is undefined'), false],
  ])('case %#', (error, expected) => expect(isDbUnavailable(error)).toBe(expected));
});

describe('backoffMs', () => {
  it('doubles from the initial delay, is capped, and never sleeps past the deadline', () => {
    const policy = { maxWaitMs: 60_000, initialDelayMs: 500, maxDelayMs: 4000 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffMs(a, policy, 60_000))).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect(backoffMs(5, policy, 1500)).toBe(1500);
  });
});

describe('withDbRetry', () => {
  it('retries through an outage and returns the result once the database answers', async () => {
    const { policy, events, slept, recovered } = fakeClock({ maxWaitMs: 60_000 });
    let calls = 0;
    const result = await withDbRetry('loading', async () => {
      calls += 1;
      if (calls <= 3) throw neo4jError('ServiceUnavailable', 'connect ECONNREFUSED');
      return 'done';
    }, policy);
    expect(result).toBe('done');
    expect(calls).toBe(4);
    expect(events.map((e) => e.attempt)).toEqual([1, 2, 3]);
    expect(slept).toEqual([1000, 2000, 4000]);
    expect(recovered).toEqual([{ attempts: 3, waitedMs: 7000 }]);
  });

  it('gives up with an actionable 503 error once the total wait is spent', async () => {
    const { policy, slept } = fakeClock({ maxWaitMs: 10_000 });
    let calls = 0;
    const failing = withDbRetry('loading a batch', async () => {
      calls += 1;
      throw neo4jError('ServiceUnavailable', 'connect ECONNREFUSED 127.0.0.1:7687');
    }, policy);
    await expect(failing).rejects.toMatchObject({ code: 'neo4j_unavailable', status: 503 });
    await expect(failing).rejects.toThrow(/rerun the same command/);
    // 1 + 2 + 4 + 3 (the rest of the 10 s budget), then one last attempt.
    expect(slept).toEqual([1000, 2000, 4000, 3000]);
    expect(calls).toBe(5);
  });

  it('throws other errors at once, without waiting', async () => {
    const { policy, slept } = fakeClock({ maxWaitMs: 60_000 });
    await expect(withDbRetry('loading', async () => {
      throw neo4jError('Neo.ClientError.Statement.SyntaxError', 'bad cypher');
    }, policy)).rejects.toThrow('bad cypher');
    expect(slept).toEqual([]);
  });

  it('with a zero budget rethrows the driver error unchanged', async () => {
    const { policy } = fakeClock({ maxWaitMs: 0 });
    const original = neo4jError('ServiceUnavailable', 'gone');
    await expect(withDbRetry('loading', async () => {
      throw original;
    }, policy)).rejects.toBe(original);
  });
});
