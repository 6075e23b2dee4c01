import { isCallhoundError } from '../errors.js';
import { terminalSafeJson, terminalSafeLines, terminalSafeText } from '../output/index.js';

/*
 * Every line a command prints goes through here, and through src/output's escaping: names, titles, notes,
 * file names and error messages come from mail, hunt packs and imported snapshots, and a terminal acts on
 * escape sequences in them. A line is one line: a line break inside it is shown as \u000a.
 */

/** Human-facing progress and messages go to stderr so that stdout stays clean for --json consumers. */
export function info(line: string): void {
  process.stderr.write(`${terminalSafeText(line)}\n`);
}

/** One line of a command's result on stdout. */
export function out(line: string): void {
  process.stdout.write(`${terminalSafeText(line)}\n`);
}

/** Multi-line text on stdout (a hunt file as written): its line feeds and tabs kept, other controls escaped. */
export function outLines(text: string): void {
  process.stdout.write(terminalSafeLines(text));
}

/** Output that its writer already made terminal-safe (hunt result formats, snapshot exports); see src/output. */
export function outSafe(text: string): void {
  process.stdout.write(text);
}

export function printJson(value: unknown, indent?: number): void {
  process.stdout.write(`${terminalSafeJson(value, indent)}\n`);
}

/** Prints an error as one line (a stack trace only with --debug) and sets the exit code. */
export function reportError(error: unknown, debug: boolean): void {
  if (debug && error instanceof Error) {
    process.stderr.write(`${terminalSafeLines(error.stack ?? error.message)}\n`);
  } else if (isCallhoundError(error)) {
    process.stderr.write(`callhound: ${terminalSafeText(error.message)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`callhound: unexpected error: ${terminalSafeText(message)} (rerun with --debug for details)\n`);
  }
  process.exitCode = 1;
}
