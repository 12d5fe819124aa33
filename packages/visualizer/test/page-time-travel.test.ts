// In the built page: play, pause, speed, step to the next event, jump, scrub back, and reopen a
// link; the time bar, the transcript and the scenario view always show the world at that time.

import { describe, expect, it } from 'vitest';
import { openPage, shownTime, usePages } from './support/page.ts';

const rig = usePages('page');

const steps = (page: import('playwright-core').Page) => page.locator('[data-testid=transcript] .entry .command').allTextContents();

describe('time in the page', () => {
  it('plays at the chosen speed, pauses, and stays paused', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    expect(await shownTime(page)).toBe('0s');
    await page.selectOption('[data-testid=speed]', '100');
    await page.click('[data-testid=play]');
    await page.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent !== '0s');
    await page.waitForTimeout(500);
    await page.click('[data-testid=play]');
    const paused = await shownTime(page);
    await page.waitForTimeout(300);
    expect(await shownTime(page)).toBe(paused);
    expect(await page.textContent('[data-testid=play]')).toBe('Play');
    // Half a second and more at 100× is well past 40 s of virtual time.
    expect(Number(await page.inputValue('[data-testid=scrubber]'))).toBeGreaterThan(40_000);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('steps to the next moment something happens with the button and with →, and plays/pauses with space', async () => {
    const { page } = await openPage(rig.browser, `${rig.server.url}#scenario=clock`);
    expect(await steps(page)).toEqual(['[0s] scenario $ events']);
    await page.click('[data-testid=step]');
    // 10s: the kubelets renew their Leases and the step at 10s runs "advance 5s".
    expect(await shownTime(page)).toBe('15s');
    await page.locator('body').press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent === '20s'); // Lease renewals
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent === '1m'); // the step at 30s: "advance 30s"
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent === '1m10s');
    expect(await steps(page)).toEqual(['[0s] scenario $ events', '[10s] scenario $ advance 5s', '[30s] scenario $ advance 30s']);
    await page.keyboard.press(' ');
    expect(await page.textContent('[data-testid=play]')).toBe('Pause');
    await page.keyboard.press(' ');
    expect(await page.textContent('[data-testid=play]')).toBe('Play');
    await page.close();
  });

  it('jumps back to a time: the transcript and the scenario view are those of that time', async () => {
    const { page } = await openPage(rig.browser, `${rig.server.url}#scenario=clock&t=2m30s`);
    expect(await shownTime(page)).toBe('3m'); // the step at 2m moved time on to 3m
    await page.fill('[data-testid=jump-input]', '20s');
    await page.click('[data-testid=jump]');
    await page.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent === '20s');
    expect(await steps(page)).toEqual(['[0s] scenario $ events', '[10s] scenario $ advance 5s']);
    await page.click('[data-testid=view-tab-scenario]');
    expect(await page.locator('[data-testid=scenario-steps] tbody td:last-child').allTextContents()).toEqual(['done', 'done', 'in 10s', 'in 1m10s', 'in 1m40s']);
    expect(page.url()).toContain('#scenario=clock&seed=1&t=20s&view=scenario');
    await page.close();
  });

  it('scrubs back and forth along the timeline, with a mark for each scenario step and each moment the log grew', async () => {
    const { page } = await openPage(rig.browser, `${rig.server.url}#scenario=clock&t=1m45s`);
    // Records at 0s and every 10 s (Leases) and 15 s (metrics scrapes) up to 1m45s: 15 moments;
    // the steps at 0s, 10s, 30s and 1m30s fall on them, the one at 2m adds a mark.
    expect((await page.getAttribute('[data-testid=marks] path', 'd'))!.split('M').length - 1).toBe(16);
    const scrub = (t: number) =>
      page.evaluate((value) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid=scrubber]')!;
        input.value = String(value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, t);
    await scrub(12_000);
    await page.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent === '15s');
    await scrub(95_000);
    await page.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent === '1m35s');
    expect((await steps(page)).length).toBe(4);
    await page.close();
  });

  it('rebuilds the same view from a link: scenario, seed, time, view and selection', async () => {
    const link = `${rig.server.url}#scenario=clock&seed=9&t=1m40s&view=scenario&sel=pod%2Fweb-1`;
    const { page } = await openPage(rig.browser, link);
    expect(await shownTime(page)).toBe('1m40s');
    expect(await page.inputValue('[data-testid=seed]')).toBe('9');
    expect(await page.getAttribute('[data-testid=view-tab-scenario]', 'aria-selected')).toBe('true');
    expect(await page.inputValue('[data-testid=events-object]')).toBe('pod/web-1');
    expect((await steps(page)).length).toBe(4);
    // Editing the link moves the same page to the new time.
    await page.evaluate(() => (window.location.hash = '#scenario=clock&seed=9&t=5s&view=world'));
    await page.waitForFunction(() => document.querySelector('[data-testid=virtual-time]')!.textContent === '5s');
    expect(await steps(page)).toEqual(['[0s] scenario $ events']);
    await page.close();
  });
});
