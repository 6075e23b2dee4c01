import { existsSync } from 'node:fs';
import { CallhoundError } from '../errors.js';

/** Where a Chromium for rendering may be: CALLHOUND_CHROMIUM, then Debian's and other usual places. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.CALLHOUND_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c): c is string => typeof c === 'string' && c.length > 0 && existsSync(c));
}

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * PNG of a snapshot for the CLI: opens the self-contained HTML export in headless Chromium (through
 * playwright-core, no network: the page's CSP allows none) and screenshots the canvas. In the browser the
 * workspace and the viewer make PNGs themselves with Cytoscape's `cy.png()`.
 */
export async function renderPng(html: string, options: { width?: number; height?: number } = {}): Promise<Buffer> {
  const executablePath = findChromium();
  if (!executablePath) throw new CallhoundError('no_chromium', 'PNG export needs Chromium (apt-get install chromium, or set CALLHOUND_CHROMIUM)');
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new CallhoundError('no_playwright', 'PNG export needs the playwright-core package (npm install)');
  }
  const browser = await playwright.chromium.launch({ executablePath, args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1400, height: options.height ?? 900 } });
    await page.setContent(html, { waitUntil: 'load' });
    await page.waitForFunction(() => Boolean((globalThis as unknown as { callhound?: unknown }).callhound), undefined, { timeout: 15_000 });
    await page.waitForTimeout(300);
    const data = await page.evaluate(() => {
      const cy = (globalThis as unknown as { callhound: { cy: { png(o: object): string } } }).callhound.cy;
      return cy.png({ full: true, scale: 2, bg: '#ffffff' });
    });
    return Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64');
  } finally {
    await browser.close();
  }
}
