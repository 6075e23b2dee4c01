import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { CallhoundError } from '../../errors.js';
import { connect } from '../../graph/driver.js';
import { defaultWebDir } from '../../server/app.js';
import { exportFormats, exportMeta, type ExportFormat } from '../../snapshots/export.js';
import { renderPng } from '../../snapshots/png.js';
import { renderExport } from '../../snapshots/render.js';
import { getSnapshot, importSnapshot, listSnapshots } from '../../snapshots/store.js';
import { info, out, outSafe, printJson } from '../output.js';

async function withDriver<T>(work: (driver: import('neo4j-driver').Driver, database: string | undefined) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { driver } = await connect(config.neo4j);
  try {
    return await work(driver, config.neo4j.database);
  } finally {
    await driver.close();
  }
}

/** `callhound snapshot list|show|export|import`: the workspace's shared views from the command line. */
export function registerSnapshotCommands(program: Command): void {
  const snapshot = program.command('snapshot').description('list, show, export and import shared workspace snapshots');

  snapshot
    .command('list')
    .description('snapshots, newest first')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'most to list', '100')
    .action(async (options: { json?: boolean; limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CallhoundError('bad_option', `--limit must be a positive integer, not ${options.limit}`);
      const list = await withDriver((driver, db) => listSnapshots(driver, { limit }, db));
      if (options.json) printJson(list);
      else if (list.length === 0) info('no snapshots yet (use Share in the workspace)');
      else for (const s of list) out(`${s.id}  ${s.created.slice(0, 19)}  ${String(s.nodes).padStart(5)} nodes  ${s.title}`);
    });

  snapshot
    .command('show <id>')
    .description('a snapshot: title, note, query and elements')
    .option('--json', 'print the whole snapshot as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const s = await withDriver((driver, db) => getSnapshot(driver, id, db));
      if (options.json) {
        printJson(s);
        return;
      }
      out(s.title);
      out(`${s.created}${s.author ? ` by ${s.author}` : ''}`);
      // A note is several lines as written; each is escaped (a line break stays one, a CR or ESC does not act).
      if (s.note) {
        out('');
        for (const line of s.note.split('\n')) out(line);
      }
      out('');
      out(`query: ${JSON.stringify(s.query)}`);
      out(`${s.elements.nodes.length} nodes, ${s.elements.edges.length} edges`);
      for (const n of s.elements.nodes) out(`  ${n.key}`);
    });

  snapshot
    .command('export <id>')
    .description(`write a snapshot as ${[...exportFormats, 'png'].join(', ')}`)
    .requiredOption('-f, --format <format>', 'export format')
    .option('-o, --out <file>', 'output file (default: stdout for text formats)')
    .action(async (id: string, options: { format: string; out?: string }) => {
      const format = options.format;
      if (format !== 'png' && !exportFormats.includes(format as ExportFormat)) {
        throw new CallhoundError('bad_format', `unknown format ${format}; expected one of ${[...exportFormats, 'png'].join(', ')}`);
      }
      const s = await withDriver((driver, db) => getSnapshot(driver, id, db));
      const body = format === 'png' ? await renderPng(await renderExport(s, 'html', defaultWebDir)) : await renderExport(s, format as ExportFormat, defaultWebDir);
      if (options.out) {
        await writeFile(options.out, body);
        info(`wrote ${options.out} (${format}${format === 'png' ? '' : `, ${exportMeta[format as ExportFormat].type}`})`);
      } else if (format === 'png') {
        throw new CallhoundError('need_out', 'PNG is binary: give --out FILE.png');
      } else {
        // Every text export is terminal-safe by construction (src/snapshots/export.ts, test/snapshots/export.test.ts).
        outSafe(typeof body === 'string' && body.endsWith('\n') ? body : `${String(body)}\n`);
      }
    });

  snapshot
    .command('import <file>')
    .description('import a snapshot exported as callhound JSON (from another callhound) under a new id')
    .action(async (file: string) => {
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new CallhoundError('bad_file', `cannot read ${file} as JSON: ${(error as Error).message}`);
      }
      const saved = await withDriver((driver, db) => importSnapshot(driver, raw, db));
      info(`imported as ${saved.id} (open /s/${saved.id} in the workspace server)`);
      out(saved.id);
    });
}
