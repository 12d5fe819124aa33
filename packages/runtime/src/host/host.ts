// One machine: its CPU cores and memory, its kernel, its own files (what bind mounts and
// `dockyard cat` read) and its root network namespace. A Docker host or a Kubernetes node.

import { FileTree } from '../fs/file-tree.ts';
import type { Fabric } from '../network/fabric.ts';
import { type NetNamespace, newNetNamespace } from '../network/net-namespace.ts';
import type { ProgramRegistry } from '../programs/registry.ts';
import type { Engine } from '../sim/engine.ts';
import { Kernel } from './kernel.ts';

export interface HostOptions {
  name: string;
  cpus: number;
  memoryBytes: number;
  /** The host's address on the machines' network (a node IP); the Docker host uses 192.168.65.3. */
  ip: string;
}

export class Host {
  readonly name: string;
  readonly cpus: number;
  readonly memoryBytes: number;
  readonly ip: string;
  readonly kernel: Kernel;
  /** The host's own file system (bind-mount sources live here). */
  files = new FileTree();
  readonly netns: NetNamespace;

  constructor(
    readonly engine: Engine,
    readonly fabric: Fabric,
    programs: ProgramRegistry,
    options: HostOptions,
  ) {
    this.name = options.name;
    this.cpus = options.cpus;
    this.memoryBytes = options.memoryBytes;
    this.ip = options.ip;
    this.kernel = new Kernel(engine, options.name, options.cpus, options.memoryBytes, programs, fabric);
    this.netns = newNetNamespace(`host:${options.name}`, 4026531840, options.name, 'host');
    this.netns.interfaces.push({ name: 'eth0', ip: options.ip, prefix: 24, mac: '02:50:00:00:00:01', network: 'machines' });
    fabric.register(this.netns);
  }
}
