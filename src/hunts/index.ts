// Public surface of the hunts module (CLI, HTTP API and UI go through here).
export { modelKey, parseModelKey } from './model-key.js';
export { keyProperties, modelLabels, modelPropertyKeys, modelRelationshipTypes } from './model.js';
export { parseHunt, describeParam, formatProblem, huntNamePattern, type Hunt, type HuntProblem, type ParamSpec, type ResultKind } from './hunt-file.js';
export { convertParam, parseParamType, formatParamType, type ParamType, type ConvertOptions } from './params.js';
export { loadHunts, checkHuntsWithDatabase, libraryDir, type HuntCatalog, type LoadOptions } from './loader.js';
export { explainHunt, type ExplainVerdict } from './explain.js';
export { checkStatement, allowedFunctions, readOnlyProcedures, type GuardProblem, type GuardVerdict } from './write-guard.js';
export {
  runHunt,
  resolveParams,
  assertReadOnly,
  describeCut,
  defaultLimit,
  defaultTimeoutMs,
  type HuntResult,
  type RunOptions,
} from './runner.js';
export type { GraphData, GraphEdge, GraphNode } from './graph-result.js';
export { formatResult, toCsv, toTable, type OutputFormat } from './format.js';
export { exportPack, importPack, readPackText, packFormat, packVersion, type HuntPack, type ImportOutcome } from './pack.js';
