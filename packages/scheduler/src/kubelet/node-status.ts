// The Node object a kubelet registers and keeps up to date (k/k pkg/kubelet/kubelet_node_status.go
// and nodestatus/setters.go), shaped like a kind worker's:
// - labels kubernetes.io/hostname, kubernetes.io/os=linux, kubernetes.io/arch=amd64 (and the
//   beta.kubernetes.io twins), no node-role label (ROLES <none>);
// - capacity from the machine (cpu, memory in Ki, pods 110, ephemeral-storage, hugepages 0) and
//   allocatable = capacity minus reservations minus the hard eviction threshold: kind reserves
//   nothing for the system; memory.available<100Mi stays (reference §3), so memory is 100Mi less;
// - nodeInfo: kubelet v1.33.1 on containerd 1.7.22, Debian 12 (kind's node image);
// - addresses InternalIP (172.18.0.x, kind's docker network) and Hostname;
// - conditions MemoryPressure, DiskPressure, PIDPressure, Ready with the kubelet's reasons;
// - images: what the node's image store holds, as containerd names them, largest first (50 at most).
// The kubelet posts it every 10 s when something changed and at least every 5 min
// (nodeStatusUpdateFrequency, nodeStatusReportFrequency); heartbeats alone do not count as a change.

import { fullString, type Image, type ImageStore, parseReference, toRFC3339 } from '@dockyard/runtime';
import type { Node, NodeCondition, NodeStatus } from 'kubernetes-types/core/v1';
import { deepCopy, type DeepReadonly, jsonEqual } from '../api/kinds.ts';

export const KUBELET_VERSION = 'v1.33.1';
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.22';
export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
export const KERNEL_VERSION = '6.8.0-51-generic';
export const KUBELET_PORT = 10250;
/** --max-pods. */
export const MAX_PODS = 110;
/** nodeStatusUpdateFrequency: how often the kubelet looks at its node status (and the Lease renewal interval). */
export const NODE_STATUS_UPDATE_MS = 10_000;
/** nodeStatusReportFrequency: the longest the kubelet goes without posting status. */
export const NODE_STATUS_REPORT_MS = 300_000;
/** The Lease's spec.leaseDurationSeconds (the kubelet renews every quarter of it). */
export const LEASE_DURATION_SECONDS = 40;
/** nodeStatusMaxImages. */
export const MAX_IMAGES_IN_STATUS = 50;
/** containerd reports an image's compressed size; registries here serve about 40 % of the tar size (transfer-time.ts). */
const COMPRESSION_RATIO = 0.4;

export interface NodeMachine {
  name: string;
  cpus: number;
  memoryBytes: number;
  ip: string;
  /** The node's pod range (10.244.N.0/24 as kind's IPAM gives it). */
  podCIDR: string;
  ephemeralStorageBytes: number;
  /** The hard eviction threshold for memory.available, in bytes (0: none). */
  evictionMemoryBytes: number;
  bootID: string;
  machineID: string;
  systemUUID: string;
}

export type PressureState = { memory: boolean };

const CONDITIONS: Record<string, { ok: [string, string, string]; bad: [string, string, string] }> = {
  MemoryPressure: {
    ok: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
    bad: ['True', 'KubeletHasInsufficientMemory', 'kubelet has insufficient memory available'],
  },
  DiskPressure: {
    ok: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
    bad: ['True', 'KubeletHasDiskPressure', 'kubelet has disk pressure'],
  },
  PIDPressure: {
    ok: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
    bad: ['True', 'KubeletHasInsufficientPID', 'kubelet has insufficient PID available'],
  },
  Ready: {
    ok: ['True', 'KubeletReady', 'kubelet is posting ready status'],
    bad: ['False', 'KubeletNotReady', 'container runtime is down'],
  },
};

/** The event a condition's new state gets (`NodeHasSufficientMemory`, `NodeReady`, ...). */
export const CONDITION_EVENTS: Record<string, { ok: string; bad: string }> = {
  MemoryPressure: { ok: 'NodeHasSufficientMemory', bad: 'NodeHasInsufficientMemory' },
  DiskPressure: { ok: 'NodeHasNoDiskPressure', bad: 'NodeHasDiskPressure' },
  PIDPressure: { ok: 'NodeHasSufficientPID', bad: 'NodeHasInsufficientPID' },
  Ready: { ok: 'NodeReady', bad: 'NodeNotReady' },
};

function ki(bytes: number): string {
  return `${Math.floor(bytes / 1024)}Ki`;
}

export function nodeCapacity(machine: NodeMachine): Record<string, string> {
  return {
    cpu: String(machine.cpus),
    'ephemeral-storage': ki(machine.ephemeralStorageBytes),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: ki(machine.memoryBytes),
    pods: String(MAX_PODS),
  };
}

export function nodeAllocatable(machine: NodeMachine): Record<string, string> {
  return { ...nodeCapacity(machine), memory: ki(machine.memoryBytes - machine.evictionMemoryBytes) };
}

/** The Node object a kubelet registers (before its first status post adds conditions and images). */
export function initialNode(machine: NodeMachine): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: machine.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': machine.name,
        'kubernetes.io/os': 'linux',
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    // podCIDR comes from kube-controller-manager's node IPAM in a real cluster; set here at once.
    spec: { podCIDR: machine.podCIDR, podCIDRs: [machine.podCIDR], providerID: `kind://docker/kind/${machine.name}` },
    status: {},
  };
}

/** containerd's names for an image: repo digests and tags, fully qualified. */
function imageNames(store: ImageStore, image: Image): string[] {
  const digests = store.repoDigests(image).map((d) => fullString(parseReference(d, { defaultTag: false })));
  const tags = store.repoTags(image).map((t) => fullString(parseReference(t)));
  return [...digests, ...tags];
}

export function compressedSize(image: Image): number {
  return Math.round(image.layers.reduce((n, l) => n + l.size, 0) * COMPRESSION_RATIO);
}

export function nodeImages(store: ImageStore): NonNullable<NodeStatus['images']> {
  const images = store
    .images()
    .map((image) => ({ names: imageNames(store, image), sizeBytes: compressedSize(image) }))
    .filter((i) => i.names.length > 0);
  images.sort((a, b) => b.sizeBytes - a.sizeBytes || (a.names[0]! < b.names[0]! ? -1 : 1));
  return images.slice(0, MAX_IMAGES_IN_STATUS);
}

/**
 * The status the kubelet would post now: conditions keep their transition times unless their
 * status changes; every heartbeat is `now`.
 */
export function nodeStatus(
  machine: NodeMachine,
  current: DeepReadonly<NodeStatus> | undefined,
  pressure: PressureState,
  store: ImageStore,
  now: number,
): NodeStatus {
  const time = toRFC3339(now);
  const conditions: NodeCondition[] = [];
  for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']) {
    const bad = type === 'MemoryPressure' && pressure.memory;
    const [status, reason, message] = bad ? CONDITIONS[type]!.bad : CONDITIONS[type]!.ok;
    const previous = current?.conditions?.find((c) => c.type === type);
    const transition = previous !== undefined && previous.status === status && previous.lastTransitionTime !== undefined ? previous.lastTransitionTime : time;
    conditions.push({ type, status, reason, message, lastHeartbeatTime: time, lastTransitionTime: transition });
  }
  return {
    addresses: [
      { type: 'InternalIP', address: machine.ip },
      { type: 'Hostname', address: machine.name },
    ],
    allocatable: nodeAllocatable(machine),
    capacity: nodeCapacity(machine),
    conditions,
    daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
    images: nodeImages(store),
    nodeInfo: {
      architecture: 'amd64',
      bootID: machine.bootID,
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kernelVersion: KERNEL_VERSION,
      kubeProxyVersion: '',
      kubeletVersion: KUBELET_VERSION,
      machineID: machine.machineID,
      operatingSystem: 'linux',
      osImage: OS_IMAGE,
      systemUUID: machine.systemUUID,
    },
  };
}

/** Whether two statuses differ in more than heartbeats (what makes the kubelet post before 5 min are up). */
export function nodeStatusChanged(a: DeepReadonly<NodeStatus> | undefined, b: NodeStatus): boolean {
  if (a === undefined) return true;
  const strip = (s: DeepReadonly<NodeStatus>) => {
    const copy = deepCopy(s) as NodeStatus;
    for (const c of copy.conditions ?? []) delete c.lastHeartbeatTime;
    return copy;
  };
  return !jsonEqual(strip(a), strip(b));
}

/** The conditions whose status differs between two versions: [type, new status] pairs, in order. */
export function conditionTransitions(before: DeepReadonly<NodeStatus> | undefined, after: NodeStatus): [string, string][] {
  const out: [string, string][] = [];
  for (const c of after.conditions ?? []) {
    const old = before?.conditions?.find((o) => o.type === c.type);
    if (old?.status !== c.status) out.push([c.type, c.status]);
  }
  return out;
}
