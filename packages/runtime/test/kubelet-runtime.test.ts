// The runtime as a kubelet drives it: a pod sandbox that owns the network namespace, containers
// that join it, a pod cgroup with memory.oom.group, probes over HTTP, TCP and exec, and exits
// observed through the runtime's events and the engine's log.
import { describe, expect, it } from 'vitest';
import { type Container, type ContainerSpec, endpointFor, type Network } from '../src/index.ts';
import { dockerHost } from './fixtures/docker-host.ts';

const podNetwork: Network = { id: 'pod-network', name: 'pods', driver: 'bridge', scope: 'local', subnet: '10.244.1.0/24', gateway: '10.244.1.1', internal: false, embeddedDns: false, labels: {}, created: 0, endpoints: {} };

function spec(name: string, image: string, argv: string[], extra: Partial<ContainerSpec> = {}): ContainerSpec {
  return { name, image, argv, env: [], workingDir: '', user: '', labels: {}, hostname: 'web-7d4b9c-x2x4q', mounts: [], resources: {}, cgroupParent: '/kubepods/burstable/pod1234', network: { mode: 'own' }, tty: false, interactive: false, stopSignal: 'SIGTERM', ...extra };
}

describe('the runtime for a kubelet', () => {
  it('runs a pod: a sandbox with the pod IP, containers sharing it, probes and an OOM kill of the whole group', () => {
    const h = dockerHost();
    const { runtime, images, engine } = h;
    const exits: Container[] = [];
    runtime.events.on('exit', (c) => exits.push(c));
    const pause = runtime.create(spec('k8s_POD_web', 'busybox', ['sleep', 'infinity']), images.resolve('busybox')!);
    runtime.start(pause.id, (ns) => {
      const endpoint = endpointFor(podNetwork, pause.id, 'ep-1', [])!;
      podNetwork.endpoints[pause.id] = endpoint;
      ns.interfaces.push({ name: 'eth0', ip: endpoint.ip, prefix: 24, mac: endpoint.mac, network: podNetwork.id, gateway: podNetwork.gateway });
      ns.nameservers = ['10.96.0.10'];
      ns.search = ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];
      ns.ndots = 5;
    });
    const joined = { mode: 'container' as const, id: pause.id };
    const web = runtime.create(spec('k8s_web_web', 'nginx:1.25', ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], { network: joined, resources: { memory: 64 * 2 ** 20, oomGroup: true } }), images.resolve('nginx:1.25')!);
    expect(runtime.start(web.id)).toEqual({ ok: true });
    engine.runFor(1_000);
    expect(runtime.netns(web.id)).toBe(runtime.netns(pause.id));
    expect(runtime.httpGet(pause.id, 80, '/')).toMatchObject({ status: 200 });
    expect(runtime.tcpConnect(pause.id, 80)).toBe(true);
    expect(runtime.tcpConnect(pause.id, 81)).toBe('refused');
    const probe = runtime.execStart(web.id, ['cat', '/etc/resolv.conf']);
    expect('error' in probe ? probe : runtime.takeExecOutput(probe.id)).toEqual([['stdout', 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n']]);
    expect(runtime.hostFs.readText(`/sys/fs/cgroup/kubepods/burstable/pod1234/${web.id}/memory.oom.group`)).toBe('1\n');
    // A leak in a helper process takes the whole container with it: memory.oom.group.
    const hog = runtime.execStart(web.id, ['tail', '/dev/zero']);
    expect('error' in hog).toBe(false);
    engine.runFor(1_000);
    expect(runtime.get(web.id)!.state).toMatchObject({ status: 'exited', exitCode: 137, oomKilled: true });
    expect(exits.map((c) => c.spec.name)).toEqual(['k8s_web_web']);
    expect(engine.log.records().filter((r) => r.type === 'container.die').map((r) => [r['name'], r['exitCode'], r['reason']])).toEqual([['k8s_web_web', 137, 'OOMKilled']]);
    // The kubelet restarts it in the same sandbox.
    expect(runtime.start(web.id)).toEqual({ ok: true });
    engine.runFor(1_000);
    expect(runtime.httpGet(pause.id, 80, '/')).toMatchObject({ status: 200 });
  });

  it('uses the USER of the image unless the container says otherwise', () => {
    const h = dockerHost();
    const busybox = h.images.resolve('busybox')!;
    const asNobody = { ...busybox, id: 'sha256:' + 'a'.repeat(64), config: { ...busybox.config, User: 'nobody' } };
    const resolve = h.images.resolve.bind(h.images);
    h.images.resolve = (ref: string) => (ref === 'app:1' || ref === asNobody.id ? asNobody : resolve(ref));
    h.run({ name: 'app', image: 'app:1', cmd: ['sleep', '60'] });
    h.run({ name: 'app-root', image: 'app:1', cmd: ['sleep', '60'], user: '0' });
    expect(h.exec('app', ['id']).out).toBe('uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n');
    expect(h.exec('app-root', ['whoami']).out).toBe('root\n');
  });
});
