// The compose model runs unchanged in a browser: bundled by Vite and run in headless Chromium, it
// loads the tutorial's project from memory and prints the same `config` as Node, errors included.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeConfigText } from './fixtures/compose-browser-entry.ts';
import { bundleForBrowser } from './support/browser-bundle.ts';
import { launchChromium } from './support/chromium.ts';

let browser: Browser;
let bundle: string;
const APP = join(import.meta.dirname, '../../../examples/compose-app');

function filesUnder(dir: string, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, filesUnder(path, `${prefix}/${name}`));
    else out[`${prefix}/${name}`] = readFileSync(path, 'utf8');
  }
  return out;
}

beforeAll(async () => {
  bundle = await bundleForBrowser(join(import.meta.dirname, 'fixtures/compose-browser-entry.ts'));
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

const cases: [string, Record<string, string>, string][] = [
  ['the tutorial app', filesUnder(APP, '/home/student/compose-app'), '      target: development\n'],
  [
    'a schema error',
    { '/home/student/compose-app/compose.yaml': 'services:\n  web:\n    image: nginx\n    buidl: .\n' },
    'services.web Additional property buidl is not allowed',
  ],
  ['a YAML error', { '/home/student/compose-app/compose.yaml': 'services:\n  web:\n   image: nginx\n  ports: [1\n' }, 'error: yaml: '],
];

describe('compose in Chromium', () => {
  it('the bundle has no Node module in it', () => {
    expect(bundle).not.toMatch(/require\(["']node:|from ["']node:/);
  });

  it.each(cases)('prints the same config as Node for %s', async (_, files, expected) => {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle });
    const args = [files, '/home/student/compose-app', { HOME: '/home/student' }] as const;
    const inBrowser = await page.evaluate(
      ([f, cwd, env]) => (globalThis as unknown as { composeConfigText: typeof composeConfigText }).composeConfigText(f, cwd, env),
      args,
    );
    await page.close();
    expect(inBrowser).toContain(expected);
    expect(inBrowser).toBe(composeConfigText(...args));
  });
});
