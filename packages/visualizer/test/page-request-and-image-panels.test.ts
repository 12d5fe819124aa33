// The Requests and Images tabs in the built page, on the rolling-update script's cluster (Service
// web and Ingress web.local in front of four nginx pods): a `curl` typed into the terminal shows up
// as a request whose hops light up one after the other, in the order the engine logged them; an
// image built twice from the terminal shows its layers with `docker history`'s sizes and its
// second build's steps CACHED. A screenshot of each is kept in test-artifacts/.

import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactPath, distinctColours, openPage, typeCommand, usePages } from './support/page.ts';

const DOCKERFILE = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN echo built > /app/built.txt\nCMD ["node", "-e", "1"]\n';

const rig = usePages('cluster-page');

async function screenshot(page: Page, name: string): Promise<number> {
  const png = await page.screenshot();
  writeFileSync(artifactPath(name), png);
  return distinctColours(rig.browser, png);
}

/** The last terminal entry's standard output. */
const lastStdout = (page: Page) => page.locator('[data-testid=transcript] .entry').last().locator('pre.stdout').textContent();

describe('the request and image panels', () => {
  it("plays a curl's path: ingress rule, Service, endpoint, container, lit in order", async () => {
    const { page, errors, dialogs } = await openPage(rig.browser, `${rig.server.url}?script=rolling-update#t=1m30s&view=requests`);
    expect(await page.textContent('[data-testid=requests-view]')).toContain('No request has gone through the cluster yet.');
    expect(await typeCommand(page, 'curl http://web.local/')).toContain('Welcome to nginx!');
    const requests = page.locator('[data-testid=request]');
    await requests.first().waitFor();
    expect(await requests.allTextContents()).toEqual(['1m30s http://web.local/ ✓ 200 OK']);

    // Each change of which hops are lit, as a row of 0s and 1s, recorded as the page makes it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { litSeen: string[] }).litSeen = seen;
      const record = () => {
        const row = [...document.querySelectorAll('[data-testid=request-hop]')].map((h) => (h.getAttribute('data-lit') === 'true' ? '1' : '0')).join('');
        if (row !== '' && row !== seen.at(-1)) seen.push(row);
      };
      new MutationObserver(record).observe(document.querySelector('[data-testid=requests-view]')!, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-lit'] });
    });
    await requests.first().click();
    // The chosen request is in the link.
    expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('pick')).toMatch(/^\d+$/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=request-hop][data-lit=true]').length === 5);
    expect(await page.evaluate(() => (window as unknown as { litSeen: string[] }).litSeen)).toEqual(['10000', '11000', '11100', '11110', '11111']);

    const hops = await page.locator('[data-testid=request-hop]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}: ${e.querySelector('.hop-label')!.textContent} | ${e.querySelector('.hop-detail')!.textContent}`));
    expect(hops.slice(0, 3)).toEqual([
      'client: your machine | http://web.local/: kind maps localhost:80 and 443 to ingress-nginx on node-1',
      'ingress: Ingress default/web | host web.local, path / matched location / → Service default/web:80',
      'service: Service default/web:80 | ingress-nginx takes its ready endpoints round robin itself: no kube-proxy rule on this path',
    ]);
    const [, ip, pod] = /^endpoint: endpoint (10\.244\.\d+\.\d+):80 \| Pod default\/(web-[a-z0-9]+-[a-z0-9]{5})$/.exec(hops[3]!) ?? [];
    expect(ip, hops[3]).toBeDefined();
    expect(hops[4]).toBe(`container: container web of pod default/${pod} | answered 200 OK`);
    // The pod the path names is the one holding that address, as kubectl tells it.
    expect(await typeCommand(page, `kubectl get pod ${pod} -o wide`)).toContain(` ${ip} `);

    // Step replays by hand: Replay lights the first hop only, each Step one more.
    await page.click('[data-testid=request-replay]');
    await page.click('[data-testid=request-step]');
    const lit = await page.locator('[data-testid=request-hop][data-lit=true]').count();
    expect(lit).toBeGreaterThanOrEqual(2);
    expect(await screenshot(page, 'request-path.png')).toBeGreaterThan(50);

    // A path the user typed is shown as text, never as markup.
    await typeCommand(page, 'curl "http://web.local/<b>bold</b>"');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=request]').length === 2);
    await requests.first().click();
    expect(await page.locator('[data-testid=request-hop][data-kind=ingress] .hop-detail').textContent()).toBe('host web.local, path /<b>bold</b> matched location / → Service default/web:80');
    expect(await page.locator('[data-testid=requests-view] b').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('shows an image built twice: its layers with docker history sizes, the second build CACHED', async () => {
    const { page, errors } = await openPage(rig.browser, `${rig.server.url}?script=rolling-update#t=5s&view=images`);
    await page.fill('[data-testid=editor-path]', 'app/Dockerfile');
    await page.fill('[data-testid=editor-text]', DOCKERFILE);
    await page.click('[data-testid=editor-save]');
    expect(await typeCommand(page, 'docker build -t hello:1 app')).not.toContain('CACHED');
    expect((await typeCommand(page, 'docker build -t hello:1 app')).match(/#\d+ CACHED/g)).toHaveLength(3);
    await typeCommand(page, 'docker history hello:1');
    const history = (await lastStdout(page))!.trimEnd().split('\n');
    const sizeAt = history[0]!.indexOf('SIZE');
    const historySizes = history.slice(1).map((row) => row.slice(sizeAt).split(/\s+/)[0]).reverse();

    await page.click('[data-testid=image][data-where="docker host"][data-image="hello:1"]');
    await page.locator('[data-testid=image-panel]').waitFor();
    const layers = await page.locator('[data-testid=image-layer]').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    expect(layers.map((cells) => cells[2])).toEqual(historySizes);
    expect(layers.slice(-4).map((cells) => cells.slice(1).join(' | '))).toEqual([
      'WORKDIR /app | 0B | [2/4] CACHED',
      // COPY . . copies the Dockerfile, the context's only file; RUN wrote "built\n".
      `COPY . . # buildkit | ${DOCKERFILE.length}B | [3/4] CACHED`,
      'RUN /bin/sh -c echo built > /app/built.txt # buildkit | 6B | [4/4] CACHED',
      'CMD ["node" "-e" "1"] | 0B | ',
    ]);
    expect(await page.textContent('[data-testid=image-build]')).toMatch(/^At \d+(\.\d+)?s: 3 of 4 step\(s\) CACHED$/);
    const steps = await page.locator('[data-testid=image-step]').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent).join(' ')));
    expect(steps.map((s) => s.replace(/@sha256:[0-9a-f]{64}/, ''))).toEqual([
      '[1/4] FROM docker.io/library/node:20-alpine built',
      '[2/4] WORKDIR /app CACHED',
      '[3/4] COPY . . CACHED',
      '[4/4] RUN echo built > /app/built.txt CACHED',
    ]);
    await page.locator('[data-testid=image-panel]').scrollIntoViewIfNeeded();
    expect(await screenshot(page, 'image-layers.png')).toBeGreaterThan(50);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("keeps the chosen image in the link: opening it shows the same image's layers", async () => {
    // The rolling update's pods pulled nginx onto the nodes by 20s.
    const { page } = await openPage(rig.browser, `${rig.server.url}?script=rolling-update#t=20s&view=images`);
    const image = page.locator('[data-testid=image][data-where="node-1"]').first();
    const reference = (await image.getAttribute('data-image'))!;
    await image.click();
    await page.locator('[data-testid=image-panel]').waitFor();
    const layers = await page.locator('[data-testid=image-layer]').allTextContents();
    await page.waitForFunction(() => window.location.hash.includes('pick='));
    const link = page.url();
    expect(decodeURIComponent(link)).toContain(`pick=node-1:${reference}`);
    const again = await openPage(rig.browser, link);
    await again.page.locator('[data-testid=image-panel]').waitFor();
    expect(await again.page.getAttribute('[data-testid=image][aria-pressed=true]', 'data-image')).toBe(reference);
    expect(await again.page.locator('[data-testid=image-layer]').allTextContents()).toEqual(layers);
    // Another tab drops the pick from the link.
    await again.page.click('[data-testid=view-tab-map]');
    await again.page.waitForFunction(() => !window.location.hash.includes('pick='));
    await page.close();
    await again.page.close();
  });
});
