import { createHash } from 'node:crypto';
import { blockPrefix, dayNumber, dayString, defaultRunOptions, type RunOptions, type SequentialRun, sequentialRuns, UnionFind } from '../domain/index.js';
import { type Timeline, numberTimeline } from './timeline.js';

/**
 * Whole-corpus analysis in one pass over the emails (pure; src/analysis/analyze.ts streams the emails out
 * of Neo4j into it): number timelines, DID-block statistics, sequential runs and clusters. Memory stays
 * small on millions of emails: numbers are interned to integer ids, per-email facts live in typed arrays,
 * and clusters come from union-find over the number ids.
 */

/** What links numbers into one cluster (docs/definitions.md). */
export type EvidenceKind = 'email' | 'attachment' | 'run';
export const evidenceKinds: readonly EvidenceKind[] = ['email', 'attachment', 'run'];

export interface EmailFacts {
  /** YYYY-MM-DD, or null for an undated email. */
  day: string | null;
  brand: string | null;
  numbers: readonly string[];
  /** sha256 of the email's attachments. */
  attachments: readonly string[];
}

export interface AnalysisOptions {
  evidence: readonly EvidenceKind[];
  runs: RunOptions;
  /** Smallest component written as a Cluster (default 2: a lone number is not a cluster). */
  minClusterSize: number;
}

export const defaultAnalysisOptions: AnalysisOptions = { evidence: evidenceKinds, runs: defaultRunOptions, minClusterSize: 2 };

export interface NumberResult extends Timeline {
  e164: string;
  runId: string | null;
}

export interface BlockResult {
  prefix: string;
  firstSeen: string | null;
  lastSeen: string | null;
  emailCount: number;
  /** Numbers of the block with at least one active (dated) day. */
  activeNumbers: number;
  numberCount: number;
}

export interface ClusterResult {
  id: string;
  size: number;
  numbers: string[];
  emails: number;
  brands: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  evidence: EvidenceKind[];
}

export interface AnalysisResult {
  numbers: NumberResult[];
  blocks: BlockResult[];
  runs: SequentialRun[];
  clusters: ClusterResult[];
  emails: number;
}

/** Stable cluster id (docs/graph-model.md): `c-` + first 12 hex digits of sha256 of its smallest E.164. */
export function clusterId(smallestE164: string): string {
  return `c-${createHash('sha256').update(smallestE164).digest('hex').slice(0, 12)}`;
}

/** One row of a number's activity: emails on a day (null: undated) for a brand (null: none). */
export interface ActivityRow {
  day: string | null;
  brand: string | null;
  emails: number;
}

class GrowableInt32 {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = value;
    this.length += 1;
  }
}

/**
 * Input comes either per email (`addEmail`, for tests and small corpora) or pre-aggregated, as streamed out of
 * Neo4j (`addActivity` per number, `addMultiNumberEmail` for each email naming ≥ 2 numbers, `addSharedAttachment`
 * per attachment whose emails name ≥ 2 numbers). Pre-aggregated input keeps the work proportional to
 * number-days, not emails: an email count per cluster or block is the sum over its numbers minus the overlap
 * of emails that name several of them, which the multi-number emails give exactly.
 */
export class CorpusAnalysis {
  private readonly options: AnalysisOptions;
  private readonly numberIds = new Map<string, number>();
  private readonly e164s: string[] = [];
  private readonly dayCounts: Map<number, number>[] = [];
  private readonly undated: number[] = [];
  private readonly brandsOf: Set<number>[] = [];
  private readonly sets = new UnionFind();
  private readonly attachmentOwner = new Map<string, number>();
  private readonly brandIds = new Map<string, number>();
  private readonly brandNames: string[] = [];
  // Emails naming ≥ 2 distinct numbers, flattened: [k, id1, …, idk, k, …].
  private readonly multi = new GrowableInt32();
  // Evidence witnesses: a number id and the index (in evidenceKinds) of the evidence that linked it to others.
  private readonly witnessNumber = new GrowableInt32();
  private readonly witnessKind = new GrowableInt32();
  private readonly linkByEmail: boolean;
  private readonly linkByAttachment: boolean;

  constructor(options: Partial<AnalysisOptions> = {}) {
    this.options = { ...defaultAnalysisOptions, ...options };
    this.linkByEmail = this.options.evidence.includes('email');
    this.linkByAttachment = this.options.evidence.includes('attachment');
  }

  private numberId(e164: string): number {
    let id = this.numberIds.get(e164);
    if (id === undefined) {
      id = this.sets.add();
      this.numberIds.set(e164, id);
      this.e164s.push(e164);
      this.dayCounts.push(new Map());
      this.undated.push(0);
      this.brandsOf.push(new Set());
    }
    return id;
  }

  private brandId(name: string): number {
    let id = this.brandIds.get(name);
    if (id === undefined) {
      id = this.brandNames.length;
      this.brandIds.set(name, id);
      this.brandNames.push(name);
    }
    return id;
  }

  private witness(number: number, kind: EvidenceKind): void {
    this.witnessNumber.push(number);
    this.witnessKind.push(evidenceKinds.indexOf(kind));
  }

  /** Emails mentioning `e164`, per day and brand (rows may repeat; counts add up). */
  addActivity(e164: string, rows: readonly ActivityRow[]): void {
    const id = this.numberId(e164);
    const counts = this.dayCounts[id] as Map<number, number>;
    const brands = this.brandsOf[id] as Set<number>;
    for (const row of rows) {
      if (row.emails <= 0) continue;
      if (row.day === null) this.undated[id] = (this.undated[id] ?? 0) + row.emails;
      else {
        const day = dayNumber(row.day);
        counts.set(day, (counts.get(day) ?? 0) + row.emails);
      }
      if (row.brand) brands.add(this.brandId(row.brand));
    }
  }

  /** One email naming several numbers (duplicates ignored). Links them when emails count as evidence. */
  addMultiNumberEmail(numbers: readonly string[]): void {
    const ids = [...new Set(numbers)].map((e164) => this.numberId(e164));
    if (ids.length < 2) return;
    this.multi.push(ids.length);
    for (const id of ids) this.multi.push(id);
    if (this.linkByEmail) {
      for (const id of ids) this.sets.union(ids[0] as number, id);
      this.witness(ids[0] as number, 'email');
    }
  }

  /** The numbers named by the emails that carry one attachment file. */
  addSharedAttachment(numbers: readonly string[]): void {
    if (!this.linkByAttachment) return;
    const ids = [...new Set(numbers)].map((e164) => this.numberId(e164));
    if (ids.length < 2) return;
    for (const id of ids) this.sets.union(ids[0] as number, id);
    this.witness(ids[0] as number, 'attachment');
  }

  /** Per-email input (tests, small corpora): feeds the same aggregates as the streamed input. */
  addEmail(email: EmailFacts): void {
    const distinct = [...new Set(email.numbers)];
    if (distinct.length === 0) return;
    for (const e164 of distinct) this.addActivity(e164, [{ day: email.day, brand: email.brand, emails: 1 }]);
    if (distinct.length > 1) this.addMultiNumberEmail(distinct);
    if (this.linkByAttachment) {
      const first = this.numberId(distinct[0] as string);
      for (const sha of new Set(email.attachments)) {
        const owner = this.attachmentOwner.get(sha);
        if (owner === undefined) {
          this.attachmentOwner.set(sha, first);
          if (distinct.length > 1) this.addSharedAttachment(distinct);
        } else this.addSharedAttachment([this.e164s[owner] as string, ...distinct]);
      }
    }
  }

  finish(): AnalysisResult {
    const numbers: NumberResult[] = this.e164s.map((e164, id) => {
      const counts = [...(this.dayCounts[id] as Map<number, number>)].map(([day, emails]) => ({ day: dayString(day), emails }));
      return { e164, runId: null, ...numberTimeline(counts, this.undated[id] ?? 0) };
    });

    const active = numbers.filter((n) => n.firstSeen !== null && n.lastSeen !== null).map((n) => ({ e164: n.e164, first: dayNumber(n.firstSeen as string), last: dayNumber(n.lastSeen as string) }));
    const runs = sequentialRuns(active, this.options.runs);
    const byE164 = new Map(numbers.map((n) => [n.e164, n]));
    const linkByRun = this.options.evidence.includes('run');
    for (const run of runs) {
      const ids = run.numbers.map((e164) => this.numberIds.get(e164) as number);
      for (const e164 of run.numbers) (byE164.get(e164) as NumberResult).runId = run.id;
      if (linkByRun) {
        for (const id of ids) this.sets.union(ids[0] as number, id);
        this.witness(ids[0] as number, 'run');
      }
    }

    let overlap = 0;
    this.forEachMultiEmail((ids) => {
      overlap += ids.length - 1;
    });
    const emails = numbers.reduce((sum, n) => sum + n.emailCount, 0) - overlap;
    return { numbers, blocks: this.blockResults(numbers), runs, clusters: this.clusterResults(numbers), emails };
  }

  private forEachMultiEmail(visit: (ids: number[]) => void): void {
    const data = this.multi.data;
    for (let i = 0; i < this.multi.length; ) {
      const k = data[i] as number;
      visit(Array.from(data.subarray(i + 1, i + 1 + k)));
      i += k + 1;
    }
  }

  /** Σ over multi-number emails of (numbers of the email in the same group − 1), per group key. */
  private overlapBy(key: (id: number) => number | string | undefined): Map<number | string, number> {
    const overlap = new Map<number | string, number>();
    this.forEachMultiEmail((ids) => {
      const perKey = new Map<number | string, number>();
      for (const id of ids) {
        const k = key(id);
        if (k !== undefined) perKey.set(k, (perKey.get(k) ?? 0) + 1);
      }
      for (const [k, c] of perKey) if (c > 1) overlap.set(k, (overlap.get(k) ?? 0) + c - 1);
    });
    return overlap;
  }

  private blockResults(numbers: readonly NumberResult[]): BlockResult[] {
    const blocks = new Map<string, BlockResult>();
    for (const n of numbers) {
      const prefix = blockPrefix(n.e164);
      let block = blocks.get(prefix);
      if (!block) {
        block = { prefix, firstSeen: null, lastSeen: null, emailCount: 0, activeNumbers: 0, numberCount: 0 };
        blocks.set(prefix, block);
      }
      block.numberCount += 1;
      block.emailCount += n.emailCount;
      if (n.firstSeen !== null && n.lastSeen !== null) {
        block.activeNumbers += 1;
        if (block.firstSeen === null || n.firstSeen < block.firstSeen) block.firstSeen = n.firstSeen;
        if (block.lastSeen === null || n.lastSeen > block.lastSeen) block.lastSeen = n.lastSeen;
      }
    }
    for (const [prefix, minus] of this.overlapBy((id) => blockPrefix(this.e164s[id] as string))) {
      const block = blocks.get(prefix as string);
      if (block) block.emailCount -= minus;
    }
    return [...blocks.values()].sort((a, b) => (a.prefix < b.prefix ? -1 : 1));
  }

  private clusterResults(numbers: readonly NumberResult[]): ClusterResult[] {
    interface Acc { members: string[]; emails: number; brands: Set<number>; first: string | null; last: string | null; evidence: Set<EvidenceKind> }
    const byRoot = new Map<number, Acc>();
    const isCluster = (root: number): boolean => this.sets.componentSize(root) >= this.options.minClusterSize;
    numbers.forEach((n, id) => {
      const root = this.sets.find(id);
      if (!isCluster(root)) return;
      let acc = byRoot.get(root);
      if (!acc) {
        acc = { members: [], emails: 0, brands: new Set(), first: null, last: null, evidence: new Set() };
        byRoot.set(root, acc);
      }
      acc.members.push(n.e164);
      acc.emails += n.emailCount;
      for (const b of this.brandsOf[id] as Set<number>) acc.brands.add(b);
      if (n.firstSeen !== null && (acc.first === null || n.firstSeen < acc.first)) acc.first = n.firstSeen;
      if (n.lastSeen !== null && (acc.last === null || n.lastSeen > acc.last)) acc.last = n.lastSeen;
    });
    for (const [root, minus] of this.overlapBy((id) => {
      const root = this.sets.find(id);
      return byRoot.has(root) ? root : undefined;
    })) {
      (byRoot.get(root as number) as Acc).emails -= minus;
    }
    for (let i = 0; i < this.witnessNumber.length; i += 1) {
      byRoot.get(this.sets.find(this.witnessNumber.data[i] as number))?.evidence.add(evidenceKinds[this.witnessKind.data[i] as number] as EvidenceKind);
    }
    const clusters: ClusterResult[] = [];
    for (const acc of byRoot.values()) {
      acc.members.sort();
      clusters.push({
        id: clusterId(acc.members[0] as string),
        size: acc.members.length,
        numbers: acc.members,
        emails: acc.emails,
        brands: [...acc.brands].map((b) => this.brandNames[b] as string).sort(),
        firstSeen: acc.first,
        lastSeen: acc.last,
        evidence: evidenceKinds.filter((k) => acc.evidence.has(k)),
      });
    }
    return clusters.sort((a, b) => b.size - a.size || b.emails - a.emails || (a.id < b.id ? -1 : 1));
  }
}

/** Convenience for tests and small corpora. */
export function analyseCorpus(emails: Iterable<EmailFacts>, options: Partial<AnalysisOptions> = {}): AnalysisResult {
  const analysis = new CorpusAnalysis(options);
  for (const email of emails) analysis.addEmail(email);
  return analysis.finish();
}
