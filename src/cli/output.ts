import { isCallhoundError } from '../errors.js';

/** Human-facing progress and messages go to stderr so that stdout stays clean for --json consumers. */
export function info(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Prints an error as one line (a stack trace only with --debug) and sets the exit code. */
export function reportError(error: unknown, debug: boolean): void {
  if (debug && error instanceof Error) {
    process.stderr.write(`${error.stack ?? error.message}\n`);
  } else if (isCallhoundError(error)) {
    process.stderr.write(`callhound: ${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`callhound: unexpected error: ${message} (rerun with --debug for details)\n`);
  }
  process.exitCode = 1;
}
