// The definitions every part shares (DESIGN.md section 3): a leaf, importing nothing of callhound.
export { blockPrefix, blockSuffix } from './blocks.js';
export { defaultRunOptions, runId, sequentialRuns, type ActiveNumber, type RunOptions, type SequentialRun } from './runs.js';
export { UnionFind } from './union-find.js';
