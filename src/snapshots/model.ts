import { z } from 'zod';

/**
 * What a snapshot holds. Nodes are named by model keys (`PhoneNumber:+18047134598`), edges by
 * `sourceKey|TYPE|targetKey`; captions and a few properties are copied so the snapshot opens without the
 * database, while the keys let another callhound find the same nodes after a rebuild.
 */
const modelKey = z.string().min(3).max(400).regex(/^[A-Za-z]+:.+$/, 'expected a model key such as PhoneNumber:+18047134598');

export const snapshotNodeSchema = z.object({
  key: modelKey,
  label: z.string().min(1).max(40),
  caption: z.string().max(300).default(''),
  volume: z.number().min(0).max(1e9).default(0),
  props: z.record(z.string().max(60), z.unknown()).default({}),
});

export const snapshotEdgeSchema = z.object({
  id: z.string().min(3).max(1000),
  source: modelKey,
  target: modelKey,
  type: z.string().min(1).max(40),
});

const position = z.object({ x: z.number().finite(), y: z.number().finite() });

export const maxSnapshotNodes = 5000;
export const maxSnapshotEdges = 20000;

export const snapshotInputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  note: z.string().max(5000).default(''),
  author: z.string().max(100).default(''),
  /** The search, hunt or expansion that produced the view, so a reader can reproduce it. */
  query: z.record(z.string(), z.unknown()).default({}),
  elements: z.object({
    nodes: z.array(snapshotNodeSchema).max(maxSnapshotNodes),
    edges: z.array(snapshotEdgeSchema).max(maxSnapshotEdges),
  }),
  positions: z.record(z.string(), position).default({}),
  /** Styles, filters, layout, zoom and pan of the view. */
  view: z.record(z.string(), z.unknown()).default({}),
});

export type SnapshotInput = z.infer<typeof snapshotInputSchema>;
/** What a client sends (POST /api/snapshots, /api/export/:format): fields with a default may be left out. */
export type SnapshotBody = z.input<typeof snapshotInputSchema>;
export type SnapshotNode = z.infer<typeof snapshotNodeSchema>;
export type SnapshotEdge = z.infer<typeof snapshotEdgeSchema>;

export interface Snapshot extends SnapshotInput {
  id: string;
  created: string;
}

/** The snapshot inside a self-contained HTML export (src/snapshots/export.ts): marked so the viewer offers no server links. */
export interface OfflineSnapshot extends Snapshot {
  offline?: true;
}

export interface SnapshotSummary {
  id: string;
  title: string;
  author: string;
  created: string;
  nodes: number;
  edges: number;
}
