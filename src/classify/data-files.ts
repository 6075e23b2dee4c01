/**
 * Finds the classifier's data files (src/classify/data/*.json) both when running from src/ (tsx, vitest)
 * and from the compiled dist/ (tsc does not copy JSON that is read at run time, so dist/ falls back to the
 * source tree, which ships with the project).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CallhoundError } from '../errors.js';

const CANDIDATE_DIRS = ['./data/', '../../src/classify/data/'];

export function dataFilePath(name: string, base: string = import.meta.url): string {
  for (const dir of CANDIDATE_DIRS) {
    const path = fileURLToPath(new URL(dir + name, base));
    if (existsSync(path)) return path;
  }
  throw new CallhoundError(
    'CLASSIFY_DATA_MISSING',
    `classifier data file ${name} not found next to ${fileURLToPath(base)} or in src/classify/data/; reinstall the project files`,
  );
}

export function readDataJson<T>(name: string): T {
  return JSON.parse(readFileSync(dataFilePath(name), 'utf8')) as T;
}
