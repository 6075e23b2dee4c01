import { Command } from 'commander';
import { registerAnalyzeCommands } from './commands/analyze.js';
import { registerDbCommands } from './commands/db.js';
import { registerGenerateCommands } from './commands/generate.js';
import { registerExtractCommands } from './commands/extract.js';
import { registerImportBlocksCommands } from './commands/import-blocks.js';
import { registerIngestCommands } from './commands/ingest.js';
import { registerServeCommands } from './commands/serve.js';
import { registerSnapshotCommands } from './commands/snapshot.js';
import { reportError } from './output.js';

const program = new Command();
program
  .name('callhound')
  .description('map scam call centers through the phone numbers they reuse')
  .version('0.1.0')
  .option('--debug', 'print stack traces on errors')
  .showHelpAfterError();

// Each command family registers itself; keep this list short and alphabetical.
registerAnalyzeCommands(program);
registerDbCommands(program);
registerGenerateCommands(program);
registerExtractCommands(program);
registerImportBlocksCommands(program);
registerIngestCommands(program);
registerServeCommands(program);
registerSnapshotCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  reportError(error, Boolean(program.opts<{ debug?: boolean }>().debug));
}
