import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { CallhoundError } from '../../errors.js';
import type { Observation } from '../../extract/observation.js';
import { checkPaths, createExtractionPool, extractStream, readSources } from '../../ingest/index.js';
import { terminalSafeJson, terminalSafeText } from '../../output/index.js';
import { out, outSafe } from '../output.js';

interface ExtractFlags {
  json?: boolean;
  ocr: boolean;
  region?: string;
  workers?: string;
}

/** The stable JSON line: field order as documented in issue 4, optional fields only when present. */
function toJsonLine(o: Observation): Record<string, unknown> {
  const line: Record<string, unknown> = {
    file: o.file, id: o.id, messageId: o.messageId, subject: o.subject, from: o.from, fromName: o.fromName ?? null,
    fromDomain: o.fromDomain, date: o.date, lang: o.lang ?? null, numbers: o.numbers, attachments: o.attachments,
    issues: o.issues,
  };
  if (o.brands !== undefined) line.brands = o.brands;
  if (o.brand !== undefined) line.brand = o.brand;
  if (o.lure !== undefined) line.lure = o.lure;
  if (o.subjectTemplate !== undefined) line.subjectTemplate = o.subjectTemplate;
  if (o.calendar !== undefined) line.calendar = o.calendar;
  return line;
}


export function summaryLine(o: Observation): string {
  const numbers = o.numbers.map((n) => `${n.e164} (${n.type.toLowerCase()}, ${n.where.join('+')}${n.obfuscated ? ', obfuscated' : ''})`);
  const issues = o.issues.length > 0 ? `  [${o.issues.map((i) => i.code).join(', ')}]` : '';
  return `${terminalSafeText(o.file)}: ${numbers.length === 0 ? 'no numbers' : numbers.join(', ')}${issues}`;
}

function parseWorkers(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new CallhoundError('bad_option', `--workers expects a whole number from 1 to 64, got ${value}`);
  return n;
}

function parseRegion(value: string | undefined, fallback: string): string {
  const region = (value ?? fallback).toUpperCase();
  if (!/^[A-Z]{2}$/.test(region)) throw new CallhoundError('bad_option', `--region expects a two-letter country code such as US or BR, got ${value}`);
  return region;
}

/** `callhound extract PATH…`: observations from .eml files, directories and mbox files; no database. */
export function registerExtractCommands(program: Command): void {
  program
    .command('extract')
    .description('extract phone numbers, sender, date and attachments from .eml/.mbox files or folders (no database)')
    .argument('<paths...>', '.eml files, .mbox files or directories (searched recursively)')
    .option('--json', 'one JSON object per message per line, in input order')
    .option('--no-ocr', 'do not read text in images')
    .option('--region <CC>', 'region for numbers without +CC when the message gives no hint (default: CALLHOUND_REGION or US)')
    .option('--workers <n>', 'worker threads (default: one per core)')
    .action(async (paths: string[], flags: ExtractFlags) => {
      const config = loadConfig();
      const region = parseRegion(flags.region, config.defaultRegion);
      const workers = parseWorkers(flags.workers);
      await checkPaths(paths); // a typo fails before any worker starts
      const pool = createExtractionPool({ ocr: flags.ocr, region, ...(workers === undefined ? {} : { workers }) });
      const progress = process.stderr.isTTY === true;
      const started = Date.now();
      let messages = 0;
      let withNumbers = 0;
      let issues = 0;
      const distinct = new Set<string>();
      try {
        for await (const observation of extractStream(pool, readSources(paths))) {
          messages += 1;
          if (observation.numbers.length > 0) withNumbers += 1;
          if (observation.issues.length > 0) issues += 1;
          for (const n of observation.numbers) distinct.add(n.e164);
          if (flags.json) outSafe(`${terminalSafeJson(toJsonLine(observation))}\n`);
          else out(summaryLine(observation));
          if (progress && messages % 25 === 0) {
            const rate = messages / Math.max(0.001, (Date.now() - started) / 1000);
            process.stderr.write(`\r${messages} messages, ${rate.toFixed(0)}/s`);
          }
        }
      } finally {
        if (progress) process.stderr.write('\r\x1b[K');
        await pool.close();
      }
      if (!flags.json) {
        const seconds = (Date.now() - started) / 1000;
        out('');
        out(`${messages} messages in ${seconds.toFixed(1)} s: ${withNumbers} with numbers, ${distinct.size} distinct numbers, ${issues} with issues`);
      }
    });
}
