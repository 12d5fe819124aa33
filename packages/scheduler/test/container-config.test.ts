// What the kubelet gives the runtime for a container: the environment (literal values, ConfigMap
// and Secret keys, the pod's fields, its resources, envFrom, `$(VAR)` expansion), the command
// (command/args over the image's ENTRYPOINT/CMD), workingDir and user; and how it fails:
// CreateContainerConfigError for a missing ConfigMap or key or a root image under runAsNonRoot,
// StartError (exit 128) when the command does not exist.

import { describe, expect, it } from 'vitest';
import { kubeletCluster, podManifest } from './support/kubelet-cluster.ts';

function exec(c: ReturnType<typeof kubeletCluster>, pod: string, container: string, argv: string[]): string {
  const ref = c.cluster.containerRef('default', pod, container)!;
  const run = ref.runtime.execStart(ref.containerId, argv);
  if ('error' in run) throw new Error(run.error);
  return ref.runtime
    .takeExecOutput(run.id)
    .map(([, text]) => text)
    .join('');
}

describe('container configuration', () => {
  it('builds the environment from values, ConfigMaps, Secrets, fields and resources', () => {
    const c = kubeletCluster();
    c.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { LOG_LEVEL: 'debug', MODE: 'fast' } });
    c.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, data: { password: Buffer.from('s3cret').toString('base64') } });
    c.apply(
      podManifest('env', {
        containers: [
          {
            name: 'app',
            image: 'busybox:1.36',
            command: ['sh', '-c', 'echo "greeting=$(GREETING)" && sleep 3600'],
            workingDir: '/tmp',
            resources: { limits: { memory: '64Mi', cpu: '250m' } },
            envFrom: [{ configMapRef: { name: 'app-config' }, prefix: 'CFG_' }],
            env: [
              { name: 'NAME', value: 'world' },
              { name: 'GREETING', value: 'hello $(NAME), $$(NAME) stays' },
              { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
              { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'LOG_LEVEL' } } },
              { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
              { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
              { name: 'MEM_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
              { name: 'CPU_M', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
            ],
          },
        ],
      }),
    );
    c.engine.runFor(10_000);
    const env = exec(c, 'env', 'app', ['env']).split('\n');
    const pod = c.pod('env');
    expect(env).toEqual(
      expect.arrayContaining([
        'CFG_LOG_LEVEL=debug',
        'CFG_MODE=fast',
        'NAME=world',
        'GREETING=hello world, $(NAME) stays',
        'DB_PASSWORD=s3cret',
        'LOG_LEVEL=debug',
        'POD_NAME=env',
        `POD_IP=${pod.status!.podIP}`,
        `NODE=${pod.spec!.nodeName}`,
        'MEM_MI=64',
        'CPU_M=250',
        'HOSTNAME=env',
      ]),
    );
    expect(exec(c, 'env', 'app', ['pwd'])).toBe('/tmp\n');
    const ref = c.cluster.containerRef('default', 'env', 'app')!;
    // The kubelet expands `$(GREETING)` in the command once; the `$(NAME)` left in its value then
    // reaches the shell, which runs it as a command substitution, as a real busybox sh does.
    expect(ref.runtime.logs(ref.containerId).map(([, l]) => l)).toEqual(['sh: NAME: not found\n', 'greeting=hello world,  stays\n']);
    // The pod's own /etc/hosts and the cluster DNS in resolv.conf.
    expect(exec(c, 'env', 'app', ['cat', '/etc/hosts'])).toBe(
      `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pod.status!.podIP}\tenv\n`,
    );
    expect(exec(c, 'env', 'app', ['cat', '/etc/resolv.conf'])).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    // A Guaranteed pod's cgroup: cpu.max from the limit, memory.max from the limit.
    expect(ref.runtime.hostFs.readText(`/sys/fs/cgroup/kubepods/pod${pod.metadata!.uid}/${ref.containerId}/cpu.max`)).toBe('25000 100000\n');
    expect(ref.runtime.hostFs.readText(`/sys/fs/cgroup/kubepods/pod${pod.metadata!.uid}/${ref.containerId}/memory.max`)).toBe(`${64 * 2 ** 20}\n`);
  });

  it('waits with CreateContainerConfigError while a ConfigMap or key is missing, and starts once it exists', () => {
    const c = kubeletCluster();
    c.apply(podManifest('cfg', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], env: [{ name: 'DB_HOST', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'DB_HOST' } } }] }] }));
    c.engine.runFor(5000);
    expect(c.row('cfg')).toEqual({ ready: '0/1', status: 'CreateContainerConfigError', restarts: '0' });
    expect(c.pod('cfg').status!.containerStatuses![0]!.state!.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' });
    expect(c.events('Pod', 'cfg')).toContain('Failed Error: configmap "app-config" not found');
    c.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { OTHER: 'x' } });
    c.engine.runFor(10_000);
    expect(c.pod('cfg').status!.containerStatuses![0]!.state!.waiting!.message).toBe("couldn't find key DB_HOST in ConfigMap default/app-config");
    c.store.update({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { DB_HOST: 'db' } });
    c.engine.runFor(10_000);
    expect(c.row('cfg')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
  });

  it('refuses a root image under runAsNonRoot, and reports a missing command as StartError', () => {
    const c = kubeletCluster();
    const uid = c.apply(podManifest('nonroot', { securityContext: { runAsNonRoot: true }, containers: [{ name: 'web', image: 'nginx:1.25' }] })).metadata!.uid;
    c.apply(podManifest('typo', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['nosuchcommand'] }] }));
    c.engine.runFor(10_000);
    expect(c.pod('nonroot').status!.containerStatuses![0]!.state!.waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: `container has runAsNonRoot and image will run as root (pod: "nonroot_default(${uid})", container: web)`,
    });
    const typo = c.pod('typo').status!.containerStatuses![0]!;
    const message =
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuchcommand": executable file not found in $PATH: unknown';
    expect(typo.lastState!.terminated).toMatchObject({ exitCode: 128, reason: 'StartError', message, startedAt: '1970-01-01T00:00:00Z' });
    expect(c.row('typo').status).toBe('CrashLoopBackOff');
    expect(c.events('Pod', 'typo')).toContain(`Failed Error: ${message}`);
  });
});
