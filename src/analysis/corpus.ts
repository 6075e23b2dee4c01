import { createHash } from 'node:crypto';
import { blockPrefix } from '../graph/rows.js';
import { dayNumber, dayString } from './days.js';
import { defaultRunOptions, type RunOptions, type SequentialRun, sequentialRuns } from './runs.js';
import { type Timeline, numberTimeline } from './timeline.js';
import { UnionFind } from './union-find.js';

/**
 * Whole-corpus analysis in one pass over the emails (pure; src/analysis/analyze.ts streams the emails out
 * of Neo4j into it): number timelines, DID-block statistics, sequential runs and clusters. Memory stays
 * small on millions of emails: numbers are interned to integer ids, per-email facts live in typed arrays,
 * and clusters come from union-find over the number ids.
 */

/** What links numbers into one cluster (DESIGN.md section 3). */
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

const noDay = -2147483648;

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

export class CorpusAnalysis {
  private readonly options: AnalysisOptions;
  private readonly numberIds = new Map<string, number>();
  private readonly e164s: string[] = [];
  private readonly dayCounts: Map<number, number>[] = [];
  private readonly undated: number[] = [];
  private readonly sets = new UnionFind();
  private readonly blockEmails = new Map<string, number>();
  private readonly attachmentOwner = new Map<string, number>();
  private readonly brandIds = new Map<string, number>();
  private readonly brandNames: string[] = [];
  // Per email (with ≥ 1 number): its first number, day and brand; and whether it linked ≥ 2 numbers.
  private readonly emailNumber = new GrowableInt32();
  private readonly emailDay = new GrowableInt32();
  private readonly emailBrand = new GrowableInt32();
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
    }
    return id;
  }

  private witness(number: number, kind: EvidenceKind): void {
    this.witnessNumber.push(number);
    this.witnessKind.push(evidenceKinds.indexOf(kind));
  }

  addEmail(email: EmailFacts): void {
    const distinct = [...new Set(email.numbers)];
    if (distinct.length === 0) return;
    const ids = distinct.map((e164) => this.numberId(e164));
    const day = email.day === null ? noDay : dayNumber(email.day);
    for (const id of ids) {
      if (day === noDay) this.undated[id] = (this.undated[id] ?? 0) + 1;
      else {
        const counts = this.dayCounts[id] as Map<number, number>;
        counts.set(day, (counts.get(day) ?? 0) + 1);
      }
    }
    for (const prefix of new Set(distinct.map(blockPrefix))) this.blockEmails.set(prefix, (this.blockEmails.get(prefix) ?? 0) + 1);
    const first = ids[0] as number;
    if (this.linkByEmail && ids.length > 1) {
      for (const id of ids) this.sets.union(first, id);
      this.witness(first, 'email');
    }
    if (this.linkByAttachment) {
      // The same attachment file links every number of every email that carries it.
      for (const sha of new Set(email.attachments)) {
        const owner = this.attachmentOwner.get(sha) ?? first;
        if (!this.attachmentOwner.has(sha)) this.attachmentOwner.set(sha, first);
        if (owner === first && ids.length === 1) continue;
        for (const id of ids) this.sets.union(owner, id);
        this.witness(first, 'attachment');
      }
    }
    let brand = -1;
    if (email.brand) {
      brand = this.brandIds.get(email.brand) ?? -1;
      if (brand === -1) {
        brand = this.brandNames.length;
        this.brandIds.set(email.brand, brand);
        this.brandNames.push(email.brand);
      }
    }
    this.emailNumber.push(first);
    this.emailDay.push(day);
    this.emailBrand.push(brand);
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

    return { numbers, blocks: this.blockResults(numbers), runs, clusters: this.clusterResults(numbers), emails: this.emailNumber.length };
  }

  private blockResults(numbers: readonly NumberResult[]): BlockResult[] {
    const blocks = new Map<string, BlockResult>();
    for (const n of numbers) {
      const prefix = blockPrefix(n.e164);
      let block = blocks.get(prefix);
      if (!block) {
        block = { prefix, firstSeen: null, lastSeen: null, emailCount: this.blockEmails.get(prefix) ?? 0, activeNumbers: 0, numberCount: 0 };
        blocks.set(prefix, block);
      }
      block.numberCount += 1;
      if (n.firstSeen !== null && n.lastSeen !== null) {
        block.activeNumbers += 1;
        if (block.firstSeen === null || n.firstSeen < block.firstSeen) block.firstSeen = n.firstSeen;
        if (block.lastSeen === null || n.lastSeen > block.lastSeen) block.lastSeen = n.lastSeen;
      }
    }
    return [...blocks.values()].sort((a, b) => (a.prefix < b.prefix ? -1 : 1));
  }

  private clusterResults(numbers: readonly NumberResult[]): ClusterResult[] {
    interface Acc { members: string[]; emails: number; brands: Set<number>; first: number; last: number; evidence: Set<EvidenceKind> }
    const byRoot = new Map<number, Acc>();
    const accOf = (root: number): Acc | undefined => {
      if (this.sets.componentSize(root) < this.options.minClusterSize) return undefined;
      let acc = byRoot.get(root);
      if (!acc) {
        acc = { members: [], emails: 0, brands: new Set(), first: Number.POSITIVE_INFINITY, last: Number.NEGATIVE_INFINITY, evidence: new Set() };
        byRoot.set(root, acc);
      }
      return acc;
    };
    numbers.forEach((n, id) => accOf(this.sets.find(id))?.members.push(n.e164));
    for (let i = 0; i < this.emailNumber.length; i += 1) {
      const acc = accOf(this.sets.find(this.emailNumber.data[i] as number));
      if (!acc) continue;
      acc.emails += 1;
      const brand = this.emailBrand.data[i] as number;
      if (brand >= 0) acc.brands.add(brand);
      const day = this.emailDay.data[i] as number;
      if (day !== noDay) {
        acc.first = Math.min(acc.first, day);
        acc.last = Math.max(acc.last, day);
      }
    }
    for (let i = 0; i < this.witnessNumber.length; i += 1) {
      accOf(this.sets.find(this.witnessNumber.data[i] as number))?.evidence.add(evidenceKinds[this.witnessKind.data[i] as number] as EvidenceKind);
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
        firstSeen: Number.isFinite(acc.first) ? dayString(acc.first) : null,
        lastSeen: Number.isFinite(acc.last) ? dayString(acc.last) : null,
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
