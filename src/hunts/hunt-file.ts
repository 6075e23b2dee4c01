import { checkStatement } from './write-guard.js';
import { convertParam, formatParamType, parseParamType, type ConvertOptions, type ParamType } from './params.js';

/**
 * A hunt file: a header in Cypher comments, then one read-only statement (docs/hunts.md).
 *
 *   // @title Numbers reused on consecutive days
 *   // @description Longest runs first.
 *   // @tags reuse, timeline
 *   // @result table
 *   // @param minRun integer = 2 -- shortest run to report
 *   // @param number phone required -- the number to look at
 *   MATCH …
 */

export type ResultKind = 'graph' | 'table';

export interface ParamSpec {
  name: string;
  type: ParamType;
  /** The default as written (converted at run time, so `today` means the day of the run). */
  defaultText: string | undefined;
  required: boolean;
  help: string;
  line: number;
}

export interface Hunt {
  name: string;
  /** Where it came from: a path, or `pack:<file>` for an import not yet written. */
  file: string;
  origin: 'library' | 'user' | 'import';
  title: string;
  description: string;
  tags: string[];
  result: ResultKind;
  params: ParamSpec[];
  statement: string;
  /** 1-based line of the file where the statement starts (to map database errors back to the file). */
  statementLine: number;
  /** The whole file text, header included: what export writes and import reads. */
  source: string;
}

export interface HuntProblem {
  file: string;
  line: number;
  /** 1-based, when known (problems found by parsing the statement). */
  column?: number;
  message: string;
}

export const huntNamePattern = /^[a-z0-9][a-z0-9-]{0,79}$/;

export function formatProblem(problem: HuntProblem): string {
  return `${problem.file}:${problem.line}${problem.column !== undefined ? `:${problem.column}` : ''}: ${problem.message}`;
}

/**
 * Parses and checks a hunt file without a database: header, parameter types and defaults, one statement
 * made only of allowed clauses, functions and procedures, every `$parameter` declared. A hunt is returned only when there is no problem.
 */
export function parseHunt(
  name: string,
  file: string,
  source: string,
  origin: Hunt['origin'],
  convertOptions: ConvertOptions,
): { hunt?: Hunt; problems: HuntProblem[] } {
  const problems: HuntProblem[] = [];
  const problem = (line: number, message: string, column?: number): void => {
    problems.push({ file, line, ...(column !== undefined ? { column } : {}), message });
  };
  if (!huntNamePattern.test(name)) problem(1, `hunt name ${JSON.stringify(name)} must be lower-case letters, digits and dashes`);

  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const header: { title?: string; description: string[]; tags: string[]; result?: ResultKind; params: ParamSpec[] } = {
    description: [],
    tags: [],
    params: [],
  };
  let lastDirective: string | undefined;
  let index = 0;
  for (; index < lines.length; index += 1) {
    const line = (lines[index] as string).trim();
    const lineNo = index + 1;
    if (line === '') continue;
    if (!line.startsWith('//')) break;
    const body = line.slice(2).trim();
    const directive = /^@([a-zA-Z]+)\s*(.*)$/.exec(body);
    if (!directive) {
      // A plain comment line continues the description; anywhere else it is just a comment.
      if (lastDirective === 'description' && body !== '') header.description.push(body);
      continue;
    }
    const [, keyword = '', rest = ''] = directive;
    lastDirective = keyword;
    switch (keyword) {
      case 'title':
        if (rest === '') problem(lineNo, '@title is empty');
        header.title = rest;
        break;
      case 'description':
        if (rest !== '') header.description.push(rest);
        break;
      case 'tags':
        header.tags.push(...rest.split(',').map((tag) => tag.trim()).filter((tag) => tag !== ''));
        break;
      case 'result':
        if (rest === 'graph' || rest === 'table') header.result = rest;
        else problem(lineNo, `@result must be graph or table, not ${JSON.stringify(rest)}`);
        break;
      case 'param': {
        const spec = parseParamLine(rest, lineNo, problem, convertOptions);
        if (spec) {
          if (header.params.some((p) => p.name === spec.name)) problem(lineNo, `parameter ${spec.name} declared twice`);
          else header.params.push(spec);
        }
        break;
      }
      default:
        problem(lineNo, `unknown header directive @${keyword} (expected @title, @description, @tags, @result, @param)`);
    }
  }
  if (header.title === undefined) problem(1, 'missing @title');
  if (header.result === undefined) problem(1, 'missing @result (graph or table)');

  const statementLine = Math.min(index + 1, lines.length);
  const statement = lines.slice(index).join('\n').trim().replace(/;\s*$/, '');
  if (statement === '') problem(statementLine, 'no Cypher statement after the header');
  if (statement !== '') {
    // Parsed with Neo4j's grammar: only allowlisted clauses, functions and procedures (src/hunts/write-guard.ts).
    const verdict = checkStatement(statement);
    for (const found of verdict.problems) problem(statementLine + found.line - 1, found.message, found.column);
    const declared = new Set(header.params.map((p) => p.name));
    for (const used of verdict.parameters) {
      if (!declared.has(used.name)) problem(statementLine + used.line - 1, `parameter $${used.name} is used but not declared with @param`, used.column);
    }
  }

  if (problems.length > 0) return { problems };
  return {
    hunt: {
      name,
      file,
      origin,
      title: header.title as string,
      description: header.description.join(' '),
      tags: header.tags,
      result: header.result as ResultKind,
      params: header.params,
      statement,
      statementLine,
      source,
    },
    problems,
  };
}

function parseParamLine(
  text: string,
  line: number,
  problem: (line: number, message: string) => void,
  convertOptions: ConvertOptions,
): ParamSpec | undefined {
  // name type (= default | required) [-- help]
  const [spec = '', ...helpParts] = text.split(' -- ');
  const help = helpParts.join(' -- ').trim();
  const match = /^([A-Za-z_][A-Za-z0-9_]*)\s+(list<\s*[a-z]+\s*>|[a-z]+)\s*(?:=\s*(.*?)|(required))?\s*$/.exec(spec.trim());
  if (!match) {
    problem(line, `cannot read @param ${JSON.stringify(text)}: expected "name type = default -- help" or "name type required -- help"`);
    return undefined;
  }
  const [, name = '', typeText = '', defaultText, required] = match;
  const type = parseParamType(typeText);
  if (!type) {
    problem(line, `parameter ${name}: unknown type ${JSON.stringify(typeText)} (expected string, integer, float, boolean, date, phone or list<…> of them)`);
    return undefined;
  }
  if (defaultText === undefined && required === undefined) {
    problem(line, `parameter ${name}: missing default (write "= value", "= null", or "required")`);
    return undefined;
  }
  if (defaultText !== undefined) {
    try {
      convertParam(name, type, defaultText, convertOptions);
    } catch (error) {
      problem(line, `parameter ${name}: bad default: ${(error as Error).message}`);
      return undefined;
    }
  }
  return { name, type, defaultText, required: required !== undefined, help, line };
}

/** The header line that declares a parameter, for export and docs. */
export function describeParam(spec: ParamSpec): string {
  const value = spec.required ? 'required' : `= ${spec.defaultText ?? 'null'}`;
  return `${spec.name} ${formatParamType(spec.type)} ${value}${spec.help ? ` -- ${spec.help}` : ''}`;
}
