// Bundles the workspace and the read-only snapshot viewer with esbuild into web/dist (git-ignored).
// `npm run build:web`; also used by the e2e tests and bench:ui before they start a browser.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');

export async function buildWeb({ quiet = false } = {}) {
  const started = Date.now();
  await mkdir(dist, { recursive: true });
  await build({
    entryPoints: { app: path.join(here, 'src/app.ts'), viewer: path.join(here, 'src/viewer.ts') },
    outdir: dist,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
    // No eval, no new Function: the CSP forbids both.
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  await build({
    entryPoints: { app: path.join(here, 'src/app.css'), viewer: path.join(here, 'src/viewer.css') },
    outdir: dist,
    bundle: true,
    minify: true,
    logLevel: quiet ? 'error' : 'warning',
  });
  for (const page of ['index.html', 'snapshot.html', 'favicon.svg']) await copyFile(path.join(here, 'public', page), path.join(dist, page));
  if (!quiet) process.stderr.write(`web: built web/dist in ${Date.now() - started} ms\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWeb().catch((error) => {
    process.stderr.write(`web: build failed: ${error.message}\n`);
    process.exit(1);
  });
}
