/**
 * Output for terminals: text that came from mail (subjects, file names, sender names) is written by
 * criminals and may carry escape sequences that a terminal would act on.
 */

/** Control characters a terminal would act on (ESC, CSI, BEL, DEL, C1) and line separators. */
const TERMINAL_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function unicodeEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * One JSON line with every terminal control escaped: JSON.stringify leaves DEL, the C1 controls (U+009B is
 * a one-character CSI) and U+2028/9 raw, and mail from criminals puts escape sequences in subjects.
 * The result parses to exactly the same value.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(TERMINAL_CONTROLS, unicodeEscape);
}

/** Text for a terminal: controls shown as \uXXXX instead of acted on (file names come from attackers too). */
export function terminalSafeText(text: string): string {
  return text.replace(TERMINAL_CONTROLS, unicodeEscape);
}
