import type { Command } from 'commander';
import { evidenceKinds, type EvidenceKind } from '../../analysis/corpus.js';
import { analyzeGraph } from '../../analysis/analyze.js';
import { loadConfig } from '../../config.js';
import { CallhoundError } from '../../errors.js';
import { connect } from '../../graph/driver.js';
import { info, printJson } from '../output.js';

interface AnalyzeFlags {
  evidence: string;
  numberWindow: string;
  dayWindow: string;
  minClusterSize: string;
  json?: boolean;
}

/** `callhound analyze`: number timelines, DID-block stats, sequential runs and clusters, written to the graph. */
export function registerAnalyzeCommands(program: Command): void {
  program
    .command('analyze')
    .description('compute number timelines, DID-block statistics, sequential runs and clusters, and write them to the graph')
    .option('--evidence <kinds>', `what links numbers into clusters, comma-separated (${evidenceKinds.join(', ')})`, evidenceKinds.join(','))
    .option('--number-window <n>', 'sequential run: largest difference of the last four digits', '100')
    .option('--day-window <days>', 'sequential run: largest distance in days between active periods', '30')
    .option('--min-cluster-size <n>', 'smallest group of numbers written as a Cluster', '2')
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (flags: AnalyzeFlags) => {
      const evidence = flags.evidence.split(',').map((k) => k.trim()).filter(Boolean);
      const unknown = evidence.filter((k) => !(evidenceKinds as readonly string[]).includes(k));
      if (unknown.length > 0) throw new CallhoundError('bad_usage', `unknown evidence ${unknown.join(', ')}; choose from ${evidenceKinds.join(', ')}`);
      const numberWindow = nonNegativeInt(flags.numberWindow, '--number-window');
      const dayWindow = nonNegativeInt(flags.dayWindow, '--day-window');
      const minClusterSize = Math.max(2, nonNegativeInt(flags.minClusterSize, '--min-cluster-size'));
      const config = loadConfig();
      const { driver } = await connect(config.neo4j);
      try {
        const summary = await analyzeGraph(driver, {
          database: config.neo4j.database,
          evidence: evidence as EvidenceKind[],
          runs: { numberWindow, dayWindow },
          minClusterSize,
          onProgress: (stage, done, total) => info(`analyze: ${stage} ${done}${total ? `/${total}` : ''}`),
        });
        info(
          `analysed ${summary.emails} emails: ${summary.numbers} numbers, ${summary.blocks} DID blocks, ${summary.runs} sequential runs, ` +
            `${summary.clusters} clusters (largest ${summary.largestCluster} numbers); ${summary.numbersWritten} numbers changed, ${summary.membershipsChanged} cluster memberships changed; ` +
            `read ${summary.ms.read} ms, compute ${summary.ms.compute} ms, write ${summary.ms.write} ms`,
        );
        if (flags.json) printJson(summary);
      } finally {
        await driver.close();
      }
    });
}

function nonNegativeInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CallhoundError('bad_usage', `${flag} must be a whole number ≥ 0, got "${value}"`);
  return n;
}
