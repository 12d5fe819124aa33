// --wait with the real Deployment and ReplicaSet controllers: both helm 4's watcher (kstatus) and
// --wait=legacy (helm 3's rules, polled every 2 s) return once the pods are ready, which a
// stand-in kubelet makes them; without ready pods both time out in their own words.

import { Engine, toRFC3339, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { describe, expect, it } from 'vitest';
import { ApiStore } from '../src/api/api-store.ts';
import { deepCopy, type KubeObject } from '../src/api/kinds.ts';
import { KubeControllerManager } from '../src/controllers/kube-controller-manager.ts';
import { ActionConfig } from '../src/helm/release/action-config.ts';
import { install, ReleaseActionError } from '../src/helm/release/install.ts';
import { legacyReadiness } from '../src/helm/release/legacy-readiness.ts';
import type { WaitStrategy } from '../src/helm/release/waiter.ts';
import { createdChart } from './support/helm-release.ts';

/**
 * The control plane's controllers, cluster IPs handed out in order (the networking component's
 * job), and a kubelet stand-in that makes each new pod Ready after `readyAfterMs`.
 */
function clusterWorld(readyAfterMs?: number, clusterIps = true) {
  const engine = new Engine({ seed: 1 });
  const store = new ApiStore(engine);
  let next = 10;
  if (clusterIps) store.setServiceAllocator({ allocate: (svc) => void (svc.spec = { ...svc.spec, clusterIP: `10.96.0.${next++}` }), release: () => undefined });
  new KubeControllerManager(engine, store);
  if (readyAfterMs !== undefined) {
    const ready = engine.defineTask<{ ns: string; name: string }>('test.kubelet', ({ ns, name }) => {
      const pod = store.tryGet('Pod', ns, name);
      if (pod === undefined) return;
      const copy = deepCopy(pod) as KubeObject;
      const at = toRFC3339(engine.now);
      copy['status'] = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at }], startTime: at };
      store.updateStatus(copy);
    });
    store.watch('Pod', { resourceVersion: store.resourceVersion }, ({ type, object }) => {
      if (type === 'ADDED') engine.schedule(ready, readyAfterMs, { ns: object.metadata!.namespace!, name: object.metadata!.name! });
    });
  }
  const cfg = new ActionConfig({
    store,
    namespace: 'default',
    now: () => VIRTUAL_EPOCH_MS + engine.now,
    random: engine.random,
    sleep: async (ms) => {
      engine.runFor(ms);
      return true;
    },
  });
  return { engine, store, cfg };
}

const replicas = new Map([['replicaCount', 2]]) as Map<string, never>;

describe('--wait with the controllers running', () => {
  it.each<[WaitStrategy]>([['watcher'], ['legacy']])('--wait=%s returns once the pods are ready', async (strategy) => {
    const { engine, cfg } = clusterWorld(3000);
    const release = await install(cfg, createdChart(), replicas, { releaseName: 'web', waitStrategy: strategy, timeoutMs: 60_000 });
    expect(release.info.status).toBe('deployed');
    expect(engine.now).toBeGreaterThanOrEqual(3000);
    expect(engine.now).toBeLessThanOrEqual(strategy === 'legacy' ? 6000 : 5000);
    if (strategy === 'legacy') expect(engine.now % 2000).toBe(0);
  });

  it("times out in each strategy's words when no pod becomes ready", async () => {
    const watcher = clusterWorld();
    await expect(install(watcher.cfg, createdChart(), replicas, { releaseName: 'web', waitStrategy: 'watcher', timeoutMs: 20_000 })).rejects.toMatchObject({
      message: 'resource Deployment/default/web-mychart not ready. status: InProgress, message: Available: 0/2\ncontext deadline exceeded',
    });
    const legacy = clusterWorld();
    await expect(install(legacy.cfg, createdChart(), replicas, { releaseName: 'web', waitStrategy: 'legacy', timeoutMs: 20_000 })).rejects.toBeInstanceOf(ReleaseActionError);
    expect(legacy.cfg.releases.last('web').info.description).toBe('Release "web" failed: context deadline exceeded');
    expect(legacy.engine.now).toBe(20_000);
  });

  it('legacy: a LoadBalancer Service waits for an ingress IP, a ClusterIP one for its cluster IP', () => {
    const { store, cfg } = clusterWorld(undefined, false);
    const [lb, plain] = cfg.kube.build(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\nspec:\n  type: LoadBalancer\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: plain\nspec:\n  ports: [{port: 80}]\n',
      'default',
    );
    for (const r of [lb!, plain!]) store.create(r.object);
    // Without a networking component the store assigns no cluster IPs: neither is ready.
    expect([legacyReadiness(cfg.kube, lb!, false), legacyReadiness(cfg.kube, plain!, false)]).toEqual([{ ready: false }, { ready: false }]);
    const withIp = (name: string, extra: Record<string, unknown> = {}) => {
      const live = deepCopy(store.get('Service', 'default', name)) as KubeObject;
      store.update({ ...live, spec: { ...(live['spec'] as object), clusterIP: '10.96.0.10' } });
      if (Object.keys(extra).length > 0) store.updateStatus({ ...(deepCopy(store.get('Service', 'default', name)) as KubeObject), status: extra });
    };
    withIp('plain');
    withIp('lb');
    expect([legacyReadiness(cfg.kube, lb!, false), legacyReadiness(cfg.kube, plain!, false)]).toEqual([{ ready: false }, { ready: true }]);
    withIp('lb', { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } });
    expect(legacyReadiness(cfg.kube, lb!, false)).toEqual({ ready: true });
  });
});
