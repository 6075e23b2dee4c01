import { createHash } from 'node:crypto';
import type { NumberType, Observation, ObservedLure } from '../../src/extract/observation.js';

/** Observations with a known structure, built by the tests (no real messages needed). */

export const hash = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface PlannedEmail {
  key: string;
  date?: string | null;
  numbers?: (string | [string, NumberType])[];
  brand?: string;
  brands?: string[];
  lure?: ObservedLure;
  attachments?: { name: string; type: string; content: string }[];
  domain?: string | null;
  issues?: number;
  subject?: string;
  subjectTemplate?: string;
}

export function observation(plan: PlannedEmail): Observation {
  const obs: Observation = {
    file: `${plan.key}.eml`,
    id: hash(`message ${plan.key}`),
    messageId: `<${plan.key}@example.test>`,
    subject: plan.subject ?? `Subject of ${plan.key}`,
    from: `billing@${plan.domain ?? 'example.test'}`,
    fromDomain: plan.domain === undefined ? 'example.test' : plan.domain,
    date: plan.date === undefined ? '2026-03-03T10:00:00Z' : plan.date,
    numbers: (plan.numbers ?? []).map((n) => {
      const [e164, type] = Array.isArray(n) ? n : [n, 'FIXED_LINE_OR_MOBILE' as NumberType];
      return { e164, country: 'US', type, where: ['body'], raw: [e164], obfuscated: false, confidence: 0.9 };
    }),
    attachments: (plan.attachments ?? []).map((a) => ({ filename: a.name, type: a.type, bytes: a.content.length, sha256: hash(a.content), textChars: 0, sniffedMime: `application/${a.type}` })),
    issues: Array.from({ length: plan.issues ?? 0 }, (_, i) => ({ code: `issue-${i}`, message: 'test issue' })),
  };
  if (plan.brands || plan.brand) {
    const names = plan.brands ?? [plan.brand as string];
    obs.brands = names.map((name, i) => ({ name, where: ['body'], confidence: 0.9 - i * 0.1 }));
    obs.brand = plan.brand ?? names[0] ?? null;
  }
  if (plan.lure) obs.lure = plan.lure;
  if (plan.subjectTemplate) obs.subjectTemplate = plan.subjectTemplate;
  return obs;
}

export const orderLure: ObservedLure = {
  context: 'order-confirmation',
  trigger: 'urgency',
  cta: 'call-phone',
  confidence: 0.8,
  byLayer: {
    body: { context: 'order-confirmation', trigger: 'urgency', cta: 'call-phone', confidence: 0.7 },
    subject: { context: 'order-confirmation', trigger: null, cta: null, confidence: 0.4 },
  },
};

/**
 * Five emails: e1 and e2 share N1 and an attachment; e3 has N3 (next to N1 in its block); e4 is undated with
 * no sender domain; e5 has no number. Expected graph written out in the ingest test.
 */
export const smallCorpus: Observation[] = [
  observation({ key: 'e1', date: '2026-03-03T09:00:00Z', numbers: [['+18047134598', 'VOIP'], '+12025550143'], brands: ['PayPal', 'Norton LifeLock'], lure: orderLure, attachments: [{ name: 'invoice.pdf', type: 'pdf', content: 'A1' }], domain: 'scam-one.test' }),
  observation({ key: 'e2', date: '2026-03-04T09:00:00Z', numbers: [['+18047134598', 'VOIP']], brand: 'PayPal', attachments: [{ name: 'invoice.pdf', type: 'pdf', content: 'A1' }, { name: 'photo.heic', type: 'heic', content: 'A2' }], domain: 'scam-one.test' }),
  observation({ key: 'e3', date: '2026-03-04T22:00:00Z', numbers: ['+18047134599'], domain: 'scam-two.test' }),
  observation({ key: 'e4', date: null, numbers: [['+13125550100', 'MOBILE']], domain: null, issues: 2 }),
  observation({ key: 'e5', date: '2026-03-05T09:00:00Z', domain: 'scam-two.test' }),
];
