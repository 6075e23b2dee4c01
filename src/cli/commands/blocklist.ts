import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { CallhoundError } from '../../errors.js';
import { connect } from '../../graph/driver.js';
import { blocklist, formatBlocklist } from '../../reputation/index.js';
import { info, outSafe } from '../output.js';

/** `callhound blocklist [--predict]`: known scam numbers, and the likely next ones of active runs. */
export function registerBlocklistCommands(program: Command): void {
  program
    .command('blocklist')
    .description('export known scam numbers; with --predict also the unseen numbers of active sequential runs, each with its reason')
    .option('--predict', 'add gaps inside active sequential runs and the next numbers past their ends')
    .option('--format <format>', 'csv or txt (one E.164 per line)', 'csv')
    .option('--next <n>', 'numbers to predict past each end of a run', '3')
    .option('--active-within <days>', 'a run is active when seen within this many days of the newest day', '30')
    .option('--as-of <day>', 'the day runs are measured against (default: newest day in the graph)')
    .action(async (options: { predict?: boolean; format: string; next: string; activeWithin: string; asOf?: string }) => {
      if (options.format !== 'csv' && options.format !== 'txt') throw new CallhoundError('bad_option', `--format must be csv or txt, not ${JSON.stringify(options.format)}`);
      const next = Number(options.next);
      const activeWithinDays = Number(options.activeWithin);
      if (!Number.isInteger(next) || next < 0 || next > 100) throw new CallhoundError('bad_option', '--next must be an integer from 0 to 100');
      if (!Number.isInteger(activeWithinDays) || activeWithinDays < 0) throw new CallhoundError('bad_option', '--active-within must be a whole number of days');
      const config = loadConfig();
      const { driver } = await connect(config.neo4j);
      try {
        const { asOf, entries } = await blocklist(driver, { predict: Boolean(options.predict), next, activeWithinDays, asOf: options.asOf, database: config.neo4j.database });
        outSafe(formatBlocklist(entries, options.format));
        const predicted = entries.filter((e) => e.status === 'predicted').length;
        info(`${entries.length - predicted} known number(s)${options.predict ? `, ${predicted} predicted (runs active within ${activeWithinDays} days of ${asOf})` : ''}`);
      } finally {
        await driver.close();
      }
    });
}
