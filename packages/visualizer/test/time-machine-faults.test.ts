// Faults injected from the page are user inputs of the time machine, like commands: applied at
// their virtual time through the scenarios' own FaultDefinitions, replayed after a rewind, and
// written to the terminal's feed with the line `scenario run` prints for them.

import { EndpointSliceController } from '@dockyard/scheduler';
import { describe, expect, it } from 'vitest';
import { TimeMachine } from '../src/time/time-machine.ts';
import { addCrashingDeployment } from './fixtures/crashing-deployment.ts';
import { addProbedService } from './fixtures/probed-service.ts';

const log = (m: TimeMachine) => m.world.engine.log.toJSONL();
const podNames = (m: TimeMachine) => m.world.cluster.store.list('Pod', { namespace: 'default' }).items.map((p) => p.metadata!.name!).sort();
const faults = (m: TimeMachine) => m.feed.flatMap((e) => (e.source === 'fault' ? [`${e.t} ${e.failed ? '✕' : '!'} ${e.text}`] : []));
const kubectl = async (m: TimeMachine, line: string) => (await m.run(line)).stdout;

describe('faults from the page', () => {
  it('replays a fault at its time after a rewind: the same log as a straight run', async () => {
    const straight = new TimeMachine({ seed: 7, setup: addProbedService });
    await straight.seek(30_000);
    const victim = podNames(straight)[0]!;
    const killed = await straight.fault('kill-pod', { pod: victim });
    expect(killed).toEqual({ t: 30_000, source: 'fault', type: 'kill-pod', failed: false, text: expect.stringMatching(new RegExp(`^killed pod default/${victim}: deleted with a 30 s grace period; its ReplicaSet web-[a-z0-9]+ replaces it$`)) });
    await straight.seek(120_000);

    const rewound = new TimeMachine({ seed: 7, setup: addProbedService });
    await rewound.seek(30_000);
    await rewound.fault('kill-pod', { pod: victim });
    await rewound.seek(120_000);
    await rewound.seek(12_345);
    // Before the fault: the pod is there again, and the feed has not seen the fault yet.
    expect(podNames(rewound)).toContain(victim);
    expect(faults(rewound)).toEqual([]);
    await rewound.seek(120_000);
    expect(podNames(rewound)).not.toContain(victim);
    expect(podNames(rewound)).toHaveLength(2);
    expect(log(rewound)).toBe(log(straight));
    expect(faults(rewound)).toEqual(faults(straight));
    expect(rewound.inputs.map((i) => (i.kind === 'fault' ? [i.t, i.type, i.params] : []))).toEqual([[30_000, 'kill-pod', { pod: victim }]]);
  });

  it('keeps a broken readiness probe and a leak through checkpoints: restored after the fault, the log is the same', async () => {
    const run = async (path: readonly number[]) => {
      // A wall clock that never moves: checkpoints every 10 s of virtual time, whatever they cost.
      const m = new TimeMachine({ seed: 5, setup: addProbedService, wallClock: () => 0 });
      await m.seek(30_000);
      const [first, second] = podNames(m);
      await m.fault('break-readiness', { pod: first! });
      await m.fault('memory-leak', { pod: second!, rate: '1Mi' });
      for (const t of path) await m.seek(t);
      return m;
    };
    const straight = await run([150_000]);
    // Back to the checkpoint at 40s or 50s, taken after the faults: the runtime's failing endpoint,
    // the kubelet's record of it and the leak come back from the snapshot.
    const rewound = await run([150_000, 45_000, 57_000, 150_000]);
    expect(rewound.checkpointTimes).toEqual(expect.arrayContaining([40_000, 50_000]));
    expect(log(rewound)).toBe(log(straight));
    const failures = straight.world.engine.log.records().filter((r) => r.type === 'kubelet.probe' && r['result'] === 'failure');
    expect(failures).toHaveLength(1);
  });

  it('breaks readiness: 0/1 READY after failureThreshold × periodSeconds, and out of the EndpointSlice', async () => {
    const m = new TimeMachine({ seed: 3, setup: addProbedService });
    await m.seek(30_000);
    const [victim, other] = podNames(m);
    const broken = await m.fault('break-readiness', { pod: victim! });
    expect(broken.text).toBe(`container web of pod default/${victim} answers GET / on port 80 with 503 Service Unavailable`);
    const probes = m.world.engine.log.records().filter((r) => r.type === 'kubelet.probe' && r['pod'] === `default/${victim}`);
    // The first probe that passed: every 5 s from then on, the fault's three failures end 15 s after the last pass before 30 s.
    const firstPass = probes[0]!.t;
    const lastPass = firstPass + Math.floor((30_000 - firstPass) / 5_000) * 5_000;
    const notReadyAt = lastPass + 3 * 5_000;
    await m.seek(notReadyAt - 1);
    expect(await kubectl(m, `kubectl get pod ${victim} --no-headers`)).toMatch(new RegExp(`^${victim} +1/1 +Running +0 `));
    await m.seek(notReadyAt + 1_000);
    expect(await kubectl(m, `kubectl get pod ${victim} --no-headers`)).toMatch(new RegExp(`^${victim} +0/1 +Running +0 `));
    expect(m.world.engine.log.records().find((r) => r.type === 'kubelet.probe' && r['pod'] === `default/${victim}` && r['result'] === 'failure')?.t).toBe(notReadyAt);
    const slice = EndpointSliceController.slicesOf(m.world.cluster.store, 'default', 'web')[0]!;
    expect(new Map(slice.endpoints!.map((e) => [e.targetRef!.name, e.conditions!.ready]))).toEqual(
      new Map([
        [other, true],
        [victim, false],
      ]),
    );
    // The Endpoints' addresses (what kubectl get endpoints prints) hold the other pod only.
    const ipOf = (name: string) => m.world.cluster.store.get('Pod', 'default', name).status!.podIP!;
    expect(await kubectl(m, 'kubectl get endpoints web --no-headers')).toMatch(new RegExp(`^web +${ipOf(other!).replace(/\./g, '\\.')}:80 `));
    expect(await kubectl(m, 'kubectl get events --field-selector reason=Unhealthy --no-headers')).toContain('Readiness probe failed: HTTP probe failed with statuscode: 503');
  });

  it('refuses an unknown fault or bad parameters without recording them, and records what the world refuses', async () => {
    const m = new TimeMachine({ seed: 7, setup: addCrashingDeployment });
    await m.seek(2_000);
    await expect(m.fault('kill-everything', {})).rejects.toThrow('type: unknown fault "kill-everything"');
    await expect(m.fault('memory-leak', { pod: 'x', rate: 'lots' })).rejects.toThrow('rate: "lots" is not a positive quantity (such as 2Mi)');
    expect(m.inputs).toEqual([]);
    const refused = await m.fault('node-down', { node: 'node-9' });
    expect(refused).toEqual({ t: 2_000, source: 'fault', type: 'node-down', failed: true, text: 'node-down: node: node "node-9" not found (nodes: node-1, node-2, node-3)' });
    const busybox = podNames(m)[0]!;
    // busybox has no readiness probe to break.
    expect((await m.fault('break-readiness', { pod: busybox })).text).toBe(`break-readiness: container: container "web" of pod default/${busybox}: container "web" has no readiness probe`);
    expect(m.inputs).toHaveLength(2);
  });
});
