/**
 * `npx tsx eval/real/show.ts FILE.eml [--shots DIR]`: shows one real message the way a person labelling it
 * needs to see it, independently of callhound's own extraction (so the labels do not inherit its blind spots):
 * headers; every text/plain view; every HTML view as Debian Chromium renders it (`innerText` of the page, which
 * honours CSS the way a mail client does, plus a screenshot with --shots for looking at it); calendar parts
 * and .ics files unfolded; PDF text (unpdf); images saved with --shots for looking at them.
 * Nothing here is used by callhound itself.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { simpleParser } from 'mailparser';
import { chromium } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { chromiumArgs, findChromium } from '../../src/snapshots/png.js';

const args = process.argv.slice(2);
const shotsAt = args.indexOf('--shots');
const shots = shotsAt >= 0 ? args[shotsAt + 1] : undefined;
const files = args.filter((a, i) => !a.startsWith('--') && (shotsAt < 0 || i !== shotsAt + 1));

const executablePath = findChromium();
if (!executablePath) throw new Error('Chromium not found at /usr/bin/chromium');
const browser = await chromium.launch({ executablePath, args: chromiumArgs });

async function renderHtml(html: string, shotPath: string | undefined): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 }, javaScriptEnabled: false });
  try {
    // No network: remote images and fonts would only time out here.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'domcontentloaded', timeout: 15_000 });
    const text = await page.evaluate(() => document.body?.innerText ?? '');
    // Clipped: a layout can be absurdly wide or tall (an Outlook style of width 17812in), and a full-page
    // shot of it never finishes.
    if (shotPath !== undefined) {
      await page.screenshot({ path: shotPath, clip: { x: 0, y: 0, width: 1400, height: 8000 }, timeout: 20_000 }).catch((error: Error) => {
        console.log(`(screenshot failed: ${error.message.split('\n')[0]})`);
      });
    }
    return text;
  } finally {
    await page.close();
  }
}

function unfoldIcs(text: string): string {
  return text.replace(/\r?\n[ \t]/g, '');
}

/** Long base64 runs (data: URIs pasted into a text view) only hide the text around them. */
function readable(text: string): string {
  return text.replace(/[A-Za-z0-9+/=]{200,}/g, '[base64…]').trim();
}

for (const file of files) {
  // skipHtmlToText: only a text/plain part the sender wrote is a plain view; mailparser would otherwise
  // print its own conversion of the HTML (hidden text included) as if it were one.
  const parsed = await simpleParser(readFileSync(file), { skipHtmlToText: true });
  const name = basename(file, '.eml');
  console.log(`=================== ${file}`);
  console.log(`From: ${parsed.from?.text ?? ''}\nSubject: ${parsed.subject ?? ''}\nDate: ${parsed.date?.toISOString() ?? ''}`);
  if (parsed.text?.trim()) console.log(`\n--- text/plain view ---\n${readable(parsed.text)}`);
  if (typeof parsed.html === 'string' && parsed.html.trim()) {
    if (shots !== undefined) mkdirSync(shots, { recursive: true });
    const shot = shots === undefined ? undefined : join(shots, `${name}-html.png`);
    console.log(`\n--- HTML view (Chromium innerText${shot ? `, screenshot ${shot}` : ''}) ---\n${(await renderHtml(parsed.html, shot)).trim()}`);
  }
  let n = 0;
  for (const a of parsed.attachments) {
    n += 1;
    const label = `${a.filename ?? '(no name)'} ${a.contentType} ${a.content.length} bytes`;
    console.log(`\n--- attachment ${n}: ${label} ---`);
    if (a.contentType === 'text/calendar' || /\.ics$/i.test(a.filename ?? '')) {
      console.log(unfoldIcs(a.content.toString('utf8')).trim());
    } else if (a.contentType === 'application/pdf' || /\.pdf$/i.test(a.filename ?? '')) {
      try {
        const { text } = await extractText(await getDocumentProxy(new Uint8Array(a.content)), { mergePages: true });
        console.log(text.trim());
      } catch (error) {
        console.log(`(PDF unreadable: ${(error as Error).message})`);
      }
    } else if (a.contentType.startsWith('image/') && shots !== undefined) {
      mkdirSync(shots, { recursive: true });
      const out = join(shots, `${name}-att${n}-${(a.filename ?? 'image').replace(/[^\w.-]/g, '_')}`);
      writeFileSync(out, a.content);
      console.log(`(image saved to ${out})`);
    } else if (a.contentType === 'text/html') {
      console.log((await renderHtml(a.content.toString('utf8'), undefined)).trim());
    } else if (a.contentType.startsWith('text/')) {
      console.log(a.content.toString('utf8').trim());
    }
  }
}
await browser.close();
