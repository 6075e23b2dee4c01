import neo4j, { type Driver } from 'neo4j-driver';
import type { Hunt, HuntProblem } from './hunt-file.js';
import { modelLabels, modelPropertyKeys, modelRelationshipTypes } from './model.js';

/** What EXPLAIN says about a statement, without running it. */
export interface ExplainVerdict {
  /** `r` read, `rw` read-write, `w` write, `s` schema; undefined when planning failed. */
  queryType: string | undefined;
  problems: HuntProblem[];
}

const unknownNamePatterns: { code: string; pattern: RegExp; model: ReadonlySet<string>; what: string }[] = [
  { code: 'Neo.ClientNotification.Statement.UnknownLabelWarning', pattern: /missing label name is: ([^)]+)\)/, model: modelLabels, what: 'label' },
  { code: 'Neo.ClientNotification.Statement.UnknownRelationshipTypeWarning', pattern: /missing relationship type is: ([^)]+)\)/, model: modelRelationshipTypes, what: 'relationship type' },
  { code: 'Neo.ClientNotification.Statement.UnknownPropertyKeyWarning', pattern: /missing property name is: ([^)]+)\)/, model: modelPropertyKeys, what: 'property' },
];

/**
 * Plans the statement with EXPLAIN (in a READ session; EXPLAIN never executes) and reports, against the
 * file's own lines: syntax errors, a query type other than read-only, and labels, relationship types or
 * properties that are neither in the database nor in callhound's model (so an empty database does not
 * make every hunt look wrong, but a BloodHound `:User` or a typo is caught).
 */
export async function explainHunt(driver: Driver, hunt: Pick<Hunt, 'file' | 'statement' | 'statementLine'>, database?: string): Promise<ExplainVerdict> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ, ...(database ? { database } : {}) });
  const problems: HuntProblem[] = [];
  try {
    // EXPLAIN on its own line: the statement's line N is line N+1 of what the server sees.
    const result = await session.run(`EXPLAIN\n${hunt.statement}`);
    const queryType = result.summary.queryType;
    if (queryType !== 'r') {
      problems.push({ file: hunt.file, line: hunt.statementLine, message: `the statement would ${describeQueryType(queryType)} (EXPLAIN query type ${queryType}); hunts must be read-only` });
    }
    const reported = new Set<string>();
    for (const notification of result.summary.notifications) {
      for (const { code, pattern, model, what } of unknownNamePatterns) {
        if (notification.code !== code) continue;
        const name = pattern.exec(notification.description)?.[1];
        if (name === undefined || model.has(name) || reported.has(`${what}:${name}`)) continue;
        reported.add(`${what}:${name}`);
        const line = hunt.statementLine + Math.max(0, (notification.position && 'line' in notification.position ? Number(notification.position.line) : 2) - 2);
        problems.push({ file: hunt.file, line, message: `${what} ${name} is not part of callhound's graph model (docs/graph-model.md)` });
      }
    }
    return { queryType, problems };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /line (\d+), column (\d+)/.exec(message);
    const line = position ? hunt.statementLine + Math.max(0, Number(position[1]) - 2) : hunt.statementLine;
    const firstLine = (message.split('\n')[0] ?? message).replace(/\s*\(line \d+, column \d+ \(offset: \d+\)\)/, '');
    const column = position ? `, column ${position[2]}` : '';
    problems.push({ file: hunt.file, line, message: `Cypher error${column}: ${firstLine}` });
    return { queryType: undefined, problems };
  } finally {
    await session.close();
  }
}

function describeQueryType(queryType: string): string {
  switch (queryType) {
    case 'rw':
      return 'read and write';
    case 'w':
      return 'write';
    case 's':
      return 'change the schema';
    default:
      return `do something other than read (${queryType})`;
  }
}
