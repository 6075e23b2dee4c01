import { isNodeLabel, keyProperty, type NodeLabel } from './keys.js';
import { asNumber, asString, plain } from './values.js';

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
  Email: ['id', 'subject', 'from', 'fromName', 'sentAt', 'day', 'brand', 'source', 'lang', 'context', 'trigger', 'cta'],
  PhoneNumber: ['e164', 'national', 'country', 'lineType', 'numberType', 'firstSeen', 'lastSeen', 'activeDays', 'lifespan', 'emailCount', 'runId'],
  DidBlock: ['prefix', 'country', 'numberCount', 'firstSeen', 'lastSeen', 'emailCount', 'activeNumbers'],
  Brand: ['name'],
  Lure: ['key', 'context', 'trigger', 'cta'],
  AttachmentType: ['name'],
  Attachment: ['sha256', 'filename', 'bytes', 'mime'],
  Carrier: ['name', 'category', 'ocn'],
  Domain: ['name'],
  Cluster: ['id', 'size', 'numbers', 'emails', 'brands', 'firstSeen', 'lastSeen', 'evidence'],
  IngestIssue: ['id', 'source', 'file', 'code', 'message', 'at'],
};

/** The model label of a node: the first of its labels that the model knows. */
export function modelLabel(labels: readonly string[]): NodeLabel | null {
  for (const label of labels) if (isNodeLabel(label)) return label;
  return null;
}

/** Cypher projection that pairs with toGraphNode; `n` is the node variable. */
export const nodeProjection = (n: string): string => `{labels: labels(${n}), props: properties(${n}), degree: COUNT { (${n})--() }}`;

export interface RawNode {
  labels: string[];
  props: Record<string, unknown>;
  degree: number;
}

export function toGraphNode(raw: RawNode): GraphNode | null {
  const label = modelLabel(raw.labels);
  if (label === null) return null;
  const all = plain(raw.props) as Record<string, unknown>;
  const keyValue = asString(all[keyProperty[label]]);
  if (keyValue === null) return null;
  const props: Record<string, unknown> = {};
  for (const name of shownProps[label]) if (all[name] !== undefined && all[name] !== null) props[name] = all[name];
  const degree = asNumber(raw.degree) ?? 0;
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
