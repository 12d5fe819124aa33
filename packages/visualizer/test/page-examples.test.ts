// The bundled examples the tutorial's readers open first, played in the built page: the rolling
// update (deployment-rollout: my-app 1.0 → 2.0, undo, scale) and the OOM kill (oomkilled: an app
// needing ~300Mi under a 256Mi limit, then the limit raised). Played, stepped and rewound on the
// page's clock, hovered and opened in the "why" panels; and the log the page writes is the one
// `dockyard scenario run` writes for the same scenario and seed.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, shownTime, typeCommand, usePages } from './support/page.ts';

const REPO = join(import.meta.dirname, '../../..');
const rig = usePages('page');

/** The event log `dockyard scenario run` writes for an example. */
function logInNode(example: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dockyard-example-'));
  const run = spawnSync(process.execPath, [join(REPO, 'packages/cli/bin/dockyard.js'), 'scenario', 'run', join(REPO, `examples/${example}/scenario.yaml`), '--log', join(dir, 'run.jsonl')], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(join(dir, 'run.jsonl'), 'utf8');
}

/** The JSON Lines the terminal's `events -o json` prints. */
async function logInPage(page: Page): Promise<string> {
  const before = await page.locator('[data-testid=transcript] .entry').count();
  await typeCommand(page, 'events -o json');
  return (await page.locator('[data-testid=transcript] .entry').nth(before).locator('.stdout').allTextContents()).join('');
}

async function jump(page: Page, to: string): Promise<void> {
  await page.fill('[data-testid=jump-input]', to);
  await page.click('[data-testid=jump]');
  await page.waitForFunction((t) => document.querySelector('[data-testid=virtual-time]')!.textContent === t, to);
}

/** Plays at 100× until the clock has passed `seconds`, then pauses. */
async function playPast(page: Page, seconds: number): Promise<void> {
  await page.selectOption('[data-testid=speed]', '100');
  await page.click('[data-testid=play]');
  await page.waitForFunction((s) => Number(document.querySelector<HTMLInputElement>('[data-testid=scrubber]')!.value) > s * 1000, seconds, { timeout: 60_000 });
  await page.click('[data-testid=play]');
}

const columns = (page: Page) =>
  page.locator('[data-testid=rs-column]').evaluateAll((els) =>
    els.map((e) => `${e.querySelector('.rs-head')!.textContent} ${e.querySelector('.mono.muted')!.textContent}`),
  );

describe('the bundled examples in the page', () => {
  it('deployment-rollout: the rollout side by side, its pods lit on hover, stepped and rewound; the same log as Node', async () => {
    const { page, errors } = await openPage(rig.browser, `${rig.server.url}#scenario=deployment-rollout&t=1m1s&view=rollouts`);
    // kubectl set image at 1m: revision 2 comes up beside revision 1, a pod a second (1m to 1m3s).
    expect(await columns(page)).toEqual(['old revision 1 my-app:1.0', 'new revision 2 my-app:2.0']);
    const during = await page.textContent('[data-testid=rollout-state]');
    expect(during).toMatch(/^… rolling: \d\/3 updated, \d available$/);

    // Hovering the Deployment lights its pods (old and new) and no other.
    await page.click('[data-testid=view-tab-map]');
    await page.hover('[data-testid=workload][data-object="deployment/my-app"]');
    const lit = await page.locator('[data-testid=pod-chip].lit').evaluateAll((els) => els.map((e) => e.getAttribute('data-pod')));
    expect(lit.length).toBeGreaterThanOrEqual(3);
    expect(lit.every((pod) => /^default\/my-app-[a-z0-9]+-[a-z0-9]{5}$/.test(pod!))).toBe(true);
    expect(await page.locator('[data-testid=pod-chip]:not(.lit)').count()).toBe(0);

    // Next event: the clock moves on to the next moment the log grows, and no further.
    await page.click('[data-testid=step]');
    await page.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent !== '1m1s');
    expect(await shownTime(page)).toMatch(/^1m[12](\.\d+)?s$/);

    // On to the end (3m30s): the undo made revision 3 out of revision 1's template, scaled to 5.
    await playPast(page, 210);
    await jump(page, '3m30s');
    await page.click('[data-testid=view-tab-rollouts]');
    expect(await page.textContent('[data-testid=rollout-state]')).toBe('✓ complete');
    expect(await logInPage(page)).toBe(logInNode('deployment-rollout'));

    // Back to 1m1s: the rollout as it was.
    await jump(page, '1m1s');
    expect(await columns(page)).toEqual(['old revision 1 my-app:1.0', 'new revision 2 my-app:2.0']);
    expect(await page.textContent('[data-testid=rollout-state]')).toBe(during);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('oomkilled: the OOM kill in the pod\'s "why", the image its build made; the same log as Node', async () => {
    const { page, errors } = await openPage(rig.browser, `${rig.server.url}#scenario=oomkilled&t=1m5s&view=map`);
    const chip = page.locator('[data-testid=pod-chip][data-pod^="my-app/web-app-"]');
    expect(await chip.count()).toBe(1);
    expect(await chip.getAttribute('data-look')).toBe('failed');
    await chip.click();
    const states = await page.locator('[data-testid=why-states] tbody tr td:nth-child(3)').allTextContents();
    expect(states).toContain('Terminated: OOMKilled (exit code 137)');
    expect(states.some((s) => s.startsWith('Waiting: CrashLoopBackOff — back-off 10s'))).toBe(true);
    // Memory against the 256Mi limit, with the kill marked.
    expect(await page.locator('[data-testid=why-memory]').textContent()).toContain('256Mi');

    // The image the scenario built at 0s: its layers and the steps of its build.
    await page.click('[data-testid=view-tab-images]');
    await page.locator('[data-testid=image]', { hasText: 'my-app:1.0' }).first().click();
    expect(await page.locator('[data-testid=image-panel] [data-testid=image-layer]').count()).toBeGreaterThan(1);
    expect(await page.locator('[data-testid=image-panel] [data-testid=image-step]').count()).toBeGreaterThan(0);

    // The fix (512Mi at 1m10s) runs; at the end (2m30s) the log is Node's.
    await playPast(page, 150);
    await jump(page, '2m30s');
    await page.click('[data-testid=view-tab-map]');
    expect(await page.locator('[data-testid=pod-chip][data-pod^="my-app/web-app-"]').getAttribute('data-look')).toBe('ready');
    expect(await logInPage(page)).toBe(logInNode('oomkilled'));
    expect(errors).toEqual([]);
    await page.close();
  });
});
