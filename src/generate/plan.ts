import { msPerDay } from '../domain/index.js';
import { CallhoundError } from '../errors.js';
import type { NumberType } from '../extract/observation.js';
import { CARRIERS, carriersOf, mostBehind, type Carrier, type LineType } from './carriers.js';
import { checkNanp, pickBlockPrefix } from './nanp.js';
import { consecutiveCount, type Profile } from './profiles.js';
import type { Rng } from './random.js';
import {
  BRAND_CONTEXTS,
  CTAS,
  MAJOR_BRANDS,
  MINOR_BRANDS,
  TRIGGERS,
  type BrandName,
  type Language,
  type Lure,
  type LureCta,
} from './vocabulary.js';

/**
 * The planted world: call centers, their DID blocks and numbers, each number's active days, and how many
 * emails mention each number on each day. Everything the message writer needs, decided up front in
 * O(numbers + number-days) memory, independent of the number of emails.
 */

export type ImageFormat = 'jpeg' | 'png' | 'heic';

export interface BrandLure {
  brand: BrandName;
  lure: Lure;
}

export interface PlannedCallCenter {
  id: string;
  brands: BrandName[];
  /** Relative weight of each brand in this center's mail (uneven on purpose for the three-brand block). */
  brandWeights: number[];
  lures: BrandLure[];
  language: Language;
  lineType: LineType;
  /** Preferred attachment kind when a message carries one. */
  media: 'pdf' | 'image' | 'mixed';
  imageFormats: ImageFormat[];
  blocks: string[];
  /** Which Talos observation this center reproduces, if any. */
  pattern: string | null;
  /** Throwaway sender domains this center rotates through. */
  domains: string[];
}

export interface PlannedNumber {
  index: number;
  e164: string;
  numberType: NumberType;
  tollFree: boolean;
  callCenter: number;
  block: string;
  carrier: Carrier;
  /** Sorted day indexes (0 = profile start). */
  days: number[];
  star: boolean;
}

export interface NumberDay {
  number: number;
  day: number;
  /** Emails whose main number this is on this day. */
  emails: number;
  /** Other numbers of the same call center that some of these emails also name (active the same day). */
  secondaries: number[];
}

export interface Plan {
  profile: Profile;
  seed: string;
  days: string[];
  callCenters: PlannedCallCenter[];
  numbers: PlannedNumber[];
  numberDays: NumberDay[];
  /** Indexes into numberDays, per day. */
  numberDaysByDay: number[][];
  noisePerDay: number[];
  totalEmails: number;
}

export interface PlanOptions {
  profile: Profile;
  seed: string;
  emails?: number;
  from?: string;
  to?: string;
}

export function dayRange(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    throw new CallhoundError('bad_dates', `--from/--to must be dates like 2026-02-26 (got ${from} and ${to})`, { status: 400 });
  }
  if (end < start) throw new CallhoundError('bad_dates', `--to (${to}) is before --from (${from})`, { status: 400 });
  const days: string[] = [];
  for (let t = start; t <= end; t += msPerDay) days.push(new Date(t).toISOString().slice(0, 10));
  if (days.length < 7) throw new CallhoundError('bad_dates', 'the date window must span at least 7 days', { status: 400 });
  return days;
}

export function buildPlan(options: PlanOptions, rng: Rng): Plan {
  const { profile } = options;
  const days = dayRange(options.from ?? profile.from, options.to ?? profile.to);
  const totalEmails = options.emails ?? profile.defaultEmails;
  const centers = planCallCenters(profile, rng.fork('centers'));
  const numbers = planNumbers(profile, centers, rng.fork('numbers'));
  scheduleNumbers(profile, days.length, centers, numbers, rng.fork('schedule'));
  const numberDays = collectNumberDays(numbers);
  connectCallCenters(centers, numbers, numberDays, rng.fork('bridges'));
  const noise = Math.round(totalEmails * profile.noiseShare);
  allocateVolumes(profile, numbers, numberDays, totalEmails - noise, rng.fork('volumes'));
  addSecondMentions(profile, numbers, numberDays, rng.fork('seconds'));
  const numberDaysByDay: number[][] = days.map(() => []);
  numberDays.forEach((nd, i) => numberDaysByDay[nd.day]!.push(i));
  const noisePerDay = days.map((_, i) => Math.floor(noise / days.length) + (i < noise % days.length ? 1 : 0));
  return { profile, seed: options.seed, days, callCenters: centers, numbers, numberDays, numberDaysByDay, noisePerDay, totalEmails };
}

// ---------------------------------------------------------------------------------------------------------
// Call centers

/** Special centers that reproduce the Talos examples; the rest are drawn at random. */
function specialCenters(profile: Profile): Array<Partial<PlannedCallCenter> & { size: number }> {
  const scale = profile.uniqueNumbers >= 500 ? 1 : 0.35;
  return [
    {
      pattern: 'paypal-rotation-block: one DID block rotated for PayPal over four days; one number carries the busiest day',
      brands: ['PayPal'],
      lineType: 'voip',
      media: 'mixed',
      size: Math.round(20 * scale),
    },
    {
      pattern: 'three-brand-block: one DID block spread over three brands with very uneven volumes per number',
      brands: ['PayPal', 'Geek Squad', 'McAfee'],
      lineType: 'voip',
      media: 'mixed',
      size: Math.round(30 * scale),
    },
    {
      pattern: 'pdf-two-brands: the same numbers in PDF lures for PayPal and Norton LifeLock, urgency as trigger',
      brands: ['PayPal', 'Norton LifeLock'],
      lineType: 'voip',
      media: 'pdf',
      size: Math.round(25 * scale),
    },
    {
      pattern: 'heic-and-jpeg: the same numbers drawn in HEIC and JPEG attachments of one brand',
      brands: ['Geek Squad'],
      lineType: 'wireless',
      media: 'image',
      imageFormats: ['heic', 'jpeg'],
      size: Math.round(15 * scale),
    },
  ];
}

function planCallCenters(profile: Profile, rng: Rng): Array<PlannedCallCenter & { size: number }> {
  const specials = specialCenters(profile);
  const regularCount = profile.callCenters - specials.length;
  if (regularCount < 1) throw new Error(`profile ${profile.name} needs more than ${specials.length} call centers`);
  const specialTotal = specials.reduce((a, s) => a + s.size, 0);
  const sizes = heavyTailedSizes(profile.uniqueNumbers - specialTotal, regularCount, 3, rng);

  const centers: Array<PlannedCallCenter & { size: number }> = [];
  const lineCounts: Record<LineType, number> = { voip: 0, wireless: 0, landline: 0 };
  const all = [
    ...specials,
    ...sizes.map((size) => ({ size }) as Partial<PlannedCallCenter> & { size: number }),
  ];
  // Line types go to the biggest centers first so that shares track the targets (and six or so of the
  // ten largest campaigns are VoIP, as Talos saw).
  const order = all.map((_, i) => i).sort((a, b) => all[b]!.size - all[a]!.size || a - b);
  const lineTypes: LineType[] = new Array<LineType>(all.length);
  for (const i of order) {
    const fixed = all[i]!.lineType;
    const chosen = fixed ?? mostBehind(profile.lineTypes, lineCounts, all[i]!.size);
    lineTypes[i] = chosen;
    lineCounts[chosen] += all[i]!.size;
  }

  all.forEach((spec, i) => {
    const brands = spec.brands ?? pickBrands(rng);
    const brandWeights =
      i === 1 ? [6, 2, 1] : brands.map((_, k) => (k === 0 ? 3 : 1));
    const language: Language =
      spec.pattern !== undefined ? 'en' : rng.weighted<Language>([['en', 70], ['de', 7], ['pt', 6], ['fr', 6], ['es', 6], ['nl', 5]]);
    const lures = pickLures(brands, i, rng);
    const media = spec.media ?? rng.weighted<'pdf' | 'image' | 'mixed'>([['mixed', 5], ['pdf', 3], ['image', 2]]);
    const imageFormats =
      spec.imageFormats ?? rng.weighted<ImageFormat[]>([[['jpeg'], 4], [['png'], 3], [['jpeg', 'png'], 2], [['heic', 'jpeg'], 1]]);
    const domains = Array.from({ length: rng.int(3, 8) }, () => throwawayDomain(rng));
    centers.push({
      id: `cc-${String(i + 1).padStart(3, '0')}`,
      brands,
      brandWeights,
      lures,
      language,
      lineType: lineTypes[i]!,
      media,
      imageFormats,
      blocks: [],
      pattern: spec.pattern ?? null,
      domains,
      size: spec.size,
    });
  });
  return centers;
}

function pickBrands(rng: Rng): BrandName[] {
  const first = rng.weighted<BrandName>([
    ['PayPal', 30],
    ['Geek Squad', 22],
    ['McAfee', 18],
    ['Norton LifeLock', 18],
    ['Microsoft', 4],
    ['Amazon', 4],
    ['Apple', 2],
    ['Coinbase', 2],
  ]);
  const brands: BrandName[] = [first];
  if (rng.chance(0.3)) {
    const second = rng.pick([...MAJOR_BRANDS, ...MINOR_BRANDS].filter((b) => b !== first));
    brands.push(second);
  }
  return brands;
}

function pickLures(brands: BrandName[], centerIndex: number, rng: Rng): BrandLure[] {
  const lures: BrandLure[] = [];
  for (const brand of brands) {
    const contexts = rng.shuffle([...BRAND_CONTEXTS[brand]]);
    const count = rng.int(1, 3);
    for (let k = 0; k < count && k < contexts.length; k += 1) {
      lures.push({ brand, lure: { context: contexts[k]!, trigger: rng.pick(TRIGGERS), cta: phoneCta(rng) } });
    }
  }
  if (centerIndex === 0) {
    // Talos: one number behind subject lines with different contexts (order confirmation and transaction
    // verification) for one brand.
    return [
      { brand: 'PayPal', lure: { context: 'order-shipping', trigger: 'confusion', cta: 'call-phone' } },
      { brand: 'PayPal', lure: { context: 'transaction-verification', trigger: 'urgency', cta: 'call-phone' } },
      { brand: 'PayPal', lure: { context: 'invoice-billing', trigger: 'fear-loss', cta: 'call-phone' } },
    ];
  }
  if (centerIndex === 2) {
    return [
      { brand: 'PayPal', lure: { context: 'invoice-billing', trigger: 'urgency', cta: 'open-attachment' } },
      { brand: 'Norton LifeLock', lure: { context: 'subscription-renewal', trigger: 'urgency', cta: 'open-attachment' } },
    ];
  }
  return lures;
}

function phoneCta(rng: Rng): LureCta {
  return rng.weighted<LureCta>([
    [CTAS[0], 70],
    ['provide-payment', 12],
    ['open-attachment', 10],
    ['reply-details', 8],
  ]);
}

const DOMAIN_WORDS = [
  'secure', 'notice', 'billing', 'alert', 'center', 'support', 'account', 'mail', 'service', 'verify', 'update',
  'desk', 'help', 'info', 'portal', 'client', 'renew', 'member', 'status', 'care', 'team', 'online', 'pay', 'shop',
];
const THROWAWAY_TLDS = ['xyz', 'top', 'info', 'online', 'shop', 'click', 'site', 'live', 'icu', 'buzz', 'com', 'net'];

export function throwawayDomain(rng: Rng): string {
  const a = rng.pick(DOMAIN_WORDS);
  let b = rng.pick(DOMAIN_WORDS);
  if (b === a) b = 'zone';
  const digits = rng.chance(0.6) ? String(rng.int(2, 999)) : '';
  const sep = rng.chance(0.3) ? '-' : '';
  return `${a}${sep}${b}${digits}.${rng.pick(THROWAWAY_TLDS)}`;
}

/** Sizes with a heavy tail (a few big campaigns, many small ones) summing exactly to `total`. */
function heavyTailedSizes(total: number, count: number, min: number, rng: Rng): number[] {
  if (total < count * min) throw new Error('too few numbers for the number of call centers');
  const weights = Array.from({ length: count }, () => Math.min(rng.pareto(1.2), 25));
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - count * min;
  const sizes = weights.map((w) => min + Math.floor((spare * w) / sum));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % count, left -= 1) sizes[i]! += 1;
  return sizes;
}

// ---------------------------------------------------------------------------------------------------------
// Blocks and numbers

function planNumbers(profile: Profile, centers: Array<PlannedCallCenter & { size: number }>, rng: Rng): PlannedNumber[] {
  const usedPrefixes = new Set<string>();
  const carrierCounts: Record<string, number> = Object.fromEntries(CARRIERS.map((c) => [c.name, 0]));
  const numbers: PlannedNumber[] = [];
  const maxBlock = centers[0]!.lineType === 'voip' && profile.uniqueNumbers >= 500 ? 40 : 25;
  centers.forEach((center, ci) => {
    const blockSizes = splitIntoBlocks(center.size, center.lineType === 'wireless' ? 10 : maxBlock, ci === 0 || ci === 1, rng);
    for (const size of blockSizes) {
      const options = carriersOf(center.lineType);
      const targets = Object.fromEntries(options.map((c) => [c.name, c.share]));
      const counts = Object.fromEntries(options.map((c) => [c.name, carrierCounts[c.name]!]));
      const carrierName = mostBehind(targets, counts, size);
      const carrier = options.find((c) => c.name === carrierName)!;
      carrierCounts[carrierName]! += size;
      const tollFree = center.lineType === 'voip' && ci !== 0 && rng.chance(profile.tollFreeShare);
      const prefix = pickBlockPrefix(rng, tollFree, usedPrefixes);
      center.blocks.push(prefix);
      for (const last4 of sequentialSuffixes(size, rng)) {
        const e164 = `${prefix}${String(last4).padStart(4, '0')}`;
        const info = checkNanp(e164);
        if (!info) throw new Error(`planned number ${e164} is not valid`);
        numbers.push({
          index: numbers.length,
          e164,
          numberType: info.numberType,
          tollFree,
          callCenter: ci,
          block: prefix,
          carrier,
          days: [],
          star: false,
        });
      }
    }
  });
  return numbers;
}

function splitIntoBlocks(size: number, maxBlock: number, single: boolean, rng: Rng): number[] {
  if (single) return [size];
  let count = Math.ceil(size / maxBlock);
  if (size >= 6 && rng.chance(0.3)) count += 1;
  const base = Math.floor(size / count);
  return Array.from({ length: count }, (_, i) => base + (i < size % count ? 1 : 0));
}

/** Sequential last-four digits within a span of 99 (one "sequential run" window), mostly step 1. */
function sequentialSuffixes(count: number, rng: Rng): number[] {
  if (count > 100) throw new Error('a block cannot hold more than 100 sequential numbers');
  const start = rng.int(0, 9899);
  const out: number[] = [];
  let current = start;
  for (let i = 0; i < count; i += 1) {
    out.push(current);
    const remaining = count - i - 1;
    const room = start + 99 - current - remaining;
    const step = room > 1 && rng.chance(0.3) ? rng.int(2, Math.min(4, room)) : 1;
    current += step;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Schedules: which days each number is active

type LifespanClass = 'short' | 'mid' | 'near';

function scheduleNumbers(
  profile: Profile,
  dayCount: number,
  centers: PlannedCallCenter[],
  numbers: PlannedNumber[],
  rng: Rng,
): void {
  const starDay = Math.min(Math.max(1, Math.floor(dayCount * 0.18)), dayCount - 3);

  // 1. Start days: each block rotates through its numbers in order over a window of at most 20 days.
  const starts = new Map<number, number>();
  const byBlock = new Map<string, PlannedNumber[]>();
  for (const n of numbers) {
    const list = byBlock.get(n.block) ?? [];
    list.push(n);
    byBlock.set(n.block, list);
  }
  for (const list of byBlock.values()) {
    const centerIndex = list[0]!.callCenter;
    let windowStart: number;
    let spread: number;
    if (centerIndex === 0) {
      windowStart = starDay - 1;
      spread = 3;
    } else {
      spread = Math.min(rng.int(3, 20), dayCount - 1);
      windowStart = rng.int(0, dayCount - 1 - spread);
    }
    list.forEach((n, k) => {
      const planned = windowStart + Math.floor(((k + rng.next()) * (spread + 1)) / list.length);
      starts.set(n.index, Math.min(windowStart + spread, planned));
    });
  }

  // 2. Which numbers live more than a day: PayPal numbers are likelier (Talos: PayPal numbers persist
  // longer than Norton LifeLock ones). The rotation block's numbers stay single-day.
  const eligible = numbers.filter((n) => n.callCenter !== 0);
  const persistence = (n: PlannedNumber): number => {
    const brands = centers[n.callCenter]!.brands;
    if (brands.includes('Norton LifeLock')) return 0.3;
    if (brands[0] === 'PayPal') return 4;
    if (brands.includes('PayPal')) return 2;
    return 1;
  };
  const ranked = eligible
    .map((n) => ({ n, key: Math.pow(rng.next(), 1 / persistence(n)) }))
    .sort((a, b) => b.key - a.key || a.n.index - b.n.index);
  const multi = ranked.slice(0, profile.multiDay).map((r) => r.n);
  if (multi.length < profile.multiDay) throw new Error('not enough numbers for the multi-day target');

  // Lifespan classes: the most persistent get the near-window lifespans.
  const classes = new Map<number, LifespanClass>();
  multi.forEach((n, i) =>
    classes.set(n.index, i < profile.nearWindow ? 'near' : i < profile.nearWindow + profile.midLifespan ? 'mid' : 'short'),
  );

  // Run lengths: consecutive reusers are spread over the classes at random.
  const runs: number[] = [];
  for (const [length, count] of Object.entries(profile.consecutiveRuns)) {
    for (let i = 0; i < count; i += 1) runs.push(Number(length));
  }
  while (runs.length < multi.length) runs.push(1);
  if (consecutiveCount(profile) > profile.multiDay) throw new Error('more consecutive reusers than multi-day numbers');
  rng.shuffle(runs);

  const nearMin = Math.max(7, dayCount - 8);
  multi.forEach((n, i) => {
    const run = runs[i]!;
    const lifespan = pickLifespan(classes.get(n.index)!, run, nearMin, dayCount, rng);
    const offsets = activeOffsets(lifespan, run, rng);
    const start = Math.min(starts.get(n.index)!, dayCount - lifespan);
    n.days = offsets.map((o) => start + o);
  });

  for (const n of numbers) if (n.days.length === 0) n.days = [starts.get(n.index)!];

  // The star: the rotation block's number that carries the busiest day.
  const rotation = numbers.filter((n) => n.callCenter === 0);
  const star = rotation[Math.floor(rotation.length / 2)]!;
  star.star = true;
  star.days = [starDay];
}

function pickLifespan(cls: LifespanClass, run: number, nearMin: number, dayCount: number, rng: Rng): number {
  if (cls === 'near') return rng.int(nearMin, dayCount - 1);
  if (cls === 'mid') return rng.int(7, Math.max(7, nearMin - 1));
  const options: Array<[number, number]> = [];
  const weights: Record<number, number> = { 2: 35, 3: 25, 4: 18, 5: 12, 6: 10 };
  for (let l = 2; l <= 6; l += 1) {
    const fits = run >= 2 ? l === run || l >= run + 2 : l >= 3;
    if (fits) options.push([l, weights[l]!]);
  }
  return rng.weighted(options);
}

/**
 * Active day offsets within a lifespan, with a longest consecutive run of exactly `run` days (1 = never two
 * days in a row) and cool-downs between the other active days.
 */
export function activeOffsets(lifespan: number, run: number, rng: Rng): number[] {
  if (run >= 2 && lifespan === run) return Array.from({ length: run }, (_, i) => i);
  const active = new Set<number>([0, lifespan - 1]);
  let runStart = -1;
  if (run >= 2) {
    runStart = rng.chance(0.5) ? 0 : lifespan - run;
    for (let i = 0; i < run; i += 1) active.add(runStart + i);
  }
  // Optional isolated days in between, never adjacent to another active day.
  for (let p = 2; p <= lifespan - 3; p += 1) {
    if (active.has(p - 1) || active.has(p) || active.has(p + 1)) continue;
    if (rng.chance(0.25)) active.add(p);
  }
  return [...active].sort((a, b) => a - b);
}

function collectNumberDays(numbers: PlannedNumber[]): NumberDay[] {
  const out: NumberDay[] = [];
  for (const n of numbers) for (const day of n.days) out.push({ number: n.index, day, emails: 0, secondaries: [] });
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Evidence that ties a center's blocks together: an email naming numbers of two blocks on the same day.

function connectCallCenters(centers: PlannedCallCenter[], numbers: PlannedNumber[], numberDays: NumberDay[], rng: Rng): void {
  const byNumber = new Map<number, NumberDay[]>();
  for (const nd of numberDays) {
    const list = byNumber.get(nd.number) ?? [];
    list.push(nd);
    byNumber.set(nd.number, list);
  }
  centers.forEach((center, ci) => {
    if (center.blocks.length < 2) return;
    const members = numbers.filter((n) => n.callCenter === ci);
    const connected = new Set<string>([center.blocks[0]!]);
    for (const block of center.blocks.slice(1)) {
      const inside = members.filter((n) => connected.has(n.block) && !n.star);
      const candidates = members.filter((n) => n.block === block && !n.star);
      let linked = false;
      for (const y of candidates) {
        for (const x of inside) {
          const shared = x.days.find((d) => y.days.includes(d));
          if (shared !== undefined) {
            const nd = byNumber.get(x.index)!.find((v) => v.day === shared)!;
            nd.secondaries.push(y.index);
            linked = true;
            break;
          }
        }
        if (linked) break;
      }
      if (!linked) {
        // Move a single-day number of this block onto a day when the connected part is active.
        const mover = candidates.find((n) => n.days.length === 1) ?? candidates[0]!;
        const x = rng.pick(inside);
        const day = rng.pick(x.days);
        if (mover.days.length === 1) {
          mover.days = [day];
          byNumber.get(mover.index)![0]!.day = day;
        } else {
          // A multi-day mover keeps its shape; link through one of its own days instead: move x's partner.
          const partner = inside.find((n) => n.days.length === 1);
          if (!partner) throw new Error(`cannot connect block ${block} of ${center.id}`);
          partner.days = [mover.days[0]!];
          byNumber.get(partner.index)![0]!.day = mover.days[0]!;
          byNumber.get(partner.index)![0]!.secondaries.push(mover.index);
          connected.add(block);
          continue;
        }
        byNumber.get(x.index)!.find((v) => v.day === day)!.secondaries.push(mover.index);
      }
      connected.add(block);
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Volumes: heavy-tailed emails per number-day, the star's day fixed at the profile's peak.

function allocateVolumes(profile: Profile, numbers: PlannedNumber[], numberDays: NumberDay[], phoneEmails: number, rng: Rng): void {
  const starIndex = numberDays.findIndex((nd) => numbers[nd.number]!.star);
  const peak = profile.peakDayEmails;
  const minimum = numberDays.length - 1 + peak;
  if (phoneEmails < minimum) {
    const needed = Math.ceil(minimum / (1 - profile.noiseShare));
    throw new CallhoundError(
      'too_few_emails',
      `profile ${profile.name} plants ${numbers.length} numbers over ${numberDays.length} number-days and needs at least ${needed} emails; use --emails ${needed} or more, or --profile small`,
      { status: 400 },
    );
  }
  const secondaryLoad = new Map<number, number>();
  for (const nd of numberDays) for (const s of nd.secondaries) secondaryLoad.set(s, (secondaryLoad.get(s) ?? 0) + 1);
  const weights = numberDays.map((nd, i) => {
    if (i === starIndex) return 0;
    const uneven = numbers[nd.number]!.callCenter === 1 ? rng.pareto(0.8) : rng.pareto(1.3);
    return Math.min(uneven, 400);
  });
  const extra = phoneEmails - minimum;
  // Leave headroom below the peak for secondary mentions (a few per number-day at most).
  const cap = peak - 4;
  const allocation = waterFill(weights, extra, (numberDays.length - 1) * (cap - 1) >= extra ? cap - 1 : Infinity);
  numberDays.forEach((nd, i) => {
    nd.emails = i === starIndex ? peak : 1 + allocation[i]!;
  });
}

/** Splits `total` into integer shares proportional to weights, none above `cap` (largest remainders). */
function waterFill(weights: number[], total: number, cap: number): number[] {
  const out = weights.map(() => 0);
  let left = total;
  let open = weights.map((w, i) => (w > 0 ? i : -1)).filter((i) => i >= 0);
  while (left > 0 && open.length > 0) {
    const sum = open.reduce((a, i) => a + weights[i]!, 0);
    const shares = open.map((i) => ({ i, exact: (left * weights[i]!) / sum }));
    let given = 0;
    for (const s of shares) {
      const room = cap - out[s.i]!;
      const take = Math.min(room, Math.floor(s.exact));
      out[s.i]! += take;
      given += take;
    }
    left -= given;
    if (given === 0) {
      // Hand out the remainders one by one, biggest fractional share first.
      shares.sort((a, b) => (b.exact % 1) - (a.exact % 1) || a.i - b.i);
      for (const s of shares) {
        if (left === 0) break;
        if (out[s.i]! < cap) {
          out[s.i]! += 1;
          left -= 1;
        }
      }
    }
    open = open.filter((i) => out[i]! < cap);
  }
  return out;
}

function addSecondMentions(profile: Profile, numbers: PlannedNumber[], numberDays: NumberDay[], rng: Rng): void {
  const activeByCenterDay = new Map<string, number[]>();
  for (const nd of numberDays) {
    const n = numbers[nd.number]!;
    if (n.star) continue;
    const key = `${n.callCenter}:${nd.day}`;
    const list = activeByCenterDay.get(key) ?? [];
    list.push(n.index);
    activeByCenterDay.set(key, list);
  }
  for (const nd of numberDays) {
    const n = numbers[nd.number]!;
    const others = (activeByCenterDay.get(`${n.callCenter}:${nd.day}`) ?? []).filter((i) => i !== n.index);
    if (others.length === 0) continue;
    const wanted = Math.min(3, Math.round(nd.emails * profile.secondNumberShare + (rng.chance(0.1) ? 1 : 0)));
    for (let k = 0; k < wanted; k += 1) nd.secondaries.push(rng.pick(others));
  }
}
