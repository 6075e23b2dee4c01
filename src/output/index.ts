/**
 * The one place that decides how text leaves callhound for a terminal or a spreadsheet: every CLI command
 * and every CSV writer (hunts, snapshot exports, blocklist, the workspace's CSV download) go through it.
 * A leaf module (it imports nothing of callhound's), so that the CLI, hunts, snapshots and the web bundle can
 * all use it without a dependency pointing back.
 */
export { terminalSafeJson, terminalSafeLines, terminalSafeText } from './terminal.js';
export { cellText, csvDocument, csvField, isFormulaLike } from './csv.js';
