// The page's performance in Debian's Chromium: first load, frame times while playing, bundle size.
//
//   pnpm --filter @dockyard/visualizer bench:page [--scenario ID] [--seed N] [--speed 10]
//       [--seconds 5] [--at 0s] [--page page|crashloop-page|cluster-page] [--script NAME] [--view ID] [--loads 5]
//       [--profile]
//
// It builds the page with Vite, serves it with `dockyard visualize`'s server, opens
// `#scenario=ID&seed=N&t=AT`, and plays at the speed for the given wall seconds while the page
// records every animation frame's time. The cluster-size target (1,000 pods on 50 nodes at 10×)
// runs the same way with its scenario: `--scenario <that example> --speed 10`.
// Prints a Markdown table for BENCHMARKS.md and writes test-artifacts/bench-page.json; with
// --profile, also a V8 CPU profile of the playing (test-artifacts/bench-page.cpuprofile, opens in
// Chrome's DevTools) and the functions with the most self time.

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { artifactPath, launchChromium, servePage } from '../test/support/page.ts';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string' },
    seed: { type: 'string' },
    speed: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '5' },
    at: { type: 'string', default: '0s' },
    page: { type: 'string', default: 'page' },
    script: { type: 'string' },
    view: { type: 'string' },
    loads: { type: 'string', default: '5' },
    profile: { type: 'boolean', default: false },
  },
});
const which = values.page === 'crashloop-page' || values.page === 'cluster-page' ? values.page : 'page';
/** The cluster page's script (test/fixtures/cluster-scripts.ts), in the query string. */
const query = which === 'cluster-page' && values.script ? `?script=${values.script}` : '';
const hash = new URLSearchParams({ ...(values.scenario ? { scenario: values.scenario } : {}), ...(values.seed ? { seed: values.seed } : {}), t: values.at!, ...(values.view ? { view: values.view } : {}) });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

const server = await servePage(which, !values.profile);
const browser = await launchChromium();
try {
  // First load: navigation start to the page having played to the link's time, in a fresh context (cold cache).
  const loads: number[] = [];
  for (let i = 0; i < Number(values.loads); i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}${query}#${hash}`);
    await page.waitForSelector('[data-ready]', { timeout: 60_000 });
    // The test page has no ready mark of its own; the attribute's appearance is close enough there.
    loads.push(await page.evaluate(() => performance.getEntriesByName('dockyard-ready')[0]?.startTime ?? performance.now()));
    await context.close();
  }

  // Frame times while playing.
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${server.url}${query}#${hash}`);
  await page.waitForSelector('[data-ready]', { timeout: 60_000 });
  await page.selectOption('[data-testid=speed]', values.speed!);
  const virtualBefore = Number(await page.inputValue('[data-testid=scrubber]'));
  // A string, not a function: tsx would wrap a function's inner closures in its __name helper,
  // which the page does not have.
  await page.evaluate(`(() => {
    const times = [];
    window.frameTimes = times;
    const loop = (t) => { times.push(t); requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  })()`);
  const cdp = values.profile ? await page.context().newCDPSession(page) : undefined;
  await cdp?.send('Profiler.enable');
  await cdp?.send('Performance.enable');
  const metricsBefore = await cdp?.send('Performance.getMetrics');
  await cdp?.send('Profiler.start');
  await page.click('[data-testid=play]');
  await page.waitForTimeout(Number(values.seconds) * 1000);
  await page.click('[data-testid=play]');
  if (cdp !== undefined) {
    printProfile((await cdp.send('Profiler.stop')).profile);
    const after = new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const spent = metricsBefore!.metrics
      .filter((m) => m.name.endsWith('Duration'))
      .map((m) => `${m.name.replace('Duration', '')} ${Math.round(((after.get(m.name) ?? 0) - m.value) * 1000)} ms`);
    console.log(`Renderer main thread while playing: ${spent.join(', ')}`);
  }
  const stamps = await page.evaluate(() => (window as unknown as { frameTimes: number[] }).frameTimes);
  const virtualAfter = Number(await page.inputValue('[data-testid=scrubber]'));
  const records = await page.textContent('[data-testid=events-count]');
  const deltas = stamps.slice(1).map((t, i) => t - stamps[i]!).sort((a, b) => a - b);
  const wall = stamps.at(-1)! - stamps[0]!;

  // Bundle: what the page loads up front (index.html's script and style sheet), raw and gzip.
  const assets = join(server.dist, 'assets');
  const html = readFileSync(join(server.dist, which === 'page' ? 'index.html' : `test/fixtures/${which}.html`), 'utf8');
  const upFront = readdirSync(assets).filter((name) => html.includes(`assets/${name}`));
  const size = (names: string[]) => names.reduce((n, name) => n + statSync(join(assets, name)).size, 0);
  const gzip = (names: string[]) => names.reduce((n, name) => n + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length, 0);
  const lazy = readdirSync(assets).filter((name) => !upFront.includes(name));

  const result = {
    page: which,
    link: `#${hash}`,
    speed: Number(values.speed),
    firstLoadMs: { median: round(percentile([...loads].sort((a, b) => a - b), 50)), all: loads.map((l) => round(l)) },
    frames: {
      count: deltas.length,
      p50Ms: round(percentile(deltas, 50), 2),
      p95Ms: round(percentile(deltas, 95), 2),
      maxMs: round(deltas.at(-1)!, 2),
      fps: round((deltas.length / wall) * 1000),
    },
    virtualMsPlayed: virtualAfter - virtualBefore,
    eventsShown: records,
    bundle: {
      upFront: upFront.sort(),
      bytes: size(upFront),
      gzipBytes: gzip(upFront),
      js: { bytes: size(upFront.filter((n) => n.endsWith('.js'))), gzipBytes: gzip(upFront.filter((n) => n.endsWith('.js'))) },
      css: { bytes: size(upFront.filter((n) => n.endsWith('.css'))), gzipBytes: gzip(upFront.filter((n) => n.endsWith('.css'))) },
      lazyExampleFiles: { count: lazy.length, bytes: size(lazy) },
    },
  };
  writeFileSync(artifactPath('bench-page.json'), JSON.stringify(result, null, 2) + '\n');
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`| measure | value |
|---|---|
| link | \`${result.link}\` (${which}) |
| first load (navigation → played to the link's time), median of ${loads.length} | ${result.firstLoadMs.median} ms |
| frames while playing at ${result.speed}× for ${values.seconds} s | ${result.frames.count} frames, ${result.frames.fps} fps |
| frame time p50 / p95 / max | ${result.frames.p50Ms} / ${result.frames.p95Ms} / ${result.frames.maxMs} ms |
| virtual time played | ${result.virtualMsPlayed} ms |
| events panel at the end | ${records} |
| bundle loaded up front (JS + CSS) | ${kb(result.bundle.bytes)}, gzip ${kb(result.bundle.gzipBytes)} |
| of which JS / CSS (gzip) | ${kb(result.bundle.js.gzipBytes)} / ${kb(result.bundle.css.gzipBytes)} |
| example files fetched on demand | ${lazy.length} chunks, ${kb(result.bundle.lazyExampleFiles.bytes)} |`);
} finally {
  await browser.close();
  await server.close();
}

/** The parts of a V8 CPU profile (DevTools protocol, Profiler.Profile) read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Writes the profile as an artifact and prints the 20 functions with the most self time. */
function printProfile(profile: CpuProfile): void {
  writeFileSync(artifactPath('bench-page.cpuprofile'), JSON.stringify(profile));
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = frames.get(id)!;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').at(-1)}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`CPU profile: ${total.toFixed(0)} ms sampled; most self time:`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${key}`);
}
