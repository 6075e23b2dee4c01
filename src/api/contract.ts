/**
 * The typed contract between the API server and the workspace (web/): what each endpoint answers.
 *
 * Where the server already names a shape, the contract *is* the server's type (re-exported, never copied),
 * and the few answers that are built inline in the routes (meta, health, timeline, the hunt and snapshot
 * lists) are declared here and the routes in src/server/app.ts are typed with them. Either way a change on
 * one side is a compile error on the other (`npm run typecheck` checks web/ against this file).
 *
 * web/ imports this module with `import type` only, so nothing of the server reaches the browser bundle.
 * Like the server's answers, every node is named by its model key, never by a Neo4j id.
 */
import type { GenerationCacheStats } from '../graph/generation-cache.js';
import type { ReportData } from '../report/data.js';
import type { Reputation } from '../reputation/reputation.js';
import type { ClusterGraph, ClusterList, ClusterSummary } from '../server/clusters.js';
import type { EmailDetails, NodeDetails, NumberDetails, OtherDetails } from '../server/details.js';
import type { Expansion, NeighbourCount } from '../server/expand.js';
import type { NodeLabel, RelationshipType } from '../server/keys.js';
import type { GraphEdge, GraphNode } from '../server/nodes.js';
import type { HuntInfo, HuntParameter, HuntRunResult } from '../server/providers.js';
import type { ResponseCacheStats } from '../server/response-cache.js';
import type { SearchKind, SearchResult } from '../server/search.js';
import type { ExportFormat } from '../snapshots/export.js';
import type { OfflineSnapshot, Snapshot, SnapshotBody, SnapshotEdge, SnapshotNode, SnapshotSummary } from '../snapshots/model.js';
import type { LabelStyle } from '../snapshots/palette.js';

// The server's own types, endpoint by endpoint (the comment names the route that answers with it).
export type {
  /** GET /api/search */
  SearchResult,
  SearchKind,
  /** GET /api/nodes/:key/neighbours */
  Expansion,
  NeighbourCount,
  /** GET /api/nodes/:key: one of the three kinds */
  NodeDetails,
  NumberDetails,
  EmailDetails,
  OtherDetails,
  /** GET /api/clusters */
  ClusterList,
  ClusterSummary,
  /** GET /api/clusters/:id/graph */
  ClusterGraph,
  /** GET /api/report */
  ReportData,
  /** GET /api/reputation/:number */
  Reputation,
  /** POST /api/hunts/:id/run */
  HuntRunResult,
  HuntInfo,
  HuntParameter,
  /** GET /api/snapshots/:id and /s/:id/data */
  Snapshot,
  /** The snapshot embedded in an HTML export (no server behind it). */
  OfflineSnapshot,
  /** The body of POST /api/snapshots and POST /api/export/:format */
  SnapshotBody,
  SnapshotNode,
  SnapshotEdge,
  SnapshotSummary,
  /** POST /api/export/:format answers a file of this format */
  ExportFormat,
  GraphNode,
  GraphEdge,
  NodeLabel,
  RelationshipType,
  LabelStyle,
};

/** GET /api/meta (answers without the database). */
export interface MetaAnswer {
  version: string;
  /** Default region for numbers typed without a country code. */
  region: string;
  /** The most elements one request may put on the canvas. */
  maxElements: number;
  labels: NodeLabel[];
  relationshipTypes: readonly RelationshipType[];
  palette: Record<string, LabelStyle>;
  /** Which optional providers this server has (a missing one answers 503 `<name>_unavailable`). */
  features: { hunts: boolean; report: boolean; reputation: boolean };
}

/** GET /api/health: 200 when the database answers, 503 (same body) when it does not. */
export interface HealthAnswer {
  database: 'up' | 'down';
  /** When the outage was noticed (ISO instant), while the database is down. */
  downSince?: string;
  /** The kept answers of the read-only routes; null when the cache is off. */
  cache: ResponseCacheStats | null;
  /** Reputation's kept block data; null when the cache is off. */
  reputationBlocks: GenerationCacheStats | null;
}

/** One UTC day of the timeline. */
export interface DayCount {
  day: string;
  emails: number;
}

/** GET /api/timeline: emails per UTC day, oldest first (undated emails are not counted). */
export interface TimelineAnswer {
  days: DayCount[];
}

/** GET /api/hunts */
export interface HuntListAnswer {
  hunts: HuntInfo[];
}

/**
 * One parameter of POST /api/hunts/:id/run (body `{params: {name: value}}`): text as typed (read by the
 * hunt's declared type), a number or boolean, or a JSON list for a list parameter (src/server/hunts-provider.ts).
 */
export type HuntParamValue = string | number | boolean | ReadonlyArray<string | number | boolean>;

/** GET /api/snapshots: newest first. */
export interface SnapshotListAnswer {
  snapshots: SnapshotSummary[];
}

/** POST /api/snapshots and POST /api/snapshots/import (201). */
export interface SnapshotSaved {
  id: string;
  /** The read-only link, relative to the server: `/s/<id>`. */
  url: string;
  created: string;
}

/** DELETE /api/snapshots/:id */
export interface SnapshotDeleted {
  deleted: true;
}

/** Every error answer: `{error: {code, message}}` with the HTTP status (src/server/http-errors.ts). */
export interface ErrorAnswer {
  error: { code: string; message: string };
}
