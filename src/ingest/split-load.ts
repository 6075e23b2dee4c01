import type { Driver } from 'neo4j-driver';
import type { Observation } from '../extract/observation.js';
import { isCallhoundError } from '../errors.js';
import { addCounts, emptyCounts, type IngestIssueInput, type LoadCounts, loadObservations, type LoadOptions } from '../graph/load.js';
import { isDbUnavailable } from '../graph/retry.js';

/**
 * Loading a batch so that one message the database refuses cannot stop or lose the others. A batch is one
 * transaction, so a single refused row (a value Neo4j cannot index or store) rolls back every message of
 * it, and a rerun would fail the same way. When a batch fails with an error that is about its data rather
 * than about the database being there, it is split in halves and each half is loaded on its own, down to
 * the single message; a single message that is still refused becomes an IngestIssue (`load_refused`, with
 * the error) and gets no Email node, so a rerun tries it again. For one bad message among n that costs about
 * 2·log2(n) extra transactions.
 *
 * Outages (transient errors, the database gone) are not split: they go to the caller's retry loop
 * (src/graph/retry.ts) unchanged. Neither are errors that no smaller batch can fix: wrong credentials or
 * permissions, a missing or read-only database, a cluster member that cannot write, and callhound's own errors.
 */

export const loadRefusedCode = 'load_refused';

/** Neo4j status codes (by prefix) that say something about the server or the session, never about one row. */
const systemicPrefixes = ['Neo.ClientError.Security.', 'Neo.ClientError.Database.', 'Neo.ClientError.Cluster.', 'Neo.ClientError.General.ForbiddenOnReadOnlyDatabase', 'Neo.TransientError.'];

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/** True when a smaller batch may succeed: the error is about what was written, not about the database. */
export function isRowRefusal(error: unknown): boolean {
  if (isDbUnavailable(error) || isCallhoundError(error)) return false;
  const code = codeOf(error);
  return !systemicPrefixes.some((prefix) => code.startsWith(prefix));
}

/**
 * The error as a stable, bounded text: Neo4j names the node's element id and the index's internal id, which
 * differ from one run to the next; without them the same refusal gives the same IngestIssue on every rerun.
 */
export function refusalText(error: unknown): string {
  const code = codeOf(error);
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  const stable = message
    .replace(/element id: [^,\s]+/g, 'element id: …')
    .replace(/\bid=\d+/g, 'id=…')
    .slice(0, 500);
  return `the database refused this message${code ? ` (${code})` : ''}: ${stable}`;
}

export interface SplitLoadResult {
  counts: LoadCounts;
  /** Messages refused even alone, to be recorded as IngestIssues. */
  refused: IngestIssueInput[];
}

/**
 * Loads `observations` (one transaction when nothing is refused). `attempt` runs one load: the pipeline
 * wraps loadObservations in its outage retry, so each half is retried through outages like a whole batch.
 */
export async function loadSplitting(
  driver: Driver,
  observations: readonly Observation[],
  options: LoadOptions,
  attempt: (load: () => Promise<LoadCounts>) => Promise<LoadCounts> = (load) => load(),
): Promise<SplitLoadResult> {
  const counts = emptyCounts();
  const refused: IngestIssueInput[] = [];
  const load = async (part: readonly Observation[]): Promise<void> => {
    if (part.length === 0) return;
    try {
      addCounts(counts, await attempt(() => loadObservations(driver, part, options)));
    } catch (error) {
      if (!isRowRefusal(error)) throw error;
      if (part.length === 1) {
        const obs = part[0] as Observation;
        refused.push({ source: options.source, file: obs.file, code: loadRefusedCode, message: refusalText(error), emailId: obs.id });
        return;
      }
      const middle = Math.ceil(part.length / 2);
      await load(part.slice(0, middle));
      await load(part.slice(middle));
    }
  };
  await load(observations);
  return { counts, refused };
}
