import { Option, type Command } from 'commander';
import { CallhoundError } from '../../errors.js';
import { DEFAULT_SEED, generateCorpus, PROFILES } from '../../generate/index.js';
import { info, printJson } from '../output.js';

interface GenerateFlags {
  out: string;
  emails?: string;
  seed: string;
  from?: string;
  to?: string;
  attachments: 'none' | 'some' | 'all';
  profile: string;
  force?: boolean;
  json?: boolean;
}

/** `callhound generate`: a synthetic scam-mail corpus with planted call centers and its ground truth. */
export function registerGenerateCommands(program: Command): void {
  program
    .command('generate')
    .description('write a deterministic synthetic scam-mail corpus (.eml) with ground truth under DIR/truth')
    .requiredOption('--out <dir>', 'output directory (messages/ and truth/ are written inside)')
    .option('--emails <n>', 'number of messages (default: the profile\'s)')
    .option('--seed <seed>', 'seed: the same seed and options give a byte-identical corpus', DEFAULT_SEED)
    .option('--from <date>', 'first day (YYYY-MM-DD, UTC; default: the profile\'s)')
    .option('--to <date>', 'last day (YYYY-MM-DD, UTC, inclusive)')
    .addOption(new Option('--attachments <mode>', 'PDF and image attachments').choices(['none', 'some', 'all']).default('some'))
    .addOption(new Option('--profile <name>', 'shape of the planted world').choices(Object.keys(PROFILES)).default('talos'))
    .option('--force', 'replace an existing corpus in --out')
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (flags: GenerateFlags) => {
      const emails = flags.emails === undefined ? undefined : Number(flags.emails);
      if (emails !== undefined && (!Number.isInteger(emails) || emails < 1)) {
        throw new CallhoundError('bad_emails', `--emails must be a positive integer (got ${flags.emails})`, { status: 400 });
      }
      let lastReport = 0;
      const result = await generateCorpus({
        out: flags.out,
        emails,
        seed: flags.seed,
        from: flags.from,
        to: flags.to,
        attachments: flags.attachments,
        profile: flags.profile,
        force: flags.force,
        onProgress: (done, total) => {
          const now = Date.now();
          if (now - lastReport < 2000 && done < total) return;
          lastReport = now;
          info(`generate: ${done}/${total} messages (${Math.round((100 * done) / total)}%)`);
        },
      });
      const s = result.summary;
      if (flags.json) printJson(s);
      const rate = Math.round(result.emails / Math.max(0.001, result.millis / 1000));
      info(`wrote ${result.emails} messages to ${result.out}/messages in ${(result.millis / 1000).toFixed(1)} s (${rate}/s)`);
      info(`ground truth: ${result.out}/truth/{messages.jsonl,numbers.jsonl,blocks.csv,summary.json}`);
      info(
        `planted: ${s.expected.uniqueNumbers} numbers in ${s.plantedClusters.length} call centers; ` +
          `${s.expected.multiDay.count} active >1 day, ${s.expected.consecutiveReuse.count} reused on consecutive days; ` +
          `busiest number-day ${s.expected.topNumberDay?.e164 ?? '-'} with ${s.expected.topNumberDay?.emails ?? 0} emails`,
      );
    });
}
