// Digests are the same in Node and in Chromium: the tutorial's multi-stage build from an
// in-memory context (Dockerfile parsed by dockerfile-ast in the page), a push, a pull and a
// `docker save` archive, bundled by Vite and run in Debian's Chromium.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImageWorkload } from './fixtures/image-workload.ts';
import { launchChromium } from './support/chromium.ts';

let browser: Browser;
let bundle: string;
const outDir = mkdtempSync(join(tmpdir(), 'dockyard-images-browser-'));

beforeAll(async () => {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      minify: false,
      emptyOutDir: true,
      lib: { entry: join(import.meta.dirname, 'fixtures/image-entry.ts'), formats: ['iife'], name: 'images', fileName: () => 'images.js' },
    },
  });
  bundle = readFileSync(join(outDir, 'images.js'), 'utf8');
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  rmSync(outDir, { recursive: true, force: true });
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
