import { randomBytes } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { CallhoundError } from '../errors.js';
import { int, readRows, writeRows } from '../graph/driver.js';
import { plainValue } from '../graph/values.js';
import { snapshotInputSchema, type Snapshot, type SnapshotInput, type SnapshotSummary } from './model.js';

/** 18 random bytes = 144 bits, base64url: 24 characters nobody can guess. Holding the link is the permission. */
export function newSnapshotId(): string {
  return randomBytes(18).toString('base64url');
}

export const snapshotIdPattern = /^[A-Za-z0-9_-]{22,64}$/;

export async function saveSnapshot(driver: Driver, input: SnapshotInput, database?: string): Promise<Snapshot> {
  const id = newSnapshotId();
  const rows = await writeRows<{ created: unknown }>(
    driver,
    `CREATE (s:Snapshot {id: $id, title: $title, note: $note, author: $author, created: datetime(),
                         query: $query, elements: $elements, positions: $positions, view: $view})
     RETURN s.created AS created`,
    {
      id,
      title: input.title,
      note: input.note,
      author: input.author,
      query: JSON.stringify(input.query),
      elements: JSON.stringify(input.elements),
      positions: JSON.stringify(input.positions),
      view: JSON.stringify(input.view),
    },
    database,
  );
  return { ...input, id, created: String(plainValue(rows[0]?.created)) };
}

/** Imports a snapshot exported by another callhound (Cytoscape-independent JSON), under a new id. */
export async function importSnapshot(driver: Driver, raw: unknown, database?: string): Promise<Snapshot> {
  const parsed = snapshotInputSchema.safeParse(raw);
  if (!parsed.success) throw new CallhoundError('bad_snapshot', `not a callhound snapshot: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { status: 400 });
  return saveSnapshot(driver, parsed.data, database);
}

/** Whether a snapshot with this id exists (false for a malformed id, without asking the database). */
export async function snapshotExists(driver: Driver, id: string, database?: string): Promise<boolean> {
  if (!snapshotIdPattern.test(id)) return false;
  const rows = await readRows<{ n: unknown }>(driver, 'MATCH (s:Snapshot {id: $id}) RETURN count(s) AS n', { id }, database);
  return Number(plainValue(rows[0]?.n) ?? 0) > 0;
}

export async function getSnapshot(driver: Driver, id: string, database?: string): Promise<Snapshot> {
  if (!snapshotIdPattern.test(id)) throw new CallhoundError('not_found', 'no such snapshot', { status: 404 });
  const rows = await readRows<{ s: Record<string, unknown> }>(driver, 'MATCH (s:Snapshot {id: $id}) RETURN properties(s) AS s', { id }, database);
  const s = rows[0] ? (plainValue(rows[0].s) as Record<string, unknown>) : null;
  if (s === null) throw new CallhoundError('not_found', 'no such snapshot', { status: 404 });
  const json = (value: unknown, fallback: unknown): unknown => {
    try {
      return typeof value === 'string' ? JSON.parse(value) : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    id: String(s.id),
    title: String(s.title ?? ''),
    note: String(s.note ?? ''),
    author: String(s.author ?? ''),
    created: String(s.created ?? ''),
    query: json(s.query, {}) as Snapshot['query'],
    elements: json(s.elements, { nodes: [], edges: [] }) as Snapshot['elements'],
    positions: json(s.positions, {}) as Snapshot['positions'],
    view: json(s.view, {}) as Snapshot['view'],
  };
}

export async function listSnapshots(driver: Driver, options: { limit: number }, database?: string): Promise<SnapshotSummary[]> {
  const rows = await readRows<{ id: string; title: string; author: string; created: unknown; elements: string }>(
    driver,
    'MATCH (s:Snapshot) RETURN s.id AS id, s.title AS title, s.author AS author, s.created AS created, s.elements AS elements ORDER BY s.created DESC LIMIT $limit',
    { limit: int(options.limit) },
    database,
  );
  return rows.map((r) => {
    let nodes = 0;
    let edges = 0;
    try {
      const elements = JSON.parse(r.elements) as { nodes?: unknown[]; edges?: unknown[] };
      nodes = elements.nodes?.length ?? 0;
      edges = elements.edges?.length ?? 0;
    } catch {
      // A damaged snapshot still lists; it just shows no counts.
    }
    return { id: r.id, title: r.title, author: r.author ?? '', created: String(plainValue(r.created)), nodes, edges };
  });
}

export async function deleteSnapshot(driver: Driver, id: string, database?: string): Promise<boolean> {
  const rows = await writeRows<{ deleted: number }>(driver, 'MATCH (s:Snapshot {id: $id}) WITH s, 1 AS one DELETE s RETURN count(one) AS deleted', { id }, database);
  return (rows[0]?.deleted ?? 0) > 0;
}
