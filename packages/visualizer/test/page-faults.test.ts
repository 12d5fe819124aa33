// Faults from the cluster map in the built page, on the real cluster (kube-scheduler,
// controllers, the kubelets of node-1..3) with the `faults` test script
// (fixtures/cluster-scripts.ts: Deployment web, 3 nginx pods with a readiness probe and a 64Mi
// limit, behind Service web): a node card's "Stop node", and the selected pod's "Kill pod", "Kill
// container", "Break readiness" and "Start memory leak". What is asserted is what the page shows:
// card and chip texts, labels, the transcript.

import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactPath, openPage, usePages } from './support/page.ts';

const rig = usePages('cluster-page');

const open = (hash: string) => openPage(rig.browser, `${rig.server.url}?script=faults#${hash}`);
const card = (node: string) => `[data-testid=node-card][data-node=${node}]`;
const POD = /^web-[a-z0-9]{8,10}-[a-z0-9]{5}$/;

async function jump(page: Page, to: string): Promise<void> {
  await page.fill('[data-testid=jump-input]', to);
  await page.click('[data-testid=jump]');
  await page.waitForFunction((t) => document.querySelector('[data-testid=virtual-time]')!.textContent === t, to);
}

/** The pod names on the map, each with its chip's accessible name (`name: STATUS READY[, n restart(s)]`). */
const chipLabels = (page: Page) => page.locator('[data-testid=pod-chip]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!).sort());

/** Selects the pod on `node` (the faults panel opens for it); returns its name. */
async function selectPodOn(page: Page, node: string): Promise<string> {
  const chip = page.locator(`${card(node)} [data-testid=pod-chip]`);
  const name = (await chip.getAttribute('data-pod'))!.replace('default/', '');
  await chip.click();
  await page.waitForSelector(`[data-testid=pod-faults][aria-label="Faults for pod ${name}"]`);
  return name;
}

const lastFault = (page: Page) => page.locator('[data-testid=fault-entry]').last().textContent();
const deploymentCount = (page: Page) => page.textContent('[data-testid=workload][data-object="deployment/web"] [data-testid=workload-count]');

describe('faults from the cluster map', () => {
  it('stops a node from its card: NotReady once its status is older than the node monitor grace period', async () => {
    const { page, errors } = await open('t=20s&view=map');
    const node2 = page.locator(card('node-2'));
    const stop = node2.getByRole('button', { name: 'Stop node' });
    const start = node2.getByRole('button', { name: 'Start node' });
    expect([await stop.isEnabled(), await start.isEnabled()]).toEqual([true, false]);
    await stop.click();
    expect(await lastFault(page)).toBe('[20s] ! node node-2 is down: its kubelet stopped posting status and its containers died');
    // The machine is down: it cannot be stopped twice, only started.
    expect([await stop.isEnabled(), await start.isEnabled()]).toEqual([false, true]);
    expect(await start.getAttribute('title')).toBe('Start node');
    expect(await stop.getAttribute('title')).toBe('the machine is already down');
    // Its Lease was last renewed at 20s; node-monitor-grace-period is 50 s (reference §6, since
    // v1.32) and the node lifecycle controller looks every 5 s (node-monitor-period): still
    // Ready at 1m12s, NotReady at its look at 1m15s.
    await jump(page, '1m12s');
    expect(await page.textContent(`${card('node-2')} [data-testid=node-status]`)).toBe('✓ Ready');
    await jump(page, '1m15s');
    expect(await page.textContent(`${card('node-2')} [data-testid=node-status]`)).toBe('✕ NotReady');
    expect(await page.getAttribute(card('node-2'), 'class')).toBe('node-card not-ready');
    // Back before the click and forward again: the fault is replayed at 20s, the card the same.
    await jump(page, '10s');
    expect([await stop.isEnabled(), await start.isEnabled()]).toEqual([true, false]);
    await jump(page, '1m15s');
    expect(await page.textContent(`${card('node-2')} [data-testid=node-status]`)).toBe('✕ NotReady');
    expect(await page.locator('[data-testid=fault-entry]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('kills a pod: it terminates and its ReplicaSet replaces it', async () => {
    const { page, errors } = await open('t=20s&view=map');
    const victim = await selectPodOn(page, 'node-1');
    await page.getByRole('button', { name: 'Kill pod' }).click();
    expect(await lastFault(page)).toMatch(new RegExp(`^\\[20s\\] ! killed pod default/${victim}: deleted with a 30 s grace period; its ReplicaSet web-[a-z0-9]+ replaces it$`));
    // Deleted with a grace period: Terminating at once, its chip grey; nginx stops on SIGTERM.
    const chip = page.locator(`[data-testid=pod-chip][data-pod="default/${victim}"]`);
    expect([await chip.getAttribute('data-status'), await chip.getAttribute('data-look')]).toEqual(['Terminating', 'terminating']);
    // Selected, it has nothing left to kill.
    expect(await page.getByRole('button', { name: 'Kill pod' }).isEnabled()).toBe(false);
    expect(await page.textContent('[data-testid=fault-unavailable]')).toBe('the pod is already terminating.');
    await jump(page, '40s');
    const labels = await chipLabels(page);
    expect(labels.some((l) => l.startsWith(`${victim}:`))).toBe(false);
    expect(labels).toHaveLength(3);
    for (const label of labels) expect(label).toMatch(/^web-[a-z0-9]{8,10}-[a-z0-9]{5}: Running 1\/1$/);
    expect(await deploymentCount(page)).toBe('✓ 3/3');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('kills a container: SIGKILL, and the kubelet restarts it in the same pod', async () => {
    const { page, errors } = await open('t=20s&view=map');
    const victim = await selectPodOn(page, 'node-1');
    await page.getByRole('button', { name: 'Kill container' }).click();
    expect(await lastFault(page)).toBe(`[20s] ! killed container web of pod default/${victim} (SIGKILL, exit code 137)`);
    await jump(page, '30s');
    expect(await page.getAttribute(`[data-testid=pod-chip][data-pod="default/${victim}"]`, 'aria-label')).toBe(`${victim}: Running 1/1, 1 restart(s)`);
    const states = await page.locator('[data-testid=why-states] tbody tr td:nth-child(3)').allTextContents();
    expect(states).toContain('Terminated: Error (exit code 137)');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('breaks readiness: the chip turns running-not-ready and the Deployment is short', async () => {
    const { page, errors } = await open('t=20s&view=map');
    const victim = await selectPodOn(page, 'node-3');
    expect(victim).toMatch(POD);
    await page.getByRole('button', { name: 'Break readiness' }).click();
    expect(await lastFault(page)).toBe(`[20s] ! container web of pod default/${victim} answers GET / on port 80 with 503 Service Unavailable`);
    // Probed every 5 s; three failures in a row (failureThreshold) by 35 s.
    await jump(page, '40s');
    const chip = page.locator(`[data-testid=pod-chip][data-pod="default/${victim}"]`);
    expect(await chip.getAttribute('aria-label')).toBe(`${victim}: Running 0/1`);
    expect(await chip.getAttribute('data-look')).toBe('unready');
    expect(await deploymentCount(page)).toBe('… 2/3');
    // Kept for people to look at (test-artifacts/, git-ignored; the README's docs/faults.png).
    writeFileSync(artifactPath('faults.png'), await page.screenshot());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('starts a memory leak: the container grows to its 64Mi limit and is OOMKilled', async () => {
    const { page, errors } = await open('t=20s&view=map');
    const victim = await selectPodOn(page, 'node-2');
    // A rate that is not a quantity is refused as text, and nothing is injected.
    await page.fill('[data-testid=fault-leak-rate]', 'lots');
    await page.getByRole('button', { name: 'Start memory leak' }).click();
    expect(await page.textContent('[data-testid=error]')).toBe('rate: "lots" is not a positive quantity (such as 2Mi)');
    expect(await page.locator('[data-testid=fault-entry]').count()).toBe(0);
    await page.fill('[data-testid=fault-leak-rate]', '2Mi');
    await page.getByRole('button', { name: 'Start memory leak' }).click();
    expect(await lastFault(page)).toBe(`[20s] ! container web of pod default/${victim} leaks 2Mi a second (2097152 bytes)`);
    await jump(page, '55s');
    const states = await page.locator('[data-testid=why-states] tbody tr td:nth-child(3)').allTextContents();
    expect(states).toContain('Terminated: OOMKilled (exit code 137)');
    expect(await page.getAttribute(`[data-testid=pod-chip][data-pod="default/${victim}"]`, 'aria-label')).toMatch(new RegExp(`^${victim}: \\S+ [01]/1, 1 restart\\(s\\)$`));
    expect(errors).toEqual([]);
    await page.close();
  });
});
