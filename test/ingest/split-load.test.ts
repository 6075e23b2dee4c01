import { describe, expect, it } from 'vitest';
import { CallhoundError } from '../../src/errors.js';
import { isRowRefusal, refusalText } from '../../src/ingest/split-load.js';

/** An error shaped like the driver's Neo4jError: a message and a status code. */
function neo4jError(code: string, message = 'refused'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isRowRefusal: which failures split a batch', () => {
  it.each([
    // About what was written: a smaller batch may succeed.
    ['Neo.DatabaseError.Statement.ExecutionFailed', true], // "Property value is too large to index"
    ['Neo.ClientError.Statement.TypeError', true], // a map or mixed list as a property value
    ['Neo.ClientError.Schema.ConstraintValidationFailed', true],
    ['Neo.ClientError.Statement.ArgumentError', true],
    // Outages: today's retry loop (src/graph/retry.ts), never split.
    ['Neo.TransientError.Transaction.DeadlockDetected', false],
    ['Neo.TransientError.General.MemoryPoolOutOfMemoryError', false],
    ['ServiceUnavailable', false],
    ['SessionExpired', false],
    // About the server or the session: no smaller batch fixes them.
    ['Neo.ClientError.Security.Unauthorized', false],
    ['Neo.ClientError.Security.Forbidden', false],
    ['Neo.ClientError.Database.DatabaseNotFound', false],
    ['Neo.ClientError.Cluster.NotALeader', false],
    ['Neo.ClientError.General.ForbiddenOnReadOnlyDatabase', false],
  ])('%s → %s', (code, split) => expect(isRowRefusal(neo4jError(code))).toBe(split));

  it('does not split callhound errors (e.g. Neo4j still unreachable after the wait) or network failures', () => {
    expect(isRowRefusal(new CallhoundError('neo4j_unavailable', 'Neo4j stayed unreachable'))).toBe(false);
    expect(isRowRefusal(new Error('connect ECONNREFUSED 127.0.0.1:7687'))).toBe(false);
  });

  it('splits on an error thrown while building one message\'s rows (a malformed observation)', () => {
    expect(isRowRefusal(new TypeError('n.where is not iterable'))).toBe(true);
  });
});

describe('refusalText', () => {
  it('drops the ids that change from one run to the next, so a rerun writes the same IngestIssue', () => {
    const a = neo4jError('Neo.DatabaseError.Statement.ExecutionFailed', "Property value is too large to index, please see index documentation for limitations. Index: Index( id=19, name='domain_name', type='RANGE' ), element id: 4:8dbf3aa3-7699-4cce-a0dc-592e148dd9f0:9, property size: 9774.");
    const b = neo4jError('Neo.DatabaseError.Statement.ExecutionFailed', "Property value is too large to index, please see index documentation for limitations. Index: Index( id=23, name='domain_name', type='RANGE' ), element id: 4:0c1d2e3f-0000-4cce-a0dc-592e148dd9f0:117, property size: 9774.");
    expect(refusalText(a)).toBe(refusalText(b));
    expect(refusalText(a)).toContain('(Neo.DatabaseError.Statement.ExecutionFailed)');
    expect(refusalText(a)).toContain("name='domain_name'");
  });

  it('is bounded', () => {
    expect(refusalText(neo4jError('X', 'y'.repeat(100_000))).length).toBeLessThan(700);
  });
});
