import type { ScenarioEmail } from '../test/helpers/hunt-graph.js';

/**
 * The seeded synthetic corpus of the graph benchmarks (bench:hunts, bench:analyze, npm run load), shaped like
 * the Talos study: DID blocks with sequential runs, heavy-tailed volume per number, reuse on consecutive days,
 * cool-downs, several brands, templates and attachment types per number.
 */
/** Small seeded PRNG (mulberry32) so every bench run measures the same graph. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const brands = ['PayPal', 'Geek Squad', 'McAfee', 'Norton LifeLock', 'Amazon', 'Microsoft'];
const contexts = ['subscription-renewal', 'invoice', 'account-security', 'order-confirmation', 'tech-support', 'refund', 'cancelation', 'transaction-verification'];
const triggers = ['urgency', 'fear', 'confusion', 'relief', 'curiosity'];
const types = ['pdf', 'pdf', 'pdf', 'jpeg', 'png', 'heic', 'docx'];
const areaCodes = ['804', '202', '310', '646', '703', '415', '512', '917', '213', '305', '312', '470', '617', '718', '832'];
const firstDay = Date.UTC(2026, 1, 26);
const dayCount = 34;
const isoDay = (offset: number): string => new Date(firstDay + offset * 86_400_000).toISOString().slice(0, 10);

interface SyntheticNumber {
  e164: string;
  brand: string;
  days: number[];
  weight: number;
  templates: string[];
}

/** The synthetic corpus: numbers bought in blocks, used in campaigns of a few days, volume heavy-tailed. */
export function scenario(total: number): ScenarioEmail[] {
  const random = rng(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const numbers: SyntheticNumber[] = [];
  const targetNumbers = Math.round(total / 12);
  while (numbers.length < targetNumbers) {
    const prefix = `+1${pick(areaCodes)}${200 + Math.floor(random() * 799)}`;
    const base = Math.floor(random() * 9000);
    const brand = pick(brands);
    const blockSize = 1 + Math.floor(random() * random() * 10);
    const campaignStart = Math.floor(random() * dayCount);
    for (let i = 0; i < blockSize; i += 1) {
      const last4 = base + i * (1 + Math.floor(random() * 6));
      if (last4 > 9999) break;
      const start = Math.min(dayCount - 1, campaignStart + Math.floor(random() * 4));
      const length = random() < 0.9 ? 1 : 2 + Math.floor(random() * 4);
      const days = Array.from({ length }, (_, d) => start + d).filter((d) => d < dayCount);
      if (random() < 0.08) days.push(Math.min(dayCount - 1, (days.at(-1) ?? start) + 3 + Math.floor(random() * 20)));
      const template = `${pick(['Your', 'Order', 'Invoice', 'Renewal', 'Alert'])} ${brand} ${pick(['#{n}', 'notice {n}', 'receipt'])}`;
      numbers.push({ e164: `${prefix}${String(last4).padStart(4, '0')}`, brand: random() < 0.05 ? pick(brands) : brand, days: [...new Set(days)], weight: 1 / (0.02 + random()) ** 1.6, templates: [template, `${template} (2)`] });
    }
  }
  const unique = [...new Map(numbers.map((n) => [n.e164, n])).values()];
  const weights = unique.map((n) => n.weight);
  const sum = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w, i) => ((cumulative[i] = (acc + w) / sum), acc + w), 0);
  const draw = (): SyntheticNumber => {
    const r = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < r) lo = mid + 1;
      else hi = mid;
    }
    return unique[lo] as SyntheticNumber;
  };
  const emails: ScenarioEmail[] = [];
  for (let i = 0; i < total; i += 1) {
    const number = draw();
    const day = isoDay(pick(number.days));
    const mentions = [{ e164: number.e164, where: [random() < 0.25 ? pick(['pdf', 'image']) : 'body'] }];
    if (random() < 0.08) {
      const other = draw();
      if (other.e164 !== number.e164) mentions.push({ e164: other.e164, where: ['body'] });
    }
    const attachment = mentions[0]?.where[0] !== 'body' || random() < 0.1 ? [{ sha256: random() < 0.02 ? `shared-${Math.floor(random() * 50)}` : `att-${i}`, type: pick(types) }] : [];
    emails.push({
      id: `bench-${i}`,
      day,
      brand: random() < 0.03 ? pick(brands) : number.brand,
      subjectTemplate: pick(number.templates),
      context: pick(contexts),
      trigger: pick(triggers),
      cta: 'call-phone',
      numbers: mentions,
      attachments: attachment,
    });
  }
  return emails;
}
