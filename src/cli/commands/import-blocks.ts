import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { CallhoundError } from '../../errors.js';
import { connect } from '../../graph/driver.js';
import { parseRegistryCsv } from '../../graph/registry-csv.js';
import { importRegistry } from '../../graph/registry.js';
import { applySchema } from '../../graph/schema.js';
import { info, printJson } from '../output.js';

/** `callhound import-blocks FILE.csv`: a number-block registry → carriers and line types by longest prefix. */
export function registerImportBlocksCommands(program: Command): void {
  program
    .command('import-blocks')
    .description('load a number-block registry CSV (NANPA thousands-block / CO code report shape) and assign carriers and line types by longest prefix')
    .argument('<file>', 'registry CSV (columns such as NPA-NXX, X, OCN, Company, Category)')
    .option('--country-code <digits>', 'calling code put in front of NPA-NXX', '1')
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (file: string, flags: { countryCode: string; json?: boolean }) => {
      if (!/^\d{1,3}$/.test(flags.countryCode)) throw new CallhoundError('bad_usage', `--country-code must be 1–3 digits, got "${flags.countryCode}"`);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new CallhoundError('unreadable', `cannot read ${file}: ${(error as Error).message}`);
      }
      const parsed = parseRegistryCsv(text, flags.countryCode);
      for (const skip of parsed.skipped.slice(0, 20)) info(`${file}:${skip.line}: skipped (${skip.reason})`);
      if (parsed.skipped.length > 20) info(`… and ${parsed.skipped.length - 20} more skipped lines`);
      if (parsed.rows.length === 0) throw new CallhoundError('bad_registry', `${file} has no usable rows`);
      const config = loadConfig();
      const { driver } = await connect(config.neo4j);
      try {
        await applySchema(driver, config.neo4j.database);
        const source = `registry:${path.basename(file)}`;
        const result = await importRegistry(driver, parsed.rows, { source, database: config.neo4j.database });
        info(`imported ${result.blocks} blocks of ${result.carriers} carriers from ${file} (${parsed.skipped.length} lines skipped); ${result.numbersAssigned} numbers assigned by longest prefix`);
        if (flags.json) printJson({ ...result, source, skipped: parsed.skipped.length });
      } finally {
        await driver.close();
      }
    });
}
