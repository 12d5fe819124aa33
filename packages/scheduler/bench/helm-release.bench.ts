// Releases on the API store: a release's storage encoding (JSON, gzip level 9, base64) and back,
// and a whole install → upgrade → rollback → uninstall of the `helm create` chart, 100 times.

import { Engine, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { bench, describe } from 'vitest';
import { ApiStore } from '../src/api/api-store.ts';
import { ActionConfig, createChartFiles, decodeRelease, encodeRelease, install, loadChartFiles, rollback, uninstall, upgrade } from '../src/helm/index.ts';

const chart = loadChartFiles(createChartFiles('mychart'));

function config(): ActionConfig {
  const engine = new Engine({ seed: 1 });
  const store = new ApiStore(engine);
  return new ActionConfig({ store, namespace: 'default', now: () => VIRTUAL_EPOCH_MS + engine.now, random: engine.random, sleep: async () => true });
}

const sample = await install(config(), chart, new Map(), { releaseName: 'sample' });
const encoded = encodeRelease(sample);

describe('helm releases', () => {
  bench('encode the helm create release for storage, 100 times', () => {
    for (let i = 0; i < 100; i++) encodeRelease(sample);
  }, { iterations: 5, warmupIterations: 1 });

  bench('decode it, 100 times', () => {
    for (let i = 0; i < 100; i++) decodeRelease(encoded);
  }, { iterations: 5, warmupIterations: 1 });

  bench('install, upgrade, rollback and uninstall the helm create chart, 100 releases', async () => {
    const cfg = config();
    for (let i = 0; i < 100; i++) {
      const name = `web-${i}`;
      await install(cfg, chart, new Map(), { releaseName: name });
      await upgrade(cfg, name, chart, new Map([['replicaCount', 2]]) as Map<string, never>);
      await rollback(cfg, name, { version: 1 });
      await uninstall(cfg, name);
    }
  }, { iterations: 3, warmupIterations: 1 });
});
