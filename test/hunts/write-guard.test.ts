import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStatement } from '../../src/hunts/write-guard.js';

/**
 * The hunt statement guard parses with Neo4j's grammar and allows only listed clauses, functions and
 * procedures. Every bypass that got past the old line-by-line text guard (issue 15) is here, with the words
 * the refusal must use and where it must point.
 */

// [what, statement, words in the refusal, line, column]
const refused: [string, string, string, number, number][] = [
  // writes
  ['CREATE', 'MATCH (n) CREATE (m:X)', 'CREATE is not allowed: hunts are read-only', 1, 11],
  ['MERGE', 'MERGE (b:Brand {name: $n}) RETURN b', 'MERGE is not allowed', 1, 1],
  ['SET', 'MATCH (n) SET n.x = 1', 'SET is not allowed', 1, 11],
  ['DETACH DELETE', 'MATCH (n) DETACH DELETE n', 'DETACH DELETE is not allowed', 1, 11],
  ['NODETACH DELETE', 'MATCH (n) NODETACH DELETE n', 'DELETE is not allowed', 1, 11],
  ['REMOVE', 'MATCH (n) REMOVE n:Label', 'REMOVE is not allowed', 1, 11],
  ['FOREACH', 'FOREACH (x IN [1] | CREATE ())', 'FOREACH is not allowed', 1, 1],
  ['INSERT', 'INSERT (n:X)', 'INSERT is not allowed', 1, 1],
  ['write in a UNION branch', 'RETURN 1 AS a UNION ALL CREATE (n:Pwned) RETURN 1 AS a', 'CREATE is not allowed', 1, 25],
  ['write in a subquery', 'CALL () { CREATE (:Pwned) } RETURN 1 AS one', 'CREATE is not allowed', 1, 11],
  // LOAD CSV, however it is written
  ['LOAD CSV', "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", 'LOAD CSV is not allowed in a hunt: it reads files', 1, 1],
  ['LOAD and CSV on two lines', "MATCH (n)\nWITH count(n) AS c\nLOAD\nCSV FROM 'file:///etc/passwd' AS row RETURN row", 'LOAD CSV is not allowed', 3, 1],
  ['a comment between LOAD and CSV', "LOAD /* harmless */ CSV FROM 'http://127.0.0.1:9/' AS row RETURN row", 'LOAD CSV is not allowed', 1, 1],
  ['a line comment between LOAD and CSV', "LOAD // harmless\n CSV WITH HEADERS FROM $url AS row RETURN row", 'LOAD CSV is not allowed', 1, 1],
  ['lower case, split', "load\n\tcsv from 'file:///etc/passwd' as row return row", 'LOAD CSV is not allowed', 1, 1],
  ['LOAD CSV in a CALL subquery', "MATCH (p:PhoneNumber)\nCALL (p) {\n  LOAD CSV FROM 'http://127.0.0.1:9/?n=' + p.e164 AS row RETURN row\n} RETURN row", 'LOAD CSV is not allowed', 3, 3],
  ['LOAD CSV in an EXISTS subquery', "MATCH (n) WHERE EXISTS { LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r } RETURN n", 'LOAD CSV is not allowed', 1, 26],
  ['LOAD CSV in a COLLECT subquery', "RETURN COLLECT { LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r } AS rows", 'LOAD CSV is not allowed', 1, 18],
  // administration commands, USE, transactions
  ['TERMINATE on two lines', "TERMINATE\nTRANSACTIONS 'neo4j-transaction-1'", 'TERMINATE TRANSACTIONS is an administration command', 1, 1],
  ['TERMINATE with a comment', "terminate /* x */ transaction 'neo4j-transaction-2' YIELD message RETURN message", 'TERMINATE TRANSACTION is an administration command', 1, 1],
  ['SHOW SETTINGS', 'SHOW SETTINGS', 'SHOW SETTINGS is an administration command', 1, 1],
  ['SHOW TRANSACTIONS', 'SHOW\nTRANSACTIONS YIELD *', 'SHOW TRANSACTIONS is an administration command', 1, 1],
  ['SHOW USERS on system', 'USE system SHOW USERS', 'SHOW USERS is an administration command', 1, 1],
  ['CREATE INDEX', 'CREATE INDEX pwned FOR (n:Pwned) ON (n.x)', 'CREATE INDEX is an administration command', 1, 1],
  ['DROP CONSTRAINT', 'DROP CONSTRAINT phone_e164 IF EXISTS', 'DROP CONSTRAINT is an administration command', 1, 1],
  ['CREATE USER', 'CREATE USER pwned SET PASSWORD "pwned-password"', 'CREATE USER is an administration command', 1, 1],
  ['GRANT', 'GRANT ROLE admin TO pwned', 'GRANT ROLE is an administration command', 1, 1],
  ['STOP DATABASE', 'STOP DATABASE neo4j', 'STOP DATABASE is an administration command', 1, 1],
  ['USE before a query', 'USE system MATCH (n) RETURN n', 'USE is not allowed', 1, 1],
  ['USE in a subquery', 'CALL () { USE other MATCH (n) RETURN n } RETURN n', 'USE is not allowed', 1, 11],
  ['IN TRANSACTIONS', 'MATCH (n) CALL (n) { RETURN n AS m } IN TRANSACTIONS OF 10 ROWS RETURN m', 'CALL { … } IN TRANSACTIONS is not allowed', 1, 38],
  ['IN CONCURRENT TRANSACTIONS', 'UNWIND [1] AS x CALL (x) { RETURN x AS y } IN 2 CONCURRENT TRANSACTIONS RETURN y', 'IN TRANSACTIONS is not allowed', 1, 44],
  // procedures and functions
  ['a writing procedure', "CALL db.createLabel('X')", 'procedure db.createLabel is not on the read-only list', 1, 6],
  ['an APOC procedure', "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value", 'procedure apoc.load.json is not on the read-only list', 1, 6],
  ['dbms.listConfig', 'CALL dbms.listConfig() YIELD name, value RETURN name, value', 'procedure dbms.listConfig is not on the read-only list', 1, 6],
  ['a procedure by backticked namespace', 'CALL `db`.`labels`() YIELD label RETURN label', 'procedure `db`.`labels`: write procedure and function names without backticks', 1, 6],
  ['a procedure with a dotted backticked namespace', "CALL `apoc.load`.json('file:///etc/passwd') YIELD value RETURN value", 'procedure `apoc.load`.json: write procedure and function names without backticks', 1, 6],
  ['a read procedure without YIELD', 'CALL db.labels()', 'CALL db.labels needs YIELD', 1, 1],
  ['an unknown function', 'MATCH (n) RETURN apoc.version() AS v', 'function apoc.version is not on the list', 1, 18],
  ['a function by backticked namespace', "RETURN `apoc.text`.join(['a'], ',') AS x", 'function `apoc.text`.join: write procedure and function names without backticks', 1, 8],
  ['file() outside LOAD CSV', 'RETURN file() AS f', 'function file is not on the list', 1, 8],
  ['a procedure inside a subquery', "MATCH (n) CALL (n) { CALL db.createProperty('x') RETURN 1 AS one } RETURN one", 'procedure db.createProperty is not on the read-only list', 1, 27],
  // look-alikes and text the grammar cannot read
  ['a fullwidth letter in LOAD', "ＬOAD CSV FROM 'file:///etc/passwd' AS r RETURN r", 'character U+FF2C outside a string', 1, 1],
  ['a Cyrillic O in LOAD', "LОAD CSV FROM 'file:///etc/passwd' AS r RETURN r", 'character U+041E outside a string', 1, 1],
  ['a no-break space between keywords', 'MATCH (n)\u00a0RETURN n', 'character U+00A0 outside a string', 1, 10],
  ['an ideographic space', 'MATCH (n)\u3000RETURN n', 'character U+3000 outside a string', 1, 10],
  ['a control character', 'MATCH (n)\u0000RETURN n', 'character U+0000', 1, 10],
  ['a syntax error', 'MATCH (n RETURN n', 'cannot parse the statement near "RETURN"', 1, 10],
  ['an unclosed comment', 'MATCH (n) RETURN n /* LOAD CSV', 'cannot parse the statement near "*"', 1, 21],
  ['two statements', 'RETURN 1 AS a;\nRETURN 2 AS b', 'only one statement per hunt', 1, 14],
  ['EXPLAIN', 'EXPLAIN MATCH (n) RETURN n', 'EXPLAIN is not allowed in a hunt', 1, 1],
  ['PROFILE', 'PROFILE MATCH (n) RETURN n', 'PROFILE is not allowed in a hunt', 1, 1],
  ['CYPHER options', 'CYPHER runtime=slotted MATCH (n) RETURN n', 'CYPHER is not allowed in a hunt', 1, 1],
  ['a client command', ':param x => 1', 'client command', 1, 1],
  ['FINISH', 'MATCH (n) FINISH', 'FINISH is not allowed in a hunt', 1, 11],
  // bounds: before them, 1,000 nested brackets overflowed the parser's stack (a thrown RangeError)
  ['brackets nested too deep', `RETURN ${'('.repeat(41)}1${')'.repeat(41)} AS x`, 'brackets nested more than 40 deep', 1, 48],
  ['brackets nested 5,000 deep', `RETURN ${'['.repeat(5000)}1${']'.repeat(5000)} AS x`, 'brackets nested more than 40 deep', 1, 48],
  ['a statement too long', `RETURN 1 AS x /*${'x'.repeat(20_000)}*/`, 'characters long; hunts may have at most 20000', 1, 1],
];

describe('checkStatement refuses', () => {
  it.each(refused)('%s', (_what, statement, words, line, column) => {
    const { problems } = checkStatement(statement);
    expect(problems.length, JSON.stringify(problems)).toBeGreaterThan(0);
    expect(problems.map((p) => p.message).join(' | ')).toContain(words);
    const first = problems.find((p) => p.message.includes(words));
    expect(first).toMatchObject({ line, column });
  });
});

describe('checkStatement allows', () => {
  it.each([
    "MATCH (e:Email) WHERE e.subject CONTAINS 'create an account; set password; LOAD CSV' RETURN e",
    'MATCH (p:PhoneNumber) // we never SET anything here\nRETURN p.set AS set, $delete AS d',
    'MATCH (p) RETURN p {.e164, set: 1, merge: 2, load: 3}',
    'MATCH (n:`CREATE`) RETURN n',
    'MATCH (n:`Émail`) RETURN n.`naïve` AS x',
    "MATCH (e:Email) WHERE e.subject = 'Ｌoad ünïcode in a string' RETURN e // ünïcode in a comment",
    'CALL db.labels() YIELD label RETURN label',
    "CALL db.index.fulltext.queryNodes('email_subject_fulltext', $q) YIELD node, score RETURN node, score",
    'MATCH (p) CALL (p) { RETURN p.e164 AS e } RETURN e',
    'MATCH (p) OPTIONAL CALL (p) { MATCH (p)<-[:MENTIONS]-(e) RETURN count(e) AS c } RETURN p, c',
    'MATCH (p) CALL { WITH p RETURN p.e164 AS e } RETURN e ORDER BY e DESC SKIP 1 LIMIT 5',
    '/* DELETE everything */ MATCH (n) RETURN n',
    'MATCH (n) RETURN n UNION MATCH (n) RETURN n',
    'MATCH (n) WHERE EXISTS { MATCH (n)--() } AND COUNT { (n)--() } > 1 RETURN n, COLLECT { MATCH (n)--(m) RETURN m } AS ms',
    "UNWIND range(1, 3) AS i WITH i, date('2026-03-01') + duration({days: i}) AS d RETURN i, toString(d), date.truncate('month', d) AS m",
    'MATCH (a)-[r*1..3]->(b) RETURN all(x IN nodes(r) WHERE x.e164 IS NOT NULL), reduce(s = 0, x IN [1, 2] | s + x), [x IN [1, 2] WHERE x > 1 | x * 2]',
    'RETURN toLower(trim("  A ")), TOUPPER("b"), coalesce(null, 1), percentileCont(1, 0.5) AS p',
    `RETURN ${'('.repeat(40)}1${')'.repeat(40)} AS deepestAllowed`,
  ])('%s', (statement) => {
    expect(checkStatement(statement).problems).toEqual([]);
  });

  it('reports every parameter once, with where it is first used', () => {
    expect(checkStatement('MATCH (p:PhoneNumber {e164: $number})\nWHERE $`odd name` > 0 AND $number <> ""\nRETURN p').parameters).toEqual([
      { name: 'number', line: 1, column: 29 },
      { name: 'odd name', line: 2, column: 7 },
    ]);
  });
});

describe('the shipped hunts', () => {
  const dir = path.resolve(import.meta.dirname, '../../cypher/hunts');
  it.each(readdirSync(dir).filter((f) => f.endsWith('.cypher')))('%s passes the guard', (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    expect(checkStatement(text).problems).toEqual([]);
  });
});
