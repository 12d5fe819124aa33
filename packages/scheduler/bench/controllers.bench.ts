// The controllers at scale: a 1,000-replica Deployment rolled to a new image end to end (default
// 25 %/25 % strategy) on 20 nodes run by the test fixture's fake kubelets and scheduler, every
// pod ready 1 s to 4.6 s after it starts. Measured: the whole rollout in wall time, and how many
// event-log records and store writes per second of wall time that is.
import { Engine } from '@dockyard/runtime';
import { bench, describe } from 'vitest';
import { ApiStore, KubeControllerManager, type Stored } from '../src/index.ts';
import { FakeCluster } from '../test/support/fake-cluster.ts';
import { deploymentManifest } from '../test/support/controller-cluster.ts';

const REPLICAS = 1_000;

function readyDelay(pod: Stored<'Pod'>): number {
  let sum = 0;
  for (const ch of pod.metadata!.name!) sum += ch.charCodeAt(0);
  return 1000 + (sum % 10) * 400;
}

function rolledOut(store: ApiStore): boolean {
  const d = store.get('Deployment', 'default', 'web');
  const s = d.status ?? {};
  return (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) && s.updatedReplicas === REPLICAS && s.replicas === REPLICAS && s.availableReplicas === REPLICAS;
}

function runUntilRolledOut(engine: Engine, store: ApiStore): void {
  while (!rolledOut(store)) {
    engine.runFor(1000);
    if (engine.now > 3_600_000) throw new Error('the rollout did not finish within an hour of virtual time');
  }
}

/** A cluster with the Deployment at 1,000 ready replicas (built outside the timed part). */
function scaledUp() {
  const engine = new Engine({ seed: 1 });
  const store = new ApiStore(engine);
  new KubeControllerManager(engine, store);
  new FakeCluster(engine, store, { nodes: 20, behaviour: (pod) => ({ readyAfterMs: readyDelay(pod) }) });
  store.create(deploymentManifest('web', { replicas: REPLICAS }));
  runUntilRolledOut(engine, store);
  return { engine, store };
}

// Clusters already at 1,000 ready replicas for the rollout runs, built before any timing.
const ready = Array.from({ length: 5 }, scaledUp);

describe('controllers, 1,000-replica Deployment', () => {
  bench(
    'scale a new Deployment from 0 to 1,000 ready replicas',
    () => {
      scaledUp();
    },
    { iterations: 3, time: 0, warmupIterations: 0, warmupTime: 0 },
  );

  bench(
    'rolling update of 1,000 replicas to a new image',
    () => {
      const { engine, store } = ready.pop() ?? scaledUp();
      const records = engine.log.size;
      const rv = Number(store.resourceVersion);
      const virtualStart = engine.now;
      const wallStart = performance.now();
      const d = structuredClone(store.get('Deployment', 'default', 'web'));
      (d.spec!.template.spec!.containers[0] as { image: string }).image = 'nginx:1.26';
      store.update(d);
      runUntilRolledOut(engine, store);
      const seconds = (performance.now() - wallStart) / 1000;
      const logged = engine.log.size - records;
      const writes = Number(store.resourceVersion) - rv;
      const events = store.list('Event').items.length;
      console.log(
        `rollout: ${(engine.now - virtualStart) / 1000} s virtual, ${seconds.toFixed(2)} s wall; ${logged} log records (${Math.round(logged / seconds)}/s), ${writes} store writes (${Math.round(writes / seconds)}/s), ${events} Events stored`,
      );
    },
    { iterations: 3, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});
