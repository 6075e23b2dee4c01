/**
 * First of three locks against a hunt that writes (the others: EXPLAIN's query type must be read-only, and
 * the statement runs in a READ access-mode transaction). This one reads the text, so that a bad file is
 * refused at load time with a line number, before anything reaches the database.
 */

export interface GuardProblem {
  /** 1-based line within the text given. */
  line: number;
  message: string;
}

const writeClauses: { pattern: RegExp; what: string }[] = [
  { pattern: /\bCREATE\b/i, what: 'CREATE' },
  { pattern: /\bMERGE\b/i, what: 'MERGE' },
  { pattern: /\bINSERT\b/i, what: 'INSERT' },
  { pattern: /\bSET\b/i, what: 'SET' },
  { pattern: /\bDELETE\b/i, what: 'DELETE' },
  { pattern: /\bREMOVE\b/i, what: 'REMOVE' },
  { pattern: /\bFOREACH\b/i, what: 'FOREACH' },
  { pattern: /\bDROP\b/i, what: 'DROP' },
  { pattern: /\bALTER\b/i, what: 'ALTER' },
  { pattern: /\b(GRANT|DENY|REVOKE)\b/i, what: 'an administration command' },
  { pattern: /\bLOAD\s+CSV\b/i, what: 'LOAD CSV' },
  { pattern: /\bIN\s+(\d+\s+)?(CONCURRENT\s+)?TRANSACTIONS\b/i, what: 'CALL { … } IN TRANSACTIONS' },
  { pattern: /\b(START|STOP)\s+DATABASE\b/i, what: 'a database command' },
  // Changes no graph data, so EXPLAIN and a READ transaction let it through, but it kills other sessions'
  // work (a running ingest).
  { pattern: /\bTERMINATE\s+TRANSACTIONS?\b/i, what: 'TERMINATE TRANSACTIONS' },
];

/** Procedures a hunt may call: read-only ones of Neo4j itself. Everything else is refused. */
export const readOnlyProcedures: ReadonlySet<string> = new Set([
  'db.labels',
  'db.relationshiptypes',
  'db.propertykeys',
  'db.index.fulltext.querynodes',
  'db.index.fulltext.queryrelationships',
  'db.schema.visualization',
  'db.schema.nodetypeproperties',
  'db.schema.reltypeproperties',
]);

/**
 * Blanks comments, string literals and `backticked` names (keeping line breaks, so positions stay true):
 * a subject text containing "create" or a comment about SET must not trip the guard.
 */
export function blankLiteralsAndComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i += 1;
      }
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      for (; i < stop; i += 1) out += text[i] === '\n' ? '\n' : ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      out += ' ';
      i += 1;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && c !== '`') {
          out += ' ';
          i += 1;
        }
        if (i < text.length) out += text[i] === '\n' ? '\n' : ' ';
        i += 1;
      }
      out += ' ';
      i += 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** Every write clause and non-read procedure in a Cypher statement, with its line. */
export function findWriteClauses(statement: string): GuardProblem[] {
  const problems: GuardProblem[] = [];
  const lines = blankLiteralsAndComments(statement).split('\n');
  lines.forEach((rawLine, index) => {
    // Property names (`n.set`), parameters (`$delete`), labels (`:Create`) and map keys (`{set: 1}`) are not clauses.
    // Column aliases (`AS set`) neither.
    const line = rawLine
      .replace(/[.$:]\s*[A-Za-z_][A-Za-z0-9_]*/g, ' ')
      .replace(/\b[A-Za-z_][A-Za-z0-9_]*\s*:/g, ' ')
      .replace(/\bAS\s+[A-Za-z_][A-Za-z0-9_]*/gi, ' ');
    for (const { pattern, what } of writeClauses) {
      if (pattern.test(line)) problems.push({ line: index + 1, message: `${what} is not allowed: hunts are read-only` });
    }
    for (const match of rawLine.matchAll(/\bCALL\s+([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+)/gi)) {
      const name = (match[1] ?? '').toLowerCase();
      if (!readOnlyProcedures.has(name)) {
        problems.push({ line: index + 1, message: `procedure ${match[1]} is not on the read-only list (${[...readOnlyProcedures].join(', ')})` });
      }
    }
  });
  return problems;
}
