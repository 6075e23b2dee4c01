import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CallhoundError } from '../errors.js';
import { toCallhoundJson, toCytoscapeJson, toMispEvent, toNumbersCsv, toSelfContainedHtml, toSvg, type ExportFormat } from './export.js';
import type { Snapshot } from './model.js';

/** Renders a snapshot in one export format; `webDir` holds the built viewer for the HTML export. */
export async function renderExport(snapshot: Snapshot, format: ExportFormat, webDir: string): Promise<string> {
  switch (format) {
    case 'json':
      return toCallhoundJson(snapshot);
    case 'cyjs':
      return toCytoscapeJson(snapshot);
    case 'csv':
      return toNumbersCsv(snapshot);
    case 'misp':
      return toMispEvent(snapshot);
    case 'svg':
      return toSvg(snapshot);
    case 'html': {
      const js = path.join(webDir, 'viewer.js');
      const css = path.join(webDir, 'viewer.css');
      if (!existsSync(js)) throw new CallhoundError('web_not_built', 'the viewer is not built: run `npm run build:web`', { status: 503 });
      return toSelfContainedHtml(snapshot, { js: await readFile(js, 'utf8'), css: existsSync(css) ? await readFile(css, 'utf8') : '' });
    }
  }
}
