/**
 * npm run bench:extract:compare -- --base DIR [--passes 4] [--sample DIR]
 *
 * Extraction CPU per message of this checkout against another checkout of callhound (DIR: e.g. a worktree of
 * an older commit, `git worktree add /tmp/base <commit>` with node_modules), in one process, message by message
 * in alternation (and the order flipped every other message), so that a shared machine's changing load falls
 * on both alike: the ratio is what to quote when a change must not slow extraction down. No OCR, one thread.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

type Extract = (raw: Buffer, source: string, options: { ocr: boolean }) => Promise<unknown>;

const baseDir = arg('base');
if (baseDir === undefined || !existsSync(path.join(baseDir, 'src/extract/index.ts'))) {
  console.error('bench:extract:compare: --base DIR must be another callhound checkout (with src/extract/index.ts and node_modules)');
  process.exit(2);
}
const sampleDir = arg('sample') ?? path.resolve(import.meta.dirname, '../../shared/real-sample');
if (!existsSync(sampleDir)) {
  console.log(`bench:extract:compare: skipped, no real sample at ${sampleDir}`);
  process.exit(0);
}
const passes = Number(arg('passes') ?? 4);
const load = async (dir: string): Promise<Extract> =>
  ((await import(pathToFileURL(path.resolve(dir, 'src/extract/index.ts')).href)) as { extractMessage: Extract }).extractMessage;
const before = await load(baseDir);
const after = await load(path.resolve(import.meta.dirname, '..'));
const files = readdirSync(sampleDir).filter((f) => f.endsWith('.eml')).sort();
const raws = files.map((f) => readFileSync(path.join(sampleDir, f)));
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let a = 0;
let b = 0;
for (let p = -1; p < passes; p += 1) {
  for (const [i, raw] of raws.entries()) {
    const pair: Array<[Extract, 'a' | 'b']> = (i + p) % 2 === 0 ? [[before, 'a'], [after, 'b']] : [[after, 'b'], [before, 'a']];
    for (const [extract, which] of pair) {
      const t = cpu();
      await extract(raw, files[i]!, { ocr: false });
      const spent = cpu() - t;
      if (p < 0) continue; // the first pass warms both up (JIT, lazily loaded data files)
      if (which === 'a') a += spent;
      else b += spent;
    }
  }
}
const n = raws.length * passes;
console.log(`bench:extract:compare — ${raws.length} real messages × ${passes} passes, no OCR, one thread, alternating`);
console.log(`  ${baseDir}: ${(a / n).toFixed(2)} CPU ms per message`);
console.log(`  this checkout: ${(b / n).toFixed(2)} CPU ms per message`);
console.log(`  ratio ${(b / a).toFixed(3)} (${b > a ? `${(((b / a) - 1) * 100).toFixed(1)}% slower` : `${((1 - b / a) * 100).toFixed(1)}% faster`})`);
