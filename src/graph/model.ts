/**
 * The graph model's names in one place (DESIGN.md section 2, docs/graph-model.md): the key property of every
 * keyed label and the relationship types. Hunts, the API and snapshots name nodes by these keys
 * (`PhoneNumber:+18047134598`), never by Neo4j's internal ids. Pure data: no imports, safe anywhere.
 */

/** Key property per label, in the order used to name a node that carries several labels. */
export const keyProperties = {
  PhoneNumber: 'e164',
  Email: 'id',
  DidBlock: 'prefix',
  Brand: 'name',
  Lure: 'key',
  AttachmentType: 'name',
  Attachment: 'sha256',
  Carrier: 'name',
  Domain: 'name',
  Platform: 'name',
  Cluster: 'id',
  Snapshot: 'id',
  IngestIssue: 'id',
  RegistryBlock: 'prefix',
} as const;

export type KeyedLabel = keyof typeof keyProperties;

export const relationshipTypes = [
  'MENTIONS',
  'IN_BLOCK',
  'IMPERSONATES',
  'USES_LURE',
  'HAS_ATTACHMENT',
  'OF_TYPE',
  'ASSIGNED_TO',
  'SENT_FROM',
  'DELIVERED_VIA',
  'IN_CLUSTER',
] as const;

export type RelationshipType = (typeof relationshipTypes)[number];
