// Digests are the same in Node and in Chromium: the tutorial's multi-stage build from an
// in-memory context (Dockerfile parsed by dockerfile-ast in the page), a push, a pull and a
// `docker save` archive, bundled by Vite and run in Debian's Chromium.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImageWorkload } from './fixtures/image-workload.ts';
import { bundleForBrowser } from './support/browser-bundle.ts';
import { launchChromium } from './support/chromium.ts';

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  bundle = await bundleForBrowser(join(import.meta.dirname, 'fixtures/image-entry.ts'));
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

describe('image digests in Node and Chromium', () => {
  it('the bundle is browser code: no Node module is left in it', () => {
    expect(bundle).not.toMatch(/require\(["']node:|from ["']node:/);
  });

  it('are byte-identical, and stable across runs', async () => {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle });
    const inBrowser = await page.evaluate(() => (globalThis as unknown as { runImageWorkload: (seed: number) => string }).runImageWorkload(7));
    await page.close();
    const inNode = runImageWorkload(7);
    expect(JSON.parse(inNode).diffIds).toHaveLength(8);
    expect(inBrowser).toBe(inNode);
    expect(runImageWorkload(7)).toBe(inNode);
  }, 120_000);
});
