import { createRequire } from 'node:module';

/**
 * Neo4j's own Cypher grammar (ANTLR), from @neo4j-cypher/language-support (docs/DEPENDENCIES.md).
 *
 * Its ESM build does not load in Node (extension-less relative imports in 2.0.0-next.20), so the CJS bundle
 * is required instead. The bundle is large (24 MB of JavaScript, 1–3 s to compile), so it is loaded on the
 * first parse, not when this module is imported: commands that never read a hunt do not pay for it.
 *
 * The package's own type declarations reach antlr4's through an ESM/CJS mismatch that TypeScript cannot
 * follow, so the few members callhound uses are declared here, structurally; `cypherGrammar()` is the one
 * place that trusts the bundle to match them (test/hunts/write-guard.test.ts exercises every one).
 */

export interface CypherToken {
  type: number;
  text: string;
  /** 1-based. */
  line: number;
  /** 0-based. */
  column: number;
}

/** A node of the parse tree: a rule context (children, start token) or a terminal (symbol). */
export interface ParseNode {
  children?: ParseNode[] | null;
  start?: CypherToken;
  symbol?: CypherToken;
  getText(): string;
}

type Maybe = ParseNode | null;
type RuleClass<T extends ParseNode = ParseNode> = abstract new (...args: never[]) => T;

export interface RoutineNameNode extends ParseNode {
  namespace(): { symbolicNameString_list(): ParseNode[] };
  symbolicNameString(): ParseNode;
}

export interface ClauseNode extends ParseNode {
  createClause(): Maybe;
  insertClause(): Maybe;
  deleteClause(): (ParseNode & { DETACH(): Maybe }) | null;
  setClause(): Maybe;
  removeClause(): Maybe;
  mergeClause(): Maybe;
  foreachClause(): Maybe;
  loadCSVClause(): Maybe;
}

interface ErrorListener {
  syntaxError(recognizer: unknown, offending: CypherToken | null | undefined, line: number, column: number, message: string, error: unknown): void;
  reportAmbiguity(): void;
  reportAttemptingFullContext(): void;
  reportContextSensitivity(): void;
}

interface Recognizer {
  removeErrorListeners(): void;
  addErrorListener(listener: ErrorListener): void;
}

export interface CypherGrammar {
  CypherLexer: (new (input: unknown) => Recognizer) & Record<'EOF' | 'STRING_LITERAL1' | 'STRING_LITERAL2' | 'ESCAPED_SYMBOLIC_NAME' | 'SINGLE_LINE_COMMENT' | 'MULTI_LINE_COMMENT' | 'LPAREN' | 'RPAREN' | 'LBRACKET' | 'RBRACKET' | 'LCURLY' | 'RCURLY', number>;
  CypherParser: new (tokens: unknown) => Recognizer & { statementsOrCommands(): ParseNode & { statementOrCommand(i: number): Maybe } };
  antlrUtils: {
    CharStreams: { fromString(text: string): unknown };
    CommonTokenStream: new (lexer: Recognizer) => { tokens: CypherToken[]; fill(): void };
    ParserRuleContext: RuleClass;
  };
  StatementOrCommandContext: RuleClass<ParseNode & { consoleCommand(): Maybe }>;
  PreparserOptionContext: RuleClass;
  CommandContext: RuleClass;
  WhenContext: RuleClass;
  UseClauseContext: RuleClass;
  ClauseContext: RuleClass<ClauseNode>;
  MatchClauseContext: RuleClass;
  WithClauseContext: RuleClass;
  ReturnClauseContext: RuleClass;
  UnwindClauseContext: RuleClass;
  OrderBySkipLimitClauseContext: RuleClass;
  CallClauseContext: RuleClass<ParseNode & { procedureName(): RoutineNameNode; YIELD(): Maybe }>;
  SubqueryClauseContext: RuleClass<ParseNode & { subqueryInTransactionsParameters(): Maybe }>;
  FunctionInvocationContext: RuleClass<ParseNode & { functionName(): RoutineNameNode }>;
  ParameterContext: RuleClass<ParseNode & { parameterName(): ParseNode }>;
}

let loaded: CypherGrammar | undefined;

export function cypherGrammar(): CypherGrammar {
  if (loaded === undefined) {
    const require = createRequire(import.meta.url);
    loaded = require('@neo4j-cypher/language-support') as CypherGrammar;
  }
  return loaded;
}
