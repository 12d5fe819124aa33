// The events timeline in the page, fed by the test ticker (a generic heartbeat every 5 s, a
// Kubernetes-style Warning every 25 s): kubectl's columns, the per-object filter kept in the link,
// warnings only, the raw log, and rows that follow the clock back and forth.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, servePage, shownTime } from './support/page.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof servePage>>;

beforeAll(async () => {
  server = await servePage('ticker-page');
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const rows = (page: Page) => page.locator('[data-testid=events-table] tbody tr');
const column = (page: Page, n: number) => page.locator(`[data-testid=events-table] tbody td:nth-child(${n})`).allTextContents();

describe('the events timeline', () => {
  it("shows the log up to now in kubectl's columns", async () => {
    const { page } = await openPage(browser, `${server.url}#t=1m`);
    expect(await page.locator('[data-testid=events-table] th').allTextContents()).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(await rows(page).count()).toBe(12);
    expect(await column(page, 1)).toEqual(['55s', '50s', '45s', '40s', '35s', '30s', '25s', '20s', '15s', '10s', '5s', '0s']);
    expect((await column(page, 2)).filter((t) => t === 'Warning')).toHaveLength(2);
    expect((await column(page, 3)).slice(0, 5)).toEqual(['node.heartbeat', 'node.heartbeat', 'node.heartbeat', 'node.heartbeat', 'BackOff']);
    expect((await column(page, 4))[0]).toMatch(/^node\/node-[123]$/);
    expect((await column(page, 5))[0]).toBe('beat=1');
    expect(await page.textContent('[data-testid=events-count]')).toBe('12 of 12 record(s) at 1m');
    await page.close();
  });

  it('filters to warnings only and to one object, and keeps the object in the link', async () => {
    const { page } = await openPage(browser, `${server.url}#t=1m`);
    await page.check('[data-testid=events-warnings]');
    expect(await column(page, 2)).toEqual(['Warning', 'Warning']);
    const pod = (await column(page, 4))[1]!;
    expect(pod).toMatch(/^pod\/web-[a-z0-9]{5}$/);
    await page.uncheck('[data-testid=events-warnings]');
    await page.selectOption('[data-testid=events-object]', pod);
    expect(await column(page, 4)).toEqual([pod]);
    expect(await column(page, 5)).toEqual([`Back-off restarting failed container web in pod ${pod.slice(4)}`]);
    expect(decodeURIComponent(page.url())).toContain(`sel=${pod}`);
    // Clicking the object again clears the filter.
    await page.click(`[data-testid=events-table] button:text("${pod}")`);
    expect(await rows(page).count()).toBe(12);
    await page.close();
  });

  it('plays another seed up to the same time: other names, the same moments', async () => {
    const { page } = await openPage(browser, `${server.url}#seed=1&t=1m`);
    const before = await column(page, 4);
    await page.fill('[data-testid=seed]', '2');
    await page.press('[data-testid=seed]', 'Enter');
    await page.waitForFunction(() => window.location.hash.includes('seed=2'));
    expect(await shownTime(page)).toBe('1m');
    const after = await column(page, 4);
    expect(after).toHaveLength(before.length);
    expect(after.filter((o) => o.startsWith('pod/'))).not.toEqual(before.filter((o) => o.startsWith('pod/')));
    expect(await column(page, 1)).toEqual(['55s', '50s', '45s', '40s', '35s', '30s', '25s', '20s', '15s', '10s', '5s', '0s']);
    await page.close();
  });

  it('shows the raw records as dockyard events prints them', async () => {
    const { page } = await openPage(browser, `${server.url}#t=10s`);
    await page.check('[data-testid=events-raw]');
    const raw = await page.textContent('[data-testid=events-raw-log]');
    expect(raw).toMatch(/^ {8}5s {2}node\.heartbeat {2}node=node-[123] beat=1\n {7}10s {2}node\.heartbeat {2}node=node-[123] beat=2\n$/);
    await page.close();
  });

  it('follows the clock: the next event, a rewind, and the marks of what was seen ahead', async () => {
    const { page } = await openPage(browser, `${server.url}#t=1m`);
    await page.click('[data-testid=step]');
    expect(await shownTime(page)).toBe('1m5s');
    expect(await rows(page).count()).toBe(13);
    await page.fill('[data-testid=jump-input]', '12s');
    await page.click('[data-testid=jump]');
    await page.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent === '12s');
    expect(await rows(page).count()).toBe(2);
    expect((await page.getAttribute('[data-testid=marks] path', 'd'))!.split('M').length - 1).toBe(13);
    await page.close();
  });
});
