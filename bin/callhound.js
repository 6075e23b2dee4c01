#!/usr/bin/env node
// Entry point for the `callhound` command: runs the compiled CLI from dist/ (built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error('callhound: dist/ is missing; run `npm run build` first (the README\'s first command does it).');
  process.exit(1);
}
await import(main);
