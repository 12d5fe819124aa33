// The pod sandbox (k/k pkg/kubelet/kuberuntime/kuberuntime_sandbox.go and the CNI plugin kind
// runs): a pause container that owns the pod's network namespace, with an address from the
// node's pod range (host-local IPAM: the next free address after the last one handed out, so a
// new pod does not get a just-freed address), the resolver settings networking's `podResolvConf`
// gives (the cluster DNS for ClusterFirst), and the kubelet-managed /etc/hosts every container of
// the pod shares.

import { type ContainerSpec, ipToNumber, type NetNamespace, numberToIp, parseCidr } from '@dockyard/runtime';
import type { Pod } from 'kubernetes-types/core/v1';
import type { DeepReadonly } from '../api/kinds.ts';
import { CLUSTER_DOMAIN, ndotsOf, type ResolvConf } from '../networking/cluster-dns.ts';
import { podHostname } from './container-start.ts';

/** The image containerd runs sandboxes from (kind preloads it). */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';
/** The network every pod interface is on: kindnet routes each node's /24 to the others. */
export const POD_NETWORK = 'kindnet';
/** The kubelet-managed /etc/hosts of a pod (kubelet_pods.go `managedHostsFileContent`). */
export function podHostsFile(pod: DeepReadonly<Pod>, podIP: string): string {
  const hostname = podHostname(pod);
  const subdomain = pod.spec?.subdomain;
  const namespace = pod.metadata?.namespace ?? 'default';
  const lines = [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    subdomain ? `${podIP}\t${hostname}.${subdomain}.${namespace}.svc.${CLUSTER_DOMAIN}\t${hostname}` : `${podIP}\t${hostname}`,
  ];
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length > 0) {
    lines.push('', '# Entries added by HostAliases.');
    for (const alias of aliases) lines.push(`${alias.ip}\t${(alias.hostnames ?? []).join('\t')}`);
  }
  return lines.join('\n') + '\n';
}

/** host-local IPAM over a /24: the gateway is .1, pods get .2 to .254, round robin past the last handed out. */
export function allocatePodIp(cidr: string, last: number, inUse: ReadonlySet<string>): { ip: string; index: number } | undefined {
  const range = parseCidr(cidr);
  if (range === undefined) return undefined;
  const size = 2 ** (32 - range.prefix);
  const first = 2;
  const lastUsable = size - 2;
  const count = lastUsable - first + 1;
  for (let step = 1; step <= count; step++) {
    const index = first + ((Math.max(last, first - 1) - first + step) % count);
    const ip = numberToIp((range.base + index) >>> 0);
    if (!inUse.has(ip)) return { ip, index };
  }
  return undefined;
}

/** The gateway of a node's pod range (its .1). */
export function podGateway(cidr: string): string {
  return numberToIp((ipToNumber(cidr.split('/')[0]!) + 1) >>> 0);
}

/** The pause container's spec. */
export function sandboxSpec(pod: DeepReadonly<Pod>, cgroupParent: string): ContainerSpec {
  const meta = pod.metadata ?? {};
  return {
    name: `k8s_POD_${meta.name}_${meta.namespace}_${meta.uid}_0`,
    image: PAUSE_IMAGE,
    argv: ['/pause'],
    env: [],
    workingDir: '',
    user: '65535:65535',
    labels: {
      'io.kubernetes.pod.name': meta.name ?? '',
      'io.kubernetes.pod.namespace': meta.namespace ?? '',
      'io.kubernetes.pod.uid': meta.uid ?? '',
      'io.cri-containerd.kind': 'sandbox',
    },
    hostname: podHostname(pod),
    mounts: [],
    resources: { cpuWeight: 2 },
    cgroupParent,
    network: { mode: 'own' },
    tty: false,
    interactive: false,
    stopSignal: 'SIGTERM',
  };
}

/** What the CNI plugin and the kubelet do to a new sandbox's namespace: eth0 with the pod IP, and the resolver settings (`podResolvConf`). */
export function wireSandbox(ns: NetNamespace, podIP: string, cidr: string, dns: ResolvConf): void {
  const octets = podIP.split('.').map(Number);
  ns.interfaces.push({
    name: 'eth0',
    ip: podIP,
    prefix: parseCidr(cidr)?.prefix ?? 24,
    mac: ['0a', '58', ...octets.map((o) => o.toString(16).padStart(2, '0'))].join(':'),
    network: POD_NETWORK,
    gateway: podGateway(cidr),
  });
  ns.nameservers = dns.nameservers;
  ns.search = dns.searches;
  ns.ndots = ndotsOf(dns);
}
