import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { buildPlan, type Plan } from '../../src/generate/plan.js';
import { getProfile } from '../../src/generate/profiles.js';
import { Rng } from '../../src/generate/random.js';
import { computeStats, type NumberActivity } from '../../src/generate/stats.js';

/** The statistics the plan implies, computed the way the report does (from per-number mentions per day). */
function planStats(plan: Plan) {
  const mentions = plan.numbers.map(() => new Map<number, number>());
  const brands = plan.numbers.map((n) => plan.callCenters[n.callCenter]!.brands);
  for (const nd of plan.numberDays) {
    const m = mentions[nd.number]!;
    m.set(nd.day, (m.get(nd.day) ?? 0) + nd.emails);
    for (const s of nd.secondaries) mentions[s]!.set(nd.day, (mentions[s]!.get(nd.day) ?? 0) + 1);
  }
  const activity: NumberActivity[] = plan.numbers.map((n, i) => ({
    e164: n.e164,
    days: [...mentions[i]!.keys()].sort((a, b) => a - b).map((d) => plan.days[d]!),
    brands: brands[i]!,
    lineType: n.carrier.lineType,
    carrier: n.carrier.name,
    emailsByDay: Object.fromEntries([...mentions[i]!.entries()].map(([d, c]) => [plan.days[d]!, c])),
  }));
  return computeStats(activity);
}

describe('the talos plan reproduces the Talos figures', () => {
  const plan = buildPlan({ profile: getProfile('talos'), seed: 'plan-test' }, new Rng('plan-test'));
  const stats = planStats(plan);

  it('plants exactly the counted numbers, reuse and runs', () => {
    expect(plan.days[0]).toBe('2026-02-26');
    expect(plan.days.at(-1)).toBe('2026-03-31');
    expect(stats.uniqueNumbers).toBe(1652);
    expect(stats.multiDay.count).toBe(108);
    expect(stats.multiDay.share).toBeCloseTo(0.065, 2);
    expect(stats.consecutiveReuse.count).toBe(57);
    expect(stats.consecutiveReuse.share).toBeCloseTo(0.034, 2);
    expect(stats.consecutiveReuse.longestRun).toBe(4);
    expect(stats.consecutiveReuse.mostCommonRun).toBe(2);
  });

  it('gives multi-day numbers mostly 2–6 day lifespans and a handful near a month', () => {
    const dist = stats.lifespan.distribution;
    const multi = 108;
    const short = [2, 3, 4, 5, 6].reduce((a, l) => a + (dist[String(l)] ?? 0), 0);
    const nearMonth = Object.entries(dist).filter(([l]) => Number(l) >= 25).reduce((a, [, c]) => a + c, 0);
    expect(short / multi).toBeGreaterThanOrEqual(0.6);
    expect(nearMonth).toBeGreaterThanOrEqual(3);
    expect(nearMonth).toBeLessThanOrEqual(8);
  });

  it('keeps PayPal numbers alive longer than Norton LifeLock numbers', () => {
    const paypal = stats.lifespanByBrand.PayPal!;
    const norton = stats.lifespanByBrand['Norton LifeLock']!;
    expect(paypal.mean).toBeGreaterThan(norton.mean);
    expect(paypal.multiDay / paypal.numbers).toBeGreaterThan(norton.multiDay / norton.numbers);
  });

  it('has VoIP most common, then wireless, then landline, within 3 points of the targets', () => {
    const share = (t: string): number => stats.lineTypes[t]!.share;
    expect(share('voip')).toBeGreaterThan(share('wireless'));
    expect(share('wireless')).toBeGreaterThan(share('landline'));
    expect(Math.abs(share('voip') - 0.6)).toBeLessThan(0.03);
    expect(Math.abs(share('wireless') - 0.27)).toBeLessThan(0.03);
    expect(Math.abs(share('landline') - 0.13)).toBeLessThan(0.03);
  });

  it('makes Sinch the most abused VoIP provider and Verizon and NUSO the least', () => {
    const voip = Object.entries(stats.carriers)
      .filter(([, v]) => v.lineType === 'voip')
      .sort((a, b) => b[1].count - a[1].count)
      .map(([name]) => name);
    expect(voip[0]).toBe('Sinch');
    expect(new Set(voip.slice(-2))).toEqual(new Set(['Verizon', 'NUSO']));
  });

  it('has one number with 117 emails on its busiest day, more than any other number-day', () => {
    expect(stats.topNumberDay?.emails).toBe(117);
    const star = plan.numbers.find((n) => n.star)!;
    expect(stats.topNumberDay?.e164).toBe(star.e164);
  });

  it('plants only valid, unique NANP numbers in sequential blocks of at most 100', () => {
    const seen = new Set<string>();
    for (const n of plan.numbers) {
      const parsed = parsePhoneNumberFromString(n.e164);
      expect(parsed?.isValid(), n.e164).toBe(true);
      expect(n.e164.slice(0, -4)).toBe(n.block);
      expect(seen.has(n.e164)).toBe(false);
      seen.add(n.e164);
    }
    const byBlock = new Map<string, number[]>();
    for (const n of plan.numbers) byBlock.set(n.block, [...(byBlock.get(n.block) ?? []), Number(n.e164.slice(-4))]);
    for (const [block, suffixes] of byBlock) {
      expect(Math.max(...suffixes) - Math.min(...suffixes), block).toBeLessThan(100);
    }
    // A block belongs to one call center.
    const owner = new Map<string, number>();
    for (const n of plan.numbers) {
      expect(owner.get(n.block) ?? n.callCenter).toBe(n.callCenter);
      owner.set(n.block, n.callCenter);
    }
  });

  it('names a secondary number only on a day it is active, and never the busiest number', () => {
    for (const nd of plan.numberDays) {
      for (const s of nd.secondaries) {
        expect(plan.numbers[s]!.days).toContain(nd.day);
        expect(plan.numbers[s]!.star).toBe(false);
        expect(plan.numbers[s]!.callCenter).toBe(plan.numbers[nd.number]!.callCenter);
      }
    }
  });

  it('connects every call center through its evidence (shared emails across blocks)', () => {
    plan.callCenters.forEach((center, ci) => {
      const linked = new Set<string>([center.blocks[0]!]);
      let grew = true;
      while (grew) {
        grew = false;
        for (const nd of plan.numberDays) {
          const a = plan.numbers[nd.number]!;
          if (a.callCenter !== ci) continue;
          for (const s of nd.secondaries) {
            const b = plan.numbers[s]!;
            if (linked.has(a.block) !== linked.has(b.block)) {
              linked.add(a.block);
              linked.add(b.block);
              grew = true;
            }
          }
        }
      }
      expect([...linked].sort(), center.id).toEqual([...center.blocks].sort());
    });
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = buildPlan({ profile: getProfile('talos'), seed: 'plan-test' }, new Rng('plan-test'));
    expect(again.numbers.map((n) => `${n.e164}:${n.days.join(',')}`)).toEqual(plan.numbers.map((n) => `${n.e164}:${n.days.join(',')}`));
    const other = buildPlan({ profile: getProfile('talos'), seed: 'other' }, new Rng('other'));
    expect(other.numbers.map((n) => n.e164)).not.toEqual(plan.numbers.map((n) => n.e164));
  });

  it('refuses too few emails for the profile with an actionable error', () => {
    expect(() => buildPlan({ profile: getProfile('talos'), seed: 's', emails: 500 }, new Rng('s'))).toThrow(/needs at least \d+ emails/);
  });
});

describe('the small profile', () => {
  it('keeps the same shape at a smaller scale', () => {
    const plan = buildPlan({ profile: getProfile('small'), seed: 'x' }, new Rng('x'));
    const stats = planStats(plan);
    expect(stats.uniqueNumbers).toBe(60);
    expect(stats.multiDay.count).toBe(14);
    expect(stats.consecutiveReuse.count).toBe(8);
    expect(stats.consecutiveReuse.longestRun).toBe(4);
    expect(stats.topNumberDay?.emails).toBe(20);
  });
});
