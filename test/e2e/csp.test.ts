import type { Driver } from 'neo4j-driver';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/api-server.js';
import { buildWeb, launchChromium, webDist } from '../helpers/browser.js';
import { resetGraph, testDriver } from '../helpers/neo4j.js';
import { seedUiGraph, uiGraph } from '../helpers/ui-graph.js';

/**
 * The pages' Content-Security-Policy blocks injected script in real Chromium: an inline <script>, an inline
 * event handler, a data: script and a script from another origin do not run, and each raises a CSP
 * violation. The same injection on a page without the policy does run (the check can fail).
 */

interface InjectionOutcome {
  ran: string[];
  violations: Array<{ directive: string; blocked: string }>;
}

/** Injects four kinds of script into the live page (as a stored-XSS payload would land) and reports what ran. */
async function inject(page: Page): Promise<InjectionOutcome> {
  return page.evaluate(async () => {
    // The page's DOM, typed by hand: the test project compiles without the DOM library.
    type El = { textContent: string; src: string; innerHTML: string; appendChild(child: El): void };
    const w = globalThis as unknown as {
      __ran: string[];
      document: { body: El; createElement(tag: string): El; addEventListener(type: 'securitypolicyviolation', listener: (event: { effectiveDirective: string; blockedURI: string }) => void): void };
    };
    const document = w.document;
    w.__ran = [];
    const violations: Array<{ directive: string; blocked: string }> = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI }));
    const inline = document.createElement('script');
    inline.textContent = 'window.__ran.push("inline-script")';
    document.body.appendChild(inline);
    const holder = document.createElement('div');
    holder.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__ran.push(\'inline-handler\')" onerror="window.__ran.push(\'inline-handler\')">';
    document.body.appendChild(holder);
    const dataScript = document.createElement('script');
    dataScript.src = 'data:text/javascript,window.__ran.push("data-script")';
    document.body.appendChild(dataScript);
    const foreign = document.createElement('script');
    foreign.src = 'http://127.0.0.2:9/evil.js';
    document.body.appendChild(foreign);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { ran: [...w.__ran], violations };
  });
}

describe('Content-Security-Policy in headless Chromium', () => {
  let driver: Driver;
  let server: TestServer;
  let browser: Browser;
  let snapshotId: string;

  beforeAll(async () => {
    buildWeb();
    driver = await testDriver();
    await resetGraph(driver);
    await seedUiGraph(driver);
    server = await startTestServer(driver, { webDir: webDist });
    const saved = await server.call('/api/snapshots', {
      method: 'POST',
      body: JSON.stringify({ title: 'csp view', elements: { nodes: [{ key: `PhoneNumber:${uiGraph.numberA}`, label: 'PhoneNumber', caption: uiGraph.numberA }], edges: [] } }),
    });
    expect(saved.status).toBe(201);
    snapshotId = saved.body.id;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await driver?.close();
  });

  it('sends a policy without unsafe-inline or unsafe-eval on the pages', async () => {
    for (const p of ['/', `/s/${snapshotId}`]) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, p).toMatch(/script-src 'self'(;|$)/);
      expect(csp, p).toMatch(/object-src 'none'/);
      expect(csp, p).toMatch(/base-uri 'none'/);
      expect(csp, p).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    }
  });

  it.each([
    ['the workspace', () => `/#token=test-token-0123456789abcdef`],
    ['a snapshot link', () => `/s/${snapshotId}`],
  ] as Array<[string, () => string]>)('blocks injected inline, handler, data: and foreign script in %s, reporting violations', async (_name, pathOf) => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    try {
      const res = await page.goto(`${server.url}${pathOf()}`);
      expect(res?.status()).toBe(200);
      await page.waitForLoadState('load');
      const outcome = await inject(page);
      expect(outcome.ran).toEqual([]);
      const directives = outcome.violations.map((v) => v.directive);
      expect(directives.filter((d) => d === 'script-src-elem').length).toBeGreaterThanOrEqual(3);
      expect(directives).toContain('script-src-attr');
      expect(outcome.violations.map((v) => v.blocked)).toEqual(expect.arrayContaining(['inline', 'data', 'http://127.0.0.2:9/evil.js']));
      expect(consoleErrors.some((text) => /Content Security Policy/i.test(text))).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('the same injection runs on a page without the policy (negative control)', async () => {
    const page = await browser.newPage();
    try {
      await page.setContent('<!doctype html><html><body><p>no policy</p></body></html>');
      const outcome = await inject(page);
      expect(outcome.ran).toEqual(expect.arrayContaining(['inline-script', 'inline-handler', 'data-script']));
      expect(outcome.violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
