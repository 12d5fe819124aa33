// Builds the page with Vite, serves it through `dockyard visualize`'s server, and opens it in
// Debian's Chromium, watching every request, dialog and page error.

import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { serveVisualizer, type VisualizerServer } from '../../../cli/src/node/visualizer-server.ts';
import { launchChromium } from '../../../runtime/test/support/chromium.ts';

export { launchChromium };

const PACKAGE = join(import.meta.dirname, '../..');
export const ARTIFACTS = join(PACKAGE, 'test-artifacts');

/** The user's page, or a test page from fixtures/: with a crash-looping Deployment, or with a scripted cluster (`?script=`). */
export type PageName = 'page' | 'crashloop-page' | 'cluster-page';

/** Builds a page into a fresh directory; unminified, a CPU profile names its functions. */
export async function buildPage(which: PageName = 'page', minify = true): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), `dockyard-${which}-`));
  await build({
    configFile: join(PACKAGE, 'vite.config.ts'),
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify,
      ...(which === 'page' ? {} : { rollupOptions: { input: join(PACKAGE, `test/fixtures/${which}.html`) } }),
    },
  });
  return outDir;
}

export async function servePage(which: PageName = 'page', minify = true): Promise<VisualizerServer & { dist: string }> {
  const dist = await buildPage(which, minify);
  const server = await serveVisualizer(dist, 0);
  return Object.assign(server, { dist, url: which === 'page' ? server.url : `${server.url}test/fixtures/${which}.html` });
}

export type ServedPage = Awaited<ReturnType<typeof servePage>>;

/** What a test file drives: Chromium and the pages it serves, there from its first test to its last. */
export interface PageRig {
  readonly browser: Browser;
  /** The first page named. */
  readonly server: ServedPage;
  served(which: PageName): ServedPage;
}

/** Builds and serves the named pages and launches Chromium before the file's tests; stops them after. */
export function usePages(...which: [PageName, ...PageName[]]): PageRig {
  let browser: Browser | undefined;
  const servers = new Map<PageName, ServedPage>();
  beforeAll(async () => {
    const served = await Promise.all(which.map((name) => servePage(name)));
    which.forEach((name, i) => servers.set(name, served[i]!));
    browser = await launchChromium();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    for (const server of servers.values()) await server.close();
  });
  const served = (name: PageName) => {
    const server = servers.get(name);
    if (server === undefined) throw new Error(`page ${name} is not served here (usePages(${which.join(', ')}))`);
    return server;
  };
  return {
    get browser() {
      if (browser === undefined) throw new Error('Chromium is not running yet: use the rig inside a test');
      return browser;
    },
    get server() {
      return served(which[0]);
    },
    served,
  };
}

export interface OpenedPage {
  page: Page;
  requests: string[];
  dialogs: string[];
  errors: string[];
}

/** Opens `url` (with a link's hash) and waits until the page has played to the link's time. */
export async function openPage(browser: Browser, url: string): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const opened: OpenedPage = { page, requests: [], dialogs: [], errors: [] };
  page.on('request', (request) => opened.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => opened.errors.push(error.message));
  await page.goto(url);
  await waitReady(page);
  return opened;
}

export async function waitReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-ready]', { timeout: 15_000 });
}

/** The virtual time the time bar shows. */
export function shownTime(page: Page): Promise<string | null> {
  return page.textContent('[data-testid=virtual-time]');
}

/** Runs a line in the page's terminal and waits for its entry in the transcript. */
export async function typeCommand(page: Page, line: string): Promise<string> {
  const before = await page.locator('[data-testid=transcript] .entry').count();
  await page.fill('[data-testid=terminal-input]', line);
  await page.press('[data-testid=terminal-input]', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=transcript] .entry').length > n, before);
  return (await page.locator('[data-testid=transcript] .entry').last().textContent()) ?? '';
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** How many distinct colours a PNG holds, decoded by Chromium on a blank page. */
export async function distinctColours(browser: Browser, png: Buffer): Promise<number> {
  const blank = await browser.newPage();
  const count = await blank.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return colours.size;
  }, png.toString('base64'));
  await blank.close();
  return count;
}
