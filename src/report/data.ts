import type { Driver } from 'neo4j-driver';
import { blockActivity, type BlockSummary, type DayVolume, topBlocks } from '../analysis/queries.js';
import { readRows } from '../graph/driver.js';
import { consecutiveRuns, histogram, median, mode, share, tally } from './stats.js';

/**
 * The Talos analyses on whatever is loaded (TALOS-NOTES.md, "The figures to reproduce"), as one JSON-able
 * object. Reads what the loader and `callhound analyze` wrote; run analyze first for fresh timelines.
 */

export interface Distribution {
  /** [lifespan in days, numbers] */
  histogram: [number, number][];
  median: number | null;
  numbers: number;
}

export interface SpreadExample {
  e164: string;
  values: string[];
}

export interface Spread {
  /** Numbers seen with ≥ 2 distinct values. */
  numbers: number;
  share: number;
  examples: SpreadExample[];
}

export interface ReportData {
  generatedAt: string;
  emails: number;
  datedEmails: number;
  firstDay: string | null;
  lastDay: string | null;
  uniqueNumbers: number;
  consecutiveReuse: { numbers: number; share: number; longestRun: number; mostCommonRunLength: number | null; runLengths: [number, number][] };
  multiDay: { numbers: number; share: number };
  lifespan: { all: Distribution; multiDay: Distribution };
  lifespanByBrand: { brand: string; distribution: Distribution }[];
  lineTypes: [string, number][];
  carriers: { carrier: string; category: string | null; numbers: number }[];
  spread: { lures: Spread; subjectTemplates: Spread; brands: Spread; attachmentTypes: Spread };
  topBlocks: { block: BlockSummary; activity: DayVolume[] }[];
  busiestNumberDay: { e164: string; day: string; emails: number; brand: string | null } | null;
  clusters: { count: number; largest: { id: string; size: number; emails: number; brands: string[] }[] };
  /** Genuine services abused to deliver the lures, with the brands impersonated through each (platform abuse). */
  platforms: { platform: string; emails: number; numbers: number; brands: string[] }[];
  ingestIssues: number;
}

function distribution(values: readonly number[]): Distribution {
  return { histogram: histogram(values), median: median(values), numbers: values.length };
}

function spread(rows: readonly { e164: string; values: (string | null)[] }[], total: number): Spread {
  const multi = rows
    .map((r) => ({ e164: r.e164, values: [...new Set(r.values.filter((v): v is string => typeof v === 'string' && v.length > 0))].sort() }))
    .filter((r) => r.values.length >= 2)
    .sort((a, b) => b.values.length - a.values.length || (a.e164 < b.e164 ? -1 : 1));
  return { numbers: multi.length, share: share(multi.length, total), examples: multi.slice(0, 10) };
}

export async function buildReport(driver: Driver, options: { topBlocks?: number; database?: string | undefined } = {}): Promise<ReportData> {
  const db = options.database;
  const [emailRow] = await readRows<{ emails: number; dated: number; first: string | null; last: string | null }>(
    driver,
    'MATCH (e:Email) RETURN count(e) AS emails, count(e.day) AS dated, toString(min(e.day)) AS first, toString(max(e.day)) AS last',
    {},
    db,
  );
  const numbers = await readRows<{ e164: string; lifespan: number | null; activeDays: number | null; longestRun: number | null; days: string[] | null; lineType: string | null }>(
    driver,
    'MATCH (p:PhoneNumber) RETURN p.e164 AS e164, p.lifespan AS lifespan, p.activeDays AS activeDays, p.longestRun AS longestRun, [d IN coalesce(p.days, []) | toString(d)] AS days, p.lineType AS lineType',
    {},
    db,
  );
  const uniqueNumbers = numbers.length;
  const allRuns = numbers.flatMap((n) => consecutiveRuns(n.days ?? []));
  const consecutive = numbers.filter((n) => (n.longestRun ?? 0) >= 2);
  const multiDay = numbers.filter((n) => (n.activeDays ?? 0) >= 2);
  const lifespans = numbers.filter((n) => n.lifespan !== null).map((n) => n.lifespan as number);

  const brandRows = await readRows<{ brand: string; lifespans: number[] }>(
    driver,
    `MATCH (e:Email)-[:MENTIONS]->(p:PhoneNumber) WHERE e.brand IS NOT NULL AND p.lifespan IS NOT NULL
     WITH e.brand AS brand, p WITH brand, collect(DISTINCT p) AS ps
     RETURN brand, [x IN ps | x.lifespan] AS lifespans ORDER BY size(ps) DESC, brand`,
    {},
    db,
  );
  const carriers = await readRows<{ carrier: string; category: string | null; numbers: number }>(
    driver,
    'MATCH (p:PhoneNumber)-[:ASSIGNED_TO]->(c:Carrier) RETURN c.name AS carrier, c.category AS category, count(p) AS numbers ORDER BY numbers DESC, carrier',
    {},
    db,
  );
  const spreadRows = await readRows<{ e164: string; lures: string[]; templates: (string | null)[]; brands: (string | null)[]; types: string[] }>(
    driver,
    `MATCH (p:PhoneNumber)<-[:MENTIONS]-(e:Email)
     WITH p, collect(e) AS emails WHERE size(emails) >= 2
     RETURN p.e164 AS e164,
       [e IN emails | [(e)-[:USES_LURE {layer: 'email'}]->(l:Lure) | l.key]] AS lures,
       [e IN emails | e.subjectTemplate] AS templates,
       [e IN emails | e.brand] AS brands,
       [e IN emails | [(e)-[:HAS_ATTACHMENT]->(:Attachment)-[:OF_TYPE]->(t:AttachmentType) | t.name]] AS types`,
    {},
    db,
  );
  const flat = (values: unknown[]): (string | null)[] => values.flat(2) as (string | null)[];

  const blocks = await topBlocks(driver, { limit: options.topBlocks ?? 3, minNumbers: 2 }, db);
  const topBlockData = [];
  for (const block of blocks) topBlockData.push({ block, activity: await blockActivity(driver, block.prefix, db) });

  const [busiest] = await readRows<{ e164: string; day: string; emails: number; brand: string | null }>(
    driver,
    `MATCH (p:PhoneNumber) WHERE p.peakDayEmails IS NOT NULL
     WITH p ORDER BY p.peakDayEmails DESC, p.e164 LIMIT 1
     OPTIONAL MATCH (p)<-[:MENTIONS]-(e:Email) WHERE e.day = p.peakDay AND e.brand IS NOT NULL
     WITH p, e.brand AS brand, count(e) AS n ORDER BY n DESC
     RETURN p.e164 AS e164, toString(p.peakDay) AS day, p.peakDayEmails AS emails, collect(brand)[0] AS brand`,
    {},
    db,
  );
  const clusterRows = await readRows<{ id: string; size: number; emails: number; brands: string[] }>(
    driver,
    'MATCH (c:Cluster) RETURN c.id AS id, c.size AS size, c.emails AS emails, coalesce(c.brands, []) AS brands ORDER BY c.size DESC, c.emails DESC, c.id',
    {},
    db,
  );
  const [issues] = await readRows<{ n: number }>(driver, 'MATCH (i:IngestIssue) RETURN count(i) AS n', {}, db);
  const platformRows = await readRows<{ platform: string; emails: number; numbers: number; brands: string[] }>(
    driver,
    `MATCH (e:Email)-[:DELIVERED_VIA]->(pl:Platform)
     OPTIONAL MATCH (e)-[:MENTIONS]->(p:PhoneNumber)
     WITH pl, collect(DISTINCT e) AS emails, count(DISTINCT p) AS numbers
     RETURN pl.name AS platform, size(emails) AS emails, numbers,
       [e IN emails WHERE e.brand IS NOT NULL | e.brand] AS brands
     ORDER BY emails DESC, platform`,
    {},
    db,
  );

  return {
    generatedAt: new Date().toISOString(),
    emails: emailRow?.emails ?? 0,
    datedEmails: emailRow?.dated ?? 0,
    firstDay: emailRow?.first ?? null,
    lastDay: emailRow?.last ?? null,
    uniqueNumbers,
    consecutiveReuse: {
      numbers: consecutive.length,
      share: share(consecutive.length, uniqueNumbers),
      longestRun: numbers.reduce((max, n) => Math.max(max, n.longestRun ?? 0), 0),
      mostCommonRunLength: mode(allRuns),
      runLengths: histogram(allRuns),
    },
    multiDay: { numbers: multiDay.length, share: share(multiDay.length, uniqueNumbers) },
    lifespan: { all: distribution(lifespans), multiDay: distribution(multiDay.map((n) => n.lifespan as number)) },
    lifespanByBrand: brandRows.map((r) => ({ brand: r.brand, distribution: distribution(r.lifespans) })),
    lineTypes: tally(numbers.map((n) => n.lineType ?? 'unknown')),
    carriers,
    spread: {
      lures: spread(spreadRows.map((r) => ({ e164: r.e164, values: flat(r.lures) })), uniqueNumbers),
      subjectTemplates: spread(spreadRows.map((r) => ({ e164: r.e164, values: r.templates })), uniqueNumbers),
      brands: spread(spreadRows.map((r) => ({ e164: r.e164, values: r.brands })), uniqueNumbers),
      attachmentTypes: spread(spreadRows.map((r) => ({ e164: r.e164, values: flat(r.types) })), uniqueNumbers),
    },
    topBlocks: topBlockData,
    busiestNumberDay: busiest ?? null,
    clusters: { count: clusterRows.length, largest: clusterRows.slice(0, 10) },
    platforms: platformRows.map((r) => ({ ...r, brands: [...new Set(r.brands)].sort() })),
    ingestIssues: issues?.n ?? 0,
  };
}
