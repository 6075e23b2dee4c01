import type { Driver } from 'neo4j-driver';
import { readRows } from '../graph/driver.js';
import { plainValue } from '../graph/values.js';
import { cellText, csvDocument, terminalSafeText } from '../output/index.js';
import { newestDay } from './reputation.js';
import { daysBetween } from '../domain/index.js';
import { blockRuns, describeRun, predictFromRun, type BlockNumber } from './runs.js';

export interface BlocklistOptions {
  /** Add unseen numbers of active sequential runs. */
  predict?: boolean;
  /** How many numbers past each end of a run to predict (default 3). */
  next?: number;
  /** A run is active when its last day is within this many days of asOf (default 30). */
  activeWithinDays?: number;
  window?: number;
  timeWindowDays?: number;
  /** Default: the newest day in the graph. */
  asOf?: string | undefined;
  database?: string | undefined;
}

export interface BlocklistEntry {
  number: string;
  status: 'known' | 'predicted';
  reason: string;
  firstSeen: string | null;
  lastSeen: string | null;
  emails: number | null;
}

const knownQuery = `
MATCH (p:PhoneNumber)
WITH p, COUNT { (p)<-[:MENTIONS]-(:Email) } AS emails
WHERE emails > 0
RETURN p.e164 AS e164, p.firstSeen AS firstSeen, p.lastSeen AS lastSeen, emails
ORDER BY e164`;

const blocksQuery = `
MATCH (b:DidBlock)<-[:IN_BLOCK]-(p:PhoneNumber)
WHERE p.firstSeen IS NOT NULL
WITH b, collect(p {.e164, .firstSeen, .lastSeen, .runId, analysed: p.analysisHash IS NOT NULL}) AS numbers
WHERE size(numbers) >= 2
RETURN b.prefix AS prefix, numbers`;

/**
 * Known scam numbers (by E.164) and, with `predict`, the unseen numbers of active sequential runs: the gaps
 * inside each run and the next few past its ends, each with its reason. Predicted numbers are never also
 * known ones; a number predicted by two runs is listed once.
 */
export async function blocklist(driver: Driver, options: BlocklistOptions = {}): Promise<{ asOf: string; entries: BlocklistEntry[] }> {
  const knownRows = (await readRows(driver, knownQuery, {}, options.database)).map((r) => plainValue(r) as { e164: string; firstSeen: string | null; lastSeen: string | null; emails: number });
  const entries: BlocklistEntry[] = knownRows.map((r) => ({
    number: r.e164,
    status: 'known',
    reason: `seen in ${r.emails} scam email(s)${r.firstSeen ? ` from ${r.firstSeen} to ${r.lastSeen}` : ''}`,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    emails: r.emails,
  }));
  const asOf = options.asOf ?? (await newestDay(driver, options.database));
  if (!options.predict) return { asOf, entries };

  const known = new Set(knownRows.map((r) => r.e164));
  const predicted = new Map<string, BlocklistEntry>();
  // The runs analyze wrote, or the same algorithm when it has not run or other windows are asked (runs.ts).
  const runOptions = { window: options.window, timeWindowDays: options.timeWindowDays };
  const activeWithin = options.activeWithinDays ?? 30;
  for (const row of await readRows(driver, blocksQuery, {}, options.database)) {
    const { prefix, numbers } = plainValue(row) as { prefix: string; numbers: BlockNumber[] };
    for (const run of blockRuns(prefix, numbers, runOptions)) {
      const age = daysBetween(run.lastSeen, asOf);
      if (age > activeWithin || age < 0) continue;
      for (const p of predictFromRun(run, options.next ?? 3)) {
        if (known.has(p.e164) || predicted.has(p.e164)) continue;
        const where = p.position === 'gap' ? `gap between ${p.below} and ${p.above}` : p.position === 'after' ? `next after ${p.below}` : `next before ${p.above}`;
        predicted.set(p.e164, { number: p.e164, status: 'predicted', reason: `${where} in the ${describeRun(run)}`, firstSeen: null, lastSeen: null, emails: null });
      }
    }
  }
  entries.push(...[...predicted.values()].sort((a, b) => a.number.localeCompare(b.number)));
  return { asOf, entries };
}

/** CSV (header, RFC 4180) or plain text (one E.164 per line, for phone systems and carriers). */
export function formatBlocklist(entries: readonly BlocklistEntry[], format: 'csv' | 'txt'): string {
  if (format === 'txt') return entries.map((e) => `${terminalSafeText(e.number)}\n`).join('');
  const header = ['number', 'status', 'reason', 'firstSeen', 'lastSeen', 'emails'];
  return csvDocument(header, entries.map((e) => [e.number, e.status, e.reason, e.firstSeen ?? '', e.lastSeen ?? '', cellText(e.emails)]));
}
