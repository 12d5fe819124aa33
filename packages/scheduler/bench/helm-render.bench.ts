// Rendering the chart `helm create` makes (templates, helpers, values, ordering), 1,000 times
// per benchmark iteration: what every install, upgrade and `helm template` of it costs.

import { SeededRandom, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { bench, describe } from 'vitest';
import { createChartFiles, defaultCapabilities, loadChartFiles, renderRelease } from '../src/helm/index.ts';

const chart = loadChartFiles(createChartFiles('mychart'));
const capabilities = defaultCapabilities();
const random = new SeededRandom(1);

function renderOnce(i: number): string {
  return renderRelease(chart, new Map(), {
    release: { name: `release-${i}`, namespace: 'default', revision: 1, isInstall: true, isUpgrade: false },
    capabilities,
    now: () => VIRTUAL_EPOCH_MS,
    random,
  }).manifest;
}

describe('helm', () => {
  bench(
    'render the helm create chart 1,000 times',
    () => {
      for (let i = 0; i < 1000; i++) renderOnce(i);
    },
    { iterations: 5, warmupIterations: 1 },
  );

  bench('load (parse Chart.yaml, values.yaml) and render it once', () => {
    const fresh = loadChartFiles(createChartFiles('mychart'));
    renderRelease(fresh, new Map(), {
      release: { name: 'r', namespace: 'default', revision: 1, isInstall: true, isUpgrade: false },
      capabilities,
      now: () => VIRTUAL_EPOCH_MS,
      random,
    });
  });
});
