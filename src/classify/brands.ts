/**
 * Brand recognition: which brands a message names, where, and which one it most likely impersonates.
 *
 * Matching works on token skeletons (see normalize.ts), so case, accents, look-alike letters, digit swaps
 * and invisible characters do not hide a brand. Tokens may be joined to undo spacing tricks (`P a y P a l`,
 * `Pay-Pal`), and single words within a small edit distance of a brand alias count as light misspellings
 * (`Lifelok`), unless they are ordinary words (the fuzzy guard list).
 */
import type { BrandPlacement, ObservedBrand } from '../extract/observation.js';
import { readDataJson } from './data-files.js';
import { damerauLevenshtein, jaroWinkler } from './natural.js';
import { analyseText, foldText, skeleton, tokenize, type Token } from './normalize.js';

interface BrandRecord {
  name: string;
  category: string;
  aliases: string[];
  weak: string[];
  context: string[];
  domains: string[];
}

interface AliasEntry {
  brand: number;
  alias: string;
  /** Number of words the alias itself has (`Geek Squad` = 2). */
  words: number;
  weak: boolean;
  /** Weak all-caps aliases (`ING`, `UPS`) must be written in capitals; other weak ones capitalised. */
  allCaps: boolean;
}

/** How a brand was found; each kind has its own weight. */
export type MatchKind = 'alias' | 'weak' | 'fuzzy' | 'split' | 'domain';

export interface BrandHit {
  brand: string;
  kind: MatchKind;
  where: BrandPlacement;
  /** The text that matched, as written (after folding). */
  text: string;
}

interface BrandIndex {
  brands: BrandRecord[];
  /** Compact skeleton of an alias (words joined without spaces) → entries. */
  aliases: Map<string, AliasEntry[]>;
  /** Every prefix of every compact skeleton, to stop joining tokens early. */
  prefixes: Set<string>;
  longest: number;
  /** Strong aliases eligible for fuzzy matching, by first letter of their skeleton. */
  fuzzyByFirst: Map<string, Array<{ key: string; entry: AliasEntry }>>;
  /** Multi-word aliases by the skeleton of their first word, for fuzzy matching of word pairs. */
  multiByFirstWord: Map<string, Array<{ key: string; entry: AliasEntry }>>;
  /** Registrable sender-domain labels (`paypal` of paypal.com) → brand index. */
  domainLabels: Map<string, number>;
  /** Ordinary words that must never count as a misspelt brand. */
  guard: Set<string>;
  contextPrefixes: string[][];
}

const KIND_WEIGHT: Record<MatchKind, number> = { alias: 1, split: 0.8, fuzzy: 0.7, weak: 0.6, domain: 0.5 };
const WHERE_WEIGHT: Record<BrandPlacement, number> = { subject: 3, sender: 2.5, attachment: 2, body: 1 };
/** Footer-style brands (social links, card logos) rarely are the impersonated one when only in the body. */
const BODY_CATEGORY_FACTOR: Record<string, number> = { social: 0.35, card: 0.5 };
/** Extra weight for repeated mentions in one place, capped. */
const REPEAT_BONUS = 0.25;
const REPEAT_CAP = 1;
/** Below this evidence no brand is called primary (one footer link is not an impersonation). */
export const PRIMARY_MIN_SCORE = 0.5;

const FUZZY_MIN_LENGTH = 6;
const FUZZY_JARO_WINKLER_MIN = 0.88;
const MAX_SPACED_LETTERS = 24;
/** Boilerplate that names a brand without impersonating it. */
const BOILERPLATE = [
  /sent from my (iphone|ipad|galaxy|samsung|android)/gi,
  /(enviado do meu|enviado desde mi|envoye de mon|von meinem) (iphone|ipad|android|samsung)( gesendet)?/gi,
  /get outlook for (ios|android)/gi,
  /sent from (outlook|mail for windows|yahoo mail)/gi,
  /download on the app store|get it on google play/gi,
];

const URL = /\b(?:https?:\/\/|www\.)[^\s\])>"']+/gi;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** Aliases this short match only as written (no i/l or digit look-alikes): `ANTAI` must not match `antal`. */
const SHORT_ALIAS = 5;

let index: BrandIndex | null = null;

function compactSkeletons(text: string): string[] {
  const tokens = tokenize(foldText(text));
  const withDigits = tokens.map((t) => skeleton(t.lower)).join('');
  const plain = tokens.map((t) => skeletonNoDigits(t.lower)).join('');
  return withDigits === plain ? [plain] : [plain, withDigits];
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

function skeletonNoDigits(lower: string): string {
  // Only differs from skeleton() for words with digits; avoid the three replaces for the rest.
  return hasDigit(lower) ? lower.replace(/i/g, 'l').replace(/rn/g, 'm').replace(/vv/g, 'w') : skeleton(lower);
}

function buildIndex(): BrandIndex {
  const data = readDataJson<{ brands: BrandRecord[] }>('brands.json');
  const guardData = readDataJson<{ words: string[] }>('brand-fuzzy-guard.json');
  const idx: BrandIndex = {
    brands: data.brands,
    aliases: new Map(),
    prefixes: new Set(),
    longest: 0,
    fuzzyByFirst: new Map(),
    multiByFirstWord: new Map(),
    domainLabels: new Map(),
    guard: new Set(guardData.words.map((w) => skeleton(w.toLowerCase()))),
    contextPrefixes: data.brands.map((b) => b.context.map((c) => c.toLowerCase())),
  };
  data.brands.forEach((brand, b) => {
    const all = [...brand.aliases.map((a) => ({ a, weak: false })), ...brand.weak.map((a) => ({ a, weak: true }))];
    for (const { a, weak } of all) {
      const words = tokenize(foldText(a));
      if (words.length === 0) continue;
      const entry: AliasEntry = { brand: b, alias: a, words: words.length, weak, allCaps: a === a.toUpperCase() };
      for (const key of compactSkeletons(a)) {
        const list = idx.aliases.get(key) ?? [];
        list.push(entry);
        idx.aliases.set(key, list);
        for (let i = 1; i <= key.length; i++) idx.prefixes.add(key.slice(0, i));
        idx.longest = Math.max(idx.longest, key.length);
        if (!weak && key.length >= FUZZY_MIN_LENGTH && /^[a-z]+$/.test(key)) {
          const first = key[0] as string;
          const bucket = idx.fuzzyByFirst.get(first) ?? [];
          bucket.push({ key, entry });
          idx.fuzzyByFirst.set(first, bucket);
        }
        if (!weak && words.length >= 2) {
          const firstWord = skeleton((words[0] as Token).lower);
          const list2 = idx.multiByFirstWord.get(firstWord) ?? [];
          list2.push({ key, entry });
          idx.multiByFirstWord.set(firstWord, list2);
        }
      }
    }
    for (const domain of brand.domains) {
      const label = domain.toLowerCase().split('.')[0];
      if (label && label.length >= 3) idx.domainLabels.set(label, b);
    }
  });
  return idx;
}

function getIndex(): BrandIndex {
  index ??= buildIndex();
  return index;
}

/** The skeleton forms of a token: with digits read as letters, and without (for `norton360`). */
function tokenKeys(t: Token): string[] {
  const a = skeleton(t.lower);
  if (!hasDigit(t.lower)) return [a];
  const b = skeletonNoDigits(t.lower);
  return a === b ? [a] : [a, b];
}

interface TokenInfo {
  keys: string[];
  /** Some skeleton of the word is the start of an alias. */
  startsAlias: boolean;
  fuzzy: AliasEntry | null;
  multi: Array<{ key: string; entry: AliasEntry }> | undefined;
}

/** Per distinct lower-case word, what brand matching needs to know about it. */
const tokenInfos = new Map<string, TokenInfo>();
const TOKEN_INFO_MAX = 100_000;

function tokenInfo(idx: BrandIndex, lower: string): TokenInfo {
  let info = tokenInfos.get(lower);
  if (info === undefined) {
    const keys = tokenKeys({ text: lower, lower, start: 0, end: lower.length });
    const key = keys[0] as string;
    info = {
      keys,
      startsAlias: keys.some((k) => idx.prefixes.has(k)),
      fuzzy: fuzzyAlias(idx, key),
      multi: idx.multiByFirstWord.get(key),
    };
    if (tokenInfos.size >= TOKEN_INFO_MAX) tokenInfos.clear();
    tokenInfos.set(lower, info);
  }
  return info;
}

const fuzzyCache = new Map<string, AliasEntry | null>();
const FUZZY_CACHE_MAX = 50_000;

/** Edits allowed for a light misspelling: two only for long single-word names (`Malwarebytes`). */
function maxDistance(length: number, words = 1): number {
  return length >= 9 && words === 1 ? 2 : 1;
}

/** A strong alias within a small edit distance of this single word, or null. */
function fuzzyAlias(idx: BrandIndex, key: string): AliasEntry | null {
  if (key.length < FUZZY_MIN_LENGTH - 1 || !idx.fuzzyByFirst.has(key[0] as string)) return null;
  const cached = fuzzyCache.get(key);
  if (cached !== undefined) return cached;
  let found: AliasEntry | null = null;
  if (key.length >= FUZZY_MIN_LENGTH - 1 && /^[a-z]+$/.test(key) && !idx.guard.has(key)) {
    for (const { key: aliasKey, entry } of idx.fuzzyByFirst.get(key[0] as string) ?? []) {
      const limit = maxDistance(aliasKey.length, entry.words);
      if (Math.abs(aliasKey.length - key.length) > limit) continue;
      // Jaro–Winkler is ~20× cheaper than natural's Damerau–Levenshtein: use it to skip hopeless pairs.
      if (jaroWinkler(key, aliasKey) < FUZZY_JARO_WINKLER_MIN) continue;
      if (damerauLevenshtein(key, aliasKey) <= limit) {
        found = entry;
        break;
      }
    }
  }
  if (fuzzyCache.size >= FUZZY_CACHE_MAX) fuzzyCache.clear();
  fuzzyCache.set(key, found);
  return found;
}

function isCapitalised(t: Token): boolean {
  const c = t.text[0] ?? '';
  return c !== c.toLowerCase();
}

function isAllCaps(t: Token): boolean {
  return t.text === t.text.toUpperCase() && t.text !== t.text.toLowerCase();
}

/** Separator between two tokens: tight (`-`, `.`, `_`, nothing) or a short run of spaces. */
function separator(folded: string, a: Token, b: Token): 'tight' | 'space' | 'other' {
  const sep = folded.slice(a.end, b.start);
  if (sep.length <= 2 && !/\s/.test(sep)) return 'tight';
  if (/^[ \t]{1,3}$/.test(sep)) return 'space';
  return 'other';
}

/**
 * Is joining tokens [i, j] into one alias a believable spelling of it? Natural word breaks of multi-word
 * aliases are; so are letter-by-letter spacing (`P a y P a l`) and punctuation joins (`Pay-Pal`). Capitalised
 * pieces (`Pay Pal`, `Norton Life Lock`) count, with less weight; `pay pal` in lower case does not.
 */
function joinKind(folded: string, tokens: Token[], i: number, j: number, entry: AliasEntry): MatchKind | null {
  const k = j - i + 1;
  if (k <= entry.words) return 'alias';
  let allSingle = true;
  let allTight = true;
  for (let m = i; m <= j; m++) {
    const t = tokens[m] as Token;
    if (t.text.length !== 1) allSingle = false;
    if (m > i) {
      const sep = separator(folded, tokens[m - 1] as Token, t);
      if (sep === 'other') return null;
      if (sep !== 'tight') allTight = false;
    }
  }
  if (allTight) return 'alias';
  if (allSingle && k >= 3) return 'split';
  // Capitalised pieces (`Pay Pal`, `Norton Life Lock`); `pay pal` in lower case is ordinary text.
  for (let m = i; m <= j; m++) if (!isCapitalised(tokens[m] as Token)) return null;
  return 'split';
}

/** Tokens outside the given spans (one walk over both, sorted by position). */
function withoutSpans(tokens: Token[], spans: Array<[number, number]>): Token[] {
  spans.sort((x, y) => x[0] - y[0]);
  const out: Token[] = [];
  let s = 0;
  for (const t of tokens) {
    while (s < spans.length && (spans[s] as [number, number])[1] <= t.start) s++;
    const span = spans[s];
    if (span && t.start >= span[0] && t.end <= span[1]) continue;
    out.push(t);
  }
  return out;
}

function writtenAsAlias(tokens: Token[], i: number, j: number, entry: AliasEntry): boolean {
  let joined = '';
  for (let m = i; m <= j; m++) joined += (tokens[m] as Token).lower;
  return joined === entry.alias.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

interface LayerText {
  where: BrandPlacement;
  text: string;
}

/** Raw hits in one piece of text, before context checks. */
function scanText(idx: BrandIndex, text: string, where: BrandPlacement, hits: Array<BrandHit & { entry: AliasEntry; token: Token }>): void {
  const analysis = analyseText(text);
  const folded = analysis.folded;
  // Skip boilerplate ("Sent from my iPhone") and, in bodies, links and addresses: they name whatever hosts
  // a tracker, a font or a mailbox (google, hotmail), not the brand of the lure.
  const skip: Array<[number, number]> = [];
  const patterns = [...BOILERPLATE];
  if (where === 'body' || where === 'attachment') {
    patterns.push(URL);
    if (folded.includes('@')) patterns.push(EMAIL);
  }
  for (const re of patterns) for (const m of folded.matchAll(re)) skip.push([m.index, m.index + m[0].length]);
  const tokens = skip.length === 0 ? analysis.tokens : withoutSpans(analysis.tokens, skip);
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i] as Token;
    const info = tokenInfo(idx, first.lower);
    // Most words start no alias, are no misspelling and begin no two-word alias: one lookup decides.
    if (!info.startsAlias && info.fuzzy === null && info.multi === undefined) continue;
    let matched = false;
    // Exact (skeleton) matches, single token or joined tokens, longest first wins.
    const keys = info.keys;
    let best: { entry: AliasEntry; j: number; kind: MatchKind } | null = null;
    for (const start of info.startsAlias ? keys : []) {
      let joined = start;
      for (let j = i; j < tokens.length && j - i < MAX_SPACED_LETTERS; j++) {
        if (j > i) {
          const t = tokens[j] as Token;
          joined += skeleton(t.lower);
        }
        if (joined.length > idx.longest || !idx.prefixes.has(joined)) break;
        for (const entry of idx.aliases.get(joined) ?? []) {
          if (joined.length <= SHORT_ALIAS && !writtenAsAlias(tokens, i, j, entry)) continue;
          const kind = joinKind(folded, tokens, i, j, entry);
          if (!kind) continue;
          if (!best || j > best.j) best = { entry, j, kind: entry.weak && kind === 'alias' ? 'weak' : kind };
        }
      }
    }
    if (best) {
      const span = folded.slice(first.start, (tokens[best.j] as Token).end);
      hits.push({ brand: idx.brands[best.entry.brand]?.name ?? '', kind: best.kind, where, text: span, entry: best.entry, token: first });
      i = best.j;
      matched = true;
    }
    if (matched) continue;
    // Light misspelling of a single-word alias (`Lifelok`), or of a two-word one (`Geek Squard`).
    const key = keys[0] as string;
    const fuzzy = info.fuzzy;
    if (fuzzy) {
      hits.push({ brand: idx.brands[fuzzy.brand]?.name ?? '', kind: 'fuzzy', where, text: first.text, entry: fuzzy, token: first });
      continue;
    }
    const next = tokens[i + 1];
    const multi = info.multi;
    if (multi && next && next.lower.length >= 4 && separator(folded, first, next) !== 'other') {
      const pair = key + skeleton(next.lower);
      for (const { key: aliasKey, entry } of multi) {
        if (entry.words !== 2) continue;
        const limit = maxDistance(aliasKey.length);
        if (
          Math.abs(aliasKey.length - pair.length) <= limit &&
          jaroWinkler(pair, aliasKey) >= FUZZY_JARO_WINKLER_MIN &&
          damerauLevenshtein(pair, aliasKey) <= limit
        ) {
          hits.push({ brand: idx.brands[entry.brand]?.name ?? '', kind: 'fuzzy', where, text: folded.slice(first.start, next.end), entry, token: first });
          i += 1;
          break;
        }
      }
    }
  }
}

/** Words of the whole message, for the context check of weak aliases. */
function messageWords(texts: LayerText[]): string[] {
  const words = new Set<string>();
  for (const { text } of texts) for (const t of analyseText(text).tokens) words.add(t.lower);
  return [...words];
}

function hasContext(idx: BrandIndex, brand: number, alias: string, words: string[]): boolean {
  const prefixes = idx.contextPrefixes[brand] ?? [];
  const own = alias.toLowerCase();
  return words.some((w) => w !== own && prefixes.some((p) => w.startsWith(p)));
}

const FREEMAIL = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'ymail.com',
  'aol.com', 'icloud.com', 'me.com', 'mail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'proton.me',
  'protonmail.com', 'yandex.com', 'yandex.ru', 'zoho.com', 'uol.com.br', 'bol.com.br', 'terra.com.br',
  'orange.fr', 'free.fr', 'wanadoo.fr', 'libero.it', 't-online.de', 'hotmail.fr', 'hotmail.co.uk', 'yahoo.co.uk',
]);

/** Sender address evidence: a brand name in the domain's labels or in the local part (`paypal-service@…`). */
function senderAddressHits(idx: BrandIndex, address: string): BrandHit[] {
  const hits: BrandHit[] = [];
  const lower = address.toLowerCase();
  const at = lower.lastIndexOf('@');
  const domain = at >= 0 ? lower.slice(at + 1) : '';
  // A free-mail domain says nothing about the brand (gmail.com is not Google impersonation); its local part may.
  const domainLabels = domain && !FREEMAIL.has(domain) ? domain.split(/[.-]/) : [];
  const localPart = at >= 0 ? lower.slice(0, at) : lower;
  const parts = localPart.split(/[^a-z0-9]+/).filter(Boolean);
  const seen = new Set<number>();
  for (const part of [...domainLabels, ...parts]) {
    const b = idx.domainLabels.get(part) ?? idx.aliases.get(skeleton(part))?.find((e) => !e.weak)?.brand;
    if (b === undefined || seen.has(b)) continue;
    seen.add(b);
    hits.push({ brand: idx.brands[b]?.name ?? '', kind: 'domain', where: 'sender', text: part });
  }
  return hits;
}

export interface BrandInput {
  subject: string;
  body: string;
  attachmentText: string;
  fromName: string | null;
  fromAddress: string | null;
}

export interface BrandResult {
  brands: ObservedBrand[];
  brand: string | null;
  hits: BrandHit[];
}

/** Longest text scanned per layer: enough for any lure, bounded cost on huge attachments. */
const MAX_LAYER_CHARS = 30_000;

function clip(text: string): string {
  return text.length > MAX_LAYER_CHARS ? text.slice(0, MAX_LAYER_CHARS) : text;
}

/** Find every brand a message names and pick the primary (most evidenced) one. */
/** `exclude`: brands whose mentions a delivery platform's boilerplate explains; they cannot be the primary. */
export function findBrands(input: BrandInput, exclude?: ReadonlySet<string>): BrandResult {
  const idx = getIndex();
  const texts: LayerText[] = [
    { where: 'subject', text: input.subject },
    { where: 'sender', text: input.fromName ?? '' },
    { where: 'body', text: clip(input.body) },
    { where: 'attachment', text: clip(input.attachmentText) },
  ];
  const raw: Array<BrandHit & { entry: AliasEntry; token: Token }> = [];
  for (const t of texts) if (t.text) scanText(idx, t.text, t.where, raw);

  let words: string[] | null = null;
  const hits: BrandHit[] = [];
  for (const h of raw) {
    if (h.entry.weak) {
      const ok = h.entry.allCaps ? isAllCaps(h.token) : isCapitalised(h.token);
      if (!ok) continue;
      words ??= messageWords(texts);
      if (!hasContext(idx, h.entry.brand, h.entry.alias, words)) continue;
    }
    hits.push({ brand: h.brand, kind: h.kind, where: h.where, text: h.text });
  }
  if (input.fromAddress) hits.push(...senderAddressHits(idx, input.fromAddress));
  return scoreBrands(idx, exclude === undefined || exclude.size === 0 ? hits : hits.filter((h) => !exclude.has(h.brand)));
}

function scoreBrands(idx: BrandIndex, hits: BrandHit[]): BrandResult {
  const category = new Map(idx.brands.map((b) => [b.name, b.category]));
  // brand → where → best weight and count
  const per = new Map<string, Map<BrandPlacement, { best: number; count: number }>>();
  for (const h of hits) {
    let w = KIND_WEIGHT[h.kind];
    if (h.where === 'body' || h.where === 'attachment') w *= BODY_CATEGORY_FACTOR[category.get(h.brand) ?? ''] ?? 1;
    const places = per.get(h.brand) ?? new Map<BrandPlacement, { best: number; count: number }>();
    const cur = places.get(h.where) ?? { best: 0, count: 0 };
    cur.best = Math.max(cur.best, w);
    cur.count += 1;
    places.set(h.where, cur);
    per.set(h.brand, places);
  }
  const scored: Array<{ name: string; where: BrandPlacement[]; score: number; order: number }> = [];
  let order = 0;
  for (const [name, places] of per) {
    let score = 0;
    for (const [where, { best, count }] of places) {
      score += WHERE_WEIGHT[where] * best * (1 + Math.min(REPEAT_CAP, REPEAT_BONUS * (count - 1)));
    }
    const where = (['subject', 'sender', 'body', 'attachment'] as BrandPlacement[]).filter((w) => places.has(w));
    scored.push({ name, where, score, order: order++ });
  }
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  const brands = scored.map((s) => ({
    name: s.name,
    where: s.where,
    confidence: Math.round(Math.min(0.99, 1 - Math.exp(-s.score / 1.5)) * 100) / 100,
  }));
  const top = scored[0];
  return { brands, brand: top && top.score >= PRIMARY_MIN_SCORE ? top.name : null, hits };
}

/** For tests and the guard-list generator: the single-word fuzzy check with the guard list bypassed. */
export function fuzzyBrandOf(word: string, useGuard = true): string | null {
  const idx = getIndex();
  const key = skeleton(foldText(word).toLowerCase());
  if (!useGuard) {
    const saved = idx.guard;
    idx.guard = new Set();
    fuzzyCache.delete(key);
    const found = fuzzyAlias(idx, key);
    idx.guard = saved;
    fuzzyCache.delete(key);
    return found ? (idx.brands[found.brand]?.name ?? null) : null;
  }
  const found = fuzzyAlias(idx, key);
  return found ? (idx.brands[found.brand]?.name ?? null) : null;
}

export function brandNames(): string[] {
  return getIndex().brands.map((b) => b.name);
}

/** The brand a single word names exactly (through look-alike folding), or null. */
export function exactBrandOf(word: string): string | null {
  const idx = getIndex();
  const lower = foldText(word).toLowerCase();
  const entry = [skeleton(lower), skeletonNoDigits(lower)].map((k) => idx.aliases.get(k)?.[0]).find(Boolean);
  return entry ? (idx.brands[entry.brand]?.name ?? null) : null;
}
