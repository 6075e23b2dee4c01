/**
 * Sequential runs inside a DID block (DESIGN.md section 3): numbers of one block whose last four digits lie
 * within `window` of each other and which were active within `timeWindowDays` of each other. Scammers buy
 * such runs and rotate to the next number when one is blocked, so the gaps and the ends of a run are where
 * the next number is likely to come from. Pure functions, dates as YYYY-MM-DD.
 */

export interface BlockNumber {
  e164: string;
  firstSeen: string;
  lastSeen: string;
}

export interface SequentialRun {
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
  /** Largest distance between the last four digits of neighbours in a run. */
  window: number;
  /** Largest time between the active periods of neighbours in a run, in days. */
  timeWindowDays: number;
}

export const defaultRunOptions: RunOptions = { window: 100, timeWindowDays: 30 };

const dayMs = 86_400_000;
export function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / dayMs);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function lastFour(e164: string): number {
  return Number(e164.slice(-4));
}

export function blockPrefixOf(e164: string): string {
  return e164.slice(0, -4);
}

/** Days between two active periods; 0 when they overlap. */
function timeDistance(a: BlockNumber, b: BlockNumber): number {
  const start = Math.max(dayNumber(a.firstSeen), dayNumber(b.firstSeen));
  const end = Math.min(dayNumber(a.lastSeen), dayNumber(b.lastSeen));
  return Math.max(0, start - end);
}

/** The runs (≥ 2 numbers) of one block's known numbers. */
export function sequentialRuns(prefix: string, numbers: readonly BlockNumber[], options: RunOptions = defaultRunOptions): SequentialRun[] {
  const sorted = [...numbers].filter((n) => blockPrefixOf(n.e164) === prefix).sort((a, b) => lastFour(a.e164) - lastFour(b.e164));
  const runs: SequentialRun[] = [];
  let current: BlockNumber[] = [];
  const close = (): void => {
    if (current.length >= 2) {
      runs.push({
        prefix,
        numbers: current,
        from: lastFour(current[0]!.e164),
        to: lastFour(current[current.length - 1]!.e164),
        firstSeen: current.map((n) => n.firstSeen).sort()[0]!,
        lastSeen: current.map((n) => n.lastSeen).sort().at(-1)!,
      });
    }
    current = [];
  };
  for (const number of sorted) {
    const previous = current[current.length - 1];
    if (previous && (lastFour(number.e164) - lastFour(previous.e164) > options.window || timeDistance(previous, number) > options.timeWindowDays)) close();
    current.push(number);
  }
  close();
  return runs;
}

export type RunPosition = 'gap' | 'after' | 'before';

/** Where an unseen last-four value sits relative to a run: inside a gap, or within `window` past an end. */
export function positionInRun(run: SequentialRun, value: number, window: number): RunPosition | undefined {
  if (run.numbers.some((n) => lastFour(n.e164) === value)) return undefined;
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
  const known = new Set(run.numbers.map((n) => lastFour(n.e164)));
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
      below: [...sortedKnown].reverse().find((e) => lastFour(e) < value),
      above: sortedKnown.find((e) => lastFour(e) > value),
    }));
}

export function describeRun(run: SequentialRun): string {
  const pad = (v: number): string => String(v).padStart(4, '0');
  return `sequential run ${run.prefix} ${pad(run.from)}–${pad(run.to)} (${run.numbers.length} known numbers, active ${run.firstSeen} to ${run.lastSeen})`;
}
