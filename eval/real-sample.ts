/**
 * `npm run eval:real-sample [-- --list]`: runs the classifier over ../shared/real-sample/*.eml (or
 * $CALLHOUND_REAL_SAMPLE) and prints the distribution of primary brands, contexts, triggers and calls to
 * action. With --list, one line per message (file, primary brand, lure key, subject) for checking by eye.
 * The sample is unlabelled; this is a look at behaviour on real mail, not a score.
 */
import { basename } from 'node:path';
import { classifyMessage, lureKey } from '../src/classify/index.js';
import { REAL_SAMPLE_DIR, readRealSample } from './real-mail.js';

const messages = await readRealSample();
if (messages.length === 0) {
  console.error(`eval:real-sample: no .eml files in ${REAL_SAMPLE_DIR}; set CALLHOUND_REAL_SAMPLE to a folder of .eml files`);
  process.exit(0);
}

const counts = { brand: new Map<string, number>(), context: new Map<string, number>(), trigger: new Map<string, number>(), cta: new Map<string, number>() };
const bump = (m: Map<string, number>, k: string | null | undefined): void => {
  const key = k ?? '(none)';
  m.set(key, (m.get(key) ?? 0) + 1);
};
const list = process.argv.includes('--list');
for (const { file, input } of messages) {
  const r = classifyMessage(input);
  bump(counts.brand, r.brand);
  bump(counts.context, r.lure?.context);
  bump(counts.trigger, r.lure?.trigger);
  bump(counts.cta, r.lure?.cta);
  if (list) {
    const others = r.brands.slice(1).map((b) => b.name).join(',');
    console.log(`${basename(file)}\t${r.brand ?? '-'}${others ? ` (+${others})` : ''}\t${r.lure ? lureKey(r.lure) : '-'}\t${input.subject.slice(0, 90)}`);
  }
}
console.log(`\n${messages.length} messages from ${REAL_SAMPLE_DIR}`);
for (const [name, m] of Object.entries(counts)) {
  const rows = [...m.entries()].sort((a, b) => b[1] - a[1]);
  console.log(`\n${name}:`);
  for (const [k, n] of rows) console.log(`  ${String(n).padStart(4)}  ${k}`);
}
