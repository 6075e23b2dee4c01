import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { connect, readRows } from '../../graph/driver.js';
import { applySchema } from '../../graph/schema.js';
import { generateCorpus } from '../../generate/index.js';
import { localDbOptions, startLocalDb } from '../../localdb/process.js';
import { info } from '../output.js';

interface DemoFlags {
  corpus: string;
  emails: string;
  serve: boolean;
}

/**
 * `callhound demo`: one command on a fresh clone. Starts the local Neo4j when nothing answers, generates a
 * small corpus with attachments when the graph is empty, ingests it (with the corpus's block registry for
 * carriers and line types), and serves the workspace. Each step runs the project's own command, so the demo
 * does exactly what a user would; a step whose command does not exist yet is reported and skipped.
 */
export function registerDemoCommands(program: Command): void {
  program
    .command('demo')
    .description('start the local Neo4j if needed, load a generated demo corpus if the graph is empty, and serve the workspace')
    .option('--corpus <dir>', 'where the demo corpus is generated', path.join('data', 'demo-corpus'))
    .option('--emails <n>', 'messages in the demo corpus', '400')
    .option('--no-serve', 'stop after loading (do not start the workspace)')
    .action(async (flags: DemoFlags) => {
      const missing: string[] = [];
      const config = loadConfig();
      const run = async (name: string, args: string[]): Promise<boolean> => {
        if (!program.commands.some((c) => c.name() === name)) {
          missing.push(`\`callhound ${name}\` (not built yet)`);
          info(`demo: skipping "${name}": this build has no \`callhound ${name}\` command`);
          return false;
        }
        info(`demo: callhound ${name} ${args.join(' ')}`);
        await program.parseAsync([name, ...args], { from: 'user' });
        return true;
      };

      // 1. A database: use NEO4J_URI if it answers, else start the local one.
      let connection = await connect(config.neo4j).catch((error: unknown) => error as Error);
      if (connection instanceof Error) {
        const local = /^(bolt|neo4j):\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/.test(config.neo4j.uri);
        if (!local) throw connection;
        info(`demo: no database answers at ${config.neo4j.uri}; starting the local Neo4j (first start builds it, which takes a while)`);
        const started = await startLocalDb(localDbOptions(config), info);
        info(`demo: local Neo4j ${started.alreadyRunning ? 'was already running' : 'started'} at ${started.uri}`);
        connection = await connect(config.neo4j);
      }
      const { driver } = connection;
      let emails = 0;
      try {
        await applySchema(driver, config.neo4j.database);
        const [row] = await readRows<{ n: number }>(driver, 'MATCH (e:Email) RETURN count(e) AS n', {}, config.neo4j.database);
        emails = row?.n ?? 0;
      } finally {
        await driver.close();
      }

      // 2. Data: generate and ingest the demo corpus when the graph is empty.
      if (emails > 0) {
        info(`demo: the graph already holds ${emails} emails; not loading the demo corpus`);
      } else {
        if (existsSync(path.join(flags.corpus, 'truth', 'summary.json'))) {
          info(`demo: using the corpus in ${flags.corpus}`);
        } else {
          info(`demo: generating ${flags.emails} messages with attachments into ${flags.corpus}`);
          const result = await generateCorpus({ out: flags.corpus, profile: 'small', emails: Number(flags.emails), attachments: 'some', seed: 'demo', force: true });
          info(`demo: wrote ${result.emails} messages (${result.summary.expected.uniqueNumbers} planted numbers in ${result.summary.plantedClusters.length} call centers)`);
        }
        const ingested = await run('ingest', [path.join(flags.corpus, 'messages'), '--source', 'demo']);
        if (ingested) {
          await run('import-blocks', [path.join(flags.corpus, 'truth', 'blocks.csv')]);
          // Carriers changed after ingest's own analysis: refresh it so the report shows them.
          await run('analyze', []);
        }
      }

      // 3. The workspace.
      if (missing.length > 0) info(`demo: missing pieces: ${missing.join(', ')}`);
      if (!flags.serve) return;
      if (!(await run('serve', []))) {
        info('demo: nothing to serve yet; the graph is loaded — explore it with `callhound hunt` or Neo4j Browser');
      }
    });
}
