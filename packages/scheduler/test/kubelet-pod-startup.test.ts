// A Deployment of nginx comes up on real kubelets: each pod is bound, its node pulls the image
// (serialized pulls: a second pod on the node waits its turn), creates and starts the container,
// and the pod goes Pending → ContainerCreating → Running with READY 1/1. Events carry the v1.33
// kubelet's texts; the status is what `kubectl get pod -o yaml` shows.

import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { summarizePod } from '../../cli/src/kubectl/printers/pod.ts';
import { kubeletCluster } from './support/kubelet-cluster.ts';

const deployment = (replicas: number) =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] } },
    },
  }) as const;

describe('a Deployment of nginx on real kubelets', () => {
  it('pulls, creates and starts each pod, with the kubelet events and the STATUS column kubectl shows', () => {
    const c = kubeletCluster();
    const seen = new Map<string, string[]>();
    c.store.watch('Pod', {}, ({ object }) => {
      const name = object.metadata!.name!;
      const status = summarizePod(object as Pod, c.engine.now).status;
      const list = seen.get(name) ?? [];
      if (list.at(-1) !== status) list.push(status);
      seen.set(name, list);
    });
    c.apply(deployment(3));
    c.engine.runFor(10_000);

    const pods = c.pods({ app: 'web' });
    expect(pods).toHaveLength(3);
    expect(new Set(pods.map((p) => p.spec!.nodeName))).toEqual(new Set(['node-1', 'node-2', 'node-3']));
    for (const pod of pods) {
      const name = pod.metadata!.name!;
      expect(seen.get(name)).toEqual(['Pending', 'ContainerCreating', 'Running']);
      expect(c.row(name)).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
      expect(c.events('Pod', name)).toEqual([
        `Scheduled Successfully assigned default/${name} to ${pod.spec!.nodeName}`,
        'Pulling Pulling image "nginx:1.25"',
        'Pulled Successfully pulled image "nginx:1.25" in 3.046s (3.046s including waiting). Image size: 75251507 bytes.',
        'Created Created container: nginx',
        'Started Started container nginx',
      ]);
      const events = c.eventObjects('Pod', name);
      expect(events.slice(1).map((e) => [e.source, e.involvedObject.fieldPath, e.type])).toEqual(
        Array(4).fill([{ component: 'kubelet', host: pod.spec!.nodeName }, 'spec.containers{nginx}', 'Normal']),
      );
    }
    expect(c.store.get('Deployment', 'default', 'web').status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 });
  });

  it('shows the status kubectl get -o yaml prints: addresses, conditions in the kubelet order, container status', () => {
    const c = kubeletCluster();
    c.apply(deployment(1));
    c.engine.runFor(10_000);
    const [pod] = c.pods({ app: 'web' });
    const node = pod!.spec!.nodeName!;
    const n = Number(node.slice(5));
    const status = pod!.status!;
    expect(status.phase).toBe('Running');
    expect(status.hostIP).toBe(`172.18.0.${n + 1}`);
    expect(status.hostIPs).toEqual([{ ip: `172.18.0.${n + 1}` }]);
    expect(status.podIP).toBe(`10.244.${n}.2`);
    expect(status.podIPs).toEqual([{ ip: `10.244.${n}.2` }]);
    expect(status.qosClass).toBe('BestEffort');
    expect(status.startTime).toBe('2025-01-01T00:00:00Z');
    expect(status.conditions!.map((x) => [x.type, x.status, x.lastTransitionTime])).toEqual([
      ['PodReadyToStartContainers', 'True', '2025-01-01T00:00:01Z'],
      ['Initialized', 'True', '2025-01-01T00:00:00Z'],
      ['Ready', 'True', '2025-01-01T00:00:04Z'],
      ['ContainersReady', 'True', '2025-01-01T00:00:04Z'],
      ['PodScheduled', 'True', '2025-01-01T00:00:00Z'],
    ]);
    const [container] = status.containerStatuses!;
    expect(container).toMatchObject({
      name: 'nginx',
      image: 'docker.io/library/nginx:1.25',
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: '2025-01-01T00:00:03Z' } },
      lastState: {},
    });
    expect(container!.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(container!.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    // The container answers on the pod's address, from its node.
    const ref = c.cluster.containerRef('default', pod!.metadata!.name!, 'nginx')!;
    expect(ref.node).toBe(node);
    expect(ref.runtime.httpGet(ref.containerId, 80, '/')).toMatchObject({ status: 200 });
  });

  it('pulls one image at a time per node: the second pod waits for the first pull', () => {
    const c = kubeletCluster({ nodes: 1 });
    c.apply(deployment(2));
    c.engine.runFor(10_000);
    const pulled = c.pods({ app: 'web' }).flatMap((p) => c.events('Pod', p.metadata!.name!).filter((e) => e.startsWith('Pulled')));
    expect(pulled.sort()).toEqual([
      'Pulled Successfully pulled image "nginx:1.25" in 150ms (3.196s including waiting). Image size: 75251507 bytes.',
      'Pulled Successfully pulled image "nginx:1.25" in 3.046s (3.046s including waiting). Image size: 75251507 bytes.',
    ]);
    // The node reports the image the way containerd names it.
    const images = c.store.get('Node', undefined, 'node-1').status!.images!;
    expect(images.map((i) => i.names)).toContainEqual([expect.stringMatching(/^docker\.io\/library\/nginx@sha256:/), 'docker.io/library/nginx:1.25']);
  });
});
