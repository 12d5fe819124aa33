// A cluster to run release actions against in tests: an engine with the API store and the
// controllers that keep it consistent (garbage collector, namespace controller) but no workload
// controllers, so that tests decide when objects become ready (fakeControllers); an ActionConfig
// per namespace whose waits run the engine forward; charts from text, from the corpus or from
// `helm create`.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Engine, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { strToU8 } from 'fflate';
import { ApiStore } from '../../src/api/api-store.ts';
import { GarbageCollector } from '../../src/api/garbage-collector.ts';
import { deepCopy, type KubeObject } from '../../src/api/kinds.ts';
import { NamespaceController } from '../../src/api/namespace-controller.ts';
import type { Chart } from '../../src/helm/chart/chart.ts';
import { loadChartFiles } from '../../src/helm/chart/chart-loader.ts';
import { createChartFiles } from '../../src/helm/chart/chart-scaffold.ts';
import { ActionConfig } from '../../src/helm/release/action-config.ts';
import { sharedPath } from '../../../runtime/test/support/shared-files.ts';

export const CORPUS = sharedPath('corpus/helm');

export interface ReleaseWorld {
  engine: Engine;
  store: ApiStore;
  /** The configuration of a command run with `-n namespace`. */
  cfg(namespace?: string): ActionConfig;
}

export function releaseWorld(seed = 1): ReleaseWorld {
  const engine = new Engine({ seed });
  const store = new ApiStore(engine);
  new GarbageCollector(engine, store);
  new NamespaceController(engine, store);
  const sleep = async (ms: number): Promise<boolean> => {
    engine.runFor(ms);
    return true;
  };
  return {
    engine,
    store,
    cfg: (namespace = 'default') =>
      new ActionConfig({ store, namespace, now: () => VIRTUAL_EPOCH_MS + engine.now, random: engine.random, sleep }),
  };
}

/** A chart from file texts (paths relative to the chart root). */
export function chartOf(files: Record<string, string>): Chart {
  return loadChartFiles(new Map(Object.entries(files).map(([path, text]) => [path, strToU8(text)])));
}

/** The chart `helm create <name>` writes. */
export function createdChart(name = 'mychart'): Chart {
  return loadChartFiles(createChartFiles(name));
}

function readTree(dir: string, prefix = ''): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) for (const [k, v] of readTree(path, `${prefix}${entry}/`)) out.set(k, v);
    else out.set(prefix + entry, readFileSync(path));
  }
  return out;
}

/** A chart folder from disk (the corpus, the examples). */
export function chartFromDisk(dir: string): Chart {
  return loadChartFiles(readTree(dir));
}

/**
 * Stands in for the workload controllers and kubelets: `delayMs` after a Deployment, Job or Pod
 * is written, marks it ready (Deployment available, Job Complete, Pod Succeeded) or, for objects
 * `fails` picks, failed.
 */
export function fakeControllers(world: ReleaseWorld, options: { delayMs?: number; fails?: (object: KubeObject) => boolean } = {}): void {
  const { engine, store } = world;
  const delay = options.delayMs ?? 2000;
  const fails = options.fails ?? (() => false);
  const finish = engine.defineTask<{ kind: string; ns: string; name: string }>('test.fake-controller', ({ kind, ns, name }) => {
    const live = store.tryGet(kind, ns, name) as KubeObject | undefined;
    if (live === undefined) return;
    const copy = deepCopy(live) as KubeObject;
    const bad = fails(copy);
    if (kind === 'Deployment') {
      const replicas = (copy['spec'] as { replicas?: number }).replicas ?? 1;
      copy['status'] = {
        observedGeneration: copy.metadata?.generation,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: bad ? 0 : replicas,
        availableReplicas: bad ? 0 : replicas,
        conditions: [
          { type: 'Available', status: bad ? 'False' : 'True', reason: 'MinimumReplicasAvailable' },
          { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
        ],
      };
    } else if (kind === 'Job') {
      copy['status'] = bad
        ? { failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] }
        : { succeeded: 1, startTime: '2025-01-01T00:00:00Z', conditions: [{ type: 'Complete', status: 'True' }] };
    } else {
      copy['status'] = { phase: bad ? 'Failed' : 'Succeeded' };
    }
    store.updateStatus(copy);
  });
  for (const kind of ['Deployment', 'Job', 'Pod']) {
    store.watch(kind, { resourceVersion: store.resourceVersion }, ({ type, object }) => {
      if (type === 'ADDED' || (type === 'MODIFIED' && kind === 'Deployment' && object.metadata?.generation !== ((object as KubeObject)['status'] as { observedGeneration?: number } | undefined)?.observedGeneration)) {
        engine.schedule(finish, delay, { kind, ns: object.metadata!.namespace!, name: object.metadata!.name! });
      }
    });
  }
}
