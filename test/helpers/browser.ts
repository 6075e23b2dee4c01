import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../src/snapshots/png.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const webDist = path.join(repoRoot, 'web/dist');

/** Builds web/dist (esbuild, ~2 s) so browser tests always run the current sources. */
export function buildWeb(): void {
  execFileSync(process.execPath, [path.join(repoRoot, 'web/build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(path.join(webDist, 'app.js'))) throw new Error('web build produced no app.js');
}

/** Debian's Chromium in headless mode; a missing browser fails the run (it is installed by .ci/run). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found at /usr/bin/chromium: apt-get install -y chromium');
  return chromium.launch({ executablePath, args: chromiumArgs });
}
