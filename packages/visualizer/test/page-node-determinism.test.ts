// The page and Node agree byte for byte: the example scenario played in the page, frame by frame
// on its clock, prints the same steps and writes the same event log as `dockyard scenario run`;
// and a world whose pods draw random names and crash-loop on the kubelets (the tests'
// crash-looping Deployment) writes the same log in Chromium, played by frames and rewound, as in Node.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TimeMachine } from '../src/time/time-machine.ts';
import { addCrashingDeployment } from './fixtures/crashing-deployment.ts';
import { openPage, shownTime, typeCommand, usePages } from './support/page.ts';

const REPO = join(import.meta.dirname, '../../..');
const rig = usePages('page', 'crashloop-page');

/** Plays the page on its own clock at 100× until it has passed `seconds` of virtual time, then pauses. */
async function playPast(shown: Page, seconds: number): Promise<void> {
  await shown.selectOption('[data-testid=speed]', '100');
  await shown.click('[data-testid=play]');
  await shown.waitForFunction((s) => Number(document.querySelector<HTMLInputElement>('[data-testid=scrubber]')!.value) > s * 1000, seconds, {
    timeout: 20_000,
  });
  await shown.click('[data-testid=play]');
}

/** The JSON Lines the terminal's `events -o json` prints, without the entry's command line. */
async function logInPage(shown: Page): Promise<string> {
  const before = await shown.locator('[data-testid=transcript] .entry').count();
  await typeCommand(shown, 'events -o json');
  return (await shown.locator('[data-testid=transcript] .entry').nth(before).locator('.stdout').allTextContents()).join('');
}

describe('page and Node', () => {
  it('play the clock scenario to the same steps, outputs and event log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockyard-determinism-'));
    const node = spawnSync(process.execPath, [join(REPO, 'packages/cli/bin/dockyard.js'), 'scenario', 'run', join(REPO, 'examples/clock/scenario.yaml'), '--log', join(dir, 'run.jsonl')], {
      encoding: 'utf8',
    });
    expect(node.status).toBe(0);
    const nodeSteps = [...node.stdout.matchAll(/^(\S+) +\$ (.*)\n((?: {11}.*\n)*)/gm)].map(([, at, line, out]) => `[${at}] scenario $ ${line}${out!.replace(/^ {11}/gm, '')}`);
    expect(nodeSteps).toHaveLength(5);

    const { page: shown } = await openPage(rig.browser, `${rig.served('page').url}#scenario=clock`);
    await playPast(shown, 190);
    const pageSteps = await shown.locator('[data-testid=transcript] .entry').allTextContents();
    expect(pageSteps).toEqual(nodeSteps);
    expect(await shown.locator('[data-testid=scenario-expectations]').count()).toBe(0); // on the Cluster tab
    await shown.click('[data-testid=view-tab-scenario]');
    expect(await shown.locator('[data-testid=scenario-expectations] tbody td:last-child').allTextContents()).toEqual([
      'PASS at 1m',
      'PASS at 3m',
      'holding',
    ]);
    // The run ends at 3m (the last step's "advance 1m"); the kubelets' Leases go on renewing in the
    // page, so the log is read back at that time.
    await shown.fill('[data-testid=jump-input]', '3m');
    await shown.click('[data-testid=jump]');
    await shown.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent === '3m');
    expect(await logInPage(shown)).toBe(readFileSync(join(dir, 'run.jsonl'), 'utf8'));
    await shown.close();
  });

  it.each([3, 11])('write the same log for crash-looping pods with random names, seed %i', async (seed) => {
    const { page: shown } = await openPage(rig.browser, `${rig.served('crashloop-page').url}#seed=${seed}`);
    await playPast(shown, 200);
    // Back to exactly 3m20s (a rewind from wherever the frames stopped), then read the log.
    await shown.fill('[data-testid=jump-input]', '3m20s');
    await shown.click('[data-testid=jump]');
    await shown.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent === '3m20s');
    const inPage = await logInPage(shown);
    const inNode = new TimeMachine({ seed, setup: addCrashingDeployment });
    await inNode.seek(200_000);
    expect(inPage).toBe(inNode.world.engine.log.toJSONL());
    // Both pods' containers died six times by then (5 s after each start; the sixth start at 2m55.248s).
    expect(inPage.match(/"type":"container\.die","host":"node-\d","id":"[0-9a-f]+","name":"k8s_web_/g)).toHaveLength(12);
    expect(await shownTime(shown)).toBe('3m20s');
    await shown.close();
  });
});
