import { blockSuffix, daysBetween } from '../domain/index.js';
import { describeRun, type RunPosition, type SequentialRun } from './runs.js';

/** One contribution to a score, shown to people so that a score is never a bare number. */
export interface Reason {
  factor: 'seen' | 'emails' | 'brands' | 'lures' | 'days-active' | 'cluster' | 'recency' | 'rotation' | 'proximity' | 'block';
  points: number;
  detail: string;
}

export interface KnownFacts {
  emails: number;
  brands: string[];
  lures: string[];
  activeDays: number;
  firstSeen: string | null;
  lastSeen: string | null;
  clusterSize: number | null;
}

const clamp = (n: number): number => Math.max(0, Math.min(100, Math.round(n)));

function step(value: number, steps: [number, number][]): number {
  let points = 0;
  for (const [threshold, p] of steps) if (value >= threshold) points = p;
  return points;
}

/**
 * A known number: being in a scam email at all weighs most; volume, several brands or lures, many active
 * days, a big cluster and recent activity add to it. Capped at 100.
 */
export function scoreKnown(facts: KnownFacts, asOf: string): { score: number; reasons: Reason[] } {
  const reasons: Reason[] = [{ factor: 'seen', points: 50, detail: `mentioned in scam emails (first ${facts.firstSeen ?? 'unknown'}, last ${facts.lastSeen ?? 'unknown'})` }];
  reasons.push({ factor: 'emails', points: step(facts.emails, [[1, 3], [5, 8], [20, 12], [100, 15]]), detail: `${facts.emails} email(s)` });
  reasons.push({
    factor: 'brands',
    points: Math.min(10, 5 * Math.max(0, facts.brands.length - 1)),
    detail: facts.brands.length === 0 ? 'no brand recognised' : `impersonating ${facts.brands.join(', ')}`,
  });
  reasons.push({ factor: 'lures', points: facts.lures.length >= 2 ? 5 : 0, detail: `${facts.lures.length} distinct lure(s)${facts.lures.length ? `: ${facts.lures.join(', ')}` : ''}` });
  reasons.push({ factor: 'days-active', points: step(facts.activeDays, [[2, 5], [4, 8], [7, 10]]), detail: `active on ${facts.activeDays} day(s)` });
  reasons.push({
    factor: 'cluster',
    points: facts.clusterSize === null ? 0 : step(facts.clusterSize, [[2, 4], [5, 7], [10, 10]]),
    detail: facts.clusterSize === null ? 'in no cluster' : `in a cluster of ${facts.clusterSize} numbers`,
  });
  reasons.push(recencyReason(facts.lastSeen, asOf, [[7, 15], [30, 8], [90, 3]]));
  return { score: clamp(reasons.reduce((sum, r) => sum + r.points, 0)), reasons };
}

function recencyReason(lastSeen: string | null, asOf: string, steps: [number, number][]): Reason {
  if (lastSeen === null) return { factor: 'recency', points: 0, detail: 'never dated' };
  const ago = daysBetween(lastSeen, asOf);
  const points = steps.find(([days]) => ago <= days)?.[1] ?? 0;
  return { factor: 'recency', points, detail: `last seen ${lastSeen}, ${ago} day(s) before ${asOf}` };
}

export interface Neighbour {
  e164: string;
  offset: number;
  firstSeen: string;
  lastSeen: string;
  emails: number;
  brands: string[];
}

/**
 * An unseen number scored from its block: next to a sequential run of known scam numbers (inside a gap
 * or just past an end) it is a likely next rotation; near single known numbers it is suspicious; in a
 * known block but far from any known number, slightly so. Never 100: it has not been seen.
 */
export function scoreUnseen(
  e164: string,
  input: { blockKnown: number; neighbours: Neighbour[]; run: { run: SequentialRun; position: RunPosition } | undefined; asOf: string },
): { score: number; reasons: Reason[]; likelyNextRotation: boolean } {
  const reasons: Reason[] = [];
  const nearest = input.neighbours.reduce<Neighbour | undefined>((best, n) => (best === undefined || Math.abs(n.offset) < Math.abs(best.offset) ? n : best), undefined);
  if (input.run) {
    const { run, position } = input.run;
    const where = position === 'gap' ? 'in a gap inside' : position === 'after' ? 'just after the end of' : 'just before the start of';
    reasons.push({ factor: 'rotation', points: 50, detail: `unseen, ${where} a ${describeRun(run)}: likely next rotation` });
    reasons.push({ factor: 'block', points: Math.min(20, 5 * run.numbers.length), detail: `${run.numbers.length} known numbers in the run: ${run.numbers.map((n) => n.e164).join(', ')}` });
    reasons.push(recencyReason(run.lastSeen, input.asOf, [[7, 15], [30, 8]]));
  } else if (input.neighbours.length > 0) {
    reasons.push({ factor: 'proximity', points: 25 + Math.min(15, 5 * input.neighbours.length), detail: `unseen, within the run window of ${input.neighbours.length} known number(s): ${input.neighbours.map((n) => n.e164).join(', ')}` });
    const newest = input.neighbours.map((n) => n.lastSeen).sort().at(-1) ?? null;
    reasons.push(recencyReason(newest, input.asOf, [[7, 10], [30, 5]]));
  } else if (input.blockKnown > 0) {
    reasons.push({ factor: 'block', points: 10, detail: `unseen; its block ${e164.slice(0, -4)} holds ${input.blockKnown} known number(s), none within the run window` });
  } else {
    reasons.push({ factor: 'block', points: 0, detail: 'unseen, and no known number in its block' });
  }
  if (nearest && input.run) {
    const distance = Math.abs(nearest.offset);
    reasons.push({ factor: 'proximity', points: distance <= 5 ? 10 : distance <= 20 ? 5 : 0, detail: `nearest known number ${nearest.e164} is ${distance} away (last four ${String(blockSuffix(nearest.e164)).padStart(4, '0')})` });
  }
  const total = reasons.reduce((sum, r) => sum + r.points, 0);
  return { score: Math.min(95, clamp(total)), reasons, likelyNextRotation: input.run !== undefined };
}
