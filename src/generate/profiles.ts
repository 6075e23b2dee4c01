import { CallhoundError } from '../errors.js';

/**
 * Corpus profiles: the shape of the planted world. `talos` reproduces what Cisco Talos measured between
 * 26 February and 31 March 2026 (see /docs/generator.md); `small` is the same shape scaled down for
 * tests and the demo.
 */
export interface Profile {
  name: string;
  /** Inclusive UTC days, YYYY-MM-DD. */
  from: string;
  to: string;
  defaultEmails: number;
  uniqueNumbers: number;
  /** Numbers active on more than one day. */
  multiDay: number;
  /** For numbers reused on consecutive days: how many have each longest-run length. */
  consecutiveRuns: Record<number, number>;
  /** Multi-day numbers whose lifespan is close to the whole window ("a handful nearly a month"). */
  nearWindow: number;
  /** Multi-day numbers with a mid-length lifespan (7 days up to nearWindow); the rest live 2–6 days. */
  midLifespan: number;
  callCenters: number;
  /** The busiest number-day (Talos: one number in 117 emails in a single day). */
  peakDayEmails: number;
  /** Target shares of numbers by line type. */
  lineTypes: { voip: number; wireless: number; landline: number };
  /** Share of VoIP blocks that are toll-free numbers. */
  tollFreeShare: number;
  /** Share of emails that are ordinary phishing without any phone number. */
  noiseShare: number;
  /** Share of phone emails that also name a second number of the same call center. */
  secondNumberShare: number;
  /** With --attachments some: share of phone emails that carry an attachment. */
  attachmentShare: number;
}

export const PROFILES: Record<string, Profile> = {
  talos: {
    name: 'talos',
    from: '2026-02-26',
    to: '2026-03-31',
    defaultEmails: 12_000,
    uniqueNumbers: 1652,
    multiDay: 108,
    consecutiveRuns: { 2: 41, 3: 12, 4: 4 },
    nearWindow: 5,
    midLifespan: 22,
    callCenters: 60,
    peakDayEmails: 117,
    lineTypes: { voip: 0.6, wireless: 0.27, landline: 0.13 },
    tollFreeShare: 0.15,
    noiseShare: 0.08,
    secondNumberShare: 0.03,
    attachmentShare: 0.3,
  },
  small: {
    name: 'small',
    from: '2026-03-01',
    to: '2026-03-14',
    defaultEmails: 300,
    uniqueNumbers: 60,
    multiDay: 14,
    consecutiveRuns: { 2: 5, 3: 2, 4: 1 },
    nearWindow: 1,
    midLifespan: 2,
    callCenters: 6,
    peakDayEmails: 20,
    lineTypes: { voip: 0.6, wireless: 0.27, landline: 0.13 },
    tollFreeShare: 0.15,
    noiseShare: 0.08,
    secondNumberShare: 0.05,
    attachmentShare: 0.4,
  },
};

export function getProfile(name: string): Profile {
  const profile = PROFILES[name];
  if (!profile) {
    throw new CallhoundError('bad_profile', `unknown profile "${name}" (known: ${Object.keys(PROFILES).join(', ')})`, {
      status: 400,
    });
  }
  return profile;
}

export function consecutiveCount(profile: Profile): number {
  return Object.values(profile.consecutiveRuns).reduce((a, b) => a + b, 0);
}
