import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { CallhoundError } from '../errors.js';
import { csvField } from '../output/index.js';
import { heifEncoderAvailable } from './attachments.js';
import { AttachmentCache, composeMessage, type AttachmentMode, type Slot, type TruthAttachment, type TruthNumber, type TruthPlacement } from './compose.js';
import { buildPlan, type Plan } from './plan.js';
import { getProfile } from './profiles.js';
import { Rng } from './random.js';
import { computeStats, lifespanOf, longestRunOf, type NumberActivity, type ReportStats } from './stats.js';
import type { Decoy } from './decoys.js';
import type { Delivery, Platform } from './delivery.js';
import type { Language, Lure } from './vocabulary.js';

export { computeStats, lifespanOf, longestRunOf, median, type NumberActivity, type ReportStats } from './stats.js';
export { PROFILES, getProfile, type Profile } from './profiles.js';
export type { TruthNumber, TruthPlacement, TruthAttachment, AttachmentMode } from './compose.js';
export { DISGUISES, type Disguise } from './disguise.js';
export { DELIVERIES, SHAPES, type Delivery, type Platform, type Shape } from './delivery.js';

/**
 * `callhound generate`: plans a world of call centers (src/generate/plan.ts), writes one .eml per message
 * as it is composed, and writes the ground truth beside it (truth/messages.jsonl incrementally,
 * truth/numbers.jsonl, truth/blocks.csv and truth/summary.json at the end). Memory stays flat in the number
 * of emails: only per-number-day counters are kept. Output is byte-identical for the same options.
 */
export interface GenerateOptions {
  out: string;
  emails?: number;
  seed?: string;
  from?: string;
  to?: string;
  attachments?: AttachmentMode;
  profile?: string;
  /** Replace messages/ and truth/ if the directory already holds a corpus. */
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** One line of truth/messages.jsonl. */
export interface TruthMessage {
  file: string;
  id: string;
  messageId: string;
  date: string;
  day: string;
  lang: Language;
  from: string;
  fromDomain: string;
  subject: string;
  kind: 'phone' | 'noise';
  brand: string;
  lure: Lure;
  callCenter: string | null;
  numbers: TruthNumber[];
  decoys: Decoy[];
  attachments: TruthAttachment[];
  body: { format: string; charset: string; encoding: string };
  /** `direct`, or the TOAD technique: calendar-google, calendar-outlook, ics-attachment, platform-invoice. */
  delivery: Delivery;
  /** The genuine service abused (Google Calendar, Outlook Calendar, PayPal, QuickBooks), or null. */
  platform: Platform | null;
}

/** One line of truth/numbers.jsonl. */
export interface TruthNumberRecord {
  e164: string;
  callCenter: string;
  block: string;
  carrier: string;
  carrierCategory: string;
  ocn: string;
  lineType: string;
  numberType: string;
  tollFree: boolean;
  days: string[];
  lifespan: number;
  longestRun: number;
  emails: number;
  emailsByDay: Record<string, number>;
  brands: string[];
  star: boolean;
}

export interface PlantedCluster {
  id: string;
  pattern: string | null;
  numbers: number;
  blocks: string[];
  brands: string[];
  lineType: string;
  language: string;
  emails: number;
  firstSeen: string;
  lastSeen: string;
}

export interface CorpusSummary {
  generator: { profile: string; seed: string; from: string; to: string; attachments: AttachmentMode; emails: number };
  totals: {
    emails: number;
    phoneEmails: number;
    noiseEmails: number;
    numberMentions: number;
    attachments: Record<string, number>;
    placements: Record<string, number>;
    disguises: Record<string, number>;
    languages: Record<string, number>;
    deliveries: Record<string, number>;
    platforms: Record<string, number>;
  };
  expected: ReportStats;
  largestCampaigns: Array<{ id: string; numbers: number; lineType: string }>;
  plantedClusters: PlantedCluster[];
}

export interface GenerateResult {
  out: string;
  emails: number;
  summary: CorpusSummary;
  millis: number;
}

export const DEFAULT_SEED = 'callhound';

export async function generateCorpus(options: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const profile = getProfile(options.profile ?? 'talos');
  const seed = options.seed ?? DEFAULT_SEED;
  const attachments = options.attachments ?? 'some';
  if (options.emails !== undefined && (!Number.isInteger(options.emails) || options.emails < 1)) {
    throw new CallhoundError('bad_emails', `--emails must be a positive integer (got ${options.emails})`, { status: 400 });
  }
  const plan = buildPlan({ profile, seed, emails: options.emails, from: options.from, to: options.to }, new Rng(seed));
  if (attachments !== 'none' && plan.callCenters.some((c) => c.imageFormats.includes('heic')) && !heifEncoderAvailable()) {
    throw new CallhoundError(
      'heif_enc_missing',
      'this corpus plants HEIC attachments, which need heif-enc (apt-get install libheif-examples); or use --attachments none',
      { status: 400 },
    );
  }
  prepareOut(options.out, Boolean(options.force));

  const truthDir = path.join(options.out, 'truth');
  const messagesFd = openSync(path.join(truthDir, 'messages.jsonl'), 'w');
  const ctx = { plan, attachments, cache: new AttachmentCache() };
  const counters = new Counters(plan);
  let index = 0;
  try {
    for (let day = 0; day < plan.days.length; day += 1) {
      for (const slot of daySlots(plan, day)) {
        const composed = await composeMessage(ctx, slot, index);
        const relative = messagePath(index);
        const absolute = path.join(options.out, relative);
        if (index % 1000 === 0) mkdirSync(path.dirname(absolute), { recursive: true });
        writeFileSync(absolute, composed.bytes);
        const id = sha256(composed.bytes);
        composed.truth.attachments.forEach((a, i) => {
          a.sha256 = sha256(composed.attachmentBytes[i]!);
        });
        const record: TruthMessage = { file: relative, id, ...composed.truth };
        writeSync(messagesFd, `${JSON.stringify(record)}\n`);
        counters.add(record);
        index += 1;
        if (options.onProgress && index % 500 === 0) options.onProgress(index, plan.totalEmails);
      }
    }
  } finally {
    closeSync(messagesFd);
  }
  options.onProgress?.(index, plan.totalEmails);

  const numberRecords = counters.numberRecords();
  writeLines(path.join(truthDir, 'numbers.jsonl'), numberRecords.map((r) => JSON.stringify(r)));
  writeLines(path.join(truthDir, 'blocks.csv'), blockRegistry(plan));
  const summary = counters.summary(numberRecords, { profile: profile.name, seed, from: plan.days[0]!, to: plan.days[plan.days.length - 1]!, attachments, emails: index });
  writeFileSync(path.join(truthDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return { out: options.out, emails: index, summary, millis: Date.now() - started };
}

export function messagePath(index: number): string {
  return path.posix.join('messages', String(Math.floor(index / 1000)).padStart(4, '0'), `${String(index).padStart(7, '0')}.eml`);
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function prepareOut(out: string, force: boolean): void {
  const existing = existsSync(out) ? readdirSync(out) : [];
  if (existing.includes('messages') || existing.includes('truth')) {
    if (!force) {
      throw new CallhoundError('out_not_empty', `${out} already holds a corpus (messages/ or truth/); choose another --out or pass --force to replace it`, { status: 400 });
    }
    rmSync(path.join(out, 'messages'), { recursive: true, force: true });
    rmSync(path.join(out, 'truth'), { recursive: true, force: true });
  }
  mkdirSync(path.join(out, 'truth'), { recursive: true });
}

function writeLines(file: string, lines: string[]): void {
  writeFileSync(file, lines.length > 0 ? `${lines.join('\n')}\n` : '');
}

/** The day's messages in a shuffled, seed-determined order: every number-day's emails plus noise. */
function daySlots(plan: Plan, day: number): Slot[] {
  const slots: Slot[] = [];
  for (const ndIndex of plan.numberDaysByDay[day]!) {
    const nd = plan.numberDays[ndIndex]!;
    for (let k = 0; k < nd.emails; k += 1) slots.push({ kind: 'phone', numberDay: ndIndex, k });
  }
  for (let k = 0; k < plan.noisePerDay[day]!; k += 1) slots.push({ kind: 'noise', day, k });
  return new Rng(`${plan.seed}:day:${day}`).shuffle(slots);
}

/** A number-block registry in the shape `callhound import-blocks` reads (NPA-NXX prefix, carrier, OCN, category). */
function blockRegistry(plan: Plan): string[] {
  const rows = new Map<string, string>();
  for (const n of plan.numbers) {
    const npa = n.block.slice(2, 5);
    const nxx = n.block.slice(5, 8);
    rows.set(n.block, [`${npa}-${nxx}`, n.carrier.name, n.carrier.ocn, n.carrier.category].map(csvField).join(','));
  }
  return ['prefix,carrier,ocn,category', ...[...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row)];
}

/** Aggregates kept while streaming: O(numbers + number-days), independent of the number of emails. */
class Counters {
  private readonly mentions = new Map<string, number>();
  private readonly brands: Array<Set<string>>;
  private readonly indexByE164 = new Map<string, number>();
  private readonly centerEmails = new Map<string, number>();
  phoneEmails = 0;
  noiseEmails = 0;
  numberMentions = 0;
  attachments: Record<string, number> = {};
  placements: Record<string, number> = {};
  disguises: Record<string, number> = {};
  languages: Record<string, number> = {};
  deliveries: Record<string, number> = {};
  platforms: Record<string, number> = {};

  constructor(private readonly plan: Plan) {
    this.brands = plan.numbers.map(() => new Set<string>());
    plan.numbers.forEach((n, i) => this.indexByE164.set(n.e164, i));
  }

  add(message: TruthMessage): void {
    if (message.kind === 'noise') this.noiseEmails += 1;
    else this.phoneEmails += 1;
    this.languages[message.lang] = (this.languages[message.lang] ?? 0) + 1;
    this.deliveries[message.delivery] = (this.deliveries[message.delivery] ?? 0) + 1;
    if (message.platform) this.platforms[message.platform] = (this.platforms[message.platform] ?? 0) + 1;
    if (message.callCenter) this.centerEmails.set(message.callCenter, (this.centerEmails.get(message.callCenter) ?? 0) + 1);
    for (const a of message.attachments) this.attachments[a.type] = (this.attachments[a.type] ?? 0) + 1;
    for (const n of message.numbers) {
      this.numberMentions += 1;
      const index = this.indexByE164.get(n.e164)!;
      const key = `${index}|${message.day}`;
      this.mentions.set(key, (this.mentions.get(key) ?? 0) + 1);
      this.brands[index]!.add(message.brand);
      for (const p of n.placements) {
        this.placements[p.where] = (this.placements[p.where] ?? 0) + 1;
        this.disguises[p.disguise] = (this.disguises[p.disguise] ?? 0) + 1;
      }
    }
  }

  numberRecords(): TruthNumberRecord[] {
    const byDay: Array<Record<string, number>> = this.plan.numbers.map(() => ({}));
    for (const [key, count] of this.mentions) {
      const [index, day] = key.split('|') as [string, string];
      byDay[Number(index)]![day] = count;
    }
    return this.plan.numbers.map((n, i) => {
      const emailsByDay = Object.fromEntries(Object.entries(byDay[i]!).sort(([a], [b]) => a.localeCompare(b)));
      const days = Object.keys(emailsByDay);
      return {
        e164: n.e164,
        callCenter: this.plan.callCenters[n.callCenter]!.id,
        block: n.block,
        carrier: n.carrier.name,
        carrierCategory: n.carrier.category,
        ocn: n.carrier.ocn,
        lineType: n.carrier.lineType,
        numberType: n.numberType,
        tollFree: n.tollFree,
        days,
        lifespan: lifespanOf(days),
        longestRun: longestRunOf(days),
        emails: Object.values(emailsByDay).reduce((a, b) => a + b, 0),
        emailsByDay,
        brands: [...this.brands[i]!].sort(),
        star: n.star,
      };
    });
  }

  summary(records: TruthNumberRecord[], generator: CorpusSummary['generator']): CorpusSummary {
    const activity: NumberActivity[] = records.map((r) => ({
      e164: r.e164,
      days: r.days,
      brands: r.brands,
      lineType: r.lineType,
      carrier: r.carrier,
      emailsByDay: r.emailsByDay,
    }));
    const clusters: PlantedCluster[] = this.plan.callCenters.map((c) => {
      const members = records.filter((r) => r.callCenter === c.id);
      const days = members.flatMap((m) => m.days).sort();
      return {
        id: c.id,
        pattern: c.pattern,
        numbers: members.length,
        blocks: c.blocks,
        brands: [...new Set(members.flatMap((m) => m.brands))].sort(),
        lineType: c.lineType,
        language: c.language,
        emails: this.centerEmails.get(c.id) ?? 0,
        firstSeen: days[0] ?? '',
        lastSeen: days[days.length - 1] ?? '',
      };
    });
    const largest = [...clusters].sort((a, b) => b.numbers - a.numbers || a.id.localeCompare(b.id)).slice(0, 10);
    return {
      generator,
      totals: {
        emails: this.phoneEmails + this.noiseEmails,
        phoneEmails: this.phoneEmails,
        noiseEmails: this.noiseEmails,
        numberMentions: this.numberMentions,
        attachments: sortKeys(this.attachments),
        placements: sortKeys(this.placements),
        disguises: sortKeys(this.disguises),
        languages: sortKeys(this.languages),
        deliveries: sortKeys(this.deliveries),
        platforms: sortKeys(this.platforms),
      },
      expected: computeStats(activity),
      largestCampaigns: largest.map((c) => ({ id: c.id, numbers: c.numbers, lineType: c.lineType })),
      plantedClusters: clusters,
    };
  }
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
