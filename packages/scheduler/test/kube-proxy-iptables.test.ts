import { Engine } from '@dockyard/runtime';
import { describe, expect, test } from 'vitest';
import { chainHash, KubeProxy } from '../src/index.ts';
import { networkingCluster, runningPod, setPodStatus } from './fixtures/networking-cluster.ts';

function cluster(seed = 1, endpoints = 3, spec: Record<string, unknown> = {}) {
  const c = networkingCluster(seed);
  const proxies = ['node-1', 'node-2', 'node-3'].map((nodeName) => new KubeProxy(c.engine, c.store, { nodeName }));
  c.store.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'my-app-nodeport' },
    spec: { type: 'NodePort', selector: { app: 'my-app' }, ports: [{ port: 80, targetPort: 3000, nodePort: 30080 }], ...spec },
  });
  for (let i = 1; i <= endpoints; i++) runningPod(c.store, `my-app-${i}`, { app: 'my-app' }, { ip: `10.244.${i}.5`, node: `node-${i}` });
  c.engine.runFor(2000);
  const clusterIP = c.store.get('Service', 'default', 'my-app-nodeport').spec!.clusterIP!;
  return { ...c, proxies, clusterIP };
}

describe('kube-proxy iptables rules', () => {
  test('chain names are the real ones (sha256, base32, 16 characters)', () => {
    expect(chainHash('default/kubernetes:https', 'tcp')).toBe('NPX46M4PTMTKRN6Y');
    expect(chainHash('kube-system/kube-dns:dns', 'udp')).toBe('TCOU7JCQXEZGVUNU');
    expect(chainHash('kube-system/kube-dns:dns-tcp', 'tcp')).toBe('ERIFXISQEP7F7OF4');
  });

  test('three endpoints: probabilities 1/3 and 1/2 written %0.10f, the last rule catches the rest', () => {
    const { proxies, clusterIP } = cluster();
    const svc = `KUBE-SVC-${chainHash('default/my-app-nodeport', 'tcp')}`;
    const lines = proxies[0]!.iptablesSave().split('\n');
    const svcRules = lines.filter((l) => l.startsWith(`-A ${svc} `));
    expect(svcRules[0]).toBe(`-A ${svc} ! -s 10.244.0.0/16 -d ${clusterIP}/32 -p tcp -m comment --comment "default/my-app-nodeport cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`);
    expect(svcRules.slice(1).map((l) => l.replace(/KUBE-SEP-\w+/, 'KUBE-SEP-X'))).toEqual([
      `-A ${svc} -m comment --comment "default/my-app-nodeport -> 10.244.1.5:3000" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-X`,
      `-A ${svc} -m comment --comment "default/my-app-nodeport -> 10.244.2.5:3000" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-X`,
      `-A ${svc} -m comment --comment "default/my-app-nodeport -> 10.244.3.5:3000" -j KUBE-SEP-X`,
    ]);
    expect(lines).toContain(`-A KUBE-SERVICES -d ${clusterIP}/32 -p tcp -m comment --comment "default/my-app-nodeport cluster IP" -m tcp --dport 80 -j ${svc}`);
    expect(lines).toContain(`-A KUBE-NODEPORTS -p tcp -m comment --comment "default/my-app-nodeport" -m tcp --dport 30080 -j KUBE-EXT-${chainHash('default/my-app-nodeport', 'tcp')}`);
    const sep = `KUBE-SEP-${chainHash('default/my-app-nodeport', 'tcp', '10.244.1.5:3000')}`;
    expect(lines).toContain(`-A ${sep} -p tcp -m comment --comment "default/my-app-nodeport" -m tcp -j DNAT --to-destination 10.244.1.5:3000`);
  });

  test('five endpoints: 1/5, 1/4, 1/3, 1/2', () => {
    const { proxies } = cluster(1, 5);
    const probabilities = proxies[1]!.tables.nat.filter((r) => r.probability !== undefined).map((r) => r.probability);
    expect(probabilities).toEqual(['0.2000000000', '0.2500000000', '0.3333333333', '0.5000000000']);
  });

  test('over many seeded requests each endpoint gets about a third', () => {
    const { proxies, clusterIP } = cluster(42);
    const counts = new Map<string, number>();
    const n = 30_000;
    for (let i = 0; i < n; i++) {
      const v = proxies[i % 3]!.route({ sourceIp: `10.244.9.${i % 200}`, destinationIp: clusterIP, destinationPort: 80 });
      expect(v?.verdict).toBe('dnat');
      if (v?.verdict === 'dnat') counts.set(v.ip, (counts.get(v.ip) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['10.244.1.5', '10.244.2.5', '10.244.3.5']);
    for (const count of counts.values()) expect(Math.abs(count / n - 1 / 3)).toBeLessThan(0.015);
  });

  test('a routed request is in the event log with node, rule and endpoint', () => {
    const { engine, proxies, clusterIP } = cluster(5);
    const verdict = proxies[1]!.route({ sourceIp: '10.244.9.1', destinationIp: clusterIP, destinationPort: 80 });
    const record = engine.log.records().filter((r) => r.type === 'kube-proxy.route').at(-1)!;
    expect(record).toMatchObject({ node: 'node-2', client: '10.244.9.1', destination: `${clusterIP}:80`, service: 'default/my-app-nodeport', verdict: 'dnat' });
    expect(verdict?.verdict === 'dnat' && record.endpoint).toBe(verdict?.verdict === 'dnat' ? `${verdict.ip}:${verdict.port}` : false);
    expect(String(record.rule)).toMatch(/^-A KUBE-SVC-\w+ -m comment --comment "default\/my-app-nodeport -> 10\.244\.\d\.5:3000"/);
  });

  test('NodePorts answer on the node addresses and 127.0.0.1, not on other addresses', () => {
    const { proxies } = cluster();
    expect(proxies[0]!.route({ sourceIp: '172.18.0.1', destinationIp: '172.18.0.2', destinationPort: 30080 })?.verdict).toBe('dnat');
    expect(proxies[0]!.route({ sourceIp: '172.18.0.1', destinationIp: '127.0.0.1', destinationPort: 30080 })?.verdict).toBe('dnat');
    expect(proxies[0]!.route({ sourceIp: '172.18.0.1', destinationIp: '172.18.0.3', destinationPort: 30080 })).toBeUndefined();
    expect(proxies[1]!.route({ sourceIp: '172.18.0.1', destinationIp: '172.18.0.3', destinationPort: 30080 })?.verdict).toBe('dnat');
  });

  test('externalTrafficPolicy Local only uses the node’s own endpoints, and drops where there is none', () => {
    const c = networkingCluster(1);
    const proxies = ['node-1', 'node-2', 'node-3'].map((nodeName) => new KubeProxy(c.engine, c.store, { nodeName }));
    c.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'local' }, spec: { type: 'NodePort', externalTrafficPolicy: 'Local', selector: { app: 'l' }, ports: [{ port: 80, nodePort: 30100 }] } });
    runningPod(c.store, 'l-1', { app: 'l' }, { ip: '10.244.1.40', node: 'node-1' });
    c.engine.runFor(2000);
    for (let i = 0; i < 20; i++) {
      const v = proxies[0]!.route({ sourceIp: '172.18.0.1', destinationIp: '172.18.0.2', destinationPort: 30100 });
      expect(v?.verdict === 'dnat' && v.ip).toBe('10.244.1.40');
    }
    expect(proxies[2]!.route({ sourceIp: '172.18.0.1', destinationIp: '172.18.0.4', destinationPort: 30100 })?.verdict).toBe('drop');
  });

  test('a port with no ready endpoint is rejected (connection refused), then served once one is ready', () => {
    const c = cluster(1, 0);
    const packet = { sourceIp: '10.244.9.9', destinationIp: c.clusterIP, destinationPort: 80 };
    const v = c.proxies[0]!.route(packet);
    expect(v).toMatchObject({ verdict: 'reject', service: 'default/my-app-nodeport' });
    expect(v!.rule).toBe(`-A KUBE-SERVICES -d ${c.clusterIP}/32 -p tcp -m comment --comment "default/my-app-nodeport has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable`);
    runningPod(c.store, 'late', { app: 'my-app' }, { ip: '10.244.1.77', ready: false });
    c.engine.runFor(5000);
    expect(c.proxies[0]!.route(packet)?.verdict).toBe('reject');
    setPodStatus(c.store, 'default', 'late', { ready: true });
    c.engine.runFor(1000);
    expect(c.proxies[0]!.route(packet)).toMatchObject({ verdict: 'dnat', ip: '10.244.1.77', port: 3000 });
  });

  test('rules are rewritten at most once a second (min sync period)', () => {
    const c = cluster(1, 1);
    const syncs = () => c.engine.log.records().filter((r) => r.type === 'kube-proxy.sync' && r.node === 'node-1').length;
    const before = syncs();
    runningPod(c.store, 'a', { app: 'my-app' }, { ip: '10.244.1.20' });
    runningPod(c.store, 'b', { app: 'my-app' }, { ip: '10.244.1.21' });
    c.engine.runFor(999);
    expect(syncs() - before).toBeLessThanOrEqual(1);
    c.engine.runFor(2000);
    expect(c.proxies[0]!.tables.nat.filter((r) => r.target.kind === 'dnat')).toHaveLength(3);
  });
});

describe('sessionAffinity: ClientIP', () => {
  test('the recent rules come first with the default 10800 s timeout; a client sticks to its endpoint', () => {
    const { proxies, clusterIP, engine } = cluster(9, 3, { sessionAffinity: 'ClientIP' });
    const text = proxies[0]!.iptablesSave();
    expect(text).toMatch(/-m recent --name KUBE-SEP-\w+ --mask 255\.255\.255\.255 --rsource --rcheck --seconds 10800 --reap -j KUBE-SEP-\w+/);
    expect(text).toMatch(/-m recent --set --name KUBE-SEP-\w+ --mask 255\.255\.255\.255 --rsource -m tcp -j DNAT/);
    const hit = (client: string) => {
      const v = proxies[0]!.route({ sourceIp: client, destinationIp: clusterIP, destinationPort: 80 });
      return v?.verdict === 'dnat' ? v.ip : undefined;
    };
    for (const client of ['10.244.9.1', '10.244.9.2', '10.244.9.3', '10.244.9.4']) {
      const first = hit(client);
      for (let i = 0; i < 20; i++) {
        engine.runFor(60_000);
        expect(hit(client)).toBe(first);
      }
    }
    const spread = new Set(Array.from({ length: 60 }, (_, i) => hit(`10.244.8.${i}`)));
    expect(spread.size).toBe(3);
  });

  test('after the timeout without traffic, the choice is random again', () => {
    const { proxies, clusterIP, engine } = cluster(9, 3, { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } });
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const v = proxies[0]!.route({ sourceIp: '10.244.9.1', destinationIp: clusterIP, destinationPort: 80 });
      if (v?.verdict === 'dnat') seen.add(v.ip);
      engine.runFor(61_000);
    }
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe('kube-proxy snapshots', () => {
  test('restored, it routes the same way as never having stopped', () => {
    const run = (restoreAt: boolean) => {
      const a = cluster(77, 3, { sessionAffinity: 'ClientIP' });
      for (let i = 0; i < 10; i++) a.proxies[0]!.route({ sourceIp: `10.244.9.${i}`, destinationIp: a.clusterIP, destinationPort: 80 });
      let { engine, proxies } = a;
      if (restoreAt) {
        const snapshot = JSON.parse(JSON.stringify(a.engine.snapshot()));
        const b = networkingCluster(77);
        const restored = ['node-1', 'node-2', 'node-3'].map((nodeName) => new KubeProxy(b.engine, b.store, { nodeName }));
        b.engine.restore(snapshot);
        engine = b.engine;
        proxies = restored;
      }
      const out: string[] = [];
      for (let i = 0; i < 40; i++) {
        const v = proxies[i % 3]!.route({ sourceIp: `10.244.9.${i % 15}`, destinationIp: a.clusterIP, destinationPort: 80 });
        out.push(v?.verdict === 'dnat' ? v.ip : 'none');
      }
      expect(engine).toBeInstanceOf(Engine);
      return out;
    };
    expect(run(true)).toEqual(run(false));
  });
});
