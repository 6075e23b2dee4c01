/**
 * The real-mail evaluation as a function: extraction (the same `extractMessage` that `callhound extract`
 * runs) scored against the hand labels in eval/real/labels.jsonl. Used by the `npm run eval:real` CLI
 * (eval/real/run.ts) and by `npm run eval`, which prints these figures beside the synthetic ones.
 * Closing the attachment workers is the caller's job (it may extract more after this).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractMessage } from '../../src/extract/index.js';
import { figures, newRealScore, parseLabels, scoreMessage, type RealScore } from './score.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export const DEFAULT_LABELS = path.join(here, 'labels.jsonl');

/** ../shared beside the checkout, unless CALLHOUND_SHARED says otherwise. */
export function defaultShared(): string {
  return process.env.CALLHOUND_SHARED ?? path.resolve(here, '../../../shared');
}

export interface RealEvalOptions {
  labelsFile?: string;
  shared?: string;
  ocr: boolean;
  region: string;
  onProgress?: (done: number, total: number) => void;
}

export type RealEvalResult =
  | { skipped: string }
  | { score: RealScore; figures: Record<string, number | null>; seconds: number; labelled: number; present: number; labelsFile: string; shared: string };

export async function evaluateReal(options: RealEvalOptions): Promise<RealEvalResult> {
  const labelsFile = options.labelsFile ?? DEFAULT_LABELS;
  const shared = options.shared ?? defaultShared();
  if (!existsSync(labelsFile)) return { skipped: `no labels file at ${labelsFile}` };
  const labels = parseLabels(readFileSync(labelsFile, 'utf8'), path.basename(labelsFile));
  const present = labels.filter((l) => existsSync(path.join(shared, l.file)));
  if (present.length === 0) {
    return {
      skipped: `none of the ${labels.length} labelled messages is under ${shared} (the real samples live beside the checkout in ../shared; set CALLHOUND_SHARED or --shared DIR)`,
    };
  }
  const score = newRealScore();
  const started = Date.now();
  let done = 0;
  for (const label of present) {
    const file = path.join(shared, label.file);
    const observation = await extractMessage(readFileSync(file), file, { ocr: options.ocr, region: options.region });
    scoreMessage(score, label, observation);
    done += 1;
    options.onProgress?.(done, present.length);
  }
  return { score, figures: figures(score), seconds: (Date.now() - started) / 1000, labelled: labels.length, present: present.length, labelsFile, shared };
}
