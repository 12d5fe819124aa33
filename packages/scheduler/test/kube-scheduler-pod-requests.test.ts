// What a pod requests, as the scheduler adds it up (component-helpers PodRequests): app containers
// summed, init containers as a maximum, sidecars counted in both, overhead on top, and the
// non-zero view with 100m / 200Mi for missing requests.

import { describe, expect, it } from 'vitest';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, podRequests } from '../src/kube-scheduler/index.ts';
import { bytesOf, milliCPU } from '../src/api/quantity.ts';

const Mi = 1024 * 1024;

describe('pod requests', () => {
  it('parses quantities the way Kubernetes rounds them', () => {
    expect(milliCPU('250m')).toBe(250);
    expect(milliCPU('0.5')).toBe(500);
    expect(milliCPU('1')).toBe(1000);
    expect(milliCPU('0.0001')).toBe(1); // rounded up
    expect(milliCPU(2)).toBe(2000);
    expect(bytesOf('128Mi')).toBe(128 * Mi);
    expect(bytesOf('1G')).toBe(1e9);
    expect(bytesOf('1e3')).toBe(1000);
    expect(bytesOf('1.5Ki')).toBe(1536);
  });

  it('sums app containers and takes the larger of that and any init container', () => {
    const r = podRequests({
      initContainers: [{ name: 'init', resources: { requests: { cpu: '2', memory: '64Mi' } } }],
      containers: [
        { name: 'a', resources: { requests: { cpu: '500m', memory: '256Mi' } } },
        { name: 'b', resources: { requests: { cpu: '500m', memory: '256Mi' } } },
      ],
    });
    expect(r.milliCPU).toBe(2000);
    expect(r.memory).toBe(512 * Mi);
  });

  it('adds sidecars to the sum and to every later init container', () => {
    const r = podRequests({
      initContainers: [
        { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } },
        { name: 'migrate', resources: { requests: { cpu: '1' } } },
      ],
      containers: [{ name: 'app', resources: { requests: { cpu: '200m' } } }],
    });
    // max(app 200m + sidecar 100m, migrate 1000m + sidecar 100m)
    expect(r.milliCPU).toBe(1100);
  });

  it('adds pod overhead and keeps extended resources and hugepages', () => {
    const r = podRequests({
      overhead: { cpu: '250m', memory: '120Mi' },
      containers: [{ name: 'gpu', resources: { requests: { cpu: '1', 'nvidia.com/gpu': '2', 'hugepages-2Mi': '4Mi', 'ephemeral-storage': '1Gi' } } }],
    });
    expect(r.milliCPU).toBe(1250);
    expect(r.memory).toBe(120 * Mi);
    expect(r.ephemeralStorage).toBe(1024 * Mi);
    expect(r.scalars).toEqual([
      ['hugepages-2Mi', 4 * Mi],
      ['nvidia.com/gpu', 2],
    ]);
  });

  it('counts a missing request as 100m cpu and 200Mi memory in the non-zero view, but not an explicit 0', () => {
    const r = podRequests({ containers: [{ name: 'a' }, { name: 'b', resources: { requests: { cpu: '0', memory: '1Gi' } } }] });
    expect(r.milliCPU).toBe(0);
    expect(r.nonZeroMilliCPU).toBe(DEFAULT_MILLI_CPU_REQUEST);
    expect(r.nonZeroMemory).toBe(DEFAULT_MEMORY_REQUEST + 1024 * Mi);
    expect(DEFAULT_MEMORY_REQUEST).toBe(200 * Mi);
  });
});
