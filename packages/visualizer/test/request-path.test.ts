// A request's path read back from the engine's own records: `curl` typed into the page's terminal
// (the CLI's runCommand) against the rolling-update script's Deployment web, Service web and
// Ingress web.local, through ingress-nginx, through a NodePort, and from a pod through kube-proxy;
// with the Deployment scaled to zero, each way ends where the real cluster stops it.

import { beforeAll, describe, expect, it } from 'vitest';
import { type PathHop, recentRequests, type RequestPath } from '../src/cluster/request-path.ts';
import { TimeMachine } from '../src/time/time-machine.ts';
import { addScript } from './fixtures/cluster-scripts.ts';

let m: TimeMachine;
let nodePort: number;

async function ok(line: string): Promise<string> {
  const out = await m.run(line);
  expect(out.exitCode, `${line}\n${out.stderr}`).toBe(0);
  return out.stdout;
}

/** The newest request after running `line`. */
async function pathOf(line: string): Promise<RequestPath> {
  const before = recentRequests(m.world)[0]?.id ?? -1;
  await m.run(line);
  const path = recentRequests(m.world)[0]!;
  expect(path.id).toBeGreaterThan(before);
  return path;
}

const text = (hops: readonly PathHop[]) => hops.map((h) => `${h.ok ? '✓' : '✕'} ${h.kind} | ${h.label} | ${h.detail}`);

/** The pod that has an address now, found through the store rather than the log. */
function podAt(ip: string): string {
  const pod = m.world.cluster.store.list('Pod').items.find((p) => p.status?.podIP === ip)!;
  return `${pod.metadata!.namespace}/${pod.metadata!.name}`;
}

/** The ready addresses of a Service's EndpointSlices now. */
function readyAddresses(service: string): string[] {
  return m.world.cluster.store
    .list('EndpointSlice')
    .items.filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === service)
    .flatMap((s) => (s.endpoints ?? []).filter((e) => e.conditions?.ready !== false).map((e) => e.addresses[0]!));
}

function endpointOf(path: RequestPath): { ip: string; pod: string } {
  const hop = path.hops.find((h) => h.kind === 'endpoint')!;
  const ip = /^endpoint (\S+):80$/.exec(hop.label)![1]!;
  return { ip, pod: podAt(ip) };
}

beforeAll(async () => {
  m = new TimeMachine({ seed: 3, setup: (world) => addScript(world, 'rolling-update') });
  // The rollout to nginx:1.26 (from 30 s) is over: four new pods, all ready.
  await m.seek(90_000);
  await ok('kubectl expose deployment web --name web-np --type NodePort --port 80');
  await ok('kubectl run client --image=busybox:1.36 --restart=Never -- sleep 3600');
  await ok('advance 10s');
  nodePort = m.world.cluster.store.get('Service', 'default', 'web-np').spec!.ports![0]!.nodePort!;
});

describe("a request's path", () => {
  it('through ingress-nginx: the Ingress rule, the Service, the endpoint it picked, the container that answered', async () => {
    const path = await pathOf('curl http://web.local/');
    const { ip, pod } = endpointOf(path);
    expect(readyAddresses('web')).toContain(ip);
    expect(path).toMatchObject({ from: 'outside', title: 'http://web.local/', outcome: '200 OK', ok: true });
    expect(text(path.hops)).toEqual([
      "✓ client | your machine | http://web.local/: kind maps localhost:80 and 443 to ingress-nginx on node-1",
      '✓ ingress | Ingress default/web | host web.local, path / matched location / → Service default/web:80',
      '✓ service | Service default/web:80 | ingress-nginx takes its ready endpoints round robin itself: no kube-proxy rule on this path',
      `✓ endpoint | endpoint ${ip}:80 | Pod ${pod}`,
      `✓ container | container web of pod ${pod} | answered 200 OK`,
    ]);
    // Round robin: the next request goes to the next endpoint.
    expect(endpointOf(await pathOf('curl http://web.local/')).ip).not.toBe(ip);
  });

  it('a host no Ingress serves ends at the default backend', async () => {
    const path = await pathOf('curl -H "Host: other.local" http://localhost/');
    expect(path).toMatchObject({ title: 'http://localhost/', outcome: '404 Not Found', ok: false });
    expect(text(path.hops).slice(1)).toEqual(["✕ ingress | no Ingress rule | host other.local, path / matches no rule: ingress-nginx's default backend answers 404 Not Found"]);
  });

  it('a TLS host answers http with the ssl-redirect, before any backend', async () => {
    m.world.cluster.store.create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'secure', namespace: 'default' },
      spec: { ingressClassName: 'nginx', tls: [{ hosts: ['secure.local'] }], rules: [{ host: 'secure.local', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    } as never);
    const path = await pathOf('curl http://secure.local/');
    expect(path).toMatchObject({ outcome: '308 Permanent Redirect', ok: true });
    expect(text(path.hops).slice(1)).toEqual([
      '✓ ingress | Ingress default/secure | host secure.local, path / matched location / → Service default/web:80',
      '✓ ingress | ingress-nginx ssl-redirect | the host is listed under tls: ingress-nginx answers 308 Permanent Redirect to https',
    ]);
  });

  it("through a NodePort: kube-proxy's rule and the endpoint its random draw chose", async () => {
    const path = await pathOf(`curl http://localhost:${nodePort}/`);
    const { ip, pod } = endpointOf(path);
    expect(readyAddresses('web-np')).toContain(ip);
    expect(path).toMatchObject({ title: `http://localhost:${nodePort}/`, outcome: '200 OK', ok: true });
    const hops = text(path.hops);
    expect(hops.slice(0, 2)).toEqual([
      `✓ client | your machine | http://localhost:${nodePort}/: kind maps the port on localhost to the NodePort on node-1`,
      `✓ service | Service default/web-np | destination 172.18.0.2:${nodePort}`,
    ]);
    // The KUBE-SVC rule that jumped to the endpoint's KUBE-SEP chain (the last of four has no probability).
    expect(hops[2]).toMatch(new RegExp(`^✓ kube-proxy \\| kube-proxy on node-1: DNAT \\| -A KUBE-SVC-[A-Z2-7]{16} -m comment --comment "default/web-np -> ${ip.replace(/\./g, '\\.')}:80"( -m statistic --mode random --probability 0\\.\\d{10})? -j KUBE-SEP-[A-Z2-7]{16}$`));
    expect(hops.slice(3)).toEqual([`✓ endpoint | endpoint ${ip}:80 | Pod ${pod}`, `✓ container | container web of pod ${pod} | answered 200 OK`]);
  });

  it("from a pod to a Service address: kube-proxy on the pod's node", async () => {
    const path = await pathOf('kubectl exec client -- wget -qO- http://web');
    const clusterIP = m.world.cluster.store.get('Service', 'default', 'web').spec!.clusterIP!;
    const client = m.world.cluster.store.get('Pod', 'default', 'client');
    const { ip, pod } = endpointOf(path);
    expect(path).toMatchObject({ from: 'cluster', title: `${client.status!.podIP} → ${clusterIP}:80`, outcome: 'forwarded', ok: true });
    const hops = text(path.hops);
    expect(hops.slice(0, 2)).toEqual([`✓ client | pod default/client | ${client.status!.podIP} connects to ${clusterIP}:80`, `✓ service | Service default/web | destination ${clusterIP}:80`]);
    expect(hops[2]).toMatch(new RegExp(`^✓ kube-proxy \\| kube-proxy on ${client.spec!.nodeName}: DNAT \\| -A KUBE-SVC-`));
    expect(hops.slice(3)).toEqual([`✓ endpoint | endpoint ${ip}:80 | Pod ${pod}`, `✓ container | container web of pod ${pod} | gets the connection`]);
  });

  it('with no ready endpoint: 503 from ingress-nginx, and REJECT from kube-proxy', async () => {
    await ok('kubectl scale deployment web --replicas=0');
    await ok('advance 40s');
    const viaIngress = await pathOf('curl http://web.local/');
    expect(viaIngress).toMatchObject({ outcome: '503 Service Unavailable', ok: false });
    expect(text(viaIngress.hops).at(-1)).toBe('✕ service | Service default/web:80 | Service "default/web" does not have any active Endpoint. ingress-nginx answers 503 Service Unavailable');

    const viaNodePort = await pathOf(`curl http://localhost:${nodePort}/`);
    expect(viaNodePort).toMatchObject({ outcome: 'connection refused', ok: false });
    expect(text(viaNodePort.hops).slice(1)).toEqual([
      `✓ service | Service default/web-np | destination 172.18.0.2:${nodePort}`,
      `✕ kube-proxy | kube-proxy on node-1: REJECT | -A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/web-np has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport ${nodePort} -j REJECT --reject-with icmp-port-unreachable (rejected: connection refused)`,
    ]);

    const clusterIP = m.world.cluster.store.get('Service', 'default', 'web').spec!.clusterIP!;
    const fromPod = await pathOf('kubectl exec client -- wget -qO- http://web');
    expect(fromPod).toMatchObject({ outcome: 'connection refused', ok: false });
    expect(text(fromPod.hops).at(-1)).toBe(
      `✕ kube-proxy | kube-proxy on ${m.world.cluster.store.get('Pod', 'default', 'client').spec!.nodeName}: REJECT | -A KUBE-SERVICES -d ${clusterIP}/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable (rejected: connection refused)`,
    );
  });

  it('lists the requests newest first, each once', () => {
    const list = recentRequests(m.world);
    expect(list.map((r) => r.title).slice(0, 3)).toEqual([expect.stringMatching(/ → /), `http://localhost:${nodePort}/`, 'http://web.local/']);
    expect(new Set(list.map((r) => r.id)).size).toBe(list.length);
    expect(list.map((r) => r.id)).toEqual([...list.map((r) => r.id)].sort((a, b) => b - a));
  });
});
