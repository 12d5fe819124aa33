// The events timeline in the page, fed by the test ticker (a plain heartbeat record every 5 s;
// Kubernetes Events through the cluster's EventRecorder: a Warning BackOff every 25 s, a Normal
// NodeHasSufficientMemory on the other even beats, repeating per node). The table holds the
// Kubernetes Events only, one row per Event as `kubectl get events -A` lists them; the raw log
// holds every record as `dockyard events` prints it. Per-object filter kept in the link, warnings
// only, and rows that follow the clock back and forth.

import { formatRecord } from '@dockyard/cli';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimeMachine } from '../src/time/time-machine.ts';
import { addTicker } from './fixtures/ticker.ts';
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
const NODE_MESSAGE = (n: number) => `Node node-${n} status is now: NodeHasSufficientMemory`;

describe('the events timeline', () => {
  it("shows the Kubernetes Events up to now in kubectl's columns, one row per Event", async () => {
    const { page } = await openPage(browser, `${server.url}#t=1m`);
    expect(await page.locator('[data-testid=events-table] th').allTextContents()).toEqual(['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(await rows(page).count()).toBe(5);
    expect(await column(page, 1)).toEqual(['default', 'default', 'default', 'default', 'default']);
    // Ordered by last seen: node-1's and node-2's second NodeHasSufficientMemory moved their rows down.
    expect(await column(page, 2)).toEqual(['35s', '30s', '20s', '10s', '0s']);
    expect(await column(page, 3)).toEqual(['Warning', 'Normal', 'Normal', 'Warning', 'Normal']);
    expect(await column(page, 4)).toEqual(['BackOff', 'NodeHasSufficientMemory', 'NodeHasSufficientMemory', 'BackOff', 'NodeHasSufficientMemory']);
    const objects = await column(page, 5);
    expect(objects[0]).toMatch(/^pod\/web-[a-z0-9]{5}$/);
    expect(objects.slice(1)).toEqual(['node/node-3', 'node/node-1', expect.stringMatching(/^pod\/web-[a-z0-9]{5}$/), 'node/node-2']);
    expect((await column(page, 6))[1]).toBe(NODE_MESSAGE(3));
    expect(await rows(page).nth(2).getAttribute('title')).toBe('kubelet, node-1: first seen at 10s, last at 40s, count 2');
    expect(await page.textContent('[data-testid=events-count]')).toBe('5 of 5 event(s) at 1m');
    await page.close();
  });

  it('filters to warnings only and to one object, and keeps the object in the link', async () => {
    const { page } = await openPage(browser, `${server.url}#t=1m`);
    await page.check('[data-testid=events-warnings]');
    expect(await column(page, 3)).toEqual(['Warning', 'Warning']);
    const pod = (await column(page, 5))[1]!;
    expect(pod).toMatch(/^pod\/web-[a-z0-9]{5}$/);
    await page.uncheck('[data-testid=events-warnings]');
    await page.selectOption('[data-testid=events-object]', pod);
    expect(await column(page, 5)).toEqual([pod]);
    expect(await column(page, 6)).toEqual([`Back-off restarting failed container web in pod ${pod.slice(4)}`]);
    expect(decodeURIComponent(page.url())).toContain(`sel=${pod}`);
    // Clicking the object again clears the filter.
    await page.click(`[data-testid=events-table] button:text("${pod}")`);
    expect(await rows(page).count()).toBe(5);
    await page.close();
  });

  it('plays another seed up to the same time: other names, the same moments', async () => {
    const { page } = await openPage(browser, `${server.url}#seed=1&t=1m`);
    const before = await column(page, 5);
    await page.fill('[data-testid=seed]', '2');
    await page.press('[data-testid=seed]', 'Enter');
    await page.waitForFunction(() => window.location.hash.includes('seed=2'));
    expect(await shownTime(page)).toBe('1m');
    const after = await column(page, 5);
    expect(after).toHaveLength(before.length);
    expect(after.filter((o) => o.startsWith('pod/'))).not.toEqual(before.filter((o) => o.startsWith('pod/')));
    expect(after.filter((o) => o.startsWith('node/'))).toEqual(before.filter((o) => o.startsWith('node/')));
    expect(await column(page, 2)).toEqual(['35s', '30s', '20s', '10s', '0s']);
    await page.close();
  });

  it('shows every record in the raw log, as dockyard events prints them; the table only the Events', async () => {
    const { page } = await openPage(browser, `${server.url}#t=10s`);
    expect(await column(page, 4)).toEqual(['NodeHasSufficientMemory']);
    await page.check('[data-testid=events-raw]');
    const raw = (await page.textContent('[data-testid=events-raw-log]'))!;
    const inNode = new TimeMachine({ seed: 1, setup: addTicker });
    await inNode.seek(10_000);
    const records = inNode.world.engine.log.records();
    expect(raw).toBe(records.map((r) => formatRecord(r) + '\n').join(''));
    // The cluster's boot at 0s (API writes, endpoints, kube-proxy syncs), then the ticker's records.
    expect(raw).toMatch(/^ {8}0s {2}api\.write {2}verb=create resource=namespaces name=default resourceVersion=1\n/);
    expect(raw).toMatch(
      /\n {8}5s {2}node\.heartbeat {2}node=node-[123] beat=1\n {7}10s {2}node\.heartbeat {2}node=node-[123] beat=2\n {7}10s {2}api\.write {2}verb=create resource=events namespace=default name=node-1\.[0-9a-f]+ resourceVersion=\d+\n {7}10s {2}k8s\.event {2}namespace=default object=Node\/node-1 eventType=Normal reason=NodeHasSufficientMemory message=Node node-1 status is now: NodeHasSufficientMemory source=kubelet host=node-1 count=1\n$/,
    );
    expect(await page.textContent('[data-testid=events-count]')).toBe(`${records.length} record(s) at 10s`);
    expect(await page.isDisabled('[data-testid=events-warnings]')).toBe(true);
    await page.close();
  });

  it('follows the clock: the next event, a rewind, and the marks of what was seen ahead', async () => {
    const { page } = await openPage(browser, `${server.url}#t=1m`);
    await page.click('[data-testid=step]');
    expect(await shownTime(page)).toBe('1m5s');
    // Only a heartbeat at 1m5s: the same Events, a little older.
    expect(await column(page, 2)).toEqual(['40s', '35s', '25s', '15s', '5s']);
    await page.fill('[data-testid=jump-input]', '12s');
    await page.click('[data-testid=jump]');
    await page.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent === '12s');
    expect(await column(page, 2)).toEqual(['2s']);
    expect(await column(page, 6)).toEqual([NODE_MESSAGE(1)]);
    // A mark at 0s (the cluster's boot) and every 5 s up to 1m5s.
    expect((await page.getAttribute('[data-testid=marks] path', 'd'))!.split('M').length - 1).toBe(14);
    await page.close();
  });
});
