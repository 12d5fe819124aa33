import { describe, expect, it } from 'vitest';
import { deepCopy, formatKubectlError, LAST_APPLIED_ANNOTATION } from '../src/index.ts';
import { apiCluster, deployment, pod } from './fixtures/api-cluster.ts';

describe('update, status, patch and apply', () => {
  it('refuses a stale update with the optimistic-lock conflict', () => {
    const { store } = apiCluster();
    const first = store.create(deployment('web'));
    const a = deepCopy(first);
    a.spec!.replicas = 4;
    store.update(a);
    const b = deepCopy(first);
    b.spec!.replicas = 5;
    let message = '';
    try {
      store.update(b);
    } catch (error) {
      message = formatKubectlError(error);
    }
    expect(message).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again\n',
    );
  });

  it('ignores status on a main-resource update and spec on a status update', () => {
    const { store } = apiCluster();
    const d = store.create(deployment('web'));
    const withStatus = { ...deepCopy(d), status: { replicas: 9 } };
    const updated = store.update(withStatus);
    expect(updated.status).toBeUndefined();
    const statusOnly = { ...deepCopy(updated), spec: { ...deepCopy(updated).spec!, replicas: 7 }, status: { replicas: 3 } };
    const afterStatus = store.updateStatus(statusOnly);
    expect(afterStatus.spec?.replicas).toBe(3);
    expect(afterStatus.status).toEqual({ replicas: 3 });
  });

  it('does not bump resourceVersion for a no-op update', () => {
    const { store } = apiCluster();
    const d = store.create(deployment('web'));
    expect(store.update(deepCopy(d)).metadata?.resourceVersion).toBe(d.metadata?.resourceVersion);
  });

  it('merges strategic patches of containers by name and env by name', () => {
    const { store } = apiCluster();
    const input = deployment('web');
    input.spec!.template.spec!.containers = [
      { name: 'web', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
      { name: 'sidecar', image: 'busybox' },
    ];
    store.create(input);
    const patched = store.patch('Deployment', 'default', 'web', {
      spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26', env: [{ name: 'B', value: '3' }] }] } } },
    });
    const containers = patched.spec!.template.spec!.containers;
    expect(containers.map((c) => `${c.name}=${c.image}`)).toEqual(['web=nginx:1.26', 'sidecar=busybox']);
    expect(containers[0]!.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '3' }]);
    const merged = store.patch('Deployment', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } }, 'merge');
    expect(merged.spec!.template.spec!.containers.map((c) => c.name)).toEqual(['web']);
    const json = store.patch('Deployment', 'default', 'web', [{ op: 'replace', path: '/spec/replicas', value: 1 }], 'json');
    expect(json.spec?.replicas).toBe(1);
    // A JSON patch that does not apply is the API server's generic 422 (patch.go applyJSPatch).
    const failed = (() => {
      try {
        store.patch('Deployment', 'default', 'web', [{ op: 'remove', path: '/spec/nope' }], 'json');
      } catch (error) {
        return error;
      }
    })() as { code: number; reason: string; message: string };
    expect([failed.code, failed.reason, failed.message]).toEqual([422, 'Invalid', 'the server rejected our request due to an error in our request']);
  });

  it('applies as kubectl apply: created, unchanged, configured, and fields dropped from the manifest are removed', () => {
    const { store } = apiCluster();
    const manifest = deployment('web');
    manifest.metadata!.labels = { team: 'a', tier: 'fe' };
    const created = store.apply(manifest);
    expect(created.outcome).toBe('created');
    expect(created.object.metadata?.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"team":"a","tier":"fe"},"name":"web","namespace":"default"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.25","name":"web"}]}}}}\n',
    );
    expect(store.apply(manifest).outcome).toBe('unchanged');
    // Someone else scales it and labels it; apply keeps what it never set.
    store.patch('Deployment', 'default', 'web', { metadata: { labels: { extra: 'x' } } }, 'merge');
    const changed = deployment('web', 'nginx:1.26');
    changed.metadata!.labels = { team: 'a' };
    const configured = store.apply(changed);
    expect(configured.outcome).toBe('configured');
    expect(configured.object.metadata?.labels).toEqual({ team: 'a', extra: 'x' });
    expect(configured.object.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.26');
    expect(configured.object.spec?.template.spec?.containers[0]?.imagePullPolicy).toBe('IfNotPresent');
    expect(configured.object.metadata?.generation).toBe(2);
  });

  it('forbids pod spec changes other than images', () => {
    const { store } = apiCluster();
    store.create(pod('p'));
    expect(() => store.patch('Pod', 'default', 'p', { spec: { restartPolicy: 'Never' } })).toThrow(/pod updates may not change fields other than/);
    expect(store.patch('Pod', 'default', 'p', { spec: { containers: [{ name: 'app', image: 'nginx:1.26' }] } }).spec?.containers[0]?.image).toBe('nginx:1.26');
  });

  it('binds a pod to a node once', () => {
    const { store } = apiCluster();
    store.create(pod('p'));
    const bound = store.bind('default', 'p', 'node-1');
    expect(bound.spec?.nodeName).toBe('node-1');
    expect(bound.status?.conditions?.[0]).toMatchObject({ type: 'PodScheduled', status: 'True' });
    expect(() => store.bind('default', 'p', 'node-2')).toThrow('Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "node-1"');
  });
});
