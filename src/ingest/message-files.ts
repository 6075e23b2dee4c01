import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { messageExtensions } from '../domain/index.js';
import type { Observation } from '../extract/observation.js';
import type { InputError } from './pipeline.js';

/**
 * The ingest command's inputs besides the messages themselves (src/ingest/sources.ts reads those): the list
 * of message files (to size the progress bar) and JSON-lines files of observations, whose bad lines are
 * yielded as error items so that they become IngestIssues instead of stopping the run.
 */


/** Files under `paths` (directories recursively, sorted for a reproducible order). */
export async function listMessageFiles(paths: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  async function walk(target: string, explicit: boolean): Promise<void> {
    let info;
    try {
      info = await stat(target);
    } catch {
      missing.push(target);
      return;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(target)).filter((name) => !name.startsWith('.')).sort();
      for (const entry of entries) await walk(path.join(target, entry), false);
    } else if (info.isFile() && (explicit || messageExtensions.has(path.extname(target).toLowerCase()))) {
      files.push(target);
    }
  }
  for (const p of paths) await walk(p, true);
  return { files, missing };
}

const hex64 = /^[0-9a-f]{64}$/;

/** Checks the shape the loader relies on; returns a reason when the line is not a usable Observation. */
export function observationProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const o = value as Partial<Observation>;
  if (typeof o.id !== 'string' || !hex64.test(o.id)) return 'id is not a sha256 hex string';
  if (typeof o.file !== 'string') return 'file is missing';
  if (!Array.isArray(o.numbers) || !Array.isArray(o.attachments) || !Array.isArray(o.issues)) return 'numbers, attachments or issues is not a list';
  for (const n of o.numbers) if (typeof n?.e164 !== 'string' || !/^\+\d{6,15}$/.test(n.e164)) return `bad number ${JSON.stringify(n?.e164)}`;
  // Keys and indexed values the loader takes as they are (extraction never writes anything else).
  for (const n of o.numbers) if (n.country != null && (typeof n.country !== 'string' || !/^[A-Z]{2}$/.test(n.country))) return `bad country ${JSON.stringify(String(n.country).slice(0, 40))}`;
  for (const a of o.attachments) if (typeof a?.sha256 !== 'string' || !hex64.test(a.sha256)) return 'attachment without a sha256 hex string';
  if (o.calendar !== undefined) return calendarProblem(o.calendar);
  return null;
}

const textOrNull = (value: unknown): boolean => value === undefined || value === null || typeof value === 'string';

/** The loader writes calendar fields as Email properties: each must be a string or null. */
function calendarProblem(calendar: unknown): string | null {
  if (typeof calendar !== 'object' || calendar === null) return 'calendar is not an object';
  const c = calendar as { method?: unknown; events?: unknown };
  if (!textOrNull(c.method)) return 'calendar.method is not a string';
  if (!Array.isArray(c.events)) return 'calendar.events is not a list';
  for (const e of c.events as unknown[]) {
    if (typeof e !== 'object' || e === null) return 'a calendar event is not an object';
    const fields = e as Record<string, unknown>;
    for (const key of ['start', 'organizer', 'organizerName', 'summary', 'uid']) if (!textOrNull(fields[key])) return `calendar event ${key} is not a string`;
  }
  return null;
}

/** Observations from a JSON-lines file (`callhound extract --json` output); bad lines become error items. */
export async function* readObservationLines(file: string): AsyncGenerator<Observation | InputError> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim().length === 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      yield { file: `${file}:${lineNo}`, code: 'bad_jsonl', error: `not JSON: ${(error as Error).message}` };
      continue;
    }
    const problem = observationProblem(value);
    if (problem) yield { file: `${file}:${lineNo}`, code: 'bad_observation', error: problem };
    else yield value as Observation;
  }
}
