// The rollouts view in the built page during a real rolling update (fixtures/cluster-scripts.ts,
// `rolling-update`: Deployment web, 4 replicas, maxSurge 1, maxUnavailable 1, nginx:1.25 → 1.26
// at 30 s; pods ready at their first readiness probe 5 s after start): old and new ReplicaSets
// side by side with DESIRED / CURRENT / READY / AVAILABLE and revision, and the bounds
// (at most 4 + 1 pods, at least 4 − 1 available) against the counts, then and over time.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, usePages } from './support/page.ts';

const rig = usePages('cluster-page');

const open = (hash: string) => openPage(rig.browser, `${rig.server.url}?script=rolling-update#${hash}`);

/** `old|new revision N image: DESIRED CURRENT READY AVAILABLE` of each ReplicaSet column, old first. */
const columns = (page: Page) =>
  page.locator('[data-testid=rs-column]').evaluateAll((els) =>
    els.map((e) => `${e.querySelector('.rs-head')!.textContent} ${e.querySelector('.mono.muted')!.textContent}: ${[...e.querySelectorAll('[data-testid=rs-counts] td')].map((td) => td.textContent).join(' ')}`),
  );

async function jump(page: Page, time: string): Promise<void> {
  await page.fill('[data-testid=jump-input]', time);
  await page.click('[data-testid=jump]');
  await page.waitForFunction((t) => document.querySelector('[data-testid=virtual-time]')!.textContent === t, time);
}

describe('the rollouts view', () => {
  it('shows one ReplicaSet and a complete rollout before the change', async () => {
    const { page, errors } = await open('t=20s&view=rollouts');
    expect(await columns(page)).toEqual(['new revision 1 nginx:1.25: 4 4 4 4']);
    expect(await page.textContent('[data-testid=rollout-state]')).toBe('✓ complete');
    expect(await page.textContent('[data-testid=rollout-pods]')).toBe('4 ≤ 5 max (4 + maxSurge 1)');
    expect(await page.textContent('[data-testid=rollout-available]')).toBe('4 ≥ 3 min (4 − maxUnavailable 1)');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows old and new side by side within the bounds while it rolls, then the old one scaled to 0', async () => {
    const { page } = await open('t=33s&view=rollouts');
    // At 30s the controller surged one new pod and took one old away (maxUnavailable 1), then
    // surged a second: 5 pods, 3 available.
    expect(await columns(page)).toEqual(['old revision 1 nginx:1.25: 3 3 3 3', 'new revision 2 nginx:1.26: 2 2 0 0']);
    expect(await page.textContent('[data-testid=rollout-state]')).toBe('… rolling: 2/4 updated, 3 available');
    expect(await page.textContent('[data-testid=rollout-pods]')).toBe('5 ≤ 5 max (4 + maxSurge 1)');
    expect(await page.textContent('[data-testid=rollout-available]')).toBe('3 ≥ 3 min (4 − maxUnavailable 1)');
    await jump(page, '1m');
    expect(await columns(page)).toEqual(['old revision 1 nginx:1.25: 0 0 0 0', 'new revision 2 nginx:1.26: 4 4 4 4']);
    expect(await page.textContent('[data-testid=rollout-state]')).toBe('✓ complete');
    // The counts over time, drawn from what the page saw: four lines from the start of the run.
    expect(await page.locator('[data-testid=rollout-history] path').count()).toBe(4);
    expect(await page.textContent('[data-testid=rollout-history] figcaption')).toMatch(/^from 0s to 1m: /);
    await page.close();
  });

  it('goes back with the clock: a rewind shows the rollout as it was', async () => {
    const { page } = await open('t=1m&view=rollouts');
    await jump(page, '33s');
    expect(await columns(page)).toEqual(['old revision 1 nginx:1.25: 3 3 3 3', 'new revision 2 nginx:1.26: 2 2 0 0']);
    await page.close();
  });
});
