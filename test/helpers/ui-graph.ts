import { createHash } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { int, writeRows } from '../../src/graph/driver.js';

/**
 * A small investigation graph for the API and browser tests, written with parameterised Cypher in the
 * shape of docs/graph-model.md: two clusters of numbers, emails with brands, lures, attachments, a sender
 * domain, and one email whose subject is an HTML/script injection attempt.
 */
export const xssSubject = '<img src=x onerror="window.__pwned=1">Your invoice';

export const uiGraph = {
  numberA: '+18047134598',
  numberB: '+18047134611',
  numberC: '+18885550199',
  numberLone: '+442079460123',
  block: '+1804713',
  clusterA: 'c-aaaaaaaaaaaa',
  clusterB: 'c-bbbbbbbbbbbb',
  xssEmail: sha('email-xss'),
};

export function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

interface EmailRow {
  id: string;
  subject: string;
  from: string;
  day: string;
  brand: string | null;
  /** The abused delivery platform (DELIVERED_VIA), when the email has one. */
  platform?: string;
  numbers: Array<{ e164: string; where: string[]; raw: string[]; context: string }>;
  attachment?: { sha256: string; filename: string; type: string };
}

export function uiEmails(): EmailRow[] {
  const { numberA, numberB, numberC, numberLone } = uiGraph;
  return [
    { id: sha('email-1'), subject: 'Your PayPal invoice INV-4431 is ready', from: 'billing@pp-support.example', day: '2024-03-01', brand: 'PayPal', platform: 'QuickBooks', numbers: [{ e164: numberA, where: ['body'], raw: ['(804) 713-4598'], context: 'If you did not authorise this, call (804) 713-4598 within 24 hours' }] },
    { id: sha('email-2'), subject: 'PayPal order confirmation #88231', from: 'orders@pp-support.example', day: '2024-03-02', brand: 'PayPal', numbers: [{ e164: numberA, where: ['pdf'], raw: ['+1 804.713.4598'], context: 'Questions? Call +1 804.713.4598' }, { e164: numberB, where: ['pdf'], raw: ['804-713-4611'], context: 'or 804-713-4611 (24/7)' }], attachment: { sha256: sha('att-1'), filename: 'invoice_88231.pdf', type: 'pdf' } },
    { id: sha('email-3'), subject: 'Geek Squad renewal notice', from: 'renew@gs-help.example', day: '2024-03-04', brand: 'Geek Squad', numbers: [{ e164: numberB, where: ['subject', 'body'], raw: ['8047134611'], context: 'Renewal of 399.99 USD. Cancel: 8047134611' }] },
    { id: uiGraph.xssEmail, subject: xssSubject, from: 'x@evil.example', day: '2024-03-05', brand: 'PayPal', numbers: [{ e164: numberA, where: ['body'], raw: ['804 713 4598'], context: '<script>window.__pwned=2</script> call 804 713 4598' }] },
    { id: sha('email-5'), subject: 'Norton LifeLock subscription renewed', from: 'nl@renewals.example', day: '2024-04-10', brand: 'Norton LifeLock', numbers: [{ e164: numberC, where: ['body'], raw: ['1-888-555-0199'], context: 'Call 1-888-555-0199 to cancel' }] },
    { id: sha('email-6'), subject: 'Norton LifeLock payment received', from: 'nl@renewals.example', day: '2024-04-12', brand: 'Norton LifeLock', numbers: [{ e164: numberC, where: ['body'], raw: ['888 555 0199'], context: 'call 888 555 0199' }, { e164: numberLone, where: ['body'], raw: ['+44 20 7946 0123'], context: 'UK: +44 20 7946 0123' }] },
  ];
}

export async function seedUiGraph(driver: Driver): Promise<void> {
  const emails = uiEmails();
  await writeRows(
    driver,
    `UNWIND $rows AS row
     MERGE (e:Email {id: row.id})
     SET e.subject = row.subject, e.from = row.from, e.sentAt = datetime(row.day + 'T10:00:00Z'), e.day = date(row.day),
         e.brand = row.brand, e.source = 'ui-test', e.file = row.id + '.eml', e.context = 'invoice-or-billing', e.trigger = 'urgency', e.cta = 'call-phone'
     MERGE (d:Domain {name: split(row.from, '@')[1]})
     MERGE (e)-[:SENT_FROM]->(d)
     MERGE (l:Lure {key: 'invoice-or-billing·urgency·call-phone'}) SET l.context = 'invoice-or-billing', l.trigger = 'urgency', l.cta = 'call-phone'
     MERGE (e)-[u:USES_LURE]->(l) SET u.layer = 'email', u.confidence = 0.9
     FOREACH (platform IN CASE WHEN row.platform IS NULL THEN [] ELSE [row.platform] END |
       MERGE (pl:Platform {name: platform}) MERGE (e)-[:DELIVERED_VIA]->(pl) SET e.platform = platform)
     FOREACH (brand IN CASE WHEN row.brand IS NULL THEN [] ELSE [row.brand] END |
       MERGE (b:Brand {name: brand}) MERGE (e)-[i:IMPERSONATES]->(b) SET i.primary = true, i.confidence = 0.9, i.where = ['subject'])
     FOREACH (n IN row.numbers |
       MERGE (p:PhoneNumber {e164: n.e164})
       MERGE (e)-[m:MENTIONS]->(p) SET m.where = n.where, m.raw = n.raw, m.context = n.context, m.obfuscated = false, m.confidence = 0.95)
     FOREACH (a IN CASE WHEN row.attachment IS NULL THEN [] ELSE [row.attachment] END |
       MERGE (att:Attachment {sha256: a.sha256}) SET att.filename = a.filename, att.bytes = 20480, att.mime = 'application/pdf'
       MERGE (t:AttachmentType {name: a.type})
       MERGE (e)-[:HAS_ATTACHMENT]->(att) MERGE (att)-[:OF_TYPE]->(t))`,
    { rows: emails },
  );
  // What the loader and analysis would derive: formats, line types, blocks, carriers, activity, clusters.
  await writeRows(
    driver,
    `UNWIND $numbers AS n
     MATCH (p:PhoneNumber {e164: n.e164})
     SET p.country = n.country, p.national = n.national, p.numberType = n.numberType, p.lineType = n.lineType, p.lineTypeSource = 'libphonenumber'
     WITH p, n
     CALL (p) {
       MATCH (e:Email)-[:MENTIONS]->(p)
       WITH p, collect(DISTINCT e.day) AS days, count(e) AS emails
       WITH p, days, emails, reduce(lo = date('2999-01-01'), d IN days | CASE WHEN d < lo THEN d ELSE lo END) AS first,
            reduce(hi = date('1900-01-01'), d IN days | CASE WHEN d > hi THEN d ELSE hi END) AS last
       SET p.firstSeen = first, p.lastSeen = last, p.days = days, p.activeDays = size(days), p.emailCount = emails,
           p.lifespan = duration.inDays(first, last).days + 1
     }
     WITH p, n
     MERGE (b:DidBlock {prefix: n.block}) SET b.country = n.country
     MERGE (p)-[:IN_BLOCK]->(b)
     MERGE (c:Carrier {name: n.carrier}) SET c.category = n.lineType
     MERGE (p)-[a:ASSIGNED_TO]->(c) SET a.source = 'test', a.at = datetime()
     FOREACH (cid IN CASE WHEN n.cluster IS NULL THEN [] ELSE [n.cluster] END |
       MERGE (cl:Cluster {id: cid}) MERGE (p)-[:IN_CLUSTER]->(cl))`,
    {
      numbers: [
        { e164: uiGraph.numberA, country: 'US', national: '(804) 713-4598', numberType: 'FIXED_LINE_OR_MOBILE', lineType: 'voip', block: '+1804713', carrier: 'Bandwidth.com', cluster: uiGraph.clusterA },
        { e164: uiGraph.numberB, country: 'US', national: '(804) 713-4611', numberType: 'FIXED_LINE_OR_MOBILE', lineType: 'voip', block: '+1804713', carrier: 'Bandwidth.com', cluster: uiGraph.clusterA },
        { e164: uiGraph.numberC, country: 'US', national: '(888) 555-0199', numberType: 'TOLL_FREE', lineType: 'toll-free', block: '+1888555', carrier: 'Twilio', cluster: uiGraph.clusterB },
        { e164: uiGraph.numberLone, country: 'GB', national: '020 7946 0123', numberType: 'FIXED_LINE', lineType: 'landline', block: '+44207946', carrier: 'BT', cluster: null },
      ],
    },
  );
  await writeRows(
    driver,
    `MATCH (c:Cluster)<-[:IN_CLUSTER]-(p:PhoneNumber)
     WITH c, collect(p) AS numbers
     CALL (c, numbers) {
       UNWIND numbers AS p
       MATCH (e:Email)-[:MENTIONS]->(p)
       OPTIONAL MATCH (e)-[:IMPERSONATES]->(b:Brand)
       RETURN count(DISTINCT e) AS emails, collect(DISTINCT b.name) AS brands, min(e.day) AS first, max(e.day) AS last
     }
     SET c.size = size(numbers), c.numbers = size(numbers), c.emails = emails, c.brands = brands, c.firstSeen = first, c.lastSeen = last,
         c.evidence = ['same-email']
     WITH c
     MATCH (b:DidBlock)<-[:IN_BLOCK]-(p:PhoneNumber)
     WITH b, count(p) AS n SET b.numberCount = n`,
  );
  await writeRows(driver, 'MATCH (b:DidBlock) SET b.emailCount = coalesce(b.emailCount, $zero)', { zero: int(0) });
}
