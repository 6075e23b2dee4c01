/**
 * Text that came from mail, hunt packs or imported snapshots is written by people we do not trust, and a
 * terminal acts on escape sequences in it (clear the screen, set the window title, fake a prompt). Every
 * character a terminal would act on is shown as `\uXXXX` instead.
 */

/** C0 controls, DEL, C1 controls (U+009B alone is a CSI) and the Unicode line/paragraph separators. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** The same, less LF and TAB: for multi-line text whose lines are meant to be lines (a hunt file's source). */
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

function unicodeEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One line of text for a terminal: every control (line breaks too) shown as \uXXXX. */
export function terminalSafeText(text: string): string {
  return text.replace(CONTROLS, unicodeEscape);
}

/** Multi-line text for a terminal: line feeds and tabs kept, every other control shown as \uXXXX (CR too: it rewrites a line). */
export function terminalSafeLines(text: string): string {
  return text.replace(CONTROLS_BUT_LINES, unicodeEscape);
}

/**
 * JSON with every terminal control escaped: JSON.stringify escapes C0 controls inside strings but leaves DEL,
 * the C1 controls and U+2028/9 raw. The escapes are JSON escapes, so the result parses to exactly the same
 * value. A raw line feed can only be the layout's own (with `indent`), so it stays.
 */
export function terminalSafeJson(value: unknown, indent?: number): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(CONTROLS_BUT_LINES, unicodeEscape);
}

/** True when the text holds nothing a terminal would act on (for tests and assertions at the edges). */
export function hasTerminalControls(text: string, { allowLines = false } = {}): boolean {
  return new RegExp((allowLines ? CONTROLS_BUT_LINES : CONTROLS).source).test(text);
}
