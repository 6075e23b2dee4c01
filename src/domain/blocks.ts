/** DID blocks (docs/definitions.md). Pure; the leaf every other part may import. */

/** DID block key: the E.164 number without its last four digits (for NANP, +1 NPA NXX). */
export function blockPrefix(e164: string): string {
  return e164.slice(0, Math.max(0, e164.length - 4));
}

/** The last four digits, as a number: a number's position inside its DID block. */
export function blockSuffix(e164: string): number {
  return Number.parseInt(e164.slice(-4), 10);
}
