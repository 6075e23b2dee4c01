/**
 * Where messages come from: `.eml` files, directories (recursive) and `.mbox` files, yielded one message at a
 * time in a stable order (sorted paths, mbox order) so that output follows input and memory stays flat.
 */
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMboxFileName, isMessageFileName } from '../domain/index.js';
import { CallhoundError } from '../errors.js';
import { looksLikeMbox, readMbox } from './mbox.js';

export interface MessageSource {
  /** Path, or `file.mbox#12` for the 12th message of an mbox. */
  source: string;
  raw: Buffer;
  /** Bytes not read because the message is over the size cap (0 when complete). */
  truncatedBytes: number;
}

export interface SourceOptions {
  /** Bytes kept of one message; the rest is counted in truncatedBytes. */
  maxMessageBytes?: number;
}

const DEFAULT_MAX_MESSAGE_BYTES = 50 * 1024 * 1024;

/** Files under `dir`, sorted, recursively; hidden files and folders are skipped. */
async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile() && isMessageFileName(entry.name)) yield full;
  }
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function* readFileMessages(file: string, maxBytes: number): AsyncGenerator<MessageSource> {
  const info = await stat(file);
  const head = await readHead(file, Math.min(info.size, 512));
  if (isMboxFileName(file) || looksLikeMbox(head)) {
    for await (const m of readMbox(file, maxBytes)) {
      yield { source: `${file}#${m.index}`, raw: m.raw, truncatedBytes: m.truncatedBytes };
    }
    return;
  }
  const keep = Math.min(info.size, maxBytes);
  const raw = await readHead(file, keep);
  yield { source: file, raw, truncatedBytes: info.size - keep };
}

/** Throws a CallhoundError naming the first path that cannot be read; tells directories from files. */
export async function checkPaths(paths: string[]): Promise<{ path: string; dir: boolean }[]> {
  const kinds: { path: string; dir: boolean }[] = [];
  for (const p of paths) {
    try {
      kinds.push({ path: p, dir: (await stat(p)).isDirectory() });
    } catch {
      throw new CallhoundError('not_found', `cannot read ${p}: no such file or directory`, { status: 404 });
    }
  }
  return kinds;
}

/** Checks every path first (a typo fails fast, before any output), then yields messages one by one. */
export async function* readSources(paths: string[], options: SourceOptions = {}): AsyncGenerator<MessageSource> {
  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const kinds = await checkPaths(paths);
  for (const { path: p, dir } of kinds) {
    if (dir) {
      for await (const file of walk(p)) yield* readFileMessages(file, maxBytes);
    } else {
      yield* readFileMessages(p, maxBytes);
    }
  }
}
