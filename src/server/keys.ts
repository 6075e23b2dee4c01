import { CallhoundError } from '../errors.js';
import { keyProperties, relationshipTypes, type RelationshipType } from '../graph/model.js';

/**
 * Model keys: how everything that leaves the engine names a node (`PhoneNumber:+18047134598`,
 * `Email:<sha256>`, `Brand:PayPal`, …), never by Neo4j's internal ids, so that views and snapshots
 * survive a rebuild of the database.
 */
// Snapshots and registry rows are not nodes one browses in the workspace; every other keyed label is.
const { Snapshot: _snapshot, RegistryBlock: _registryBlock, ...browsableKeys } = keyProperties;
export const keyProperty = browsableKeys;

export type NodeLabel = keyof typeof keyProperty;
export const nodeLabels = Object.keys(keyProperty) as NodeLabel[];

export { relationshipTypes, type RelationshipType };

export interface ModelKey {
  label: NodeLabel;
  value: string;
}

export function isNodeLabel(label: string): label is NodeLabel {
  return Object.hasOwn(keyProperty, label);
}

/** `Label:value` → {label, value}; the value may itself contain colons (lure keys do not, but be safe). */
export function parseModelKey(text: string): ModelKey {
  const colon = text.indexOf(':');
  const label = colon > 0 ? text.slice(0, colon) : '';
  const value = colon > 0 ? text.slice(colon + 1) : '';
  if (!isNodeLabel(label) || value.length === 0 || value.length > 300) {
    throw new CallhoundError('bad_key', `"${text.slice(0, 80)}" is not a node key; expected Label:value with Label one of ${nodeLabels.join(', ')}`, { status: 400 });
  }
  return { label, value };
}

export function formatModelKey(label: NodeLabel, value: string): string {
  return `${label}:${value}`;
}

/**
 * One fixed MATCH per label so each lookup uses its uniqueness constraint. The label and property come
 * from the constant table above, never from the request; the value is always a parameter.
 */
export function matchByKey(label: NodeLabel, variable = 'n', parameter = 'value'): string {
  return `MATCH (${variable}:${label} {${keyProperty[label]}: $${parameter}})`;
}

/** Like matchByKey for a list parameter `$values` (an index seek on the key's uniqueness constraint). */
export function matchAnyByKey(label: NodeLabel, variable = 'n'): string {
  return `MATCH (${variable}:${label}) WHERE ${variable}.${keyProperty[label]} IN $values`;
}

/** The labels at the two ends of each relationship type (docs/graph-model.md): start → end. */
export const relationshipEnds: Record<RelationshipType, readonly [NodeLabel, NodeLabel]> = {
  MENTIONS: ['Email', 'PhoneNumber'],
  IN_BLOCK: ['PhoneNumber', 'DidBlock'],
  IMPERSONATES: ['Email', 'Brand'],
  USES_LURE: ['Email', 'Lure'],
  HAS_ATTACHMENT: ['Email', 'Attachment'],
  OF_TYPE: ['Attachment', 'AttachmentType'],
  ASSIGNED_TO: ['PhoneNumber', 'Carrier'],
  SENT_FROM: ['Email', 'Domain'],
  DELIVERED_VIA: ['Email', 'Platform'],
  IN_CLUSTER: ['PhoneNumber', 'Cluster'],
};

/** The neighbour's label across a relationship type from a node of `label`, or null if the type cannot touch it. */
export function neighbourLabel(label: NodeLabel, type: RelationshipType): NodeLabel | null {
  const [start, end] = relationshipEnds[type];
  if (start === label) return end;
  if (end === label) return start;
  return null;
}
