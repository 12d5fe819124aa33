// A pod's volumes on the node, as the kubelet lays them out: a mounted ConfigMap is the
// AtomicWriter's layout (`..data` → `..<timestamp>.<n>`, a symlink per key) and follows a change
// of the object at the pod's next periodic sync (syncFrequency 1 min, counted from the pod's
// start), by swapping `..data`; a subPath mount and the environment keep what they had at start
// (docs: configure-pod-configmap, "Mounted ConfigMaps are updated automatically"). A
// persistentVolumeClaim is local-path's directory on the node, so a second pod of the claim
// finds the first one's data.

import { describe, expect, it } from 'vitest';
import { kubeletCluster, podManifest } from './support/kubelet-cluster.ts';

type C = ReturnType<typeof kubeletCluster>;

function exec(c: C, pod: string, argv: string[]): string {
  const ref = c.cluster.containerRef('default', pod, 'app')!;
  const run = ref.runtime.execStart(ref.containerId, argv);
  if ('error' in run) throw new Error(run.error);
  return ref.runtime
    .takeExecOutput(run.id)
    .map(([, text]) => text)
    .join('');
}

const configMap = (level: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { LOG_LEVEL: level, 'app.properties': `level=${level}\n` } }) as const;

describe('pod volumes', () => {
  it('updates a mounted ConfigMap at the next periodic sync, never a subPath mount or the environment', () => {
    const c = kubeletCluster();
    c.apply(configMap('info'));
    c.apply(
      podManifest('cfg', {
        containers: [
          {
            name: 'app',
            image: 'busybox:1.36',
            command: ['sleep', '3600'],
            env: [{ name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'LOG_LEVEL' } } }],
            volumeMounts: [
              { name: 'config', mountPath: '/etc/config' },
              { name: 'config', mountPath: '/etc/app.properties', subPath: 'app.properties' },
            ],
          },
        ],
        volumes: [{ name: 'config', configMap: { name: 'app-config' } }],
      }),
    );
    c.engine.runFor(10_000);
    expect(exec(c, 'cfg', ['cat', '/etc/config/LOG_LEVEL'])).toBe('info');
    const listing = (c: C) => exec(c, 'cfg', ['ls', '-la', '/etc/config']).split('\n').slice(1);
    const before = listing(c);
    expect(before[0]).toMatch(/^drwxrwxrwx .* \.$/);
    expect(before.slice(2)).toEqual([
      expect.stringMatching(/^drwxr-xr-x .* \.\.2025_01_01_00_00_00\.\d+$/),
      expect.stringMatching(/^lrwxrwxrwx .* \.\.data -> \.\.2025_01_01_00_00_00\.\d+$/),
      expect.stringMatching(/^lrwxrwxrwx .* LOG_LEVEL -> \.\.data\/LOG_LEVEL$/),
      expect.stringMatching(/^lrwxrwxrwx .* app\.properties -> \.\.data\/app\.properties$/),
      '',
    ]);

    // The pod started at 0 s; the change at 20 s shows at its sync at 60 s.
    c.engine.runUntil(20_000);
    c.store.update(configMap('debug'));
    c.engine.runUntil(59_999);
    expect(exec(c, 'cfg', ['cat', '/etc/config/LOG_LEVEL'])).toBe('info');
    c.engine.runUntil(60_000);
    expect(exec(c, 'cfg', ['cat', '/etc/config/LOG_LEVEL'])).toBe('debug');
    expect(exec(c, 'cfg', ['cat', '/etc/config/app.properties'])).toBe('level=debug\n');
    // A new directory, `..data` swapped to it, the old one gone.
    expect(listing(c).slice(2, 4)).toEqual([expect.stringMatching(/ \.\.2025_01_01_00_01_00\.\d+$/), expect.stringMatching(/ \.\.data -> \.\.2025_01_01_00_01_00\.\d+$/)]);
    expect(exec(c, 'cfg', ['cat', '/etc/app.properties'])).toBe('level=info\n');
    expect(exec(c, 'cfg', ['sh', '-c', 'echo $LOG_LEVEL'])).toBe('info\n');
  });

  it('keeps a claim’s data on its node for the next pod of the claim', () => {
    const c = kubeletCluster();
    c.apply({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    const spec = {
      containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
    };
    c.apply(podManifest('writer', spec));
    c.engine.runFor(10_000);
    exec(c, 'writer', ['sh', '-c', 'echo hello > /data/greeting']);
    const node = c.pod('writer').spec!.nodeName!;
    const pvc = c.store.get('PersistentVolumeClaim', 'default', 'data');
    expect(c.cluster.node(node)!.host.files.readText(`/var/local-path-provisioner/${pvc.spec!.volumeName}_default_data/greeting`)).toBe('hello\n');
    c.store.delete('Pod', 'default', 'writer');
    c.engine.runFor(40_000);
    c.apply(podManifest('reader', spec));
    c.engine.runFor(10_000);
    expect(c.pod('reader').spec!.nodeName).toBe(node);
    expect(exec(c, 'reader', ['cat', '/data/greeting'])).toBe('hello\n');
  });
});
