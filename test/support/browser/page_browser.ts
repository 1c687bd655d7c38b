/**
 * What the browser tests of the backend pages share: the pages built and served, one headless
 * Chromium, and a watch on each page for errors.
 */
import { rmSync } from 'node:fs';
import { CHROMIUM_ARGS, ensureChromium } from '@tfjs-noise/support/browser/chromium';
import { type StaticServer, serveStatic } from '@tfjs-noise/support/browser/server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildBackendPages } from './build_pages';

/** The built pages, served, and a browser to open them in. */
export interface PageBrowser {
  browser: Browser;
  /** The server's base URL, ending in `/`. */
  url: string;
  /** Closes the browser and the server and removes the built pages. */
  close(): Promise<void>;
}

/** Builds the backend pages, serves them on 127.0.0.1 and launches headless Chromium. */
export async function startPageBrowser(): Promise<PageBrowser> {
  const executablePath = await ensureChromium();
  const dir = await buildBackendPages();
  let server: StaticServer | undefined;
  try {
    server = await serveStatic(dir);
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    const served = server;
    return {
      browser,
      url: served.url,
      async close() {
        await browser.close();
        await served.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Opens a test page and waits until its script has run. */
export async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30_000 });
}

/**
 * Records every console error, page error and failed request of a page in `problems`, and its
 * console warnings in `warnings` (when given).
 */
export function watch(page: Page, problems: string[], warnings?: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    if (m.type() === 'warning') warnings?.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
}

/**
 * Runs `body` on gpu.html (the GPU sampler page) in a fresh browser context, with the page's
 * console warnings, then throws if the page had an error (console error, page error, failed
 * request), listing them.
 */
export async function onGpuPage(
  pages: PageBrowser,
  body: (page: Page, warnings: string[]) => Promise<void>,
): Promise<void> {
  const context = await pages.browser.newContext();
  const problems: string[] = [];
  const warnings: string[] = [];
  try {
    const page = await context.newPage();
    watch(page, problems, warnings);
    await open(page, `${pages.url}gpu.html`);
    await body(page, warnings);
    if (problems.length > 0) throw new Error(`gpu.html had errors:\n${problems.join('\n')}`);
  } finally {
    await context.close();
  }
}
