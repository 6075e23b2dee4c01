import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Driver, RecordShape } from 'neo4j-driver';
import { daysBetween, isDay } from '../domain/index.js';
import { readPlainRows } from '../graph/driver.js';
import { asNumber, asString } from '../graph/values.js';
import { notFound } from './expand.js';
import { matchByKey, type ModelKey } from './keys.js';
import { nodeProjection, toGraphNode, type GraphNode, type RawNode } from './nodes.js';

export type Count = {
  name: string;
  count: number;
};

export interface NumberDetails {
  kind: 'number';
  node: GraphNode;
  e164: string;
  national: string | null;
  international: string | null;
  country: string | null;
  lineType: string | null;
  numberType: string | null;
  carriers: Array<{ name: string; category: string | null; ocn: string | null; source: string | null }>;
  firstSeen: string | null;
  lastSeen: string | null;
  lifespan: number | null;
  activeDays: number | null;
  longestRun: number | null;
  coolDowns: number | null;
  emailCount: number;
  /** One entry per active day, oldest first. */
  timeline: Array<{ day: string; emails: number }>;
  brands: Count[];
  lures: Count[];
  attachmentTypes: Count[];
  block: { prefix: string; numberCount: number | null } | null;
  blockSiblings: Array<{ e164: string; emailCount: number | null; firstSeen: string | null; lastSeen: string | null }>;
  cluster: { id: string; size: number | null; brands: string[]; firstSeen: string | null; lastSeen: string | null } | null;
  /** The most recent emails that mention it, with the text around the number. */
  emails: Array<{ key: string; subject: string | null; day: string | null; where: string[]; context: string | null; raw: string[] }>;
}

export interface EmailDetails {
  kind: 'email';
  node: GraphNode;
  id: string;
  messageId: string | null;
  subject: string | null;
  from: string | null;
  fromName: string | null;
  sentAt: string | null;
  source: string | null;
  file: string | null;
  lure: { context: string | null; trigger: string | null; cta: string | null };
  domain: string | null;
  /** The genuine service abused to deliver it (DELIVERED_VIA), apart from the impersonated brand. */
  platform: string | null;
  attachments: Array<{ sha256: string; filename: string | null; bytes: number | null; mime: string | null; type: string | null }>;
  brands: Array<{ name: string; primary: boolean }>;
  /** Where each number appeared: placements, the raw strings as written, and the surrounding text. */
  numbers: Array<{ e164: string; national: string | null; where: string[]; raw: string[]; context: string | null; obfuscated: boolean; confidence: number | null }>;
}

export interface OtherDetails {
  kind: 'other';
  node: GraphNode;
  props: Record<string, unknown>;
}

export type NodeDetails = NumberDetails | EmailDetails | OtherDetails;

export async function nodeDetails(driver: Driver, key: ModelKey, database?: string): Promise<NodeDetails> {
  if (key.label === 'PhoneNumber') return numberDetails(driver, key, database);
  if (key.label === 'Email') return emailDetails(driver, key, database);
  const rows = await readPlainRows<{ node: RawNode; props: Record<string, unknown> }>(driver, `${matchByKey(key.label)} RETURN ${nodeProjection('n')} AS node, properties(n) AS props`, { value: key.value }, database);
  const node = rows[0] ? toGraphNode(rows[0].node) : null;
  if (node === null || !rows[0]) throw notFound(key);
  return { kind: 'other', node, props: rows[0].props };
}

async function numberDetails(driver: Driver, key: ModelKey, database?: string): Promise<NumberDetails> {
  const params = { value: key.value };
  const match = matchByKey('PhoneNumber');
  const q = <T extends RecordShape>(cypher: string) => readPlainRows<T>(driver, `${match} ${cypher}`, params, database);
  const [heads, timeline, brands, lures, attachmentTypes, siblings, emails] = await Promise.all([
    q<{ node: RawNode; p: Record<string, unknown>; carriers: NumberDetails['carriers']; block: Record<string, unknown> | null; cluster: Record<string, unknown> | null }>(
      `OPTIONAL MATCH (n)-[a:ASSIGNED_TO]->(c:Carrier)
       WITH n, collect(c {.name, .category, .ocn, source: a.source}) AS carriers
       OPTIONAL MATCH (n)-[:IN_BLOCK]->(b:DidBlock)
       OPTIONAL MATCH (n)-[:IN_CLUSTER]->(cl:Cluster)
       RETURN ${nodeProjection('n')} AS node, properties(n) AS p, carriers, b {.prefix, .numberCount} AS block,
              cl {.id, .size, .brands, .firstSeen, .lastSeen} AS cluster LIMIT 1`,
    ),
    q<{ day: string; emails: number }>(`MATCH (e:Email)-[:MENTIONS]->(n) WHERE e.day IS NOT NULL RETURN e.day AS day, count(*) AS emails ORDER BY day`),
    q<Count>(`MATCH (n)<-[:MENTIONS]-(e:Email)-[:IMPERSONATES]->(b:Brand) RETURN b.name AS name, count(DISTINCT e) AS count ORDER BY count DESC, name LIMIT 50`),
    q<Count>(`MATCH (n)<-[:MENTIONS]-(e:Email)-[:USES_LURE]->(l:Lure) RETURN l.key AS name, count(DISTINCT e) AS count ORDER BY count DESC, name LIMIT 50`),
    q<Count>(`MATCH (n)<-[:MENTIONS]-(e:Email)-[:HAS_ATTACHMENT]->(:Attachment)-[:OF_TYPE]->(t:AttachmentType) RETURN t.name AS name, count(DISTINCT e) AS count ORDER BY count DESC, name`),
    q<NumberDetails['blockSiblings'][number]>(
      `MATCH (n)-[:IN_BLOCK]->(:DidBlock)<-[:IN_BLOCK]-(s:PhoneNumber) WHERE s <> n
       RETURN s.e164 AS e164, s.emailCount AS emailCount, s.firstSeen AS firstSeen, s.lastSeen AS lastSeen ORDER BY s.e164 LIMIT 100`,
    ),
    q<{ id: string; subject: string | null; day: string | null; where: string[] | null; context: string | null; raw: string[] | null }>(
      `MATCH (e:Email)-[m:MENTIONS]->(n)
       RETURN e.id AS id, e.subject AS subject, e.day AS day, m.where AS where, m.context AS context, m.raw AS raw
       ORDER BY e.sentAt DESC LIMIT 25`,
    ),
  ]);
  const head = heads[0];
  const node = head ? toGraphNode(head.node) : null;
  if (!head || node === null) throw notFound(key);
  const p = head.p;
  const parsed = parsePhoneNumberFromString(key.value);
  const firstSeen = asString(p.firstSeen) ?? timeline[0]?.day ?? null;
  const lastSeen = asString(p.lastSeen) ?? timeline.at(-1)?.day ?? null;
  const emailCount = asNumber(p.emailCount) ?? emails.length;
  return {
    kind: 'number',
    node,
    e164: key.value,
    national: asString(p.national) ?? parsed?.formatNational() ?? null,
    international: parsed?.formatInternational() ?? null,
    country: asString(p.country) ?? parsed?.country ?? null,
    lineType: asString(p.lineType),
    numberType: asString(p.numberType) ?? parsed?.getType() ?? null,
    carriers: head.carriers,
    firstSeen,
    lastSeen,
    lifespan: asNumber(p.lifespan) ?? lifespanDays(firstSeen, lastSeen),
    activeDays: asNumber(p.activeDays) ?? (timeline.length > 0 ? timeline.length : null),
    longestRun: asNumber(p.longestRun),
    coolDowns: asNumber(p.coolDowns),
    emailCount,
    timeline,
    brands,
    lures,
    attachmentTypes,
    block: head.block ? { prefix: String(head.block.prefix), numberCount: asNumber(head.block.numberCount) } : null,
    blockSiblings: siblings,
    cluster: head.cluster
      ? {
          id: String(head.cluster.id),
          size: asNumber(head.cluster.size),
          brands: Array.isArray(head.cluster.brands) ? (head.cluster.brands as string[]) : [],
          firstSeen: asString(head.cluster.firstSeen),
          lastSeen: asString(head.cluster.lastSeen),
        }
      : null,
    emails: emails.map((e) => ({ key: `Email:${e.id}`, subject: e.subject, day: e.day, where: e.where ?? [], context: e.context, raw: e.raw ?? [] })),
  };
}

async function emailDetails(driver: Driver, key: ModelKey, database?: string): Promise<EmailDetails> {
  type Row = { node: RawNode; e: Record<string, unknown>; numbers: Array<Record<string, unknown>>; attachments: EmailDetails['attachments']; brands: EmailDetails['brands']; domain: string | null; platform: string | null };
  const rows = await readPlainRows<Row>(
    driver,
    `${matchByKey('Email')}
     CALL (n) { OPTIONAL MATCH (n)-[m:MENTIONS]->(p:PhoneNumber)
       RETURN collect(p {.e164, .national, where: m.where, raw: m.raw, context: m.context, obfuscated: m.obfuscated, confidence: m.confidence}) AS numbers }
     CALL (n) { OPTIONAL MATCH (n)-[:HAS_ATTACHMENT]->(a:Attachment) OPTIONAL MATCH (a)-[:OF_TYPE]->(t:AttachmentType)
       RETURN collect(a {.sha256, .filename, .bytes, .mime, type: t.name}) AS attachments }
     CALL (n) { OPTIONAL MATCH (n)-[i:IMPERSONATES]->(b:Brand) RETURN collect(b {.name, primary: coalesce(i.primary, false)}) AS brands }
     CALL (n) { OPTIONAL MATCH (n)-[:SENT_FROM]->(d:Domain) RETURN head(collect(d.name)) AS domain }
     CALL (n) { OPTIONAL MATCH (n)-[:DELIVERED_VIA]->(pl:Platform) RETURN head(collect(pl.name)) AS platform }
     RETURN ${nodeProjection('n')} AS node, properties(n) AS e, numbers, attachments, brands, domain, platform`,
    { value: key.value },
    database,
  );
  const row = rows[0];
  const node = row ? toGraphNode(row.node) : null;
  if (!row || node === null) throw notFound(key);
  const e = row.e;
  return {
    kind: 'email',
    node,
    id: key.value,
    messageId: asString(e.messageId),
    subject: asString(e.subject),
    from: asString(e.from),
    fromName: asString(e.fromName),
    sentAt: asString(e.sentAt),
    source: asString(e.source),
    file: asString(e.file),
    lure: { context: asString(e.context), trigger: asString(e.trigger), cta: asString(e.cta) },
    domain: row.domain,
    platform: row.platform,
    attachments: row.attachments,
    brands: row.brands,
    numbers: row.numbers.map((n) => ({
      e164: String(n.e164),
      national: asString(n.national),
      where: Array.isArray(n.where) ? (n.where as string[]) : [],
      raw: Array.isArray(n.raw) ? (n.raw as string[]) : [],
      context: asString(n.context),
      obfuscated: n.obfuscated === true,
      confidence: asNumber(n.confidence),
    })),
  };
}

/** Lifespan: days from first to last seen, both counted (docs/definitions.md); null when either is not a day. */
function lifespanDays(first: string | null, last: string | null): number | null {
  if (first === null || last === null || !isDay(first) || !isDay(last)) return null;
  return daysBetween(first, last) + 1;
}
