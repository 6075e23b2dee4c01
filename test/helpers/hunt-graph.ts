import { createHash } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { facetsOf } from '../../src/analysis/facets.js';
import { numberTimeline } from '../../src/analysis/timeline.js';
import { int, writeRows } from '../../src/graph/driver.js';

/**
 * Builds hunt test graphs (and the bench graph) with the exact properties of docs/graph-model.md, including
 * the analysis properties (timelines, blocks, clusters), computed here from a small scenario description.
 * Clusters are the connected components (≥ 2 numbers) of numbers mentioned in the same email.
 */

export interface ScenarioMention {
  e164: string;
  where: string[];
}

export interface ScenarioEmail {
  id: string;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  subject?: string;
  subjectTemplate: string;
  brand?: string;
  context?: string;
  trigger?: string;
  cta?: string;
  numbers: ScenarioMention[];
  attachments?: { sha256: string; type: string }[];
}

export interface NumberTimeline {
  days: string[];
  dayEmails: number[];
  firstSeen: string;
  lastSeen: string;
  activeDays: number;
  lifespan: number;
  longestRun: number;
  coolDowns: number;
  maxGap: number;
}

/**
 * DESIGN.md section 3, for a list of active days (any order, repeats allowed): the analysis module's own
 * timeline, so that the test graph carries exactly what `callhound analyze` would write.
 */
export function timeline(daysIn: string[]): NumberTimeline {
  const t = numberTimeline(daysIn.map((day) => ({ day, emails: 1 })));
  if (t.firstSeen === null || t.lastSeen === null || t.lifespan === null) throw new Error('timeline: a number needs at least one active day');
  return { days: t.days, dayEmails: t.dayEmails, firstSeen: t.firstSeen, lastSeen: t.lastSeen, activeDays: t.activeDays, lifespan: t.lifespan, longestRun: t.longestRun, coolDowns: t.coolDowns, maxGap: t.maxGap };
}

export function blockPrefix(e164: string): string {
  return e164.slice(0, -4);
}

export function clusterId(smallestE164: string): string {
  return `c-${createHash('sha256').update(smallestE164).digest('hex').slice(0, 12)}`;
}

export interface GraphRows {
  emails: Record<string, unknown>[];
  numbers: Record<string, unknown>[];
  mentions: Record<string, unknown>[];
  blocks: Record<string, unknown>[];
  attachments: Record<string, unknown>[];
  clusters: Record<string, unknown>[];
  /** e164 → cluster id, for assertions. */
  clusterOf: Map<string, string>;
}

/** Pure: the rows to write for a scenario (dates as YYYY-MM-DD strings, converted by Cypher's date()). */
export function graphRows(emails: readonly ScenarioEmail[]): GraphRows {
  const daysOf = new Map<string, string[]>();
  const emailsOf = new Map<string, Map<string, number>>();
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  const mentions: Record<string, unknown>[] = [];
  const attachments = new Map<string, Record<string, unknown>>();
  const attachmentLinks: Record<string, unknown>[] = [];
  const sightingsOf = new Map<string, Parameters<typeof facetsOf>[0][number][]>();
  const emailIndexesOf = new Map<string, number[]>();
  emails.forEach((email, index) => {
    for (const mention of email.numbers) {
      const e164 = mention.e164;
      (sightingsOf.get(e164) ?? sightingsOf.set(e164, []).get(e164))?.push({
        brands: email.brand ? [email.brand] : [],
        template: email.subjectTemplate,
        context: email.context ?? null,
        where: mention.where,
        attachmentTypes: (email.attachments ?? []).map((a) => a.type),
      });
      (emailIndexesOf.get(e164) ?? emailIndexesOf.set(e164, []).get(e164))?.push(index);
      if (!parent.has(e164)) parent.set(e164, e164);
      (daysOf.get(e164) ?? daysOf.set(e164, []).get(e164))?.push(email.day);
      const perDay = emailsOf.get(e164) ?? new Map<string, number>();
      perDay.set(email.day, (perDay.get(email.day) ?? 0) + 1);
      emailsOf.set(e164, perDay);
      mentions.push({ email: email.id, e164, where: mention.where, raw: [e164], obfuscated: false, confidence: 0.95 });
    }
    const [first, ...rest] = email.numbers;
    for (const other of rest) if (first) parent.set(find(other.e164), find(first.e164));
    for (const attachment of email.attachments ?? []) {
      attachments.set(attachment.sha256, { sha256: attachment.sha256, type: attachment.type, filename: `${attachment.sha256}.${attachment.type}`, mime: `application/${attachment.type}` });
      attachmentLinks.push({ email: email.id, sha256: attachment.sha256 });
    }
  });
  const numbers = [...daysOf.entries()].map(([e164, days]) => {
    const t = timeline(days);
    const perDay = [...(emailsOf.get(e164) as Map<string, number>).entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const [peakDay, peakDayEmails] = perDay[0] as [string, number];
    return {
      e164,
      prefix: blockPrefix(e164),
      country: 'US',
      numberType: 'FIXED_LINE_OR_MOBILE',
      lineType: 'voip',
      ...t,
      emailCount: days.length,
      peakDay,
      peakDayEmails,
      ...facetsOf(sightingsOf.get(e164) ?? []),
    };
  });
  const blocks = new Map<string, { prefix: string; numbers: number; emails: number; first: string; last: string }>();
  for (const n of numbers) {
    const b = blocks.get(n.prefix) ?? { prefix: n.prefix, numbers: 0, emails: 0, first: n.firstSeen, last: n.lastSeen };
    b.numbers += 1;
    b.emails += n.emailCount;
    if (n.firstSeen < b.first) b.first = n.firstSeen;
    if (n.lastSeen > b.last) b.last = n.lastSeen;
    blocks.set(n.prefix, b);
  }
  // Block emailCount counts distinct emails; per brand too (the test graph's emails impersonate their brand only).
  const blockEmails = new Map<string, Set<string>>();
  for (const m of mentions) {
    const prefix = blockPrefix(m.e164 as string);
    (blockEmails.get(prefix) ?? blockEmails.set(prefix, new Set()).get(prefix))?.add(m.email as string);
  }
  const blockBrandEmails = new Map<string, Map<string, Set<string>>>();
  for (const email of emails) {
    if (!email.brand) continue;
    for (const prefix of new Set(email.numbers.map((n) => blockPrefix(n.e164)))) {
      const perBrand = blockBrandEmails.get(prefix) ?? blockBrandEmails.set(prefix, new Map()).get(prefix);
      (perBrand?.get(email.brand) ?? perBrand?.set(email.brand, new Set()).get(email.brand))?.add(email.id);
    }
  }
  const blockBrands = (prefix: string): { brands: string[]; brandEmails: ReturnType<typeof int>[] } => {
    const perBrand = [...(blockBrandEmails.get(prefix) ?? new Map<string, Set<string>>())].sort(([a], [b]) => (a < b ? -1 : 1));
    return { brands: perBrand.map(([brand]) => brand), brandEmails: perBrand.map(([, ids]) => int(ids.size)) };
  };
  const members = new Map<string, string[]>();
  for (const e164 of parent.keys()) {
    const root = find(e164);
    (members.get(root) ?? members.set(root, []).get(root))?.push(e164);
  }
  const clusterOf = new Map<string, string>();
  const clusters: Record<string, unknown>[] = [];
  for (const group of members.values()) {
    if (group.length < 2) continue;
    group.sort();
    const id = clusterId(group[0] as string);
    const clusterEmails = [...new Set(group.flatMap((e164) => emailIndexesOf.get(e164) ?? []))].map((i) => emails[i] as ScenarioEmail);
    const days = clusterEmails.map((e) => e.day).sort();
    const brands = [...new Set(clusterEmails.map((e) => e.brand).filter((b): b is string => b !== undefined))].sort();
    for (const e164 of group) clusterOf.set(e164, id);
    clusters.push({ id, members: group, size: group.length, numbers: group.length, emails: clusterEmails.length, brands, firstSeen: days[0], lastSeen: days[days.length - 1], evidence: ['email'] });
  }
  return {
    emails: emails.map((e) => ({
      id: e.id,
      messageId: `<${e.id}@test>`,
      subject: e.subject ?? e.subjectTemplate,
      subjectTemplate: e.subjectTemplate,
      from: `sender@${e.id}.example`,
      day: e.day,
      sentAt: `${e.day}T12:00:00Z`,
      source: 'test',
      brand: e.brand ?? null,
      context: e.context ?? null,
      trigger: e.trigger ?? null,
      cta: e.cta ?? null,
      lure: e.context && e.trigger && e.cta ? `${e.context}·${e.trigger}·${e.cta}` : null,
      attachments: (e.attachments ?? []).map((a) => a.sha256),
    })),
    numbers: numbers.map((n) => ({
      ...n,
      activeDays: int(n.activeDays),
      lifespan: int(n.lifespan),
      longestRun: int(n.longestRun),
      coolDowns: int(n.coolDowns),
      maxGap: int(n.maxGap),
      emailCount: int(n.emailCount),
      peakDayEmails: int(n.peakDayEmails),
      dayEmails: n.dayEmails.map((d) => int(d)),
      brandCount: int(n.brandCount),
      templateCount: int(n.templateCount),
      contextCount: int(n.contextCount),
      attachmentTypeCount: int(n.attachmentTypeCount),
    })),
    mentions,
    blocks: [...blocks.values()].map((b) => ({
      prefix: b.prefix,
      country: 'US',
      numberCount: int(b.numbers),
      activeNumbers: int(b.numbers),
      emailCount: int(blockEmails.get(b.prefix)?.size ?? 0),
      firstSeen: b.first,
      lastSeen: b.last,
      ...blockBrands(b.prefix),
    })),
    attachments: [...attachments.values()],
    clusters: clusters.map((c) => ({ ...c, size: int(c.size as number), numbers: int(c.numbers as number), emails: int(c.emails as number) })),
    clusterOf,
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const statements = {
  emails: `UNWIND $rows AS row
    MERGE (e:Email {id: row.id})
    SET e.messageId = row.messageId, e.subject = row.subject, e.subjectTemplate = row.subjectTemplate, e.from = row.from,
        e.day = date(row.day), e.sentAt = datetime(row.sentAt), e.source = row.source, e.brand = row.brand,
        e.context = row.context, e.trigger = row.trigger, e.cta = row.cta, e.issueCount = 0
    FOREACH (name IN CASE WHEN row.brand IS NULL THEN [] ELSE [row.brand] END |
      MERGE (b:Brand {name: name}) MERGE (e)-[r:IMPERSONATES]->(b) SET r.primary = true, r.where = ['body'], r.confidence = 0.9)
    FOREACH (key IN CASE WHEN row.lure IS NULL THEN [] ELSE [row.lure] END |
      MERGE (l:Lure {key: key}) SET l.context = row.context, l.trigger = row.trigger, l.cta = row.cta
      MERGE (e)-[u:USES_LURE]->(l) SET u.layer = 'email', u.confidence = 0.8)`,
  attachments: `UNWIND $rows AS row
    MERGE (a:Attachment {sha256: row.sha256}) SET a.filename = row.filename, a.mime = row.mime, a.bytes = 1000
    MERGE (t:AttachmentType {name: row.type}) MERGE (a)-[:OF_TYPE]->(t)`,
  emailAttachments: `UNWIND $rows AS row
    MATCH (e:Email {id: row.id}) UNWIND row.attachments AS sha
    MATCH (a:Attachment {sha256: sha}) MERGE (e)-[:HAS_ATTACHMENT]->(a)`,
  blocks: `UNWIND $rows AS row
    MERGE (b:DidBlock {prefix: row.prefix})
    SET b.country = row.country, b.numberCount = row.numberCount, b.activeNumbers = row.activeNumbers,
        b.emailCount = row.emailCount, b.firstSeen = date(row.firstSeen), b.lastSeen = date(row.lastSeen),
        b.brands = row.brands, b.brandEmails = row.brandEmails`,
  numbers: `UNWIND $rows AS row
    MERGE (p:PhoneNumber {e164: row.e164})
    SET p.country = row.country, p.numberType = row.numberType, p.lineType = row.lineType, p.lineTypeSource = 'libphonenumber',
        p.firstSeen = date(row.firstSeen), p.lastSeen = date(row.lastSeen), p.activeDays = row.activeDays,
        p.days = [d IN row.days | date(d)], p.dayEmails = row.dayEmails, p.lifespan = row.lifespan, p.longestRun = row.longestRun,
        p.coolDowns = row.coolDowns, p.maxGap = row.maxGap, p.emailCount = row.emailCount,
        p.peakDay = date(row.peakDay), p.peakDayEmails = row.peakDayEmails,
        p.brands = row.brands, p.brandCount = row.brandCount, p.subjectTemplates = row.subjectTemplates,
        p.templateCount = row.templateCount, p.contexts = row.contexts, p.contextCount = row.contextCount,
        p.seenIn = row.seenIn, p.attachmentTypes = row.attachmentTypes, p.attachmentTypeCount = row.attachmentTypeCount
    WITH p, row MATCH (b:DidBlock {prefix: row.prefix}) MERGE (p)-[:IN_BLOCK]->(b)`,
  mentions: `UNWIND $rows AS row
    MATCH (e:Email {id: row.email}) MATCH (p:PhoneNumber {e164: row.e164})
    MERGE (e)-[m:MENTIONS]->(p) SET m.where = row.where, m.raw = row.raw, m.obfuscated = row.obfuscated, m.confidence = row.confidence`,
  clusters: `UNWIND $rows AS row
    MERGE (c:Cluster {id: row.id})
    SET c.size = row.size, c.numbers = row.numbers, c.emails = row.emails, c.brands = row.brands,
        c.firstSeen = date(row.firstSeen), c.lastSeen = date(row.lastSeen), c.evidence = row.evidence
    WITH c, row UNWIND row.members AS e164 MATCH (p:PhoneNumber {e164: e164}) MERGE (p)-[:IN_CLUSTER]->(c)`,
};

/** Writes a scenario's rows in batches (parameterised UNWIND), reporting progress per step. */
export async function writeGraph(driver: Driver, rows: GraphRows, options: { batchSize?: number; progress?: (step: string, done: number, total: number) => void } = {}): Promise<void> {
  const batchSize = options.batchSize ?? 5000;
  const steps: [keyof typeof statements, Record<string, unknown>[]][] = [
    ['emails', rows.emails],
    ['attachments', rows.attachments],
    ['emailAttachments', rows.emails.filter((e) => (e.attachments as string[]).length > 0)],
    ['blocks', rows.blocks],
    ['numbers', rows.numbers],
    ['mentions', rows.mentions],
    ['clusters', rows.clusters],
  ];
  for (const [step, items] of steps) {
    let done = 0;
    for (const batch of chunks(items, batchSize)) {
      await writeRows(driver, statements[step], { rows: batch });
      done += batch.length;
      options.progress?.(step, done, items.length);
    }
  }
}

export async function buildHuntGraph(driver: Driver, emails: readonly ScenarioEmail[]): Promise<GraphRows> {
  const rows = graphRows(emails);
  await writeGraph(driver, rows);
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// The scenario the hunt and reputation tests share (see the expected rows in test/integration/hunts.test.ts).

export const N = {
  A: '+18047134598', // PayPal, 4 consecutive days, two subject templates/contexts
  B: '+18047134601', // block sibling of A, 2 days
  C: '+18047134650', // block sibling of A, 1 day
  D: '+18047139000', // same block, far from A
  N1: '+18047134700', // new on 03-30 in A's (known) block
  E: '+12025550143', // PDF lures for PayPal and Norton LifeLock; cool-down
  F: '+13105550199', // HEIC and JPEG attachments
  M: '+16175550123', // body and PDF
  G1: '+16465550101', // block across three brands
  G2: '+16465550102',
  G3: '+16465550110',
  H: '+17035550123', // 2-day run, then back after 17 days
  K: '+14155550100', // back after 28 days, with a new number
  N2: '+15125550177', // new on 03-31, in K's cluster
  Z: '+19175550188', // new on 03-29, alone
} as const;

const body = (e164: string): ScenarioMention => ({ e164, where: ['body'] });
const paypalOrder = { brand: 'PayPal', subjectTemplate: 'Order confirmation #{n}', context: 'order-confirmation', trigger: 'urgency', cta: 'call-phone' };
const paypalVerify = { brand: 'PayPal', subjectTemplate: 'Verify transaction {n}', context: 'transaction-verification', trigger: 'fear', cta: 'call-phone' };

export const huntScenario: ScenarioEmail[] = [
  { id: 'a1', day: '2026-03-03', ...paypalOrder, numbers: [body(N.A)] },
  { id: 'a2', day: '2026-03-04', ...paypalOrder, numbers: [body(N.A)] },
  { id: 'b1', day: '2026-03-04', ...paypalOrder, numbers: [body(N.B)] },
  { id: 'a3', day: '2026-03-05', ...paypalVerify, numbers: [body(N.A)] },
  { id: 'a4', day: '2026-03-05', ...paypalVerify, numbers: [body(N.A)] },
  { id: 'a5', day: '2026-03-05', ...paypalVerify, numbers: [body(N.A)] },
  { id: 'ab', day: '2026-03-05', ...paypalOrder, numbers: [body(N.A), body(N.B)] },
  { id: 'ac', day: '2026-03-06', ...paypalVerify, numbers: [body(N.A), body(N.C)] },
  { id: 'd1', day: '2026-03-01', brand: 'PayPal', subjectTemplate: 'Invoice {n}', context: 'invoice', trigger: 'urgency', cta: 'call-phone', numbers: [body(N.D)] },
  { id: 'n1', day: '2026-03-30', ...paypalOrder, numbers: [body(N.N1)] },
  { id: 'e1', day: '2026-03-10', brand: 'PayPal', subjectTemplate: 'Your invoice', context: 'invoice', trigger: 'urgency', cta: 'call-phone', numbers: [{ e164: N.E, where: ['pdf'] }], attachments: [{ sha256: 'pdf-e1', type: 'pdf' }] },
  { id: 'e2', day: '2026-03-20', brand: 'Norton LifeLock', subjectTemplate: 'Subscription renewed', context: 'subscription-renewal', trigger: 'urgency', cta: 'call-phone', numbers: [{ e164: N.E, where: ['pdf'] }], attachments: [{ sha256: 'pdf-e2', type: 'pdf' }] },
  { id: 'f1', day: '2026-03-12', brand: 'McAfee', subjectTemplate: 'McAfee renewal', context: 'subscription-renewal', trigger: 'urgency', cta: 'call-phone', numbers: [{ e164: N.F, where: ['image'] }], attachments: [{ sha256: 'img-f1', type: 'heic' }] },
  { id: 'f2', day: '2026-03-13', brand: 'McAfee', subjectTemplate: 'McAfee renewal', context: 'subscription-renewal', trigger: 'urgency', cta: 'call-phone', numbers: [{ e164: N.F, where: ['image'] }], attachments: [{ sha256: 'img-f2', type: 'jpeg' }] },
  { id: 'm1', day: '2026-03-08', brand: 'Geek Squad', subjectTemplate: 'Geek Squad renewal', numbers: [body(N.M)] },
  { id: 'm2', day: '2026-03-08', brand: 'Geek Squad', subjectTemplate: 'Geek Squad renewal', numbers: [{ e164: N.M, where: ['pdf'] }], attachments: [{ sha256: 'pdf-m2', type: 'pdf' }] },
  { id: 'g12', day: '2026-03-15', brand: 'PayPal', subjectTemplate: 'Protection plan', numbers: [body(N.G1), body(N.G2)] },
  { id: 'g2', day: '2026-03-16', brand: 'Geek Squad', subjectTemplate: 'Protection plan', numbers: [body(N.G2)] },
  { id: 'g3', day: '2026-03-16', brand: 'McAfee', subjectTemplate: 'Protection plan', numbers: [body(N.G3)] },
  { id: 'h1', day: '2026-03-01', brand: 'Norton LifeLock', subjectTemplate: 'Norton renewal', numbers: [body(N.H)] },
  { id: 'h2', day: '2026-03-02', brand: 'Norton LifeLock', subjectTemplate: 'Norton renewal', numbers: [body(N.H)] },
  { id: 'h3', day: '2026-03-20', brand: 'Norton LifeLock', subjectTemplate: 'Norton renewal', numbers: [body(N.H)] },
  { id: 'k1', day: '2026-03-02', brand: 'Norton LifeLock', subjectTemplate: 'Norton renewal', numbers: [body(N.K)] },
  { id: 'kn', day: '2026-03-31', brand: 'Norton LifeLock', subjectTemplate: 'Norton renewal', numbers: [body(N.K), body(N.N2)] },
  { id: 'z1', day: '2026-03-29', brand: 'McAfee', subjectTemplate: 'McAfee renewal', numbers: [body(N.Z)] },
];
