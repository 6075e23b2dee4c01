// Public surface of number reputation (CLI `reputation`/`blocklist`, and `GET /api/reputation/:number`).
export { reputation, newestDay, type Reputation, type ReputationOptions, type Verdict } from './reputation.js';
export { blocklist, formatBlocklist, type BlocklistEntry, type BlocklistOptions } from './blocklist.js';
export { scoreKnown, scoreUnseen, type Reason, type KnownFacts, type Neighbour } from './score.js';
export { blockRuns, storedRuns, sequentialRuns, predictFromRun, positionInRun, describeRun, type SequentialRun, type BlockNumber, type PredictedNumber } from './runs.js';
