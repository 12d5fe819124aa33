// Whatever the user types (commands, file names, YAML, a link's selection or scenario name) is
// shown as text: markup in it never becomes elements, and its script never runs.

import { describe, expect, it } from 'vitest';
import { openPage, typeCommand, usePages } from './support/page.ts';

const MARKUP = '<img src=x onerror=alert(1)>';

const rig = usePages('page');

describe('markup typed by the user', () => {
  it('shows as text in the terminal, the editor, the file list and the apply button; no dialog opens', async () => {
    const { page, dialogs, errors } = await openPage(rig.browser, rig.server.url);
    expect(await typeCommand(page, `echo '${MARKUP}'`)).toContain(`[0s] $ echo '${MARKUP}'`);
    expect(await typeCommand(page, MARKUP)).toContain(`[0s] $ ${MARKUP}`);
    await page.fill('[data-testid=editor-path]', `${MARKUP}.yaml`);
    await page.fill('[data-testid=editor-text]', `metadata:\n  labels:\n    app: "${MARKUP}"\n`);
    expect(await page.textContent('[data-testid=editor-apply]')).toBe(`Apply (kubectl apply -f ${MARKUP}.yaml)`);
    await page.click('[data-testid=editor-apply]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=transcript] .entry').length === 3);
    expect(await page.locator('[data-testid=transcript] .entry .command').last().textContent()).toBe(`[0s] $ kubectl apply -f '${MARKUP}.yaml'`);
    await page.click('[data-testid=view-tab-files]');
    expect(await page.locator('[data-testid=file-list] tbody td').first().textContent()).toBe(`${MARKUP}.yaml`);
    expect(await page.inputValue('[data-testid=editor-text]')).toContain(MARKUP);
    await page.waitForTimeout(200);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows as text when it comes in a link', async () => {
    const hash = `#scenario=${encodeURIComponent(MARKUP)}&sel=${encodeURIComponent(MARKUP)}`;
    const { page, dialogs } = await openPage(rig.browser, rig.server.url + hash);
    expect(await page.textContent('[data-testid=error]')).toBe(`There is no example scenario named "${MARKUP}".`);
    expect(await page.inputValue('[data-testid=events-object]')).toBe(MARKUP);
    await page.waitForTimeout(200);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
