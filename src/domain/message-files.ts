import path from 'node:path';

/**
 * Which files are messages (docs/definitions.md: a message file): what ingest and extract pick up when they
 * walk a folder. A file named explicitly on the command line is read whatever its name. Pure.
 */

/** Endings of message files, lower case with the dot: one message (.eml, .mail) or an mbox of many. */
export const messageExtensions: ReadonlySet<string> = new Set(['.eml', '.mbox', '.mbx', '.mail']);

/** Endings of mbox files (many messages, split on `From ` lines). */
export const mboxExtensions: ReadonlySet<string> = new Set(['.mbox', '.mbx']);

/** True when a file of this name is picked up as a message file while walking a folder (case-insensitive). */
export function isMessageFileName(name: string): boolean {
  return messageExtensions.has(path.extname(name).toLowerCase());
}

/** True when a file of this name is an mbox by its ending (case-insensitive). */
export function isMboxFileName(name: string): boolean {
  return mboxExtensions.has(path.extname(name).toLowerCase());
}
