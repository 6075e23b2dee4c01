/**
 * Lure classification (docs/definitions.md): business context, psychological trigger and call to action,
 * per layer (subject, body, attachment) and for the whole message.
 *
 * Two kinds of evidence are combined per head:
 * - natural's BayesClassifier, trained once (lazily) on src/classify/data/lures.train.json;
 * - stemmed keywords per language (src/classify/data/lure-keywords.json), plus the presence of a phone
 *   number or a link for the call to action.
 */
import { readDataJson } from './data-files.js';
import { LURE_HEADS, LURE_VALUES, type LureHead } from './lure-values.js';
import { BayesClassifier, stemmers, type NaturalBayesClassifier } from './natural.js';
import { analyseText } from './normalize.js';

export type Lang = 'en' | 'de' | 'pt' | 'nl' | 'fr' | 'es';
export const KEYWORD_LANGS: readonly Lang[] = ['en', 'de', 'pt', 'nl', 'fr', 'es'];

export interface LabelledText {
  text: string;
  lang: string;
  context: string;
  trigger: string;
  cta: string;
}

/** Probability per value of one head; values in LURE_VALUES order. */
export type Distribution = Record<string, number>;

export interface HeadVerdict {
  value: string | null;
  confidence: number;
  distribution: Distribution;
  /** Distinct keywords found for this head (0 when the verdict rests on the classifier alone). */
  keywordHits: number;
  /** Summed weight of those keywords: weak, generic words ("receipt", "confirmed") add little. */
  keywordWeight: number;
}

export type LayerVerdict = Record<LureHead, HeadVerdict>;

/** Function words of the six languages: no lure signal, only noise for the classifier. */
const STOPWORDS = new Set(
  (
    'a an the and or of to in on at for from by with your you yours our we us is are was were be been has have had ' +
    'this that these those it its as if not no do does did will would can could may might shall should i me my he she ' +
    'they them their there which who whom what when where how all any some such than then so very just also into out up ' +
    'der die das den dem des ein eine einen einem einer und oder zu im in am an auf fur für mit von ist sind wird wurde ' +
    'ihr ihre ihren ihrem ihrer sie wir uns es bei als auch nicht o os as um uma de da do das dos e ou em no na nos nas ' +
    'para por com seu sua seus suas voce você foi ser que se het een en of van op te voor met uw u wij is zijn wordt ' +
    'le la les un une et ou de du des au aux en pour par avec votre vos nous vous est sont été ce cette qui que el la ' +
    'los las un una y o de del al en para por con su sus usted nosotros es son ha sido que'
  ).split(' '),
);

const STOPWORD_LANG: Record<Lang, string[]> = {
  en: ['the', 'and', 'your', 'you', 'to', 'is', 'of', 'has', 'been', 'please', 'for', 'this', 'with'],
  de: ['der', 'die', 'das', 'und', 'ihr', 'ihre', 'sie', 'ist', 'wurde', 'nicht', 'mit', 'für', 'bitte', 'werden', 'ein'],
  pt: ['o', 'os', 'seu', 'sua', 'voce', 'não', 'nao', 'foi', 'para', 'com', 'que', 'uma', 'esta', 'seus', 'do', 'da'],
  nl: ['het', 'een', 'uw', 'niet', 'wordt', 'voor', 'met', 'van', 'bij', 'dit', 'zijn', 'heeft', 'u', 'naar'],
  fr: ['le', 'les', 'votre', 'vous', 'est', 'pour', 'une', 'des', 'avec', 'pas', 'nous', 'sur', 'vos', 'été', 'ete'],
  es: ['el', 'los', 'su', 'usted', 'para', 'una', 'con', 'del', 'por', 'es', 'sus', 'ha', 'sido', 'las', 'nuestro'],
};

/** Function word → the languages it belongs to: one lookup per word instead of one per language. */
const STOPWORD_LANGS = new Map<string, Lang[]>();
for (const l of KEYWORD_LANGS) {
  for (const w of STOPWORD_LANG[l]) {
    const key = plainWords(w)[0] ?? w;
    STOPWORD_LANGS.set(key, [...(STOPWORD_LANGS.get(key) ?? []), l]);
  }
}

/** Lower-case words without accents: the common token form of keywords, training texts and messages. */
export function plainWords(text: string): string[] {
  return analyseText(text).tokens.map((t) => t.lower);
}

const stemCaches = Object.fromEntries(KEYWORD_LANGS.map((l) => [l, new Map<string, string>()])) as Record<
  Lang,
  Map<string, string>
>;
const STEM_CACHE_MAX = 200_000;

/** natural's stemmer for the language, memoised: stemming costs ~3 µs a word, a lookup ~50 ns. */
function stem(lang: Lang, word: string): string {
  const cache = stemCaches[lang];
  let s = cache.get(word);
  if (s === undefined) {
    s = stemmers[lang].stem(word);
    if (cache.size >= STEM_CACHE_MAX) cache.clear();
    cache.set(word, s);
  }
  return s;
}

/** The most likely non-English language of the words by function-word counts, if any is clearly present. */
export function detectLang(words: string[], declared: string | null): Lang {
  const base = (declared ?? '').toLowerCase().slice(0, 2);
  if ((KEYWORD_LANGS as readonly string[]).includes(base)) return base as Lang;
  const counts: Record<Lang, number> = { en: 0, de: 0, pt: 0, nl: 0, fr: 0, es: 0 };
  const n = Math.min(words.length, 300);
  for (let i = 0; i < n; i++) {
    const langs = STOPWORD_LANGS.get(words[i] as string);
    if (langs) for (const l of langs) counts[l] += 1;
  }
  let best: Lang = 'en';
  for (const l of KEYWORD_LANGS) if (counts[l] > counts[best]) best = l;
  return best;
}

interface WordInfo {
  /** English Porter stem. */
  en: string;
  /** Classifier feature index per head (context, trigger, cta), -1 when not a feature. */
  features: [number, number, number];
  /** Languages the word is a function word of (language detection). */
  stopLangs: Lang[] | undefined;
  /** English keyword entries starting with this word's stem. */
  keywords: KeywordEntry[] | undefined;
  /** Stem and keyword entries in other languages, filled when a message in that language needs them. */
  other?: Partial<Record<Lang, { stem: string; keywords: KeywordEntry[] | undefined }>>;
}

function otherLang(m: LureModel, info: WordInfo, w: string, l: Lang): { stem: string; keywords: KeywordEntry[] | undefined } {
  info.other ??= {};
  let x = info.other[l];
  if (x === undefined) {
    const st = stem(l, w);
    x = { stem: st, keywords: m.keywords[l].get(st) };
    info.other[l] = x;
  }
  return x;
}

const WORD_CACHE_MAX = 200_000;

function wordInfo(m: LureModel, w: string): WordInfo {
  let info = m.words.get(w);
  if (info === undefined) {
    const en = stem('en', w);
    const feature = w.length > 1 && !STOPWORDS.has(w) && !isDigits(w);
    const fx = (head: LureHead): number => (feature ? (m.featureIndex[head].get(en) ?? -1) : -1);
    info = { en, features: [fx('context'), fx('trigger'), fx('cta')], stopLangs: STOPWORD_LANGS.get(w), keywords: m.keywords.en.get(en) };
    if (m.words.size >= WORD_CACHE_MAX) m.words.clear();
    m.words.set(w, info);
  }
  return info;
}

function detectLangFromInfos(infos: WordInfo[], declared: string | null): Lang {
  const base = (declared ?? '').toLowerCase().slice(0, 2);
  if ((KEYWORD_LANGS as readonly string[]).includes(base)) return base as Lang;
  const counts: Record<Lang, number> = { en: 0, de: 0, pt: 0, nl: 0, fr: 0, es: 0 };
  const n = Math.min(infos.length, 300);
  for (let i = 0; i < n; i++) for (const l of infos[i]?.stopLangs ?? []) counts[l] += 1;
  let best: Lang = 'en';
  for (const l of KEYWORD_LANGS) if (counts[l] > counts[best]) best = l;
  return best;
}

interface KeywordEntry {
  rest: string[];
  head: LureHead;
  value: string;
  weight: number;
  id: number;
}

interface LureModel {
  classifiers: Record<LureHead, NaturalBayesClassifier>;
  /** Feature stem → index, per head (natural's feature order). */
  featureIndex: Record<LureHead, Map<string, number>>;
  tables: Record<LureHead, BayesTables>;
  /** Per distinct word, everything the classifier needs from it: one map lookup per word of a message. */
  words: Map<string, WordInfo>;
  /** First stem → keyword entries, per language. */
  keywords: Record<Lang, Map<string, KeywordEntry[]>>;
}

let model: LureModel | null = null;

/** Classifier features of a text: English Porter stems of its non-stop words (languages share one space). */
export function classifierTokens(words: string[], enStems?: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w.length > 1 && !STOPWORDS.has(w) && !isDigits(w)) out.push(enStems?.[i] ?? stem('en', w));
  }
  return out;
}

function isDigits(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Train the three heads on labelled texts with natural's BayesClassifier. */
export function trainClassifiers(items: LabelledText[]): Record<LureHead, NaturalBayesClassifier> {
  const classifiers = {} as Record<LureHead, NaturalBayesClassifier>;
  for (const head of LURE_HEADS) {
    const c = new BayesClassifier();
    for (const item of items) {
      const tokens = classifierTokens(plainWords(item.text));
      if (tokens.length > 0) c.addDocument(tokens, item[head]);
    }
    c.train();
    classifiers[head] = c;
  }
  return classifiers;
}

function buildKeywordIndex(): Record<Lang, Map<string, KeywordEntry[]>> {
  type KeywordFile = Record<LureHead, Record<string, Partial<Record<Lang, string[]>>>>;
  const data = readDataJson<KeywordFile>('lure-keywords.json');
  const index = Object.fromEntries(KEYWORD_LANGS.map((l) => [l, new Map<string, KeywordEntry[]>()])) as Record<
    Lang,
    Map<string, KeywordEntry[]>
  >;
  let id = 0;
  for (const head of LURE_HEADS) {
    for (const [value, byLang] of Object.entries(data[head] ?? {})) {
      if (!LURE_VALUES[head].includes(value)) continue;
      for (const lang of KEYWORD_LANGS) {
        for (const entry of byLang[lang] ?? []) {
          // "~word": weak evidence, a word that usually describes the business context (a receipt, a
          // confirmation, a refund) more than it pushes the reader; it only decides when nothing stronger does.
          const weak = entry.startsWith('~');
          const phrase = weak ? entry.slice(1) : entry;
          const stems = plainWords(phrase).map((w) => stem(lang, w));
          const first = stems[0];
          if (first === undefined) continue;
          const list = index[lang].get(first) ?? [];
          const weight = weak ? WEAK_KEYWORD_WEIGHT : stems.length > 1 ? 1.5 : 1;
          list.push({ rest: stems.slice(1), head, value, weight, id: id++ });
          index[lang].set(first, list);
        }
      }
    }
  }
  return index;
}

export function buildModel(training: LabelledText[]): LureModel {
  const classifiers = trainClassifiers(training);
  const featureIndex = {} as Record<LureHead, Map<string, number>>;
  const tables = {} as Record<LureHead, BayesTables>;
  for (const head of LURE_HEADS) {
    featureIndex[head] = new Map(Object.keys(classifiers[head].features).map((f, i) => [f, i]));
    tables[head] = bayesTables(classifiers[head], head);
  }
  return { classifiers, featureIndex, tables, keywords: buildKeywordIndex(), words: new Map() };
}

function getModel(): LureModel {
  model ??= buildModel(readDataJson<{ items: LabelledText[] }>('lures.train.json').items);
  return model;
}

/** Use a model trained on other data (evaluation, tests); null restores the shipped one on next use. */
export function setLureModel(m: LureModel | null): void {
  model = m;
}

/**
 * Log-probability tables from natural's trained Bayes counts.
 * natural (apparatus) scores a feature a class has never seen by 1 / (documents in the class), which
 * favours the smallest class whenever a text has words the class lacks, and multiplies probabilities in
 * linear space, which underflows to 0 on long bodies. We read the same trained counts (documents per class
 * containing each feature) and score them as a multinomial naive Bayes with Laplace smoothing, in log space.
 */
interface BayesTables {
  labels: readonly string[];
  logPrior: number[];
  /** logLikelihood[label][feature] */
  logLikelihood: Float64Array[];
}

function bayesTables(c: NaturalBayesClassifier, head: LureHead): BayesTables {
  const labels = LURE_VALUES[head];
  const vocabulary = Object.keys(c.features).length;
  const inner = c.classifier;
  const docs = labels.map((l) => Math.max(0, (inner.classTotals[l] ?? 1) - 1));
  const allDocs = docs.reduce((a, b) => a + b, 0);
  const logPrior = docs.map((d) => Math.log((d + 1) / (allDocs + labels.length)));
  const logLikelihood = labels.map((label) => {
    const counts = inner.classFeatures[label] ?? {};
    const table = new Float64Array(vocabulary);
    let total = 0;
    const n = new Float64Array(vocabulary);
    for (const [i, v] of Object.entries(counts)) {
      const df = Math.max(0, v - inner.smoothing);
      n[Number(i)] = df;
      total += df;
    }
    for (let i = 0; i < vocabulary; i++) table[i] = Math.log(((n[i] ?? 0) + 1) / (total + vocabulary));
    return table;
  });
  return { labels, logPrior, logLikelihood };
}

/** Class probabilities of one head; the temperature softens naive-Bayes overconfidence on long texts. */
function bayesDistribution(m: LureModel, head: LureHead, present: Set<number>): { dist: Distribution; features: number } {
  const t = m.tables[head];
  const logs = t.labels.map((_, k) => {
    let lp = t.logPrior[k] ?? 0;
    const table = t.logLikelihood[k] as Float64Array;
    for (const i of present) lp += table[i] ?? 0;
    return lp;
  });
  const temperature = Math.max(1, present.size / 4);
  const max = Math.max(...logs);
  const exps = logs.map((l) => Math.exp((l - max) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  const dist: Distribution = {};
  t.labels.forEach((label, i) => (dist[label] = (exps[i] ?? 0) / sum));
  return { dist, features: present.size };
}

const PHONE = /(?:\+|\b)\d[\d\s().-]{8,18}\d\b/g;
const URL = /\bhttps?:\/\/|\bwww\.[a-z0-9-]+\./i;

/**
 * A phone number as scammers print it: with separators or a leading +, or an unseparated NANP toll-free
 * number (18005550199). Bare digit runs are usually protocol, order or case numbers.
 */
function hasPhoneNumber(text: string): boolean {
  for (const m of text.matchAll(PHONE)) {
    const raw = m[0].trim();
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 10 || digits.length > 15) continue;
    if (raw.startsWith('+') || /[\s().-]/.test(raw) || /^1?8(00|33|44|55|66|77|88)\d{7}$/.test(digits)) return true;
  }
  return false;
}

/** Distinct keyword weights per head and value found in the words, for English and the detected language. */
function keywordScores(m: LureModel, words: string[], lang: Lang, infos: WordInfo[]): Record<LureHead, Distribution> {
  const scores = { context: {}, trigger: {}, cta: {} } as Record<LureHead, Distribution>;
  const seen = new Set<number>();
  const langs: Lang[] = lang === 'en' ? ['en'] : ['en', lang];
  for (const l of langs) {
    const other = l === 'en' ? null : infos.map((x, i) => otherLang(m, x, words[i] as string, l));
    const stems = other ? other.map((x) => x.stem) : infos.map((x) => x.en);
    for (let i = 0; i < stems.length; i++) {
      const entries = other ? other[i]?.keywords : infos[i]?.keywords;
      if (!entries) continue;
      for (const e of entries) {
        if (seen.has(e.id)) continue;
        let ok = true;
        for (let k = 0; k < e.rest.length; k++) {
          if (stems[i + 1 + k] !== e.rest[k]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        seen.add(e.id);
        scores[e.head][e.value] = (scores[e.head][e.value] ?? 0) + e.weight * (VALUE_PRIORITY[e.value] ?? 1);
      }
    }
  }
  return scores;
}

/**
 * Keyword weight multipliers that encode the labelling guide (see lures.train.json's comment): a message
 * that offers money is a relief lure even if it also says "today"; a threat of loss outweighs a deadline,
 * and a deadline outweighs a merely unexpected notice. For calls to action, the specific requests (call,
 * reply, attachment, payment data) outweigh the generic verbs that usually sit on a link.
 */
const VALUE_PRIORITY: Record<string, number> = {
  relief: 2,
  curiosity: 1.6,
  'fear-loss': 1.3,
  urgency: 1,
  confusion: 0.8,
  'call-phone': 1.5,
  'reply-details': 1.4,
  'open-attachment': 1.3,
  'provide-payment': 1.3,
  'click-link': 0.6,
};

/** Weight of a weak keyword ("~" in lure-keywords.json) against 1 for an ordinary one. */
const WEAK_KEYWORD_WEIGHT = 0.3;
/** How much the keyword evidence counts against the classifier when both have something to say. */
const KEYWORD_SHARE_MIN = 0.35;
const KEYWORD_SHARE_MAX = 0.7;
const KEYWORD_SHARE_SLOPE = 0.1;
/** A head without keyword evidence needs this much classifier confidence to name a value. */
const BAYES_ALONE_MIN = 0.4;
const PHONE_CALL_BONUS = 2;
const URL_LINK_BONUS = 0.5;
/** Longest text classified per layer: lures sit at the top; bounded cost on huge attachments. */
const MAX_LAYER_CHARS = 12_000;
const MAX_LAYER_WORDS = 600;

/** Classify one piece of text (a subject, a body, an attachment's text). */
export function classifyText(text: string, lang: string | null = null): LayerVerdict {
  const m = getModel();
  const clipped = text.length > MAX_LAYER_CHARS ? text.slice(0, MAX_LAYER_CHARS) : text;
  const words: string[] = [];
  for (const t of analyseText(text).tokens) {
    if (t.start >= MAX_LAYER_CHARS || words.length >= MAX_LAYER_WORDS) break;
    // "toll-free" labels a phone number; it is not a free offer.
    words.push(t.lower === 'free' && words[words.length - 1] === 'toll' ? 'tollfree' : t.lower);
  }
  const infos = words.map((w) => wordInfo(m, w));
  const detected = detectLangFromInfos(infos, lang);
  const present: [Set<number>, Set<number>, Set<number>] = [new Set(), new Set(), new Set()];
  for (const info of infos) {
    for (let h = 0; h < 3; h++) {
      const f = info.features[h] as number;
      if (f >= 0) (present[h] as Set<number>).add(f);
    }
  }
  const kw = keywordScores(m, words, detected, infos);
  if (hasPhoneNumber(clipped)) kw.cta['call-phone'] = (kw.cta['call-phone'] ?? 0) + PHONE_CALL_BONUS;
  if (URL.test(clipped)) kw.cta['click-link'] = (kw.cta['click-link'] ?? 0) + URL_LINK_BONUS;

  const verdict = {} as LayerVerdict;
  LURE_HEADS.forEach((head, h) => {
    const { dist: nb, features } = bayesDistribution(m, head, present[h] as Set<number>);
    const scores = kw[head];
    const kwTotal = Object.values(scores).reduce((a, b) => a + b, 0);
    const dist: Distribution = {};
    // Keywords count more the more of them there are: one weak word barely moves the classifier, an
    // explicit deadline plus a threat outweighs it.
    const share = Math.min(KEYWORD_SHARE_MAX, KEYWORD_SHARE_MIN + KEYWORD_SHARE_SLOPE * kwTotal);
    for (const v of LURE_VALUES[head]) {
      const k = kwTotal > 0 ? (scores[v] ?? 0) / kwTotal : 0;
      dist[v] = kwTotal > 0 ? (1 - share) * (nb[v] ?? 0) + share * k : (nb[v] ?? 0);
    }
    let best: string | null = null;
    let bestP = 0;
    for (const v of LURE_VALUES[head]) {
      if ((dist[v] ?? 0) > bestP) {
        best = v;
        bestP = dist[v] ?? 0;
      }
    }
    const hits = Object.keys(scores).length;
    const enough = features > 0 || hits > 0;
    const confident = hits > 0 || bestP >= BAYES_ALONE_MIN;
    verdict[head] = {
      value: enough && confident ? best : null,
      confidence: enough && confident ? round(bestP) : 0,
      distribution: dist,
      keywordHits: hits,
      keywordWeight: round(kwTotal),
    };
  });
  return verdict;
}

export function round(x: number): number {
  return Math.round(x * 100) / 100;
}
