// A Docker host saved at any instant and restored into a fresh engine runs on to the same event
// log, byte for byte, as one that never stopped: processes mid-sleep, shells mid-loop, restart
// delays, health probes, OOM growth and published ports all travel in the snapshot.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dockerHost, type DockerHost } from './fixtures/docker-host.ts';

const S = 1_000_000_000;
const END = 90_000;

function workload(h: DockerHost): void {
  h.docker.createNetwork('app-net');
  h.run({ name: 'web', image: 'nginx:1.25', networkMode: 'app-net', portBindings: [{ containerPort: 80, protocol: 'tcp', hostIp: '', hostPort: 8080 }], healthcheck: { Test: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], Interval: 7 * S } });
  h.run({ name: 'poller', image: 'busybox', networkMode: 'app-net', cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); wget -qO- http://web/ > /dev/null && echo "poll $i ok"; sleep 4; done'] });
  h.run({ name: 'crasher', image: 'busybox', cmd: ['sh', '-c', 'sleep 2; exit 1'], restartPolicy: { Name: 'always', MaximumRetryCount: 0 } });
  h.run({ name: 'db', image: 'postgres:16-alpine', env: ['POSTGRES_PASSWORD=pw'] });
  h.run({ name: 'hog', image: 'busybox', cmd: ['sh', '-c', 'sleep 20; tail /dev/zero'], memory: 256 * 1024 * 1024, restartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } });
  h.run({ name: 'stopper', image: 'busybox', cmd: ['sh', '-c', "trap 'echo bye; exit 0' TERM; sleep 1000 & wait"] });
}

function runTo(h: DockerHost, until: number): void {
  h.engine.runUntil(until);
  if (h.engine.now >= 30_000 && h.docker.find('stopper') && h.runtime.get(h.docker.get('stopper').id)!.state.status === 'running') h.docker.stop('stopper');
}

function uninterrupted(seed: number): string {
  const h = dockerHost(seed);
  workload(h);
  for (let t = 10_000; t <= END; t += 10_000) runTo(h, t);
  return h.engine.log.toJSONL();
}

describe('Docker host snapshots', () => {
  it('restore at random instants continues to the same log', () => {
    const expected = new Map<number, string>();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: END - 1 }), (seed, cut) => {
        if (!expected.has(seed)) expected.set(seed, uninterrupted(seed));
        const first = dockerHost(seed);
        workload(first);
        let t = 10_000;
        for (; t <= END && t <= cut; t += 10_000) runTo(first, t);
        first.engine.runUntil(cut);
        const saved = JSON.parse(JSON.stringify(first.engine.snapshot()));
        const second = dockerHost(seed);
        second.engine.restore(saved);
        for (; t <= END; t += 10_000) runTo(second, t);
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
