import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Driver } from 'neo4j-driver';
import { loadConfig, type Config } from '../../config.js';
import { CallhoundError } from '../../errors.js';
import { connect } from '../../graph/driver.js';
import {
  checkHuntsWithDatabase,
  defaultLimit,
  defaultTimeoutMs,
  describeParam,
  exportPack,
  formatProblem,
  formatResult,
  importPack,
  loadHunts,
  resolveParams,
  runHunt,
  type Hunt,
  type HuntCatalog,
  type OutputFormat,
} from '../../hunts/index.js';
import { info, out, outLines, outSafe, printJson } from '../output.js';

async function catalogFor(config: Config): Promise<HuntCatalog> {
  const catalog = await loadHunts({ userDir: config.huntsDir, defaultRegion: config.defaultRegion });
  for (const problem of catalog.problems) info(`hunt skipped: ${formatProblem(problem)}`);
  return catalog;
}

async function withDriver<T>(config: Config, work: (driver: Driver) => Promise<T>): Promise<T> {
  const { driver } = await connect(config.neo4j);
  try {
    return await work(driver);
  } finally {
    await driver.close();
  }
}

function findHunt(catalog: HuntCatalog, name: string): Hunt {
  const hunt = catalog.hunts.get(name);
  if (!hunt) {
    throw new CallhoundError('unknown_hunt', `no hunt named ${JSON.stringify(name)}; \`callhound hunt list\` shows them (${[...catalog.hunts.keys()].join(', ')})`, { status: 404 });
  }
  return hunt;
}

/** `--param key=value`, repeatable. */
function collectParam(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new CallhoundError('bad_param', `--param expects key=value, not ${JSON.stringify(value)}`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

function positiveInt(label: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new CallhoundError('bad_option', `${label} must be a positive integer, not ${JSON.stringify(value)}`);
    return n;
  };
}

/** `callhound hunt list|show|run|check|export|import`: saved read-only Cypher hunts. */
export function registerHuntCommands(program: Command): void {
  const hunt = program.command('hunt').description('saved read-only Cypher hunts (cypher/hunts and CALLHOUND_HUNTS_DIR)');

  hunt
    .command('list')
    .description('list the hunts with their parameters')
    .option('--json', 'print JSON')
    .option('--tag <tag>', 'only hunts with this tag')
    .action(async (options: { json?: boolean; tag?: string }) => {
      const catalog = await catalogFor(loadConfig());
      const hunts = [...catalog.hunts.values()].filter((h) => !options.tag || h.tags.includes(options.tag)).sort((a, b) => a.name.localeCompare(b.name));
      if (options.json) {
        printJson(
          hunts.map((h) => ({
            name: h.name,
            title: h.title,
            description: h.description,
            tags: h.tags,
            result: h.result,
            origin: h.origin,
            params: h.params.map((p) => ({ name: p.name, type: p.type.list ? `list<${p.type.scalar}>` : p.type.scalar, default: p.defaultText ?? null, required: p.required, help: p.help })),
          })),
        );
        return;
      }
      for (const h of hunts) {
        out(`${h.name}  [${h.result}${h.origin === 'library' ? '' : `, ${h.origin}`}]  ${h.title}`);
        for (const p of h.params) out(`    --param ${describeParam(p)}`);
      }
    });

  hunt
    .command('show')
    .description('print a hunt file as it runs')
    .argument('<name>')
    .action(async (name: string) => {
      outLines(findHunt(await catalogFor(loadConfig()), name).source);
    });

  hunt
    .command('run')
    .description('run a hunt in a read-only transaction with a timeout and a row limit')
    .argument('<name>')
    .option('--param <key=value>', 'a parameter, converted to its declared type (repeatable)', collectParam, {})
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--limit <n>', `most rows to return (default ${defaultLimit})`, positiveInt('--limit'))
    .option('--timeout <ms>', `transaction timeout in ms (default ${defaultTimeoutMs})`, positiveInt('--timeout'))
    .action(async (name: string, options: { param: Record<string, string>; format: string; limit?: number; timeout?: number }) => {
      if (!['table', 'json', 'csv'].includes(options.format)) throw new CallhoundError('bad_option', `--format must be table, json or csv, not ${JSON.stringify(options.format)}`);
      const config = loadConfig();
      const selected = findHunt(await catalogFor(config), name);
      // Bad parameters are reported before anything connects.
      resolveParams(selected, options.param, { defaultRegion: config.defaultRegion });
      const result = await withDriver(config, (driver) =>
        runHunt(driver, selected, options.param, {
          defaultRegion: config.defaultRegion,
          database: config.neo4j.database,
          ...(options.limit ? { limit: options.limit } : {}),
          ...(options.timeout ? { timeoutMs: options.timeout } : {}),
        }),
      );
      outSafe(formatResult(result, options.format as OutputFormat));
      if (options.format !== 'json') info(`${result.returned} row(s) in ${result.elapsedMs} ms; parameters ${JSON.stringify(result.params)}`);
      if (result.notice) info(`note: ${result.notice}`);
      if (result.timedOut) process.exitCode = 2;
    });

  hunt
    .command('check')
    .description('validate every hunt (header, types, defaults, write clauses, EXPLAIN against the database)')
    .action(async () => {
      const config = loadConfig();
      const catalog = await catalogFor(config);
      const staticProblems = catalog.problems.length;
      const found = await withDriver(config, (driver) => checkHuntsWithDatabase(driver, catalog, config.neo4j.database));
      for (const problem of found) info(`hunt refused: ${formatProblem(problem)}`);
      info(`${catalog.hunts.size} hunt(s) valid; ${staticProblems + found.length} problem(s)`);
      if (staticProblems + found.length > 0) process.exitCode = 1;
    });

  hunt
    .command('export')
    .description('write a hunt pack (JSON, docs/hunts.md) of the named hunts, or all, to stdout')
    .argument('[names...]')
    .action(async (names: string[]) => {
      const catalog = await catalogFor(loadConfig());
      const hunts = names.length > 0 ? names.map((n) => findHunt(catalog, n)) : [...catalog.hunts.values()].sort((a, b) => a.name.localeCompare(b.name));
      printJson(exportPack(hunts), 2);
      info(`exported ${hunts.length} hunt(s)`);
    });

  hunt
    .command('import')
    .description('import a hunt pack or a BloodHound customqueries.json into CALLHOUND_HUNTS_DIR')
    .argument('<file>')
    .option('--force', 'overwrite hunts of the same name')
    .option('--json', 'print the outcome as JSON')
    .action(async (file: string, options: { force?: boolean; json?: boolean }) => {
      const config = loadConfig();
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new CallhoundError('bad_pack', `cannot read ${file}: ${error.code ?? error.message}`);
      });
      const catalog = await catalogFor(config);
      const outcome = await withDriver(config, (driver) =>
        importPack(driver, text, file, { userDir: config.huntsDir, force: Boolean(options.force), catalog, defaultRegion: config.defaultRegion, database: config.neo4j.database }),
      );
      if (options.json) printJson(outcome);
      for (const w of outcome.written) info(`${w.replaced ? 'replaced' : 'imported'} ${w.name} -> ${w.file}`);
      for (const r of outcome.refused) info(`not imported: ${r.name}: ${r.reason}`);
      info(`${outcome.written.length} imported, ${outcome.refused.length} not imported (${outcome.kind === 'bloodhound' ? 'BloodHound customqueries.json' : 'hunt pack'})`);
      if (outcome.written.length === 0 && outcome.refused.length > 0) process.exitCode = 1;
    });
}
