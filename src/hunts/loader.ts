import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { explainHunt } from './explain.js';
import { parseHunt, type Hunt, type HuntProblem } from './hunt-file.js';
import type { ConvertOptions } from './params.js';

/** The hunt library shipped with callhound. */
export const libraryDir = fileURLToPath(new URL('../../cypher/hunts/', import.meta.url));

export interface HuntCatalog {
  /** By name; a user hunt replaces a library hunt of the same name (listed in `shadowed`). */
  hunts: Map<string, Hunt>;
  problems: HuntProblem[];
  shadowed: string[];
}

export interface LoadOptions extends ConvertOptions {
  libraryDir?: string;
  /** The user's hunts directory (`CALLHOUND_HUNTS_DIR`); may not exist yet. */
  userDir?: string | undefined;
}

/**
 * Reads every `*.cypher` of the library and of the user directory and checks each without a database.
 * Bad files are left out and reported (file and line); good ones are usable at once.
 */
export async function loadHunts(options: LoadOptions): Promise<HuntCatalog> {
  const catalog: HuntCatalog = { hunts: new Map(), problems: [], shadowed: [] };
  const sources: { dir: string; origin: Hunt['origin'] }[] = [{ dir: options.libraryDir ?? libraryDir, origin: 'library' }];
  if (options.userDir) sources.push({ dir: options.userDir, origin: 'user' });
  for (const { dir, origin } of sources) {
    for (const file of await cypherFiles(dir)) {
      const name = path.basename(file, '.cypher');
      const { hunt, problems } = parseHunt(name, file, await readFile(file, 'utf8'), origin, options);
      catalog.problems.push(...problems);
      if (!hunt) continue;
      if (catalog.hunts.has(name)) catalog.shadowed.push(name);
      catalog.hunts.set(name, hunt);
    }
  }
  return catalog;
}

async function cypherFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && e.name.endsWith('.cypher')).map((e) => path.join(dir, e.name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * The database half of validation, run at start: EXPLAIN every hunt (syntax, read-only query type,
 * names outside the model). Hunts with problems are removed from the catalog and the problems returned.
 */
export async function checkHuntsWithDatabase(driver: Driver, catalog: HuntCatalog, database?: string): Promise<HuntProblem[]> {
  const found: HuntProblem[] = [];
  for (const [name, hunt] of catalog.hunts) {
    const { problems } = await explainHunt(driver, hunt, database);
    if (problems.length > 0) {
      found.push(...problems);
      catalog.hunts.delete(name);
    }
  }
  catalog.problems.push(...found);
  return found;
}
