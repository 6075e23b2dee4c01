import { blockPrefix, blockSuffix } from './blocks.js';
import { UnionFind } from './union-find.js';

/**
 * Sequential runs inside DID blocks (docs/definitions.md): numbers of one block whose last four digits lie
 * within `numberWindow` of each other and whose active periods [firstSeen, lastSeen] come within
 * `dayWindow` days of each other are linked; a run is a connected group of ≥ 2 linked numbers (single
 * linkage, so a block walked through one number after another forms one run). Pure.
 */

export interface RunOptions {
  /** Largest difference of the last four digits between two linked numbers (default 100). */
  numberWindow: number;
  /** Largest distance in days between the active periods of two linked numbers (default 30). */
  dayWindow: number;
}

export const defaultRunOptions: RunOptions = { numberWindow: 100, dayWindow: 30 };

export interface ActiveNumber {
  e164: string;
  /** Day numbers (days since epoch) of the first and last active day. */
  first: number;
  last: number;
}

export interface SequentialRun {
  /** Stable id: `r` + the smallest E.164 of the run (e.g. `r+18047134590`). */
  id: string;
  prefix: string;
  numbers: string[];
}

export function runId(smallestE164: string): string {
  return `r${smallestE164}`;
}

/** Days between two periods; 0 when they overlap. */
function periodDistance(a: ActiveNumber, b: ActiveNumber): number {
  return Math.max(0, b.first - a.last, a.first - b.last);
}

export function sequentialRuns(numbers: readonly ActiveNumber[], options: RunOptions = defaultRunOptions): SequentialRun[] {
  const byBlock = new Map<string, ActiveNumber[]>();
  for (const n of numbers) {
    const prefix = blockPrefix(n.e164);
    const list = byBlock.get(prefix);
    if (list) list.push(n);
    else byBlock.set(prefix, [n]);
  }
  const runs: SequentialRun[] = [];
  for (const [prefix, members] of byBlock) {
    if (members.length < 2) continue;
    members.sort((a, b) => blockSuffix(a.e164) - blockSuffix(b.e164) || (a.e164 < b.e164 ? -1 : 1));
    const suffixes = members.map((m) => blockSuffix(m.e164));
    const sets = new UnionFind(members.length);
    for (let i = 0; i < members.length; i += 1) sets.add();
    for (let i = 0; i < members.length; i += 1) {
      for (let j = i + 1; j < members.length && (suffixes[j] as number) - (suffixes[i] as number) <= options.numberWindow; j += 1) {
        if (periodDistance(members[i] as ActiveNumber, members[j] as ActiveNumber) <= options.dayWindow) sets.union(i, j);
      }
    }
    const groups = new Map<number, string[]>();
    members.forEach((m, i) => {
      const root = sets.find(i);
      const group = groups.get(root);
      if (group) group.push(m.e164);
      else groups.set(root, [m.e164]);
    });
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      group.sort();
      runs.push({ id: runId(group[0] as string), prefix, numbers: group });
    }
  }
  return runs.sort((a, b) => (a.id < b.id ? -1 : 1));
}
