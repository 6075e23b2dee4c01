/**
 * What a PDF carries besides text, read from its bytes without a parser: JavaScript and launch actions
 * (never run here, but a sign of a weaponised file an analyst should know about) and an xref chain that
 * loops back on itself (a trap for naive readers; pdf.js survives it by rebuilding the table). Objects inside
 * compressed object streams are not seen: this is a cheap signal, not a verdict.
 */
import type { ObservationIssue } from '../observation.js';

/** Name tokens of actions that run code or programs: `/JavaScript`, `/JS`, `/Launch` (not `/JSON…`). */
const ACTIVE_CONTENT = /\/(JavaScript|JS|Launch)(?![A-Za-z0-9#])/g;

export function pdfStructureIssues(bytes: Buffer, filename: string): ObservationIssue[] {
  const text = bytes.toString('latin1');
  const issues: ObservationIssue[] = [];
  const active = new Set<string>();
  for (const match of text.matchAll(ACTIVE_CONTENT)) {
    active.add(match[1] === 'Launch' ? 'launch action' : 'JavaScript');
    if (active.size === 2) break;
  }
  if (active.size > 0) {
    issues.push({ code: 'pdf_javascript', message: `${filename}: contains ${[...active].join(' and ')} (never run by callhound)` });
  }
  // Each xref section's /Prev names the previous section's offset. The chain loops when two sections name
  // the same predecessor, or when a section names the one the file starts from (the last startxref).
  // (Outline items have a /Prev too, but as a reference: `/Prev 12 0 R`.)
  const prevs = [...text.matchAll(/\/Prev\s+(\d+)(?![\d\s]*R\b)/g)].map((m) => Number(m[1]));
  const first = [...text.matchAll(/startxref\s+(\d+)/g)].map((m) => Number(m[1])).at(-1);
  const loops = new Set(prevs).size < prevs.length || (first !== undefined && prevs.includes(first));
  if (loops) issues.push({ code: 'pdf_xref_loop', message: `${filename}: its cross-reference chain (/Prev) loops back on itself` });
  return issues;
}
