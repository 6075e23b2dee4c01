import { cypherGrammar, type ClauseNode, type CypherGrammar, type CypherToken, type ParseNode, type RoutineNameNode } from './internal/cypher-grammar.js';

/**
 * First of three locks on what a hunt may do (the others: EXPLAIN's query type must be read-only, and the
 * statement runs in a READ access-mode transaction; and under all three, the database's own settings, see
 * SECURITY.md). It parses the statement with Neo4j's own Cypher grammar and walks the parse tree: only the
 * clauses, functions and procedures listed here are allowed, everything else is refused by name with its
 * line and column. It decides from the tree, never from lines of text, so a keyword split over lines, a
 * comment between two keywords or a clause inside a subquery is seen as what the server would see.
 *
 * Refused, among others: every write clause, LOAD CSV (reads files and URLs, and sends data out in the URL),
 * USE, SHOW …/TERMINATE … and every other administration command (they run in a READ transaction and pass
 * EXPLAIN, yet show settings and other sessions' queries or kill them), CALL { … } IN TRANSACTIONS, any
 * procedure or function not on the lists, names written with backticks where a procedure or function is
 * named, characters outside ASCII anywhere but in strings, comments and backticked names (look-alike letters
 * and exotic spaces are where a second parser could disagree with the server's), and text that does not parse.
 */

export interface GuardProblem {
  /** 1-based line within the text given. */
  line: number;
  /** 1-based column within that line. */
  column: number;
  message: string;
}

export interface GuardVerdict {
  problems: GuardProblem[];
  /** `$parameters` the statement uses, by name (backticks removed), where first used. */
  parameters: { name: string; line: number; column: number }[];
  /** Statements in the text (a hunt has exactly one). */
  statements: number;
}

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
 * Functions a hunt may call (lower case; Neo4j's function names are case-insensitive): those the shipped
 * hunts and the tests use, and Neo4j's standard pure functions. Not here on purpose: `file()` and
 * `linenumber()` (only mean something inside LOAD CSV), `db.*` and `graph.*` (database introspection), and
 * anything from a plugin (`apoc.*`, `gds.*`): a plugin function can read files or URLs.
 */
export const allowedFunctions: ReadonlySet<string> = new Set([
  // aggregation
  'avg', 'collect', 'count', 'max', 'min', 'percentilecont', 'percentiledisc', 'stdev', 'stdevp', 'sum',
  // predicates and scalars
  'isempty', 'char_length', 'character_length', 'coalesce', 'elementid', 'endnode', 'head', 'id', 'last', 'length',
  'nullif', 'properties', 'size', 'startnode', 'timestamp', 'toboolean', 'tobooleanornull', 'tofloat', 'tofloatornull',
  'tointeger', 'tointegerornull', 'type', 'valuetype',
  // lists
  'keys', 'labels', 'nodes', 'range', 'relationships', 'reverse', 'tail', 'tobooleanlist', 'tofloatlist', 'tointegerlist', 'tostringlist',
  // mathematics
  'abs', 'ceil', 'floor', 'isnan', 'rand', 'round', 'sign', 'e', 'exp', 'log', 'log10', 'sqrt', 'pi',
  'acos', 'asin', 'atan', 'atan2', 'cos', 'cot', 'degrees', 'haversin', 'radians', 'sin', 'tan',
  // strings
  'btrim', 'left', 'lower', 'ltrim', 'replace', 'right', 'rtrim', 'split', 'substring', 'tolower', 'tostring',
  'tostringornull', 'toupper', 'trim', 'upper',
  // temporal values
  'date', 'datetime', 'localdatetime', 'localtime', 'time', 'duration',
  ...['date', 'datetime', 'localdatetime', 'localtime', 'time'].flatMap((t) => ['truncate', 'realtime', 'statement', 'transaction'].map((f) => `${t}.${f}`)),
  'datetime.fromepoch', 'datetime.fromepochmillis',
  'duration.between', 'duration.indays', 'duration.inmonths', 'duration.inseconds',
  // spatial and vectors
  'point', 'point.distance', 'point.withinbbox', 'vector.similarity.cosine', 'vector.similarity.euclidean',
]);

const allowedClauses = 'MATCH, OPTIONAL MATCH, WITH, WHERE, UNWIND, RETURN, ORDER BY, SKIP, LIMIT, UNION, CALL { … }, CALL of a read-only procedure … YIELD';

/** Clause rules that write: their refusal says "hunts are read-only". */
const writeClauseRules = ['createClause', 'insertClause', 'deleteClause', 'setClause', 'removeClause', 'mergeClause', 'foreachClause'] as const;

/**
 * Bounds on what is parsed at all. The largest shipped hunt is 1.6 kB with brackets 6 deep; ANTLR's
 * recursive descent overflows the stack near 1,000 nested brackets and slows down well before.
 */
export const maxStatementLength = 20_000;
export const maxNesting = 40;

const cacheLimit = 1000;
const verdicts = new Map<string, GuardVerdict>();

/** Checks one hunt statement (see the module comment). Verdicts are cached per statement text. */
export function checkStatement(statement: string): GuardVerdict {
  const cached = verdicts.get(statement);
  if (cached) return cached;
  const verdict = analyse(statement);
  if (verdicts.size >= cacheLimit) verdicts.delete(verdicts.keys().next().value as string);
  verdicts.set(statement, verdict);
  return verdict;
}

function analyse(statement: string): GuardVerdict {
  if (statement.length > maxStatementLength) {
    return { problems: [{ line: 1, column: 1, message: `the statement is ${statement.length} characters long; hunts may have at most ${maxStatementLength}` }], parameters: [], statements: 0 };
  }
  try {
    return analyseParsed(statement);
  } catch (error) {
    // The grammar's runtime failing on some input (a stack overflow, say) refuses that hunt, never the others.
    return { problems: [{ line: 1, column: 1, message: `cannot parse the statement: ${shorten(error instanceof Error ? error.message : String(error))}` }], parameters: [], statements: 0 };
  }
}

function analyseParsed(statement: string): GuardVerdict {
  const g = cypherGrammar();
  const problems: GuardProblem[] = [];
  const parameters: GuardVerdict['parameters'] = [];
  const seenParameters = new Set<string>();
  const at = (token: CypherToken | null | undefined): { line: number; column: number } => ({ line: token?.line ?? 1, column: (token?.column ?? 0) + 1 });
  const refuse = (token: CypherToken | null | undefined, message: string): void => {
    problems.push({ ...at(token), message });
  };

  const lexer = new g.CypherLexer(g.antlrUtils.CharStreams.fromString(statement));
  const tokens = new g.antlrUtils.CommonTokenStream(lexer);
  const parser = new g.CypherParser(tokens);
  const syntax = {
    syntaxError(_recognizer: unknown, offending: CypherToken | null | undefined, line: number, column: number, message: string): void {
      const near = offending && offending.type !== g.CypherLexer.EOF ? ` near ${JSON.stringify(offending.text)}` : offending ? ' at the end' : '';
      problems.push({ line, column: column + 1, message: `cannot parse the statement${near}: ${shorten(message)}` });
    },
    reportAmbiguity(): void {},
    reportAttemptingFullContext(): void {},
    reportContextSensitivity(): void {},
  };
  lexer.removeErrorListeners();
  parser.removeErrorListeners();
  lexer.addErrorListener(syntax);
  parser.addErrorListener(syntax);
  tokens.fill();
  const deepest = nestingTooDeep(g, tokens.tokens);
  if (deepest) {
    return { problems: [...problems, { ...at(deepest), message: `brackets nested more than ${maxNesting} deep; hunts may nest at most ${maxNesting}` }], parameters: [], statements: 0 };
  }
  const tree = parser.statementsOrCommands();

  // Characters outside ASCII: allowed only inside strings, comments and `backticked` names.
  const free = new Set([g.CypherLexer.STRING_LITERAL1, g.CypherLexer.STRING_LITERAL2, g.CypherLexer.ESCAPED_SYMBOLIC_NAME, g.CypherLexer.SINGLE_LINE_COMMENT, g.CypherLexer.MULTI_LINE_COMMENT]);
  for (const token of tokens.tokens) {
    if (free.has(token.type) || token.type === g.CypherLexer.EOF) continue;
    const odd = [...(token.text ?? '')].find((c) => (c.codePointAt(0) ?? 0) > 0x7e || ((c.codePointAt(0) ?? 0) < 0x20 && !'\t\n\r'.includes(c)));
    if (odd !== undefined) {
      refuse(token, `character U+${(odd.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} outside a string, comment or \`backticked\` name; write keywords, names and spaces in plain ASCII`);
    }
  }

  let statements = 0;
  const visit = (node: ParseNode): void => {
    const refused = checkNode(g, node, refuse);
    if (as(node, g.StatementOrCommandContext)) statements += 1;
    const parameter = as(node, g.ParameterContext);
    if (parameter) {
      const name = parameter.parameterName().getText().replace(/^`(.*)`$/s, '$1').replace(/``/g, '`');
      if (!seenParameters.has(name)) {
        seenParameters.add(name);
        parameters.push({ name, ...at(parameter.start) });
      }
    }
    // Below a refused command or clause, more problems would only repeat the first.
    if (refused) return;
    for (const child of node.children ?? []) {
      if (as(child, g.antlrUtils.ParserRuleContext)) visit(child);
    }
  };
  visit(tree);
  if (statements > 1) {
    const semicolon = (tree.children ?? []).find((child) => child.symbol?.text === ';');
    refuse(semicolon?.symbol, 'only one statement per hunt (found a `;` before the end)');
  }
  // At the same place, the reason comes before the parser's confusion about it (a look-alike letter is both).
  const isParseError = (p: GuardProblem): number => (p.message.startsWith('cannot parse') ? 1 : 0);
  problems.sort((a, b) => a.line - b.line || a.column - b.column || isParseError(a) - isParseError(b));
  return { problems, parameters, statements };
}

/** The first bracket that opens deeper than `maxNesting`, found by the lexer alone (linear, no recursion). */
function nestingTooDeep(g: CypherGrammar, tokens: readonly CypherToken[]): CypherToken | undefined {
  const opening = new Set([g.CypherLexer.LPAREN, g.CypherLexer.LBRACKET, g.CypherLexer.LCURLY]);
  const closing = new Set([g.CypherLexer.RPAREN, g.CypherLexer.RBRACKET, g.CypherLexer.RCURLY]);
  let depth = 0;
  for (const token of tokens) {
    if (opening.has(token.type)) depth += 1;
    else if (closing.has(token.type)) depth = Math.max(0, depth - 1);
    if (depth > maxNesting) return token;
  }
  return undefined;
}

/** `node` as an instance of a rule class, without narrowing `node` itself (the classes are alike in shape). */
function as<T extends ParseNode>(node: ParseNode | null | undefined, rule: abstract new (...args: never[]) => T): T | undefined {
  return node instanceof rule ? (node as T) : undefined;
}

/** Refuses what one parse-tree node may not be; true when the node is refused as a whole. */
function checkNode(g: CypherGrammar, node: ParseNode, refuse: (token: CypherToken | null | undefined, message: string) => void): boolean {
  const start = node.start;
  if (as(node, g.StatementOrCommandContext)?.consoleCommand()) {
    refuse(start, 'a client command (":…") is not Cypher and not allowed in a hunt');
    return true;
  }
  if (as(node, g.PreparserOptionContext)) {
    refuse(start, `${words(node, 1)} is not allowed in a hunt: callhound plans and runs the statement itself`);
    return true;
  }
  if (as(node, g.CommandContext)) {
    refuse(start, `${commandName(node)} is an administration command, not allowed in a hunt: hunts may only read the graph`);
    return true;
  }
  if (as(node, g.WhenContext)) {
    refuse(start, `WHEN … THEN is not allowed in a hunt (allowed clauses: ${allowedClauses})`);
    return true;
  }
  if (as(node, g.UseClauseContext)) {
    refuse(start, 'USE is not allowed in a hunt: a hunt runs on the database callhound is configured for');
    return true;
  }
  const clause = as(node, g.ClauseContext);
  if (clause) {
    const inner = clause.children?.[0];
    const allowed = [g.MatchClauseContext, g.WithClauseContext, g.ReturnClauseContext, g.UnwindClauseContext, g.OrderBySkipLimitClauseContext, g.CallClauseContext, g.SubqueryClauseContext, g.UseClauseContext];
    if (!allowed.some((rule) => as(inner, rule))) {
      const name = clauseName(clause);
      const writes = writeClauseRules.some((rule) => clause[rule]() !== null);
      const why = writes ? 'hunts are read-only' : name === 'LOAD CSV' ? 'it reads files of the database server and URLs' : `allowed clauses: ${allowedClauses}`;
      refuse(start, `${name} is not allowed${writes ? ':' : ' in a hunt:'} ${why}`);
      return true;
    }
    return false;
  }
  const inTransactions = as(node, g.SubqueryClauseContext)?.subqueryInTransactionsParameters();
  if (inTransactions) {
    refuse(inTransactions.start, 'CALL { … } IN TRANSACTIONS is not allowed: hunts are read-only');
    return true;
  }
  const call = as(node, g.CallClauseContext);
  if (call) {
    const procedure = call.procedureName();
    const name = routineName(procedure);
    if (name.problem) refuse(procedure.start, `procedure ${name.text}: ${name.problem}`);
    else if (!readOnlyProcedures.has(name.text.toLowerCase())) refuse(procedure.start, `procedure ${name.text} is not on the read-only list (${[...readOnlyProcedures].join(', ')})`);
    else if (call.YIELD() === null) refuse(start, `CALL ${name.text} needs YIELD with the columns the hunt uses`);
    return false;
  }
  const invocation = as(node, g.FunctionInvocationContext);
  if (invocation) {
    const fn = invocation.functionName();
    const name = routineName(fn);
    if (name.problem) refuse(fn.start, `function ${name.text}: ${name.problem}`);
    else if (!allowedFunctions.has(name.text.toLowerCase())) refuse(fn.start, `function ${name.text} is not on the list of functions hunts may use (docs/hunts.md)`);
  }
  return false;
}

/** The keywords that start a rule, upper-cased (`SHOW SETTINGS`, `TERMINATE TRANSACTIONS`). */
function words(node: ParseNode, count: number): string {
  const found: string[] = [];
  const collect = (n: ParseNode): void => {
    if (found.length >= count) return;
    if (n.symbol) {
      found.push(n.symbol.text.toUpperCase());
      return;
    }
    for (const child of n.children ?? []) collect(child);
  };
  collect(node);
  return found.join(' ');
}

function commandName(node: ParseNode): string {
  const text = words(node, 3).split(' ');
  // USE x SHOW …: the command is what follows the USE clause.
  return (text[0] === 'USE' ? words(node, 5).split(' ').slice(2) : text).slice(0, 2).join(' ');
}

function clauseName(clause: ClauseNode): string {
  if (clause.loadCSVClause()) return 'LOAD CSV';
  const del = clause.deleteClause();
  if (del) return del.DETACH() ? 'DETACH DELETE' : 'DELETE';
  const first = clause.children?.[0];
  return first ? words(first, 1) : 'this clause';
}

/**
 * The dotted name of a procedure or function as written. Backticks are refused: Neo4j resolves
 * `` `db`.`labels` `` and `` `apoc.load`.json `` by parts, so a name compared as text could be a different
 * routine than the one the server calls.
 */
function routineName(name: RoutineNameNode): { text: string; problem?: string } {
  const parts = [...name.namespace().symbolicNameString_list(), name.symbolicNameString()].map((p) => p.getText());
  const text = parts.join('.');
  if (parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) return { text, problem: 'write procedure and function names without backticks (only letters, digits and _ between the dots)' };
  return { text };
}

function shorten(message: string): string {
  return message.length > 160 ? `${message.slice(0, 157)}…` : message;
}
