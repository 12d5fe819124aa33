// The page asks nothing of any origin but its own (no fonts, icons or scripts from a CDN, no yargs
// modules from unpkg), and its bundle holds no Node module and needs no Node polyfill.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage, typeCommand, usePages } from './support/page.ts';

const rig = usePages('page');

describe('the page offline', () => {
  it('requests only its own origin while loading, playing, running commands and opening a scenario', async () => {
    const { page, requests, errors } = await openPage(rig.browser, rig.server.url);
    await page.selectOption('[data-testid=speed]', '100');
    await page.click('[data-testid=play]');
    await page.waitForTimeout(300);
    await page.click('[data-testid=play]');
    await typeCommand(page, 'events -o json');
    await page.click('[data-testid=editor-apply]');
    for (const tab of ['scenario', 'files', 'world']) await page.click(`[data-testid=view-tab-${tab}]`);
    await page.selectOption('[data-testid=scenario-picker]', 'clock');
    await page.waitForFunction(() => window.location.hash.includes('scenario=clock'));
    const origin = new URL(rig.server.url).origin;
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('bundles no Node module, no Node polyfill and no remote import', () => {
    const html = readFileSync(join(rig.server.dist, 'index.html'), 'utf8');
    const entry = /<script type="module" crossorigin src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const code = readFileSync(join(rig.server.dist, entry!), 'utf8');
    expect(code).not.toMatch(/from\s*["']node:|require\(["']node:|__vite-rig.browser-external/);
    expect(code).not.toMatch(/import\(["']https?:|from\s*["']https?:|unpkg\.com/);
    // yargs/browser would fetch cliui and yargs-parser from unpkg; the page keeps the Node-only parts out.
    expect(code).not.toContain('yargs');
    // Every other chunk is an example file's text (one string literal, in whichever quotes the minifier picked), fetched when a scenario needs it (its code is data).
    for (const name of readdirSync(join(rig.server.dist, 'assets'))) {
      if (!name.endsWith('.js') || `assets/${name}` === entry) continue;
      expect(readFileSync(join(rig.server.dist, 'assets', name), 'utf8')).toMatch(/^var e=(`[\s\S]*`|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*');export\{e as default\};\s*$/);
    }
  });
});
