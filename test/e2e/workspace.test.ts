import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { huntsProvider } from '../../src/server/hunts-provider.js';
import { reportProvider } from '../../src/server/optional-providers.js';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { buildWeb, launchChromium, repoRoot, webDist } from '../helpers/browser.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';
import { seedUiGraph, sha, uiGraph, xssSubject } from '../helpers/ui-graph.js';
import { tempDirs } from '../helpers/temp-dirs.js';

type CyWindow = { callhound: { cy: { getElementById(id: string): { nonempty(): boolean; renderedPosition(): { x: number; y: number } }; nodes(sel?: string): { length: number; map<T>(f: (n: { id(): string }) => T): T[] } } } };

const numberKey = `PhoneNumber:${uiGraph.numberA}`;
const screenshots = process.env.UPDATE_SCREENSHOTS === '1';

const temp = tempDirs();

describe('the workspace in headless Chromium', () => {
  let driver: Driver;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    buildWeb();
    driver = await testDriver();
    await resetGraph(driver);
    await seedUiGraph(driver);
    server = await startTestServer(driver, {
      webDir: webDist,
      hunts: huntsProvider(driver, { region: 'US', userDir: path.join(repoRoot, 'test/e2e/fixtures/hunts') }),
      report: reportProvider(driver),
    });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    // Any CSP violation or script error fails the suite: the page must work under the strict policy.
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.waitForSelector('[data-testid=search]');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await driver?.close();
  });

  const nodeCount = (): Promise<number> => page.evaluate(() => (globalThis as unknown as CyWindow).callhound.cy.nodes().length);
  const hasNode = (key: string): Promise<boolean> => page.evaluate((k) => (globalThis as unknown as CyWindow).callhound.cy.getElementById(k).nonempty(), key);
  /** Where a node is on screen, after centring the view on it (so no other node or panel covers it). */
  async function nodeOnScreen(key: string): Promise<{ x: number; y: number }> {
    const rendered = await page.evaluate((k) => {
      const cy = (globalThis as unknown as { callhound: { cy: { getElementById(id: string): { renderedPosition(): { x: number; y: number } }; center(e: unknown): void; zoom(l: number): void } } }).callhound.cy;
      const node = cy.getElementById(k);
      cy.zoom(1.5);
      cy.center(node);
      return node.renderedPosition();
    }, key);
    const box = await page.locator('[data-testid=canvas]').boundingBox();
    if (!box) throw new Error('no canvas');
    return { x: box.x + rendered.x, y: box.y + rendered.y };
  }

  it('drops the token from the address bar and searches a number as pasted', async () => {
    expect(page.url()).not.toContain('token=');
    await page.fill('[data-testid=search]', '(804) 713-4598');
    await page.press('[data-testid=search]', 'Enter');
    await page.waitForFunction((k) => (globalThis as unknown as CyWindow).callhound.cy.getElementById(k).nonempty(), numberKey);
    await expect.poll(() => page.textContent('[data-testid=details-title]')).toBe(uiGraph.numberA);
    await expect.poll(() => page.textContent('[data-testid=details]')).toContain('(804) 713-4598');
    expect(await page.textContent('[data-testid=details]')).toContain('Bandwidth.com');
  });

  it('expands the number by double-click and shows hidden-neighbour counts by relationship type', async () => {
    await page.waitForTimeout(400);
    const at = await nodeOnScreen(numberKey);
    await page.mouse.dblclick(at.x, at.y);
    await expect.poll(nodeCount, { timeout: 10_000 }).toBe(7);
    expect(await hasNode(`Email:${sha('email-1')}`)).toBe(true);
    expect(await hasNode(`Cluster:${uiGraph.clusterA}`)).toBe(true);
    // The block has a second number not on the canvas yet: its label carries "+1".
    const blockLabel = await page.evaluate(() => (globalThis as unknown as { callhound: { cy: { getElementById(id: string): { data(k: string): unknown } } } }).callhound.cy.getElementById('DidBlock:+1804713').data('display'));
    expect(String(blockLabel)).toMatch(/\+1$/);
    // Context menu on the block: expand by relationship type, with its count.
    await page.waitForTimeout(300);
    const block = await nodeOnScreen('DidBlock:+1804713');
    await page.mouse.click(block.x, block.y, { button: 'right' });
    await page.waitForSelector('[data-testid="menu-IN_BLOCK-PhoneNumber"]');
    expect(await page.textContent('[data-testid="menu-IN_BLOCK-PhoneNumber"]')).toContain('(+1 hidden)');
    await page.click('[data-testid="menu-IN_BLOCK-PhoneNumber"]');
    await page.waitForFunction((k) => (globalThis as unknown as CyWindow).callhound.cy.getElementById(k).nonempty(), `PhoneNumber:${uiGraph.numberB}`);
    // Undo takes the expansion back, redo restores it.
    await page.click('text=Undo');
    expect(await hasNode(`PhoneNumber:${uiGraph.numberB}`)).toBe(false);
    await page.click('text=Redo');
    expect(await hasNode(`PhoneNumber:${uiGraph.numberB}`)).toBe(true);
  });

  it('opens an email’s details with the number highlighted in its context', async () => {
    await page.waitForTimeout(300);
    const at = await nodeOnScreen(`Email:${sha('email-1')}`);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.textContent('[data-testid=details-title]')).toContain('Your PayPal invoice');
    await expect.poll(() => page.textContent('[data-testid=details] mark')).toBe('(804) 713-4598');
    expect(await page.textContent('[data-testid=details]')).toContain('billing@pp-support.example');
    // The impersonated brand and the abused delivery platform, side by side.
    expect(await page.textContent('[data-testid=details]')).toMatch(/Impersonates\s*PayPal/);
    expect(await page.textContent('[data-testid=details]')).toMatch(/Delivered via\s*QuickBooks/);
  });

  it('runs a hunt with a parameter and shows rows, graph and Cypher', async () => {
    await page.click('[data-tab=hunts]');
    const form = page.locator('form[data-hunt=e2e-numbers-by-brand]');
    await form.waitFor();
    await form.locator('input[data-param=brand]').fill('Norton LifeLock');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.textContent('.hunt-output h3'), { timeout: 15_000 }).toMatch(/3 row\(s\)/);
    expect(await page.textContent('[data-testid=hunt-cypher]')).toContain('MATCH (b:Brand {name: $brand})');
    expect(await page.textContent('.hunt-output table.results')).toContain('PhoneNumber:+18885550199');
    await expect.poll(() => hasNode(`PhoneNumber:${uiGraph.numberC}`)).toBe(true);
  });

  it('shares a snapshot that opens read-only in a fresh browser context without the token', async () => {
    if (screenshots) {
      await page.evaluate(() => (globalThis as unknown as { callhound: { cy: { fit(e: undefined, p: number): void } } }).callhound.cy.fit(undefined, 40));
      await page.waitForTimeout(200);
      const at = await nodeOnScreen(numberKey);
      await page.mouse.click(at.x, at.y);
      await expect.poll(() => page.textContent('[data-testid=details-title]')).toBe(uiGraph.numberA);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(repoRoot, 'docs/workspace.png') });
    }
    const shown = await nodeCount();
    await page.click('[data-testid=share]');
    await page.fill('[data-testid=share-dialog] input[name=title]', 'PayPal and Norton callback numbers');
    await page.fill('[data-testid=share-dialog] textarea[name=note]', 'Two blocks, one shared lure. <b>not bold</b>');
    await page.click('[data-testid=share-dialog] button[type=submit]');
    const link = await page.locator('[data-testid=share-link]').inputValue({ timeout: 10_000 });
    expect(link).toMatch(new RegExp(`^${server.url}/s/[A-Za-z0-9_-]{24}$`));

    const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const viewer = await fresh.newPage();
      const viewerProblems: string[] = [];
      viewer.on('pageerror', (e) => viewerProblems.push(e.message));
      viewer.on('console', (m) => {
        if (m.type() === 'error') viewerProblems.push(m.text());
      });
      await viewer.goto(link);
      await viewer.waitForSelector('[data-testid=snapshot-title]');
      expect(await viewer.textContent('[data-testid=snapshot-title]')).toBe('PayPal and Norton callback numbers');
      expect(await viewer.textContent('[data-testid=snapshot-note]')).toBe('Two blocks, one shared lure. <b>not bold</b>');
      expect(await viewer.locator('[data-testid=snapshot-note] b').count()).toBe(0);
      const viewerNodes = await viewer.evaluate(() => (globalThis as unknown as CyWindow).callhound.cy.nodes().length);
      expect(viewerNodes).toBe(shown);
      const hasNumber = await viewer.evaluate((k) => (globalThis as unknown as CyWindow).callhound.cy.getElementById(k).nonempty(), numberKey);
      expect(hasNumber).toBe(true);
      await viewer.waitForTimeout(300);
      if (screenshots) await viewer.screenshot({ path: path.join(repoRoot, 'docs/snapshot.png') });
      expect(viewerProblems).toEqual([]);
      // The viewer has no token, so the API stays closed to it.
      const status = await viewer.evaluate(async () => (await fetch('/api/meta')).status);
      expect(status).toBe(401);
    } finally {
      await fresh.close();
    }

    // The self-contained HTML export opens from a file, offline, under its own CSP, with nothing to fetch.
    const html = await (await fetch(`${link}/export/html`)).text();
    const file = path.join(temp.make('callhound-e2e-'), 'snapshot.html');
    writeFileSync(file, html);
    const offline = await browser.newContext({ offline: true });
    try {
      const viewer = await offline.newPage();
      const offlineProblems: string[] = [];
      viewer.on('pageerror', (e) => offlineProblems.push(e.message));
      viewer.on('console', (m) => {
        if (m.type() === 'error') offlineProblems.push(m.text());
      });
      await viewer.goto(`file://${file}`);
      await viewer.waitForSelector('[data-testid=snapshot-title]');
      expect(await viewer.textContent('[data-testid=snapshot-title]')).toBe('PayPal and Norton callback numbers');
      expect(await viewer.evaluate(() => (globalThis as unknown as CyWindow).callhound.cy.nodes().length)).toBe(shown);
      expect(offlineProblems).toEqual([]);
    } finally {
      await offline.close();
    }
  });

  it('draws the report in the insights view', async () => {
    await page.click('[data-tab=insights]');
    await page.waitForSelector('[data-testid=insights]');
    expect(await page.textContent('[data-testid=insights]')).toMatch(/6\s*emails/);
    expect(await page.locator('section.insight canvas').count()).toBeGreaterThanOrEqual(4);
  });

  it('filters the canvas to a date range with the timeline brush', async () => {
    const brush = await page.locator('canvas.brush').boundingBox();
    if (!brush) throw new Error('no brush');
    // Days run 2024-03-01 … 2024-04-12 (6 bars): drag over the first half (March only).
    await page.mouse.move(brush.x + 2, brush.y + brush.height / 2);
    await page.mouse.down();
    await page.mouse.move(brush.x + brush.width * 0.6, brush.y + brush.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.textContent('[data-testid=brush-label]')).toMatch(/^2024-03-01 → 2024-03-/);
    const hidden = await page.evaluate(() => (globalThis as unknown as { callhound: { cy: { nodes(s: string): { length: number } } } }).callhound.cy.nodes('.filtered').length);
    expect(hidden).toBeGreaterThan(0); // the April (Norton) emails and their number
    await page.click('text=All dates');
    const after = await page.evaluate(() => (globalThis as unknown as { callhound: { cy: { nodes(s: string): { length: number } } } }).callhound.cy.nodes('.filtered').length);
    expect(after).toBe(0);
  });

  it('lists clusters, and offers a table instead of overflowing the canvas', async () => {
    await page.click('[data-tab=clusters]');
    await page.waitForSelector(`tr[data-cluster=${uiGraph.clusterB}]`);
    expect(await page.locator('table.clusters tbody tr').count()).toBe(2);
    await page.evaluate(() => ((globalThis as unknown as { callhound: { ws: { maxElements: number } } }).callhound.ws.maxElements = 5));
    await page.click(`tr[data-cluster=${uiGraph.clusterB}]`);
    await page.waitForSelector('[data-testid=overflow]');
    expect(await page.textContent('[data-testid=overflow]')).toMatch(/limit is 5/);
    await page.click('[data-testid=overflow] >> text=Show as a table');
    await expect.poll(() => page.textContent('[data-tab=results].active')).toBe('Results');
    expect(await page.textContent('.side table.results')).toContain(`Cluster:${uiGraph.clusterB}`);
    await page.evaluate(() => ((globalThis as unknown as { callhound: { ws: { maxElements: number } } }).callhound.ws.maxElements = 3000));
  });

  it('renders an email subject that is HTML as text and runs nothing', async () => {
    await page.click('[data-tab=results]');
    await page.fill('[data-testid=search]', uiGraph.xssEmail);
    await page.press('[data-testid=search]', 'Enter');
    await expect.poll(() => page.textContent('[data-testid=details-title]'), { timeout: 10_000 }).toBe(xssSubject);
    const details = page.locator('[data-testid=details]');
    expect(await details.locator('img').count()).toBe(0);
    expect(await details.locator('script').count()).toBe(0);
    expect(await page.locator('img[src=x]').count()).toBe(0);
    // The context with a <script> tag is shown as text too.
    expect(await details.textContent()).toContain('<script>window.__pwned=2</script>');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('raised no script error and no Content-Security-Policy violation', () => {
    expect(problems).toEqual([]);
  });
});
