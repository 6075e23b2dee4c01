import os from 'node:os';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { analyzeGraph } from '../../analysis/analyze.js';
import { loadConfig } from '../../config.js';
import { CallhoundError } from '../../errors.js';
import { connect } from '../../graph/driver.js';
import { type RetryPolicy, withDbRetry } from '../../graph/retry.js';
import { applySchema } from '../../graph/schema.js';
import { info, printJson } from '../output.js';
import {
  createExtractor, type IngestProgress, type IngestSummary, ingestMessages, ingestObservations, listMessageFiles, type RawMessage,
  readObservationLines, readSources,
} from '../../ingest/index.js';

interface IngestFlags {
  source?: string;
  workers?: string;
  ocr: boolean;
  jsonl?: string;
  batchSize: string;
  analyze: boolean;
  json?: boolean;
}

/** `callhound ingest PATH… | --jsonl FILE`: extraction in parallel, batched idempotent loading, then analysis. */
export function registerIngestCommands(program: Command): void {
  program
    .command('ingest')
    .description('extract and load messages (.eml files, directories, .mbox) or observations (--jsonl) into Neo4j; safe to rerun')
    .argument('[paths...]', 'message files or directories')
    .option('--source <name>', 'name of this ingest source, stored on new emails (default: the first path or the JSONL file name)')
    .option('--workers <n>', 'extraction workers (default: number of cores)')
    .option('--no-ocr', 'do not OCR image attachments')
    .option('--jsonl <file>', 'load observations printed by `callhound extract --json` instead of parsing messages')
    .option('--batch-size <n>', 'messages per write transaction', '1000')
    .option('--no-analyze', 'skip the analysis (timelines, blocks, clusters) at the end')
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (paths: string[], flags: IngestFlags) => {
      if (!flags.jsonl && paths.length === 0) throw new CallhoundError('bad_usage', 'give message files or directories, or --jsonl FILE');
      if (flags.jsonl && paths.length > 0) throw new CallhoundError('bad_usage', 'give either paths or --jsonl, not both');
      const batchSize = positiveInt(flags.batchSize, '--batch-size');
      const workers = flags.workers === undefined ? os.availableParallelism() : positiveInt(flags.workers, '--workers');
      const source = flags.source ?? (flags.jsonl ?? paths[0] ?? 'ingest');
      const config = loadConfig();
      const retry = dbRetryPolicy(config.dbRetryS);
      // Short driver retries: an outage is waited out by the pipeline's own retry loop, which says so on stderr.
      // A Neo4j that is down (restarting, not started yet) is waited for from the start too; a host name that
      // does not resolve is a typo that waiting cannot fix, so it fails at once.
      const { driver } = await withDbRetry('connecting', () => connect(config.neo4j, { maxTransactionRetryTimeMs: 5000 }).catch(failFastOnUnknownHost), retry);
      const database = config.neo4j.database;
      const controller = new AbortController();
      const onSignal = (): void => {
        if (controller.signal.aborted) process.exit(130); // second Ctrl-C: leave now
        info('');
        info('interrupted: finishing the batch in flight (Ctrl-C again to quit at once; a rerun resumes)');
        controller.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await applySchema(driver, database);
        let summary: IngestSummary;
        const started = Date.now();
        if (flags.jsonl) {
          const progress = startProgress(undefined, started);
          summary = await ingestObservations(driver, readObservationLines(flags.jsonl), { source, batchSize, database, signal: controller.signal, onBatch: progress.update, retry });
          progress.stop();
        } else {
          const { files, missing } = await listMessageFiles(paths);
          if (files.length === 0) throw new CallhoundError('no_input', `no message files under ${paths.join(', ')}${missing.length ? ` (not found: ${missing.join(', ')})` : ''}`);
          for (const m of missing) info(`not found: ${m}`);
          const extractor = createExtractor({ workers, ocr: flags.ocr, region: config.defaultRegion });
          const progress = startProgress(files.length, started);
          try {
            summary = await ingestMessages(driver, messagesOf(paths), extractor, { source, batchSize, database, signal: controller.signal, onBatch: progress.update, retry });
          } finally {
            progress.stop();
            await extractor.close();
          }
        }
        const seconds = (Date.now() - started) / 1000;
        info(
          `ingested ${summary.messages} messages in ${seconds.toFixed(1)} s (${rate(summary.messages, seconds)} msg/s): ` +
            `${summary.newEmails} new, ${summary.skipped + (summary.loaded - summary.newEmails)} already known, ` +
            `${summary.counts.mentions} number mentions, ${summary.newNumbers} new numbers, ${summary.errors} errors recorded as IngestIssue` +
            (summary.refused > 0 ? ` (${summary.refused} refused by the database: IngestIssue load_refused)` : '') +
            (summary.shortened > 0 ? `, ${summary.shortened} over-long values stored shortened (IngestIssue value_too_long)` : '') +
            (summary.interrupted ? ' — INTERRUPTED: rerun the same command to finish' : ''),
        );
        let analysis = null;
        if (flags.analyze && !summary.interrupted) {
          info('analysing (timelines, DID blocks, runs, clusters)…');
          // Analysis rewrites derived properties and clusters from the whole graph, so a retry is safe.
          analysis = await withDbRetry('analysing', () => analyzeGraph(driver, { database }), retry);
          info(`analysis: ${analysis.numbers} numbers, ${analysis.blocks} blocks, ${analysis.runs} sequential runs, ${analysis.clusters} clusters (largest ${analysis.largestCluster}) in ${((analysis.ms.read + analysis.ms.compute + analysis.ms.write) / 1000).toFixed(1)} s`);
        }
        if (flags.json) printJson({ ...summary, seconds, analysis });
        if (summary.interrupted) process.exitCode = 130;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await driver.close();
      }
    });
}

async function* messagesOf(paths: string[]): AsyncGenerator<RawMessage> {
  for await (const m of readSources(paths)) yield { file: m.source, raw: m.raw, truncatedBytes: m.truncatedBytes };
}

/** Waits out a Neo4j outage for up to `seconds`, saying so on stderr (the batches in flight are kept). */
function dbRetryPolicy(seconds: number): RetryPolicy {
  return {
    maxWaitMs: seconds * 1000,
    onRetry: (e) =>
      info(`Neo4j unreachable, retrying in ${Math.ceil(e.delayMs / 1000)}s (attempt ${e.attempt}, waited ${Math.round(e.waitedMs / 1000)}s of ${Math.round(e.maxWaitMs / 1000)}s)`),
    onRecovered: (r) => info(`Neo4j is reachable again after ${(r.waitedMs / 1000).toFixed(1)}s; resuming the ingest`),
  };
}

/** A connection error naming a host that does not resolve is not an outage: rethrown without its cause, it is not retried. */
function failFastOnUnknownHost(error: unknown): never {
  const text = error instanceof Error ? `${error.message} ${error.cause instanceof Error ? error.cause.message : ''}` : String(error);
  if (error instanceof CallhoundError && /ENOTFOUND|EAI_AGAIN/.test(text)) throw new CallhoundError('neo4j_unknown_host', error.message, { status: 503 });
  throw error;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CallhoundError('bad_usage', `${flag} must be a positive integer, got "${value}"`);
  return n;
}

function rate(count: number, seconds: number): string {
  return seconds > 0 ? (count / seconds).toFixed(0) : '0';
}

/** A progress bar on a terminal; otherwise a plain line every 5 seconds (both on stderr). */
function startProgress(total: number | undefined, started: number): { update: (p: IngestProgress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: total === undefined ? 'ingest | {value} messages | {numbers} new numbers | {rate} msg/s | {errors} errors' : 'ingest [{bar}] {value}/{total} files | {numbers} new numbers | {rate} msg/s | ETA {eta_formatted} | {errors} errors',
        hideCursor: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total ?? 0, 0, { numbers: 0, rate: 0, errors: 0 });
    return {
      update: (p) => bar.update(p.messages, { numbers: p.newNumbers, rate: rate(p.messages, (Date.now() - started) / 1000), errors: p.errors }),
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update: (p) => {
      const now = Date.now();
      if (now - last < 5000) return;
      last = now;
      const seconds = (now - started) / 1000;
      const eta = total && p.messages > 0 ? ` ETA ${Math.max(0, Math.round(((total - p.messages) * seconds) / p.messages))} s` : '';
      info(`ingest: ${p.messages}${total ? `/${total}` : ''} messages, ${p.newNumbers} new numbers, ${rate(p.messages, seconds)} msg/s, ${p.errors} errors${eta}`);
    },
    stop: () => undefined,
  };
}
