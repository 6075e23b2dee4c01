/**
 * Text that came from mail, hunt packs or imported snapshots is written by people we do not trust, and a
 * terminal acts on escape sequences in it (clear the screen, set the window title, fake a prompt). Every
 * character a terminal would act on is shown as `\uXXXX` instead.
 */

/** C0 controls, DEL, C1 controls (U+009B alone is a CSI) and the Unicode line/paragraph separators. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** The same, less LF and TAB: for JSON, whose only raw line feeds are its layout's. */
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
/** For multi-line text (a hunt file's source): LF, TAB and the CR of a CRLF line end kept; a lone CR rewrites a line. */
const CONTROLS_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]|\r(?!\n)/g;

function unicodeEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One line of text for a terminal: every control (line breaks too) shown as \uXXXX. */
export function terminalSafeText(text: string): string {
  return text.replace(CONTROLS, unicodeEscape);
}

/**
 * Multi-line text for a terminal: line feeds, tabs and CRLF line ends kept, every other control shown as
 * \uXXXX (a lone CR too: it moves back over the line and lets what follows overwrite it).
 */
export function terminalSafeLines(text: string): string {
  return text.replace(CONTROLS_IN_TEXT, unicodeEscape);
}

/**
 * JSON with every terminal control escaped: JSON.stringify escapes C0 controls inside strings but leaves DEL,
 * the C1 controls and U+2028/9 raw. The escapes are JSON escapes, so the result parses to exactly the same
 * value. A raw line feed can only be the layout's own (with `indent`), so it stays.
 */
export function terminalSafeJson(value: unknown, indent?: number): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(CONTROLS_BUT_LINES, unicodeEscape);
}
