// A container as the runtime keeps it (the containerd/runc level): what to run and with which
// namespaces, mounts and limits, and where it is in its life. Docker's daemon and a kubelet both
// describe containers this way; names, restart policies and published ports belong to them.

import type { FileTree, SavedTree } from '../fs/file-tree.ts';
import type { CgroupState } from '../host/cgroup.ts';
import type { Signal } from '../programs/program.ts';
import type { LogBuffer } from './logs.ts';

export interface MountSpec {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Volume name, or an absolute path on the host for a bind; empty for tmpfs. */
  source: string;
  target: string;
  readOnly?: boolean;
}

export interface ResourceSpec {
  /** memory.max in bytes. */
  memory?: number;
  /** CPUs as docker's --cpus in billionths (NanoCpus); becomes cpu.max. */
  nanoCpus?: number;
  /** cpu.weight (1..10000). */
  cpuWeight?: number;
  pidsLimit?: number;
  /** memory.oom.group: kill every process of the container on OOM (the kubelet sets it). */
  oomGroup?: boolean;
}

export interface ContainerSpec {
  /** Name for logs and events (docker's name without the slash, or the kubelet's). */
  name: string;
  /** The image as the caller named it (`nginx:1.25`). */
  image: string;
  /** The command: entrypoint and arguments already combined. */
  argv: string[];
  env: string[];
  workingDir: string;
  /** `""` (root), `name`, `uid`, `uid:gid` or `name:group`. */
  user: string;
  labels: Record<string, string>;
  hostname: string;
  domainname?: string;
  mounts: MountSpec[];
  resources: ResourceSpec;
  /** Parent of the container's cgroup: `/docker`, or a pod's cgroup. */
  cgroupParent: string;
  /** Its own network namespace, or another container's (a pod sandbox's). */
  network: { mode: 'own' } | { mode: 'container'; id: string } | { mode: 'none' };
  tty: boolean;
  interactive: boolean;
  stopSignal: Signal;
  /** Run docker-init (tini) as PID 1 with the command as its child (`docker run --init`). */
  init?: boolean;
  /** Extra /etc/hosts lines (`--add-host`, the kubelet's host aliases). */
  extraHosts?: string[];
  dns?: string[];
}

export type ContainerStatus = 'created' | 'running' | 'exited';

export interface ContainerState {
  status: ContainerStatus;
  /** Host pid of the container's first process while running, else 0. */
  pid: number;
  exitCode: number;
  oomKilled: boolean;
  /** Why the last start failed (runc's message), or empty. */
  error: string;
  startedAt?: number;
  finishedAt?: number;
  /** Counts starts, so a timer set for one run never acts on the next. */
  generation: number;
  /** Signal that ended the last run, when the runtime sent one (docker kill/stop). */
  killedBy?: Signal;
}

export interface Container {
  id: string;
  spec: ContainerSpec;
  imageId: string;
  created: number;
  state: ContainerState;
  /** The writable layer on top of the image's layers. */
  upper: FileTree;
  /** /etc/hosts, /etc/hostname and /etc/resolv.conf, bind-mounted into the container as Docker does. */
  etc: FileTree;
  tmpfs: Record<string, FileTree>;
  cgroup: CgroupState;
  /** Id of the network namespace while running. */
  netns?: string;
  logs: LogBuffer;
  /** Endpoints its programs have stopped answering (the break-readiness fault). */
  failing?: FailingEndpoint[];
}

/**
 * An endpoint a container's programs stop answering, as an application does when a dependency it
 * checks is gone or when it hangs: with a `path`, HTTP requests for it on `port` get 503 Service
 * Unavailable; without one, connections to `port` are never accepted (the client times out).
 */
export interface FailingEndpoint {
  port: number;
  path?: string;
}

export interface SavedContainer extends Omit<Container, 'upper' | 'etc' | 'tmpfs'> {
  upper: SavedTree;
  etc: SavedTree;
  tmpfs: Record<string, SavedTree>;
}

export interface Exec {
  id: string;
  container: string;
  argv: string[];
  /** Host pid while it runs. */
  pid: number;
  running: boolean;
  exitCode?: number;
  /** Output not yet read by whoever attached: [stream, text]. */
  output: ['stdout' | 'stderr', string][];
  detached: boolean;
  interactive: boolean;
  started: number;
}
