/**
 * Errors a user can act on. The CLI prints `message` without a stack trace (unless --debug);
 * the API maps `code` to a JSON error body and `status` to the HTTP status.
 */
export class CallhoundError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CallhoundError';
    this.code = code;
    this.status = options.status ?? 500;
  }
}

export function isCallhoundError(error: unknown): error is CallhoundError {
  return error instanceof CallhoundError;
}
