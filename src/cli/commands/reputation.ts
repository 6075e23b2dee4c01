import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { connect } from '../../graph/driver.js';
import { reputation } from '../../reputation/index.js';
import { out, printJson } from '../output.js';

/** `callhound reputation NUMBER`: known or not, a 0–100 score with its reasons, next-rotation warning. */
export function registerReputationCommands(program: Command): void {
  program
    .command('reputation')
    .description('reputation of a phone number (any format): score 0-100 with reasons; unseen numbers scored from their DID block')
    .argument('<number>')
    .option('--json', 'print JSON')
    .option('--as-of <day>', 'score recency against this day (YYYY-MM-DD; default: newest day in the graph)')
    .action(async (number: string, options: { json?: boolean; asOf?: string }) => {
      const config = loadConfig();
      const { driver } = await connect(config.neo4j);
      try {
        const rep = await reputation(driver, number, { defaultRegion: config.defaultRegion, asOf: options.asOf, database: config.neo4j.database });
        if (options.json) {
          printJson(rep);
          return;
        }
        out(`${rep.number}  ${rep.known ? 'KNOWN' : 'unseen'}  score ${rep.score}/100  (${rep.verdict}${rep.likelyNextRotation ? ': likely next rotation' : ''})`);
        for (const r of rep.reasons) out(`  ${r.points >= 0 ? '+' : ''}${String(r.points).padStart(2)}  ${r.factor.padEnd(11)} ${r.detail}`);
        if (rep.neighbours.length > 0) {
          out(`  neighbours in block ${rep.block.prefix} (within the run window):`);
          for (const n of rep.neighbours.slice(0, 10)) out(`    ${n.e164}  ${n.offset >= 0 ? '+' : ''}${n.offset}  ${n.firstSeen}..${n.lastSeen}  ${n.emails} email(s)  ${n.brands.join(', ')}`);
        }
        out(`  (recency against ${rep.asOf})`);
      } finally {
        await driver.close();
      }
    });
}
