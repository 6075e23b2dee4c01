import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { CallhoundError } from '../../errors.js';
import { connect } from '../../graph/driver.js';
import { buildReport } from '../../report/data.js';
import { renderHtml } from '../../report/html.js';
import { info, printJson } from '../output.js';

/** `callhound report [--html FILE] [--json]`: the Talos analyses on whatever is loaded. */
export function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description('the Talos analyses on the loaded graph: a self-contained HTML page (--html) and/or JSON on stdout (--json); run `callhound analyze` first for fresh timelines')
    .option('--html <file>', 'write the HTML report to this file')
    .option('--json', 'print the report as JSON on stdout')
    .option('--top-blocks <n>', 'DID blocks to chart', '3')
    .action(async (flags: { html?: string; json?: boolean; topBlocks: string }) => {
      if (!flags.html && !flags.json) throw new CallhoundError('bad_usage', 'choose --html FILE and/or --json');
      const topBlocks = Number(flags.topBlocks);
      if (!Number.isInteger(topBlocks) || topBlocks < 0 || topBlocks > 50) throw new CallhoundError('bad_usage', `--top-blocks must be 0–50, got "${flags.topBlocks}"`);
      const config = loadConfig();
      const { driver } = await connect(config.neo4j);
      try {
        const data = await buildReport(driver, { topBlocks, database: config.neo4j.database });
        if (flags.html) {
          await writeFile(flags.html, renderHtml(data));
          info(`report written to ${flags.html} (${data.emails} emails, ${data.uniqueNumbers} numbers)`);
        }
        if (flags.json) printJson(data);
      } finally {
        await driver.close();
      }
    });
}
