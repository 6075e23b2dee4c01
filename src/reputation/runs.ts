import { blockPrefix, blockSuffix, dayNumber, sequentialRuns as linkRuns } from '../domain/index.js';

/**
 * Sequential runs as reputation and the blocklist see them: the runs of src/domain/runs.ts (the one
 * definition, shared with `callhound analyze`), with their span and active period. Scammers buy such runs
 * and rotate to the next number when one is blocked, so the gaps and the ends of a run are where the next
 * number is likely to come from. Pure functions, dates as YYYY-MM-DD.
 */

export interface BlockNumber {
  e164: string;
  firstSeen: string;
  lastSeen: string;
  /** True when `callhound analyze` wrote this number (it has an `analysisHash`): then `runId` is its verdict. */
  analysed?: boolean;
  /** `PhoneNumber.runId` as analyze wrote it; null when the number is in no run. */
  runId?: string | null;
}

export interface SequentialRun {
  /** `r` + the smallest E.164 of the run, as `PhoneNumber.runId`. */
  id: string;
  prefix: string;
  /** Members sorted by their last four digits. */
  numbers: BlockNumber[];
  /** Lowest and highest last-four value of the run. */
  from: number;
  to: number;
  firstSeen: string;
  lastSeen: string;
}

export interface RunOptions {
  /** Largest distance between the last four digits of two linked numbers of a run. */
  window: number;
  /** Largest time between the active periods of two linked numbers of a run, in days. */
  timeWindowDays: number;
}

export const defaultRunOptions: RunOptions = { window: 100, timeWindowDays: 30 };

function runView(id: string, prefix: string, members: BlockNumber[]): SequentialRun {
  const numbers = [...members].sort((a, b) => blockSuffix(a.e164) - blockSuffix(b.e164));
  return {
    id,
    prefix,
    numbers,
    from: blockSuffix(numbers[0]!.e164),
    to: blockSuffix(numbers[numbers.length - 1]!.e164),
    firstSeen: numbers.map((n) => n.firstSeen).sort()[0]!,
    lastSeen: numbers.map((n) => n.lastSeen).sort().at(-1)!,
  };
}

/** The runs (≥ 2 numbers) of one block's known numbers, computed by the shared algorithm (src/domain/runs.ts). */
export function sequentialRuns(prefix: string, numbers: readonly BlockNumber[], options: RunOptions = defaultRunOptions): SequentialRun[] {
  const inBlock = numbers.filter((n) => blockPrefix(n.e164) === prefix);
  const byE164 = new Map(inBlock.map((n) => [n.e164, n]));
  const active = inBlock.map((n) => ({ e164: n.e164, first: dayNumber(n.firstSeen), last: dayNumber(n.lastSeen) }));
  return linkRuns(active, { numberWindow: options.window, dayWindow: options.timeWindowDays })
    .filter((run) => run.prefix === prefix)
    .map((run) => runView(run.id, prefix, run.numbers.map((e164) => byE164.get(e164)!)));
}

/** The runs `callhound analyze` stored for one block: its numbers grouped by `runId`, in run-id order. */
export function storedRuns(prefix: string, numbers: readonly BlockNumber[]): SequentialRun[] {
  const groups = new Map<string, BlockNumber[]>();
  for (const n of numbers) {
    if (typeof n.runId !== 'string' || blockPrefix(n.e164) !== prefix) continue;
    const group = groups.get(n.runId);
    if (group) group.push(n);
    else groups.set(n.runId, [n]);
  }
  return [...groups]
    .filter(([, members]) => members.length >= 2)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, members]) => runView(id, prefix, members));
}

/**
 * The runs of one block for reputation and the blocklist. When analyze has written every number of the block,
 * its runs are read (so reputation, `blocklist --predict`, the report and the clusters agree, whatever
 * `--number-window`/`--day-window` analyze ran with); otherwise, or when the caller asks for its own windows,
 * they are computed with the same algorithm.
 */
export function blockRuns(prefix: string, numbers: readonly BlockNumber[], options: { window?: number | undefined; timeWindowDays?: number | undefined } = {}): SequentialRun[] {
  const ownWindows = options.window !== undefined || options.timeWindowDays !== undefined;
  const analysed = numbers.length > 0 && numbers.every((n) => n.analysed === true);
  if (analysed && !ownWindows) return storedRuns(prefix, numbers);
  return sequentialRuns(prefix, numbers, { window: options.window ?? defaultRunOptions.window, timeWindowDays: options.timeWindowDays ?? defaultRunOptions.timeWindowDays });
}

export type RunPosition = 'gap' | 'after' | 'before';

/** Where an unseen last-four value sits relative to a run: inside a gap, or within `window` past an end. */
export function positionInRun(run: SequentialRun, value: number, window: number): RunPosition | undefined {
  if (run.numbers.some((n) => blockSuffix(n.e164) === value)) return undefined;
  if (value > run.from && value < run.to) return 'gap';
  if (value > run.to && value - run.to <= window) return 'after';
  if (value < run.from && run.from - value <= window) return 'before';
  return undefined;
}

export interface PredictedNumber {
  e164: string;
  position: RunPosition;
  run: SequentialRun;
  /** The known numbers just below and above it in the block. */
  below: string | undefined;
  above: string | undefined;
}

/** Unseen numbers of a run: every gap inside it, and the next `next` numbers past each end (within 0000–9999). */
export function predictFromRun(run: SequentialRun, next: number): PredictedNumber[] {
  const known = new Set(run.numbers.map((n) => blockSuffix(n.e164)));
  const values: { value: number; position: RunPosition }[] = [];
  for (let v = run.from + 1; v < run.to; v += 1) if (!known.has(v)) values.push({ value: v, position: 'gap' });
  for (let i = 1; i <= next; i += 1) {
    if (run.to + i <= 9999) values.push({ value: run.to + i, position: 'after' });
    if (run.from - i >= 0) values.push({ value: run.from - i, position: 'before' });
  }
  const sortedKnown = run.numbers.map((n) => n.e164);
  return values
    .sort((a, b) => a.value - b.value)
    .map(({ value, position }) => ({
      e164: `${run.prefix}${String(value).padStart(4, '0')}`,
      position,
      run,
      below: [...sortedKnown].reverse().find((e) => blockSuffix(e) < value),
      above: sortedKnown.find((e) => blockSuffix(e) > value),
    }));
}

export function describeRun(run: SequentialRun): string {
  const pad = (v: number): string => String(v).padStart(4, '0');
  return `sequential run ${run.prefix} ${pad(run.from)}–${pad(run.to)} (${run.numbers.length} known numbers, active ${run.firstSeen} to ${run.lastSeen})`;
}
