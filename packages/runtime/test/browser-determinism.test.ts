// Node and Chromium give the same answer: the toy workload and a busy Docker host, bundled by Vite and run in headless
// Chromium, write the same event log byte for byte as it does in Node.

import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDockerWorkload } from './fixtures/docker-workload.ts';
import { runToyWorkload } from './fixtures/toy-cluster.ts';
import { bundleForBrowser } from './support/browser-bundle.ts';
import { launchChromium } from './support/chromium.ts';

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  bundle = await bundleForBrowser(join(import.meta.dirname, 'fixtures/browser-entry.ts'));
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

describe('Node and Chromium', () => {
  it('the bundle is browser code: no Node module is left in it', () => {
    expect(bundle).not.toMatch(/require\(["']node:|from ["']node:/);
  });

  it.each([42, 7])('write byte-identical event logs for seed %i', async (seed) => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.addScriptTag({ content: bundle });
    const inBrowser = await page.evaluate(
      (s) => (globalThis as unknown as { runToyWorkload: (seed: number) => string }).runToyWorkload(s),
      seed,
    );
    await page.close();
    const inNode = runToyWorkload(seed);
    expect(inBrowser.split('\n').length).toBeGreaterThan(10_000);
    expect(inBrowser).toBe(inNode);
    expect(requests).toEqual([]);
  });

  it.each([1, 2])('run the same busy Docker host to the same log and container output for seed %i', async (seed) => {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle });
    const inBrowser = await page.evaluate((s) => (globalThis as unknown as { runDockerWorkload: (seed: number) => string }).runDockerWorkload(s), seed);
    await page.close();
    expect(inBrowser).toContain('"type":"container.oom"');
    expect(inBrowser).toContain('poll 3 ok');
    expect(inBrowser).toBe(runDockerWorkload(seed));
  });
});
