/**
 * The graph model as hunts see it (docs/graph-model.md): which property is each label's key, and which
 * labels, relationship types and property names exist. Used to name nodes by model key and to tell whether
 * an imported query can run on callhound's model at all.
 */

import { keyProperties as modelKeyProperties, relationshipTypes } from '../graph/model.js';

/** Key property of every keyed label, in the order used when a node carries several labels. */
export const keyProperties: Readonly<Record<string, string>> = modelKeyProperties;

export const modelLabels: ReadonlySet<string> = new Set(Object.keys(keyProperties));

export const modelRelationshipTypes: ReadonlySet<string> = new Set(relationshipTypes);

export const modelPropertyKeys: ReadonlySet<string> = new Set([
  // Email
  'id', 'messageId', 'subject', 'subjectTemplate', 'from', 'fromName', 'sentAt', 'day', 'source', 'file', 'lang',
  'brand', 'context', 'trigger', 'cta', 'issueCount', 'ingestedAt',
  // full values beside bounded indexed ones (docs/graph-model.md, "Bounded indexed values")
  'subjectFull', 'messageIdFull', 'nameFull',
  // PhoneNumber (loader and analysis)
  'e164', 'country', 'numberType', 'lineType', 'lineTypeSource', 'lineTypeAt', 'national', 'firstSeen', 'lastSeen',
  'activeDays', 'days', 'lifespan', 'longestRun', 'coolDowns', 'maxGap', 'emailCount', 'peakDay', 'peakDayEmails', 'runId',
  // DidBlock, Brand, Lure, AttachmentType, Attachment, Carrier, Domain, IngestIssue
  'prefix', 'numberCount', 'activeNumbers', 'name', 'key', 'sha256', 'filename', 'bytes', 'mime', 'category', 'ocn',
  'code', 'message', 'at', 'emailId', 'field',
  // Cluster, Snapshot
  'size', 'numbers', 'emails', 'brands', 'evidence', 'title', 'note', 'author', 'created', 'query', 'elements', 'positions',
  // relationships
  'where', 'raw', 'obfuscated', 'confidence', 'primary', 'layer',
]);
