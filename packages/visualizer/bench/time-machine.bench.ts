// The engine side of the page's frame budget, in Node: one frame of play, a rewind, a first
// open. The world is the default cluster (three nodes whose kubelets renew Leases every 10 s)
// with the tests' crash-looping Deployment: two pods restarting on the kubelets' back-off.

import { bench, describe } from 'vitest';
import { cloneJson } from '@dockyard/runtime';
import { emptyScenario, TimeMachine } from '../src/time/time-machine.ts';
import { addScript } from '../test/fixtures/cluster-scripts.ts';
import { addCrashingDeployment } from '../test/fixtures/crashing-deployment.ts';

const HOUR = 3600_000;
const ticking = () => new TimeMachine({ seed: 1, setup: addCrashingDeployment });

const playing = ticking();
await playing.seek(2 * HOUR);
const rewinding = ticking();
await rewinding.seek(2 * HOUR);

describe('time machine', () => {
  bench('one frame at 100× (1.67 s of virtual time) two hours in', async () => {
    await playing.advanceBy(1667);
  });

  bench('rewind from 2 h to a random earlier time and replay to it', async () => {
    await rewinding.seek(Math.floor(Math.random() * 2 * HOUR));
    await rewinding.seek(2 * HOUR);
  });

  bench('open and play to 2 h (720 checkpoints)', async () => {
    await ticking().seek(2 * HOUR);
  });
});

// The page's cluster-scale target: 1,000 nginx pods (readiness probes every 5 s) on 50 nodes,
// a Deployment of 50 rolling every 20 s (test/fixtures/cluster-scripts.ts `big`).
const big = () => {
  const base = emptyScenario();
  return new TimeMachine({ scenario: { ...base, config: { ...base.config, nodes: 50 } }, seed: 1, setup: (world) => addScript(world, 'big') });
};
const cluster = big();
await cluster.seek(30_000);

describe('time machine, 1,000 pods on 50 nodes', () => {
  bench('one frame at 10× (167 ms of virtual time) from 30 s on', async () => {
    await cluster.advanceBy(167);
  });

  bench('an engine snapshot copied as a checkpoint copies it', () => {
    const snapshot = cluster.world.engine.snapshot();
    cloneJson(snapshot.components);
  });
});
