// A Docker host saved at any instant and restored into a fresh engine runs on to the same event
// log, byte for byte, as one that never stopped: processes mid-sleep, shells mid-loop, restart
// delays, health probes, OOM growth and published ports all travel in the snapshot.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dockerHost } from './fixtures/docker-host.ts';
import { DOCKER_WORKLOAD_END as END, runDockerWorkloadTo, startDockerWorkload } from './fixtures/docker-workload.ts';

function uninterrupted(seed: number): string {
  const h = dockerHost(seed);
  startDockerWorkload(h);
  for (let t = 10_000; t <= END; t += 10_000) runDockerWorkloadTo(h, t);
  return h.engine.log.toJSONL();
}

describe('Docker host snapshots', () => {
  it('restore at random instants continues to the same log', () => {
    const expected = new Map<number, string>();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: END - 1 }), (seed, cut) => {
        if (!expected.has(seed)) expected.set(seed, uninterrupted(seed));
        const first = dockerHost(seed);
        startDockerWorkload(first);
        let t = 10_000;
        for (; t <= END && t <= cut; t += 10_000) runDockerWorkloadTo(first, t);
        first.engine.runUntil(cut);
        const saved = JSON.parse(JSON.stringify(first.engine.snapshot()));
        const second = dockerHost(seed);
        second.engine.restore(saved);
        for (; t <= END; t += 10_000) runDockerWorkloadTo(second, t);
        expect(second.engine.log.toJSONL()).toBe(expected.get(seed));
      }),
      { numRuns: 25 },
    );
  });

  it('logs what the workload did', () => {
    const log = uninterrupted(1);
    for (const type of ['container.oom', 'container.health_status', 'container.restart-scheduled', 'container.die', 'network.create']) expect(log).toContain(`"type":"${type}"`);
  });
});
