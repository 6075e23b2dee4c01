import { describe, expect, it } from 'vitest';
import { blankLiteralsAndComments, findWriteClauses } from '../../src/hunts/write-guard.js';

describe('findWriteClauses', () => {
  it.each([
    ['MATCH (n) CREATE (m:X)', 'CREATE'],
    ['MERGE (b:Brand {name: $n})', 'MERGE'],
    ['MATCH (n) SET n.x = 1', 'SET'],
    ['MATCH (n) DETACH DELETE n', 'DELETE'],
    ['MATCH (n) NODETACH DELETE n', 'DELETE'],
    ['MATCH (n) REMOVE n:Label', 'REMOVE'],
    ['FOREACH (x IN [1] | CREATE ())', 'FOREACH'],
    ['LOAD CSV FROM $url AS row RETURN row', 'LOAD CSV'],
    ['MATCH (n) CALL (n) { RETURN n AS m } IN TRANSACTIONS OF 10 ROWS RETURN m', 'IN TRANSACTIONS'],
    ['UNWIND [1] AS x CALL (x) { RETURN x AS y } IN 2 CONCURRENT TRANSACTIONS RETURN y', 'IN TRANSACTIONS'],
    ['DROP INDEX x', 'DROP'],
    ['INSERT (n:X)', 'INSERT'],
    ["CALL db.createLabel('X')", 'db.createLabel'],
    ["CALL apoc.create.node(['X'], {})", 'apoc.create.node'],
  ])('refuses %s', (statement, what) => {
    const problems = findWriteClauses(statement);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.message).join(' ')).toContain(what);
  });

  it.each([
    "MATCH (e:Email) WHERE e.subject CONTAINS 'create an account; set password' RETURN e",
    'MATCH (p:PhoneNumber) // we never SET anything here\nRETURN p.set AS set, $delete AS d',
    'MATCH (p) RETURN p {.e164, set: 1, merge: 2}',
    'MATCH (n:`CREATE`) RETURN n',
    'CALL db.labels() YIELD label RETURN label',
    "CALL db.index.fulltext.queryNodes('email_subject_fulltext', $q) YIELD node RETURN node",
    'MATCH (p) CALL (p) { RETURN p.e164 AS e } RETURN e',
    '/* DELETE everything */ MATCH (n) RETURN n',
  ])('allows %s', (statement) => {
    expect(findWriteClauses(statement)).toEqual([]);
  });

  it('reports the line of the clause', () => {
    expect(findWriteClauses('MATCH (n)\nWITH n\nSET n.x = 1')).toEqual([{ line: 3, message: 'SET is not allowed: hunts are read-only' }]);
  });

  it('blanks literals and comments but keeps line breaks', () => {
    expect(blankLiteralsAndComments("a 'b\nc' // d\ne")).toBe('a   \n       \ne');
  });
});
