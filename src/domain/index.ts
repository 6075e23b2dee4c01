// The definitions every part shares (docs/definitions.md): a leaf, importing nothing of callhound.
export { blockPrefix, blockSuffix } from './blocks.js';
export { dayNumber, daysBetween, dayString, isDay, msPerDay } from './days.js';
export { isInvisible, stripInvisible } from './invisible.js';
export { isMboxFileName, isMessageFileName, mboxExtensions, messageExtensions } from './message-files.js';
export { toE164 } from './phones.js';
export { defaultRunOptions, runId, sequentialRuns, type ActiveNumber, type RunOptions, type SequentialRun } from './runs.js';
export { UnionFind } from './union-find.js';
export { callhoundVersion } from './version.js';
