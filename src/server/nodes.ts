import { isNodeLabel, keyProperty, type NodeLabel } from './keys.js';
import { asNumber, asString, instantText, plainValue } from '../graph/values.js';

/** A node as the API and the workspace see it: named by its model key, with a short caption. */
export interface GraphNode {
  key: string;
  label: NodeLabel;
  caption: string;
  /** What the node's size shows: emails for numbers and blocks, numbers for clusters, else its degree. */
  volume: number;
  /** Relationships in the database, so the UI can show how many neighbours are not on the canvas. */
  degree: number;
  props: Record<string, unknown>;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  props: Record<string, unknown>;
}

/** Properties worth sending per label; bulky or internal ones stay in the database. */
const shownProps: Record<NodeLabel, readonly string[]> = {
  Email: ['id', 'subject', 'from', 'fromName', 'sentAt', 'day', 'brand', 'platform', 'source', 'lang', 'context', 'trigger', 'cta'],
  PhoneNumber: ['e164', 'national', 'country', 'lineType', 'numberType', 'firstSeen', 'lastSeen', 'activeDays', 'lifespan', 'emailCount', 'runId'],
  DidBlock: ['prefix', 'country', 'numberCount', 'firstSeen', 'lastSeen', 'emailCount', 'activeNumbers'],
  Brand: ['name'],
  Lure: ['key', 'context', 'trigger', 'cta'],
  AttachmentType: ['name'],
  Attachment: ['sha256', 'filename', 'bytes', 'mime'],
  Carrier: ['name', 'category', 'ocn'],
  Domain: ['name'],
  Platform: ['name'],
  Cluster: ['id', 'size', 'numbers', 'emails', 'brands', 'firstSeen', 'lastSeen', 'evidence'],
  IngestIssue: ['id', 'source', 'file', 'code', 'message', 'at'],
};

const projectedLabels = Object.keys(shownProps) as NodeLabel[];

/**
 * Shown properties that hold dates and datetimes: Neo4j writes them as ISO text (toString), which is what the
 * API sends anyway, instead of the driver rebuilding each one with 64-bit integer arithmetic. Cypher writes
 * datetimes its own way (`10:00Z`, no milliseconds): toGraphNode prints them as every other answer does.
 */
const temporalProps = new Set(['sentAt', 'day', 'firstSeen', 'lastSeen', 'at']);

/** Per label, the properties a projection carries, in order: the key first, then what toGraphNode shows. */
const projectedFields = {} as Record<NodeLabel, readonly string[]>;
for (const label of projectedLabels) projectedFields[label] = [...new Set([keyProperty[label], ...shownProps[label]])];

/**
 * Cypher projection that pairs with toGraphNode; `n` is the node variable. It is a list, not a map:
 * [model label, [the label's projected properties in order], degree]. Only those properties travel (a
 * number's analysis facets are the bulk of its properties), and as list items rather than map entries,
 * because the driver decodes every map key with Object.defineProperty: decoding maps was the largest single
 * cost of an expand. Labels and property names come from the model's constants, never from a request.
 */
export const nodeProjection = (n: string): string =>
  `[CASE ${projectedLabels.map((label) => `WHEN ${n}:${label} THEN '${label}'`).join(' ')} END, ` +
  `CASE ${projectedLabels.map((label) => `WHEN ${n}:${label} THEN [${projectedFields[label].map((p) => (temporalProps.has(p) ? `toString(${n}.${p})` : `${n}.${p}`)).join(', ')}]`).join(' ')} END, ` +
  `COUNT { (${n})--() }]`;

/** What nodeProjection returns: model label (null for a node outside the model), property values, degree. */
export type RawNode = [label: string | null, values: unknown[] | null, degree: number];

export function toGraphNode(raw: RawNode): GraphNode | null {
  const [labelName, values, rawDegree] = raw;
  if (labelName === null || !isNodeLabel(labelName) || values === null) return null;
  const label = labelName;
  const all: Record<string, unknown> = {};
  projectedFields[label].forEach((name, i) => {
    const value = values[i];
    if (value === undefined || value === null) return;
    // Temporal properties arrive as Cypher's text (see temporalProps): datetimes get the one instant form.
    all[name] = temporalProps.has(name) && typeof value === 'string' ? instantText(value) : plainValue(value);
  });
  const keyValue = asString(all[keyProperty[label]]);
  if (keyValue === null) return null;
  const props: Record<string, unknown> = {};
  for (const name of shownProps[label]) if (all[name] !== undefined) props[name] = all[name];
  const degree = asNumber(rawDegree) ?? 0;
  return { key: `${label}:${keyValue}`, label, caption: caption(label, keyValue, all), volume: volume(label, all, degree), degree, props };
}

function caption(label: NodeLabel, key: string, props: Record<string, unknown>): string {
  switch (label) {
    case 'PhoneNumber':
      return key;
    case 'Email':
      return shorten(asString(props.subject) ?? '(no subject)', 48);
    case 'Attachment':
      return shorten(asString(props.filename) ?? key.slice(0, 12), 40);
    case 'Cluster':
      return `${key} (${asNumber(props.size) ?? '?'})`;
    case 'DidBlock':
      return `${key}xxxx`;
    case 'Lure':
      return key.replaceAll('·', ' · ');
    case 'IngestIssue':
      return asString(props.code) ?? key.slice(0, 12);
    default:
      return key;
  }
}

function volume(label: NodeLabel, props: Record<string, unknown>, degree: number): number {
  if (label === 'Cluster') return asNumber(props.size) ?? degree;
  if (label === 'PhoneNumber' || label === 'DidBlock') return asNumber(props.emailCount) ?? degree;
  return degree;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function edgeId(source: string, type: string, target: string): string {
  return `${source}|${type}|${target}`;
}
