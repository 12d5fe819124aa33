// The events timeline in the page, fed by the cluster itself: the kubelets and the node controller
// at boot (Starting, NodeHasSufficientMemory ... NodeReady, RegisteredNode), and a Deployment of
// two pods that crash 5 s after each start (test/fixtures/crashing-deployment.ts), so the kubelets
// restart them after the CrashLoopBackOff delays and repeat their Events. The table holds the
// Kubernetes Events only, one row per Event as `kubectl get events -A` lists them; the raw log
// holds every record as `dockyard events` prints it. Per-object filter kept in the link, warnings
// only, and rows that follow the clock back and forth.

import { formatRecord } from '@dockyard/cli';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TimeMachine } from '../src/time/time-machine.ts';
import { addCrashingDeployment } from './fixtures/crashing-deployment.ts';
import { openPage, shownTime, usePages } from './support/page.ts';

const rig = usePages('crashloop-page', 'cluster-page');

const rows = (page: Page) => page.locator('[data-testid=events-table] tbody tr');
const column = (page: Page, n: number) => page.locator(`[data-testid=events-table] tbody td:nth-child(${n})`).allTextContents();
const POD = /^pod\/web-648f86749d-[a-z0-9]{5}$/;
/** Every node's kubelet at boot, in order, then the node controller's RegisteredNode per node. */
const NODE_REASONS = ['Starting', 'NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeAllocatableEnforced', 'NodeReady'];
/**
 * LAST SEEN at 1m: everything up to the pods' scheduling at 0s, the first pulls 248 ms in, then
 * (per pod) the third restart's Pulled, Created and Started at 45.248s and the BackOff at 50.248s.
 */
const LAST_SEEN_AT_1M = [...Array<string>(28).fill('60s'), '59s', '59s', ...Array<string>(6).fill('14s'), '9s', '9s'];

describe('the events timeline', () => {
  it("shows the Kubernetes Events up to now in kubectl's columns, one row per Event", async () => {
    const { page } = await openPage(rig.browser, `${rig.server.url}#t=1m`);
    expect(await page.locator('[data-testid=events-table] th').allTextContents()).toEqual(['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(await rows(page).count()).toBe(38);
    expect(new Set(await column(page, 1))).toEqual(new Set(['default']));
    expect(await column(page, 2)).toEqual(LAST_SEEN_AT_1M);
    expect(await column(page, 3)).toEqual([...Array<string>(36).fill('Normal'), 'Warning', 'Warning']);
    const reasons = await column(page, 4);
    expect(reasons.slice(0, 21)).toEqual([...NODE_REASONS, ...NODE_REASONS, ...NODE_REASONS, 'RegisteredNode', 'RegisteredNode', 'RegisteredNode']);
    expect(reasons.slice(21)).toEqual([
      'ScalingReplicaSet',
      'SuccessfulCreate',
      'SuccessfulCreate',
      ...['Scheduled', 'Scheduled', 'Pulling', 'Pulling', 'Pulled', 'Pulled'],
      ...['Pulled', 'Created', 'Started', 'Pulled', 'Created', 'Started'],
      'BackOff',
      'BackOff',
    ]);
    const objects = await column(page, 5);
    expect(objects.slice(0, 6)).toEqual(Array(6).fill('node/node-1'));
    expect(objects.slice(21, 24)).toEqual(['deployment/web', 'replicaset/web-648f86749d', 'replicaset/web-648f86749d']);
    for (const object of objects.slice(24)) expect(object).toMatch(POD);
    const messages = await column(page, 6);
    expect(messages[0]).toBe('Starting kubelet.');
    expect(messages[21]).toBe('Scaled up replica set web-648f86749d from 0 to 2');
    expect(messages.at(-1)).toMatch(/^Back-off restarting failed container web in pod web-648f86749d-[a-z0-9]{5}_default\([-0-9a-f]{36}\)$/);
    // The BackOff repeated after the second and the third exit.
    expect(await rows(page).last().getAttribute('title')).toMatch(/^kubelet, node-[123]: first seen at 10\.248s, last at 50\.248s, count 3$/);
    expect(await page.textContent('[data-testid=events-count]')).toBe('38 of 38 event(s) at 1m');
    await page.close();
  });

  it('filters to warnings only and to one object, and keeps the object in the link', async () => {
    const { page } = await openPage(rig.browser, `${rig.server.url}#t=1m`);
    await page.check('[data-testid=events-warnings]');
    expect(await column(page, 3)).toEqual(['Warning', 'Warning']);
    const pod = (await column(page, 5))[1]!;
    expect(pod).toMatch(POD);
    await page.uncheck('[data-testid=events-warnings]');
    await page.selectOption('[data-testid=events-object]', pod);
    expect(await column(page, 5)).toEqual(Array(7).fill(pod));
    expect(await column(page, 4)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Pulled', 'Created', 'Started', 'BackOff']);
    expect((await column(page, 6)).at(-1)).toMatch(new RegExp(`^Back-off restarting failed container web in pod ${pod.slice(4)}_default\\(`));
    expect(decodeURIComponent(page.url())).toContain(`sel=${pod}`);
    // Clicking the object again clears the filter.
    await page.click(`[data-testid=events-table] button:text("${pod}")`);
    expect(await rows(page).count()).toBe(38);
    await page.close();
  });

  it('plays another seed up to the same time: other names, the same moments', async () => {
    const { page } = await openPage(rig.browser, `${rig.server.url}#seed=1&t=1m`);
    const before = await column(page, 5);
    await page.fill('[data-testid=seed]', '2');
    await page.press('[data-testid=seed]', 'Enter');
    await page.waitForFunction(() => window.location.hash.includes('seed=2'));
    expect(await shownTime(page)).toBe('1m');
    const after = await column(page, 5);
    expect(after).toHaveLength(before.length);
    expect(after.filter((o) => o.startsWith('pod/'))).not.toEqual(before.filter((o) => o.startsWith('pod/')));
    expect(after.filter((o) => !o.startsWith('pod/'))).toEqual(before.filter((o) => !o.startsWith('pod/')));
    expect(await column(page, 2)).toEqual(LAST_SEEN_AT_1M);
    await page.close();
  });

  it('shows every record in the raw log, as dockyard events prints them; the table only the Events', async () => {
    const { page } = await openPage(rig.browser, `${rig.server.url}#t=10s`);
    // Before the first BackOff (at 10.248s): the boot's Events and the pods' starts.
    expect(await rows(page).count()).toBe(36);
    await page.check('[data-testid=events-raw]');
    const raw = (await page.textContent('[data-testid=events-raw-log]'))!;
    const inNode = new TimeMachine({ seed: 1, setup: addCrashingDeployment });
    await inNode.seek(10_000);
    const records = inNode.world.engine.log.records();
    expect(raw).toBe(records.map((r) => formatRecord(r) + '\n').join(''));
    expect(raw).toMatch(/^ {8}0s {2}api\.write {2}verb=create resource=namespaces name=default resourceVersion=1\n/);
    // The first exits, 5 s after the containers started.
    expect(raw).toMatch(/\n {4}5\.248s {2}container\.die {2}host=node-[123] id=[0-9a-f]{64} name=k8s_web_web-648f86749d-[a-z0-9]{5}_default_[-0-9a-f]{36}_0 image=busybox:1\.36 exitCode=1\n/);
    expect(await page.textContent('[data-testid=events-count]')).toBe(`${records.length} record(s) at 10s`);
    expect(await page.isDisabled('[data-testid=events-warnings]')).toBe(true);
    await page.close();
  });

  it('keeps the newest rows in view; while playing it draws about a screenful, dropping the oldest ten at a time', async () => {
    // The rolling update's page: 58 Events at 30s, 84 from 1m on.
    const { page } = await openPage(rig.browser, `${rig.served('cluster-page').url}?script=rolling-update#t=30s`);
    const newestInView = () =>
      page.evaluate(() => {
        const body = document.querySelector('.events-body')!.getBoundingClientRect();
        const last = document.querySelector('[data-testid=events-table] tbody tr:last-child')!.getBoundingClientRect();
        return last.top >= body.top && last.bottom <= body.bottom + 1;
      });
    const drawn = () =>
      page.evaluate(() => ({
        rows: document.querySelectorAll('[data-testid=events-table] tbody tr').length,
        hidden: document.querySelector('.events-body .drawn > .muted')?.textContent ?? '',
        shown: document.querySelector('[data-testid=events-count]')!.textContent!,
      }));
    // Standing still: every Event up to now.
    expect(await drawn()).toEqual({ rows: 58, hidden: '', shown: '58 of 58 event(s) at 30s' });
    expect(await newestInView()).toBe(true);
    await page.click('[data-testid=play]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=events-table] tbody tr').length < 58);
    for (let i = 0; i < 5; i++) {
      const { rows, hidden, shown } = await drawn();
      const events = Number(/^(\d+) of/.exec(shown)![1]);
      // 15 to 24 rows, the rest counted in tens.
      expect(rows).toBeGreaterThanOrEqual(15);
      expect(rows).toBeLessThan(25);
      expect(hidden).toBe(`… ${events - rows} earlier event(s) not drawn`);
      expect((events - rows) % 10).toBe(0);
      expect(await newestInView()).toBe(true);
      await page.waitForTimeout(200);
    }
    await page.click('[data-testid=play]');
    // Paused again: the whole stretch is back, the newest still in view.
    await page.waitForFunction(() => !document.querySelector('.events-body .drawn > .muted'));
    expect(await newestInView()).toBe(true);
    await page.close();
  });

  it('follows the clock: the next event, a rewind, and the marks of what was seen ahead', async () => {
    const { page } = await openPage(rig.browser, `${rig.server.url}#t=1m`);
    await page.click('[data-testid=step]');
    // The pods wait out their 40 s back-off until 1m30s; next come the kubelets' Lease renewals.
    expect(await shownTime(page)).toBe('1m10s');
    expect(await column(page, 2)).toEqual([...Array<string>(28).fill('70s'), '69s', '69s', ...Array<string>(6).fill('24s'), '19s', '19s']);
    await page.fill('[data-testid=jump-input]', '12s');
    await page.click('[data-testid=jump]');
    await page.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent === '12s');
    expect(await rows(page).count()).toBe(38);
    expect((await column(page, 2)).slice(-2)).toEqual(['1s', '1s']);
    expect((await column(page, 4)).slice(-2)).toEqual(['BackOff', 'BackOff']);
    // A mark at each moment the log grew, up to 1m10s, as Node's time machine sees them.
    const inNode = new TimeMachine({ seed: 1, setup: addCrashingDeployment });
    await inNode.seek(70_000);
    expect(Number(await page.getAttribute('[data-testid=marks]', 'data-count'))).toBe(inNode.marks.length);
    await page.close();
  });
});
