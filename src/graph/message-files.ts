import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Observation } from '../extract/observation.js';
import type { InputError, RawMessage } from './pipeline.js';

/**
 * The ingest command's inputs: message files found under the given paths (.eml and friends one message
 * each, .mbox split into messages) and JSON-lines files of observations. Unreadable inputs are yielded as
 * error items so that they become IngestIssues instead of stopping the run.
 */


const messageExtensions = new Set(['.eml', '.mbox', '.mbx', '']);

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

export function isMbox(file: string, head: Uint8Array): boolean {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.mbox' || ext === '.mbx') return true;
  return head.length > 5 && Buffer.from(head.subarray(0, 5)).toString('latin1') === 'From ';
}

/**
 * Splits an mbox (mboxrd/mboxo): messages start at lines beginning with `From `; the separator line is
 * dropped and `>From ` quoting is undone, so each message's bytes are what its sender wrote.
 */
export function splitMbox(data: Buffer): Buffer[] {
  const messages: Buffer[] = [];
  const text = data.toString('latin1'); // byte-preserving
  const starts: number[] = [];
  if (text.startsWith('From ')) starts.push(0);
  for (let i = text.indexOf('\nFrom '); i !== -1; i = text.indexOf('\nFrom ', i + 1)) starts.push(i + 1);
  for (let k = 0; k < starts.length; k += 1) {
    const start = starts[k] as number;
    const end = k + 1 < starts.length ? (starts[k + 1] as number) - 1 : text.length;
    const firstLineEnd = text.indexOf('\n', start);
    if (firstLineEnd === -1 || firstLineEnd >= end) continue;
    const body = text.slice(firstLineEnd + 1, end).replace(/^>(>*From )/gm, '$1');
    if (body.trim().length > 0) messages.push(Buffer.from(body, 'latin1'));
  }
  return messages;
}

/** Raw messages from message files, one file read at a time. */
export async function* readMessages(files: readonly string[]): AsyncGenerator<RawMessage | InputError> {
  for (const file of files) {
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (error) {
      yield { file, code: 'unreadable', error: (error as Error).message };
      continue;
    }
    if (data.length === 0) {
      yield { file, code: 'empty', error: 'the file is empty' };
      continue;
    }
    if (isMbox(file, data)) {
      const messages = splitMbox(data);
      if (messages.length === 0) yield { file, code: 'empty_mbox', error: 'no message found in the mbox' };
      for (let i = 0; i < messages.length; i += 1) yield { file: `${file}#${i + 1}`, raw: messages[i] as Buffer };
    } else yield { file, raw: data };
  }
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
  for (const a of o.attachments) if (typeof a?.sha256 !== 'string') return 'attachment without sha256';
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
