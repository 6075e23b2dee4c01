import { Command } from 'commander';
import { registerAnalyzeCommands } from './commands/analyze.js';
import { registerBlocklistCommands } from './commands/blocklist.js';
import { registerDbCommands } from './commands/db.js';
import { registerDemoCommands } from './commands/demo.js';
import { registerExtractCommands } from './commands/extract.js';
import { registerGenerateCommands } from './commands/generate.js';
import { registerHuntCommands } from './commands/hunt.js';
import { registerImportBlocksCommands } from './commands/import-blocks.js';
import { registerIngestCommands } from './commands/ingest.js';
import { registerReportCommands } from './commands/report.js';
import { registerReputationCommands } from './commands/reputation.js';
import { registerServeCommands } from './commands/serve.js';
import { registerSnapshotCommands } from './commands/snapshot.js';
import { reportError } from './output.js';
import { callhoundVersion } from '../domain/index.js';

const program = new Command();
program
  .name('callhound')
  .description('map scam call centers through the phone numbers they reuse')
  .version(callhoundVersion)
  .option('--debug', 'print stack traces on errors')
  .showHelpAfterError();

// Each command family registers itself; keep this list short and alphabetical.
registerAnalyzeCommands(program);
registerBlocklistCommands(program);
registerDbCommands(program);
registerDemoCommands(program);
registerExtractCommands(program);
registerGenerateCommands(program);
registerHuntCommands(program);
registerImportBlocksCommands(program);
registerIngestCommands(program);
registerReportCommands(program);
registerReputationCommands(program);
registerServeCommands(program);
registerSnapshotCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  reportError(error, Boolean(program.opts<{ debug?: boolean }>().debug));
}
