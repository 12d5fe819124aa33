// The page's memory of the world's past (ClusterHistory) follows the clock like the engine does:
// whatever path the page took to a time, straight or back from later, it holds the same
// container states, usage samples, scheduling decisions and rollout counts; and it changes
// nothing the engine writes.

import { World } from '@dockyard/cli';
import { describe, expect, it } from 'vitest';
import { TimeMachine } from '../src/time/time-machine.ts';
import { addScript } from './fixtures/cluster-scripts.ts';

const machine = (script: string) => new TimeMachine({ seed: 3, setup: (world) => addScript(world, script) });

function everything(m: TimeMachine) {
  const pods = m.world.cluster.store.list('Pod').items.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`);
  return {
    pods: pods.map((pod) => ({ pod, changes: m.history.changes(pod), usage: m.history.usage(pod), decisions: m.history.decisions(pod) })),
    rollout: m.history.rollout('default/web'),
  };
}

describe('the cluster history', () => {
  it('holds the same past at a time whether the page went straight there or came back from later', async () => {
    const straight = machine('rolling-update');
    await straight.seek(50_000);
    const back = machine('rolling-update');
    await back.seek(90_000);
    await back.seek(50_000);
    expect(everything(back)).toEqual(everything(straight));
    // And it held something: once the first pods were ready (8 s), the rollout's counts stayed
    // within 4 + 1 pods and 4 − 1 available, and it ended complete.
    const samples = straight.history.rollout('default/web');
    expect(samples.length).toBeGreaterThan(5);
    expect(samples.filter((s) => s.t > 10_000 && (s.current > s.ceiling || s.available < s.floor))).toEqual([]);
    expect(samples.at(-1)).toMatchObject({ current: 4, updated: 4, available: 4 });
  });

  it("keeps a crash-looping container's every state once, in order", async () => {
    const m = machine('gallery');
    await m.seek(40_000);
    const states = m.history.changes('default/crasher').map((c) => `${c.state}${c.reason ? ` ${c.reason}` : ''} ${c.restartCount}`);
    expect(states).toEqual([
      'waiting ContainerCreating 0',
      'running 0',
      'terminated Error 0',
      'running 1',
      'terminated Error 1',
      'waiting CrashLoopBackOff 1',
      'running 2',
      'terminated Error 2',
      'waiting CrashLoopBackOff 2',
      'running 3',
      'terminated Error 3',
      'waiting CrashLoopBackOff 3',
    ]);
  });

  it('writes nothing: the event log is the same without it', async () => {
    const m = machine('rolling-update');
    await m.seek(60_000);
    const withHistory = m.world.engine.log.toJSONL();
    // The same world and script built by hand, without the page's history.
    const bare = World.create({ ...m.scenario.config });
    addScript(bare, 'rolling-update');
    bare.engine.runUntil(60_000);
    expect(bare.engine.log.toJSONL()).toBe(withHistory);
  });
});
