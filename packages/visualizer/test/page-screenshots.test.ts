// A screenshot of each main view, kept in test-artifacts/ (git-ignored) for people to look at,
// and checked to show something: a blank or half-drawn page has only a handful of colours.

import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactPath, distinctColours, openPage, typeCommand, usePages } from './support/page.ts';

const rig = usePages('page', 'crashloop-page', 'cluster-page');

async function keep(name: string, shot: Page): Promise<number> {
  const png = await shot.screenshot();
  writeFileSync(artifactPath(name), png);
  return distinctColours(rig.browser, png);
}

describe('screenshots of the main views', () => {
  it.each([
    ['world-view.png', 'world', '#scenario=clock&t=1m35s&view=world'],
    ['scenario-view.png', 'scenario', '#scenario=clock&t=1m35s&view=scenario'],
    ['files-view.png', 'files', '#t=0s&view=files'],
  ])('%s', async (name, view, hash) => {
    const { page: shot } = await openPage(rig.browser, rig.served('page').url + hash);
    if (view === 'files') {
      await shot.fill('[data-testid=editor-path]', 'web.yaml');
      await shot.click('[data-testid=editor-save]');
      await shot.waitForSelector('[data-testid=file-list]');
    }
    await typeCommand(shot, 'advance 5s');
    expect(await keep(name, shot)).toBeGreaterThan(50);
    await shot.close();
  });

  it('events-timeline.png', async () => {
    const { page: shot } = await openPage(rig.browser, `${rig.served('crashloop-page').url}#t=2m30s`);
    expect(await keep('events-timeline.png', shot)).toBeGreaterThan(50);
    await shot.close();
  });

  it.each([
    // The gallery script: every pod look, a cordoned and a tainted node, a pod in the Unscheduled lane; a pod's "why" open.
    ['cluster-map.png', '?script=gallery#t=40s&view=map&sel=pod%2Fcrasher'],
    // Mid-rollout: old and new ReplicaSets within the maxSurge / maxUnavailable bounds.
    ['rollouts.png', '?script=rolling-update#t=36s&view=rollouts'],
  ])('%s', async (name, link) => {
    const { page: shot } = await openPage(rig.browser, rig.served('cluster-page').url + link);
    expect(await keep(name, shot)).toBeGreaterThan(50);
    await shot.close();
  });

  it('tells a blank page from a drawn one', async () => {
    const blank = await rig.browser.newPage({ viewport: { width: 400, height: 300 } });
    expect(await distinctColours(rig.browser, await blank.screenshot())).toBe(1);
    await blank.close();
  });
});
