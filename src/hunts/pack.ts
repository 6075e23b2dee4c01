import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { z } from 'zod';
import { CallhoundError } from '../errors.js';
import { explainHunt } from './explain.js';
import { formatProblem, huntNamePattern, parseHunt, type Hunt, type HuntProblem } from './hunt-file.js';
import type { HuntCatalog } from './loader.js';
import type { ConvertOptions } from './params.js';

/**
 * Hunt packs move hunts between installations (docs/hunts.md). A pack carries each hunt's whole file
 * text, so a pack entry is validated exactly like a file on disk, and what a reviewer reads is what runs.
 */
export const packFormat = 'callhound-hunts';
export const packVersion = 1;

const packSchema = z.object({
  format: z.literal(packFormat),
  version: z.literal(packVersion),
  exportedAt: z.string().optional(),
  hunts: z.array(z.object({ name: z.string(), source: z.string() })),
});
export type HuntPack = z.infer<typeof packSchema>;

/** BloodHound's legacy `customqueries.json` (BloodHound 4 and earlier). */
const bloodHoundSchema = z.object({
  queries: z.array(
    z.object({
      name: z.string(),
      category: z.string().optional(),
      queryList: z.array(z.object({ final: z.boolean().optional(), query: z.string(), props: z.record(z.string(), z.unknown()).optional() })).min(1),
    }),
  ),
});

export function exportPack(hunts: readonly Hunt[], now: Date = new Date()): HuntPack {
  return { format: packFormat, version: packVersion, exportedAt: now.toISOString(), hunts: hunts.map((h) => ({ name: h.name, source: h.source })) };
}

export interface PackEntry {
  name: string;
  source: string;
  /** Where the entry came from inside the file, for messages (`pack.json#hunts[2]`). */
  where: string;
}

/** Reads a callhound pack or a BloodHound customqueries.json into hunt sources. */
export function readPackText(text: string, file: string): { kind: 'pack' | 'bloodhound'; entries: PackEntry[]; skipped: { name: string; reason: string }[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CallhoundError('bad_pack', `${file} is not JSON: ${(error as Error).message}`, { status: 400 });
  }
  const pack = packSchema.safeParse(json);
  if (pack.success) {
    return { kind: 'pack', entries: pack.data.hunts.map((h, i) => ({ name: h.name, source: h.source, where: `${file}#hunts[${i}]` })), skipped: [] };
  }
  const bloodHound = bloodHoundSchema.safeParse(json);
  if (bloodHound.success) return { kind: 'bloodhound', ...fromBloodHound(bloodHound.data, file) };
  throw new CallhoundError(
    'bad_pack',
    `${file} is neither a callhound hunt pack ({"format": "${packFormat}", "version": ${packVersion}, "hunts": [{"name", "source"}]}) nor a BloodHound customqueries.json ({"queries": [{"name", "queryList": [{"query"}]}]}): ${pack.error.issues[0]?.message ?? ''}`,
    { status: 400 },
  );
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70);
}

function fromBloodHound(data: z.infer<typeof bloodHoundSchema>, file: string): { entries: PackEntry[]; skipped: { name: string; reason: string }[] } {
  const entries: PackEntry[] = [];
  const skipped: { name: string; reason: string }[] = [];
  data.queries.forEach((q, i) => {
    const name = `bh-${slug(q.name)}`;
    const final = q.queryList.find((step) => step.final) ?? q.queryList[q.queryList.length - 1];
    if (!final) return;
    const query = final.query.trim().replace(/;\s*$/, '');
    if (query.includes('\n//') || /^\s*\/\//.test(query)) {
      skipped.push({ name: q.name, reason: 'contains comment lines, which a hunt header cannot follow' });
      return;
    }
    // Non-final steps let a BloodHound user pick a value that arrives as $result; fixed props become defaults.
    const params: string[] = [];
    if (/\$result\b/.test(query)) params.push(`// @param result string required -- the value BloodHound asked for in a selection step`);
    for (const [key, value] of Object.entries(final.props ?? {})) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) || key === 'result') continue;
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
      const type = typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'float') : typeof value === 'boolean' ? 'boolean' : 'string';
      params.push(`// @param ${key} ${type} = ${String(value).replace(/\n/g, ' ')} -- from the BloodHound query's props`);
    }
    const header = [
      `// @title ${q.name.replace(/\n/g, ' ')}`,
      `// @description Imported from BloodHound customqueries.json${q.category ? ` (category ${q.category.replace(/\n/g, ' ')})` : ''}.`,
      `// @tags ${['bloodhound', ...(q.category ? [slug(q.category)] : [])].join(', ')}`,
      '// @result graph',
      ...params,
    ];
    entries.push({ name, source: `${header.join('\n')}\n${query}\n`, where: `${file}#queries[${i}]` });
  });
  return { entries, skipped };
}

export interface ImportOutcome {
  kind: 'pack' | 'bloodhound';
  written: { name: string; file: string; replaced: boolean }[];
  refused: { name: string; reason: string }[];
}

/**
 * Imports a pack or a BloodHound file into the user's hunts directory. Each entry is validated exactly like
 * a hunt file at load (header, types, defaults, write clauses, then EXPLAIN against the database and the
 * model); nothing of the same name (library or user) is overwritten without `force`.
 */
export async function importPack(
  driver: Driver,
  text: string,
  file: string,
  options: ConvertOptions & { userDir: string | undefined; force?: boolean; catalog: HuntCatalog; database?: string | undefined },
): Promise<ImportOutcome> {
  if (!options.userDir) {
    throw new CallhoundError('no_hunts_dir', 'set CALLHOUND_HUNTS_DIR to the directory where your own hunts live; imported hunts are written there', { status: 400 });
  }
  const { kind, entries, skipped } = readPackText(text, file);
  const outcome: ImportOutcome = { kind, written: [], refused: [...skipped] };
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!huntNamePattern.test(entry.name)) {
      outcome.refused.push({ name: entry.name, reason: 'name must be lower-case letters, digits and dashes' });
      continue;
    }
    if (seen.has(entry.name)) {
      outcome.refused.push({ name: entry.name, reason: 'appears twice in the file' });
      continue;
    }
    seen.add(entry.name);
    const target = path.join(options.userDir, `${entry.name}.cypher`);
    const { hunt, problems } = parseHunt(entry.name, target, entry.source, 'import', options);
    const allProblems: HuntProblem[] = [...problems];
    if (hunt) allProblems.push(...(await explainHunt(driver, hunt, options.database)).problems);
    if (allProblems.length > 0) {
      outcome.refused.push({ name: entry.name, reason: allProblems.map((p) => formatProblem({ ...p, file: entry.where })).join('; ') });
      continue;
    }
    const existing = options.catalog.hunts.get(entry.name);
    if (existing && !options.force) {
      outcome.refused.push({ name: entry.name, reason: `a ${existing.origin} hunt of that name exists (${existing.file}); use --force to overwrite` });
      continue;
    }
    await mkdir(options.userDir, { recursive: true });
    await writeFile(target, entry.source.endsWith('\n') ? entry.source : `${entry.source}\n`, 'utf8');
    outcome.written.push({ name: entry.name, file: target, replaced: existing !== undefined });
  }
  return outcome;
}
