// One Docker host running 1,000 containers for an hour of virtual time: nginx servers with
// healthchecks, shell loops that print and sleep, redis servers, and apps that crash and are
// restarted by their policy.
import { bench, describe } from 'vitest';
import { dockerHost } from '../test/fixtures/docker-host.ts';

const S = 1_000_000_000;

function startThousand() {
  const h = dockerHost(1, { cpus: 64, memory: 256 * 2 ** 30 });
  for (let i = 0; i < 1_000; i++) {
    switch (i % 4) {
      case 0:
        h.run({ name: `web-${i}`, image: 'nginx:1.25', healthcheck: { Test: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], Interval: 30 * S } });
        break;
      case 1:
        h.run({ name: `ticker-${i}`, image: 'busybox', cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 10; done'] });
        break;
      case 2:
        h.run({ name: `cache-${i}`, image: 'redis:7-alpine' });
        break;
      default:
        h.run({ name: `crash-${i}`, image: 'busybox', cmd: ['sh', '-c', 'sleep 30; exit 1'], restartPolicy: { Name: 'always', MaximumRetryCount: 0 } });
    }
  }
  return h;
}

describe('containers', () => {
  bench(
    'create and start 1,000 containers',
    () => {
      startThousand();
    },
    { iterations: 3, warmupIterations: 1 },
  );

  bench(
    'start 1,000 containers and run one virtual hour',
    () => {
      const h = startThousand();
      h.engine.runFor(3_600_000);
    },
    { iterations: 2, warmupIterations: 0 },
  );

  bench(
    'snapshot and restore a host with 1,000 containers an hour in',
    () => {
      const h = startThousand();
      h.engine.runFor(600_000);
      const json = JSON.stringify(h.engine.snapshot());
      const copy = dockerHost(1, { cpus: 64, memory: 256 * 2 ** 30 });
      copy.engine.restore(JSON.parse(json));
    },
    { iterations: 2, warmupIterations: 0 },
  );
});
