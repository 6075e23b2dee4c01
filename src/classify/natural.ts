/**
 * The few parts of `natural` that classification uses, loaded by deep path.
 *
 * Why deep paths: `natural`'s index requires its storage backends (mongoose, pg, redis, memcached), and
 * those call `require('dotenv').config()`, which prints a line to stdout in dotenv 17 and would break
 * `--json` output. The stemmers, the Bayes classifier and the string distances below load none of that
 * (test/classify/import-clean.test.ts checks stdout stays empty). `natural` ships no types for these
 * paths, so the shapes we rely on are declared here.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface NaturalStemmer {
  stem(token: string): string;
}

/** natural's BayesClassifier after training: `features` keys in insertion order are the feature indices. */
export interface NaturalBayesClassifier {
  addDocument(tokens: string[], label: string): void;
  train(): void;
  features: Record<string, number>;
  classifier: {
    /** Per label: feature index → smoothed count (natural/apparatus keeps them as object keys). */
    classFeatures: Record<string, Record<string, number>>;
    classTotals: Record<string, number>;
    totalExamples: number;
    smoothing: number;
  };
}

type BayesConstructor = new (stemmer?: unknown, smoothing?: number) => NaturalBayesClassifier;

const NAT = 'natural/lib/natural';

export const stemmers: Record<'en' | 'de' | 'pt' | 'nl' | 'fr' | 'es', NaturalStemmer> = {
  en: require(`${NAT}/stemmers/porter_stemmer.js`) as NaturalStemmer,
  de: require(`${NAT}/stemmers/porter_stemmer_de.js`) as NaturalStemmer,
  pt: require(`${NAT}/stemmers/porter_stemmer_pt.js`) as NaturalStemmer,
  nl: require(`${NAT}/stemmers/porter_stemmer_nl.js`) as NaturalStemmer,
  fr: require(`${NAT}/stemmers/porter_stemmer_fr.js`) as NaturalStemmer,
  es: require(`${NAT}/stemmers/porter_stemmer_es.js`) as NaturalStemmer,
};

export const BayesClassifier = require(`${NAT}/classifiers/bayes_classifier.js`) as BayesConstructor;

export const jaroWinkler = require(`${NAT}/distance/jaro-winkler_distance.js`) as (a: string, b: string) => number;

const levenshtein = require(`${NAT}/distance/levenshtein_distance.js`) as {
  DamerauLevenshteinDistance: (a: string, b: string) => number;
};
export const damerauLevenshtein = levenshtein.DamerauLevenshteinDistance;
