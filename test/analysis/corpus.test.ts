import { describe, expect, it } from 'vitest';
import { analyseCorpus, clusterId, CorpusAnalysis, type EmailFacts } from '../../src/analysis/corpus.js';
import { UnionFind } from '../../src/domain/union-find.js';

const email = (day: string | null, numbers: string[], brand: string | null = null, attachments: string[] = []): EmailFacts => ({ day, brand, numbers, attachments });

// Planted structure: A+B share an email; C shares an attachment file with B; D and E form a sequential run;
// F is alone; G and H only share an attachment (linked only when attachments count as evidence).
const corpus: EmailFacts[] = [
  email('2026-03-01', ['+12025550001', '+12135550002'], 'PayPal'),
  email('2026-03-02', ['+12135550002'], 'PayPal', ['sha-x']),
  email('2026-03-05', ['+13125550003'], 'Norton LifeLock', ['sha-x']),
  email('2026-03-03', ['+18047134598'], 'PayPal'),
  email('2026-03-04', ['+18047134599'], 'McAfee'),
  email('2026-03-04', ['+19175551234'], null),
  email(null, ['+14155550100'], 'Geek Squad', ['sha-y']),
  email('2026-03-10', ['+16175550100'], 'Geek Squad', ['sha-y']),
];

describe('analyseCorpus', () => {
  it('finds the planted clusters with all evidence', () => {
    const result = analyseCorpus(corpus);
    expect(result.clusters.map((c) => [c.numbers, c.emails, c.brands, c.firstSeen, c.lastSeen, c.evidence])).toEqual([
      [['+12025550001', '+12135550002', '+13125550003'], 3, ['Norton LifeLock', 'PayPal'], '2026-03-01', '2026-03-05', ['email', 'attachment']],
      [['+14155550100', '+16175550100'], 2, ['Geek Squad'], '2026-03-10', '2026-03-10', ['attachment']],
      [['+18047134598', '+18047134599'], 2, ['McAfee', 'PayPal'], '2026-03-03', '2026-03-04', ['run']],
    ]);
    expect(result.clusters[0]?.id).toBe(clusterId('+12025550001'));
    expect(result.clusters[0]?.id).toMatch(/^c-[0-9a-f]{12}$/);
    expect(result.runs.map((r) => r.id)).toEqual(['r+18047134598']);
    expect(result.numbers.find((n) => n.e164 === '+18047134599')?.runId).toBe('r+18047134598');
    expect(result.numbers.find((n) => n.e164 === '+19175551234')?.runId).toBeNull();
  });

  it('uses only the chosen evidence', () => {
    const byEmail = analyseCorpus(corpus, { evidence: ['email'] });
    expect(byEmail.clusters.map((c) => c.numbers)).toEqual([['+12025550001', '+12135550002']]);
    const byRun = analyseCorpus(corpus, { evidence: ['run'] });
    expect(byRun.clusters.map((c) => c.numbers)).toEqual([['+18047134598', '+18047134599']]);
  });

  it('computes number timelines and block statistics', () => {
    const result = analyseCorpus(corpus);
    const b = result.numbers.find((n) => n.e164 === '+12135550002');
    expect(b).toMatchObject({ firstSeen: '2026-03-01', lastSeen: '2026-03-02', activeDays: 2, longestRun: 2, emailCount: 2 });
    const undated = result.numbers.find((n) => n.e164 === '+14155550100');
    expect(undated).toMatchObject({ firstSeen: null, activeDays: 0, emailCount: 1 });
    expect(result.blocks.find((x) => x.prefix === '+1804713')).toEqual({ prefix: '+1804713', firstSeen: '2026-03-03', lastSeen: '2026-03-04', emailCount: 2, activeNumbers: 2, numberCount: 2 });
    expect(result.blocks.find((x) => x.prefix === '+1213555')).toMatchObject({ emailCount: 2, numberCount: 1 });
    expect(result.blocks.find((x) => x.prefix === '+1415555')).toEqual({ prefix: '+1415555', firstSeen: null, lastSeen: null, emailCount: 1, activeNumbers: 0, numberCount: 1 });
    expect(result.emails).toBe(8);
  });
});

describe('UnionFind', () => {
  it('joins sets and reports sizes past its initial capacity', () => {
    const sets = new UnionFind(2);
    for (let i = 0; i < 10; i += 1) sets.add();
    sets.union(0, 9);
    sets.union(9, 5);
    expect(sets.find(5)).toBe(sets.find(0));
    expect(sets.componentSize(0)).toBe(3);
    expect(sets.find(1)).not.toBe(sets.find(0));
    expect(sets.length).toBe(10);
  });
});

describe('CorpusAnalysis fed with aggregates (as streamed out of Neo4j)', () => {
  it('gives the same result as per-email input', () => {
    const perEmail = analyseCorpus(corpus);
    const aggregated = new CorpusAnalysis();
    const activity = new Map<string, { day: string | null; brand: string | null; emails: number }[]>();
    const owners = new Map<string, Set<string>>();
    for (const e of corpus) {
      for (const n of e.numbers) activity.set(n, [...(activity.get(n) ?? []), { day: e.day, brand: e.brand, emails: 1 }]);
      if (e.numbers.length > 1) aggregated.addMultiNumberEmail(e.numbers);
      for (const a of e.attachments) owners.set(a, new Set([...(owners.get(a) ?? []), ...e.numbers]));
    }
    for (const [e164, rows] of activity) aggregated.addActivity(e164, rows);
    for (const numbers of owners.values()) aggregated.addSharedAttachment([...numbers]);
    const result = aggregated.finish();
    const byNumber = (r: typeof result) => [...r.numbers].sort((a, b) => (a.e164 < b.e164 ? -1 : 1));
    expect(byNumber(result)).toEqual(byNumber(perEmail));
    expect(result.clusters).toEqual(perEmail.clusters);
    expect(result.blocks).toEqual(perEmail.blocks);
    expect(result.emails).toBe(8);
  });

  it('subtracts the overlap of emails naming several numbers of one cluster or block', () => {
    const a = new CorpusAnalysis();
    a.addActivity('+18047134598', [{ day: '2026-03-01', brand: 'PayPal', emails: 3 }]);
    a.addActivity('+18047134599', [{ day: '2026-03-01', brand: 'PayPal', emails: 2 }]);
    a.addMultiNumberEmail(['+18047134598', '+18047134599']); // one of those emails names both
    const r = a.finish();
    expect(r.emails).toBe(4);
    expect(r.blocks[0]?.emailCount).toBe(4);
    expect(r.clusters[0]).toMatchObject({ emails: 4, evidence: ['email', 'run'] });
  });
});
