// The cluster map in the built page, on the real cluster (kube-scheduler, controllers, the
// kubelets of node-1..3) with the test scripts of fixtures/cluster-scripts.ts: node cards with
// status, cordon and taint badges and their pods as chips in kubectl's STATUS, the Unscheduled
// lane, a legend that does not rest on colour, hovering a Deployment to light its pods, an
// object's tree, and a pod's "why": scheduling attempts, container states, memory.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, usePages } from './support/page.ts';

const rig = usePages('cluster-page');

const open = (script: string, hash: string) => openPage(rig.browser, `${rig.server.url}?script=${script}#${hash}`);
/** `name STATUS look` of every chip on a node card (or in the lane), in the card's order. */
const chips = (page: Page, where: string) =>
  page.locator(`${where} [data-testid=pod-chip]`).evaluateAll((els) => els.map((e) => `${e.getAttribute('data-pod')} ${e.getAttribute('data-status')} ${e.getAttribute('data-look')}`));
const card = (node: string) => `[data-testid=node-card][data-node=${node}]`;
const POD_HASH = '[a-z0-9]{8,10}-[a-z0-9]{5}';

describe('the cluster map', () => {
  it('shows each node with its pods in kubectl STATUS, badges, and the Unscheduled lane', async () => {
    const { page, errors } = await open('gallery', 't=20s&view=map');
    expect(await page.locator('[data-testid=node-card]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')))).toEqual(['node-1', 'node-2', 'node-3']);
    expect(await page.locator('[data-testid=node-status]').allTextContents()).toEqual(['✓ Ready', '✓ Ready', '✓ Ready']);
    // Cordoned at 1s: the node lifecycle controller adds the unschedulable taint.
    expect(await page.locator(`${card('node-2')} [data-testid=node-cordon]`).textContent()).toBe('⊘ SchedulingDisabled');
    expect(await page.locator(`${card('node-2')} [data-testid=node-taint]`).allTextContents()).toEqual(['⚑ node.kubernetes.io/unschedulable:NoSchedule']);
    expect(await page.locator(`${card('node-3')} [data-testid=node-taint]`).allTextContents()).toEqual(['⚑ dedicated=gpu:NoSchedule']);
    const all = [...(await chips(page, card('node-1'))), ...(await chips(page, card('node-2'))), ...(await chips(page, card('node-3')))];
    expect(all.filter((c) => !c.startsWith('default/web-')).sort()).toEqual([
      'default/batch Completed completed',
      'default/crasher CrashLoopBackOff failed',
      'default/warming Running unready',
    ]);
    const web = all.filter((c) => c.startsWith('default/web-'));
    expect(web).toHaveLength(3);
    for (const chip of web) expect(chip).toMatch(new RegExp(`^default/web-${POD_HASH} Running ready$`));
    // Too big for any node (64 CPUs asked, 4 offered): Pending, in the lane.
    expect(await chips(page, '[data-testid=unscheduled]')).toEqual(['default/huge Pending pending']);
    // The legend says in words and icons what each look means.
    expect(await page.locator('[data-testid=legend] li').allTextContents()).toEqual([
      '✓Running, all containers ready',
      '◐Running, not ready',
      '…Pending / ContainerCreating',
      '✕CrashLoopBackOff / ImagePullBackOff / Error / OOMKilled',
      '■Completed',
      '⊖Terminating',
    ]);
    // The chips carry their STATUS as text too.
    expect(await page.locator(`[data-testid=pod-chip][data-pod="default/crasher"] .status`).textContent()).toBe('CrashLoopBackOff');
    expect(await page.getAttribute(`${card('node-1')} [data-testid=bar-cpu]`, 'title')).toMatch(/^CPU: \d+m requested, \d+m used of 4000m$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pulses the chips of running pods that are not ready, and only those', async () => {
    const { page } = await open('gallery', 't=20s&view=map');
    const opacity = (pod: string) => page.locator(`[data-testid=pod-chip][data-pod="${pod}"]`).evaluate((e) => getComputedStyle(e).opacity);
    const dim = (on: boolean) => page.waitForFunction((want) => document.querySelector('.app')!.hasAttribute('data-pulse-dim') === want, on, { timeout: 3_000 });
    // Half a period bright, half dim (the wall clock's, even while paused), as many times as it runs.
    for (const phase of [true, false, true]) {
      await dim(phase);
      expect(await opacity('default/warming')).toBe(phase ? '0.45' : '1');
      expect(await opacity('default/crasher')).toBe('1');
    }
    await page.close();
  });

  it('never shows a Deployment green while fewer pods are ready than desired', async () => {
    const { page } = await open('rolling-update', 't=3s&view=map');
    const count = page.locator('[data-testid=workload][data-object="deployment/web"] [data-testid=workload-count]');
    // Ready at the first readiness probe, 5 s after each start.
    expect(await count.textContent()).toBe('… 0/4');
    expect(await count.getAttribute('class')).toBe('count short');
    await page.fill('[data-testid=jump-input]', '20s');
    await page.click('[data-testid=jump]');
    await page.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent === '20s');
    expect(await count.textContent()).toBe('✓ 4/4');
    expect(await count.getAttribute('class')).toBe('count ok');
    await page.close();
  });

  it("lights a Deployment's pods on hover, and opens its tree", async () => {
    const { page } = await open('rolling-update', 't=33s&view=map');
    await page.hover('[data-testid=workload][data-object="deployment/web"]');
    const lit = await page.locator('[data-testid=pod-chip].lit').evaluateAll((els) => els.map((e) => e.getAttribute('data-pod')));
    // Mid-rollout: 3 old pods and 2 new ones (4 + maxSurge 1).
    expect(lit).toHaveLength(5);
    // Each ReplicaSet lights its own pods (3 old, 2 new); the Service selects all five (app=web).
    const sets = (await page.locator('[data-testid=workload][data-object^="replicaset/"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-object'))))!;
    expect(sets).toHaveLength(2);
    const counts: number[] = [];
    for (const rs of sets) {
      await page.hover(`[data-testid=workload][data-object="${rs}"]`);
      counts.push(await page.locator('[data-testid=pod-chip].lit').count());
    }
    expect(counts.sort()).toEqual([2, 3]);
    await page.hover('[data-testid=workload][data-object="service/web"]');
    expect(await page.locator('[data-testid=pod-chip].lit').count()).toBe(5);
    await page.hover('[data-testid=workload][data-object="configmap/web-config"]');
    // The ConfigMap is read through envFrom by every pod of both templates.
    expect(await page.locator('[data-testid=pod-chip].lit').count()).toBe(5);
    await page.hover('[data-testid=legend]');
    expect(await page.locator('[data-testid=pod-chip].lit, [data-testid=pod-chip].dim').count()).toBe(0);
    await page.click('[data-testid=workload][data-object="ingress/web"]');
    const kinds = await page.locator('[data-testid=object-tree] [data-testid=tree-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds.slice(0, 2)).toEqual(['Ingress', 'Service']);
    expect(kinds.filter((k) => k === 'Pod')).toHaveLength(5);
    expect(decodeURIComponent(page.url())).toContain('sel=ingress/web');
    // Deployment → its ReplicaSets (old revision first) → their pods; a pod's owners above it.
    await page.click('[data-testid=workload][data-object="deployment/web"]');
    const tree = await page.locator('[data-testid=object-tree] [data-testid=tree-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(tree.filter((k) => k !== 'Pod')).toEqual(['Deployment', 'ReplicaSet', 'ReplicaSet']);
    expect(tree.filter((k) => k === 'Pod')).toHaveLength(5);
    await page.locator('[data-testid=object-tree] [data-testid=tree-node][data-kind=Pod] button').first().click();
    expect(await page.textContent('[data-testid=tree-owners]')).toMatch(/^owned by ReplicaSet web-[a-z0-9]+ ← Deployment web$/);
    await page.close();
  });

  it("shows why a pod is where it is: every scheduling attempt, filter verdicts and scores", async () => {
    const { page } = await open('gallery', 't=20s&view=map');
    await page.click('[data-testid=pod-chip][data-pod="default/huge"]');
    const attempts = page.locator('[data-testid=pod-why] [data-testid=why-attempt]');
    // No node has 64 CPUs: retried as other pods' changes requeue it, the same verdict each time
    // (one entry for them all); from 1s node-2 is cordoned and node-3 tainted too.
    expect(await attempts.count()).toBe(2);
    expect(await attempts.first().getAttribute('data-status')).toBe('Unschedulable');
    expect(await attempts.first().locator('[data-testid=why-attempt-title]').textContent()).toBe('#1–#4 at 0s–248ms: ✕ Unschedulable (4 attempts, the same verdict)');
    expect(await attempts.first().locator('[data-testid=why-rejected] tbody tr').allTextContents()).toEqual(['NodeResourcesFit✕ Insufficient cpunode-1, node-2, node-3']);
    expect(await attempts.nth(1).locator('[data-testid=why-attempt-title]').textContent()).toMatch(/^#5–#(\d+) at [\d.]+s–[\d.]+s: ✕ Unschedulable \((\d+) attempts, the same verdict\)$/);
    expect(await attempts.nth(1).locator('[data-testid=why-rejected] tbody tr').allTextContents()).toEqual([
      'NodeResourcesFit✕ Insufficient cpunode-1',
      'NodeUnschedulable✕ node(s) were unschedulablenode-2',
      'TaintToleration✕ node(s) had untolerated taint {dedicated: gpu}node-3',
    ]);
    await page.click('[data-testid=pod-chip][data-pod="default/warming"]');
    const scheduled = page.locator('[data-testid=pod-why] [data-testid=why-attempt]');
    expect(await scheduled.count()).toBe(1);
    const chosen = (await page.locator('[data-testid=node-card]:has([data-pod="default/warming"])').getAttribute('data-node'))!;
    expect(await scheduled.locator('[data-testid=why-attempt-title]').textContent()).toBe(`#1 at 0s: ✓ Scheduled to ${chosen}`);
    expect(await scheduled.locator('[data-testid=why-scores] tbody tr.chosen td:first-child').textContent()).toBe(`✓ ${chosen}`);
    expect(await scheduled.locator('[data-testid=why-scores] tbody tr').count()).toBe(3);
    // Its image, a link to its layers on that node; the unscheduled pod's is on no node.
    expect(await page.locator('[data-testid=pod-why] [data-testid=why-images] li').allTextContents()).toEqual(['warming: busybox:1.36']);
    await page.click('[data-testid=pod-why] [data-testid=why-image]');
    await page.locator('[data-testid=image-panel]').waitFor();
    expect(await page.getAttribute('[data-testid=image][aria-pressed=true]', 'data-where')).toBe(chosen);
    expect(await page.getAttribute('[data-testid=image][aria-pressed=true]', 'data-image')).toBe('busybox:1.36');
    expect(decodeURIComponent(page.url())).toContain(`view=images&sel=pod/warming&pick=${chosen}:busybox:1.36`);
    await page.click('[data-testid=view-tab-map]');
    await page.click('[data-testid=pod-chip][data-pod="default/huge"]');
    expect(await page.locator('[data-testid=pod-why] [data-testid=why-images] li').allTextContents()).toEqual([expect.stringMatching(/^huge: \S+ \(not on the node yet\)$/)]);
    await page.close();
  });

  it("shows a crash-looping container's states with the back-off timer", async () => {
    const { page } = await open('gallery', 't=40s&view=map&sel=pod%2Fcrasher');
    const states = await page.locator('[data-testid=why-states] tbody tr td:nth-child(3)').allTextContents();
    const backOff = (delay: string) => expect.stringMatching(new RegExp(`^Waiting: CrashLoopBackOff — back-off ${delay} restarting failed container=crasher pod=crasher_default\\([-0-9a-f]{36}\\)$`));
    // Restarted at once after the first exit, then after 10 s, 20 s, 40 s (reference §1).
    expect(states).toEqual([
      'Waiting: ContainerCreating',
      'Running, ready',
      'Terminated: Error (exit code 1)',
      'Running, ready',
      'Terminated: Error (exit code 1)',
      backOff('10s'),
      'Running, ready',
      'Terminated: Error (exit code 1)',
      backOff('20s'),
      'Running, ready',
      'Terminated: Error (exit code 1)',
      backOff('40s'),
    ]);
    expect(await page.locator('[data-testid=why-states] tbody tr td:nth-child(4)').allTextContents()).toEqual(['0', '0', '0', '1', '1', '1', '2', '2', '2', '3', '3', '3']);
    await page.close();
  });

  it('shows an OOM-killed container as the kubelet reports it', async () => {
    const { page } = await open('oom', 't=20s&view=map&sel=pod%2Fmemory-demo-2');
    expect(await page.getAttribute('[data-testid=pod-chip][data-pod="default/memory-demo-2"]', 'data-look')).toBe('failed');
    const states = await page.locator('[data-testid=why-states] tbody tr td:nth-child(3)').allTextContents();
    expect(states).toContain('Terminated: OOMKilled (exit code 137)');
    // It dies as it starts, before any metrics-server scrape sees it.
    expect(await page.textContent('[data-testid=why-memory]')).toMatch(/^memory-demo-2: no sample yet, a 100Mi limit; OOM-killed at 333ms, 483ms, [\d.ms, ]+$/);
    await page.close();
  });
});

describe('the cluster map through faults', () => {
  it('shows a node that stopped answering as NotReady, its pod not ready, and the pod replaced after eviction', async () => {
    const { page } = await open('node-down', 't=2m&view=map');
    const node2 = card('node-2');
    expect(await page.getAttribute(node2, 'class')).toBe('node-card not-ready');
    expect(await page.textContent(`${node2} [data-testid=node-status]`)).toBe('✕ NotReady');
    expect(await page.locator(`${node2} [data-testid=node-taint]`).allTextContents()).toEqual([
      '⚑ node.kubernetes.io/unreachable:NoSchedule',
      '⚑ node.kubernetes.io/unreachable:NoExecute',
    ]);
    // kubectl still says Running 1/1; the Ready condition is False, so the chip is not green, nor the Deployment.
    const [stranded] = await chips(page, node2);
    expect(stranded).toMatch(new RegExp(`^default/web-${POD_HASH} Running unready$`));
    expect(await page.textContent('[data-testid=workload][data-object="deployment/web"] [data-testid=workload-count]')).toBe('… 2/3');
    // 300 s after the taint (the default tolerationSeconds) the pod is evicted and replaced.
    await page.fill('[data-testid=jump-input]', '7m');
    await page.click('[data-testid=jump]');
    await page.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent === '7m');
    expect(await chips(page, node2)).toEqual([stranded!.replace('Running unready', 'Terminating terminating')]);
    expect([...(await chips(page, card('node-1'))), ...(await chips(page, card('node-3')))]).toHaveLength(3);
    expect(await page.textContent('[data-testid=workload][data-object="deployment/web"] [data-testid=workload-count]')).toBe('✓ 3/3');
    await page.close();
  });

  it("draws a leaking container's memory against its limit at each scrape, up to the OOM kill", async () => {
    const { page } = await open('oom', 't=1m5s&view=map&sel=pod%2Fleaky');
    const states = await page.locator('[data-testid=why-states] tbody tr td:nth-child(3)').allTextContents();
    expect(states).toEqual(['Waiting: ContainerCreating', 'Running, ready', 'Terminated: OOMKilled (exit code 137)', 'Running, ready']);
    // metrics-server's samples at 30s (50Mi, leaking), 45s (17Mi, restarted at 37s), 1m (47Mi).
    expect(await page.textContent('[data-testid=why-memory] figcaption')).toBe('leaky: 47Mi at 1m of a 64Mi limit; OOM-killed at 36.805s');
    expect((await page.getAttribute('[data-testid=why-memory] .usage-line', 'd'))!.match(/[ML]/g)).toHaveLength(3);
    expect(await page.getAttribute('[data-testid=why-memory] .kill-line', 'd')).toMatch(/^M[\d.]+ 0V60$/);
    await page.close();
  });
});
