import type {
  ClusterGraph,
  ClusterList,
  ErrorAnswer,
  Expansion,
  ExportFormat,
  HealthAnswer,
  HuntListAnswer,
  HuntParamValue,
  HuntRunResult,
  MetaAnswer,
  NodeDetails,
  OfflineSnapshot,
  ReportData,
  Reputation,
  SearchKind,
  SearchResult,
  SnapshotBody,
  SnapshotListAnswer,
  SnapshotSaved,
  TimelineAnswer,
} from '../../src/api/contract.js';

/**
 * The workspace's only way to the server: one typed method per endpoint (the answer types come from
 * src/api/contract.ts, the server's own), so no other file builds an API URL. Requests carry the access
 * token; errors come back as `{error: {code, message}}` and are thrown as ApiError.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const tokenKey = 'callhound.token';

/** The token arrives in the URL fragment (`#token=…`), which browsers never send to servers; keep it for the tab, then drop it from the address bar. */
export function takeToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(tokenKey, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(tokenKey);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(tokenKey, token);
}

/** Query of GET /api/nodes/:key/neighbours (what src/server/app.ts validates). */
export interface NeighbourQuery {
  /** Relationship types to follow; all when absent. */
  types?: readonly string[] | undefined;
  /** Neighbour labels to keep; all when absent. */
  labels?: readonly string[] | undefined;
  /** Inclusive ISO dates. */
  from?: string | undefined;
  to?: string | undefined;
  skip?: number | undefined;
  limit?: number | undefined;
}

/** Query of GET /api/clusters. */
export interface ClusterQuery {
  skip?: number;
  limit?: number;
  minSize?: number;
  brand?: string | undefined;
}

type QueryValue = string | number | boolean | readonly string[] | undefined;

const segment = encodeURIComponent;

export class Api {
  /** `base`: the server's origin; the page's own (relative URLs) unless a test talks to a server from Node. */
  constructor(
    private readonly token: string | null,
    private readonly base = '',
  ) {}

  /** GET /api/meta: answers without the database, so it is also the token check. */
  meta(): Promise<MetaAnswer> {
    return this.get('/api/meta');
  }

  /** GET /api/health: the body also when the database is down (503). */
  health(): Promise<HealthAnswer> {
    return this.request('/api/health', { method: 'GET' }, [503]);
  }

  /** GET /api/search: what the user typed; `kind` forces how it is read (`key` for a model key). */
  search(q: string, kind?: SearchKind): Promise<SearchResult> {
    return this.get('/api/search', { q, kind });
  }

  /** GET /api/nodes/:key/neighbours: one page of a node's neighbourhood and the counts per type and label. */
  neighbours(key: string, query: NeighbourQuery = {}): Promise<Expansion> {
    return this.get(`/api/nodes/${segment(key)}/neighbours`, { ...query });
  }

  /** GET /api/nodes/:key */
  node(key: string): Promise<NodeDetails> {
    return this.get(`/api/nodes/${segment(key)}`);
  }

  /** GET /api/clusters */
  clusters(query: ClusterQuery = {}): Promise<ClusterList> {
    return this.get('/api/clusters', { ...query });
  }

  /** GET /api/clusters/:id/graph */
  clusterGraph(id: string, query: { emails: boolean; limit: number }): Promise<ClusterGraph> {
    return this.get(`/api/clusters/${segment(id)}/graph`, query);
  }

  /** GET /api/timeline */
  timeline(): Promise<TimelineAnswer> {
    return this.get('/api/timeline');
  }

  /** GET /api/report */
  report(): Promise<ReportData> {
    return this.get('/api/report');
  }

  /** GET /api/reputation/:number: the number as pasted; the server reads it with its region. */
  reputation(number: string): Promise<Reputation> {
    return this.get(`/api/reputation/${segment(number)}`);
  }

  /** GET /api/hunts */
  hunts(): Promise<HuntListAnswer> {
    return this.get('/api/hunts');
  }

  /** POST /api/hunts/:id/run: parameters as typed; the server reads them by the hunt's declared types. */
  runHunt(id: string, params: Readonly<Record<string, HuntParamValue>>): Promise<HuntRunResult> {
    return this.post(`/api/hunts/${segment(id)}/run`, { params });
  }

  /** GET /api/snapshots */
  snapshots(): Promise<SnapshotListAnswer> {
    return this.get('/api/snapshots');
  }

  /** POST /api/snapshots: saves the view and answers its read-only link. */
  saveSnapshot(body: SnapshotBody): Promise<SnapshotSaved> {
    return this.post('/api/snapshots', body);
  }

  /** POST /api/export/:format: the view as a file, without saving it (the Blob's type is the file's). */
  async exportView(format: ExportFormat, body: SnapshotBody): Promise<Blob> {
    const res = await this.fetch(`/api/export/${segment(format)}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    if (!res.ok) throw errorOf(res.status, await res.json().catch(() => null));
    return res.blob();
  }

  private get<T>(path: string, query: Record<string, QueryValue> = {}): Promise<T> {
    return this.request<T>(`${path}${queryString(query)}`, { method: 'GET' });
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  }

  private fetch(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.token) headers.set('authorization', `Bearer ${this.token}`);
    return fetch(`${this.base}${path}`, { ...init, headers, credentials: 'omit' });
  }

  /** A JSON answer; statuses in `alsoOk` carry a normal body too (health's 503). */
  private async request<T>(path: string, init: RequestInit, alsoOk: readonly number[] = []): Promise<T> {
    const res = await this.fetch(path, init);
    const body = await jsonOf(res);
    if (!res.ok && !alsoOk.includes(res.status)) throw errorOf(res.status, body);
    return body as T;
  }
}

/** GET /s/:id/data: a shared snapshot, read with the link alone (no token: the unguessable id is the permission). */
export async function sharedSnapshot(id: string, base = ''): Promise<OfflineSnapshot> {
  const res = await fetch(`${base}/s/${segment(id)}/data`, { credentials: 'omit' });
  const body = await jsonOf(res);
  if (!res.ok) throw errorOf(res.status, body, 'snapshot not available');
  return body as OfflineSnapshot;
}

/** The read-only page of a shared snapshot (what POST /api/snapshots answers as `url`). */
export function snapshotPage(id: string): string {
  return `/s/${segment(id)}`;
}

/** A shared snapshot as a file (GET /s/:id/export/:format), for a download link. */
export function snapshotExport(id: string, format: ExportFormat): string {
  return `/s/${segment(id)}/export/${segment(format)}`;
}

/** `?a=1&b=x,y`: absent and empty values are left out, lists are comma-separated (as the server reads them). */
export function queryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    const text = typeof value === 'object' ? value.join(',') : String(value);
    if (text !== '') params.set(name, text);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function jsonOf(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(res.status, 'bad_response', `unexpected answer from the server (${res.status})`);
  }
}

function errorOf(status: number, body: unknown, fallback = 'request failed'): ApiError {
  const error = (body as Partial<ErrorAnswer> | null)?.error;
  return new ApiError(status, error?.code ?? 'error', error?.message ?? `${fallback} (${status})`);
}
