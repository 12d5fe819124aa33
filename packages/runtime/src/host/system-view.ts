// The machine as one process sees it through its namespaces: its hostname (UTS), its processes
// (PID), its interfaces and name resolution (NET), its files (MNT) and who it is (USER).

import { FsError } from '../fs/file-system.ts';
import type { ConnectFailure } from '../network/fabric.ts';
import type { HttpRequest, HttpResponse } from '../network/http.ts';
import { isIpv4 } from '../network/ip.ts';
import type { NetInterface } from '../network/net-namespace.ts';
import type { ProcessInfo, Signal, System, UserIdentity } from '../programs/program.ts';
import type { Kernel, ProcessRecord, Sandbox } from './kernel.ts';

export class SystemView implements System {
  constructor(
    readonly kernel: Kernel,
    readonly box: Sandbox,
    readonly rec: ProcessRecord,
  ) {}

  get now(): number {
    return this.kernel.engine.now;
  }

  get hostname(): string {
    return this.box.hostname;
  }

  get fs() {
    return this.box.fs;
  }

  get user(): UserIdentity {
    return this.box.user(this.rec.uid, this.rec.gid);
  }

  get cpus(): number {
    return this.kernel.cpus;
  }

  get memTotal(): number {
    return this.kernel.memTotal;
  }

  processes(): ProcessInfo[] {
    return this.kernel.processesIn(this.box.id);
  }

  interfaces(): NetInterface[] {
    return this.box.netns.interfaces;
  }

  nameservers(): string[] {
    return this.box.netns.nameservers;
  }

  resolve(name: string): string[] | undefined {
    if (isIpv4(name)) return [name];
    const fromHosts = hostsFileLookup(this.box, name);
    return fromHosts ?? this.lookup(name)?.addresses;
  }

  lookup(name: string): { name: string; addresses: string[] } | undefined {
    return this.kernel.fabric.resolveName(this.box.netns, name);
  }

  http(host: string, port: number, request: Omit<HttpRequest, 'remoteIp'>): HttpResponse | ConnectFailure | 'empty' | 'unknown-host' {
    const ip = this.resolve(host)?.[0];
    if (ip === undefined) return 'unknown-host';
    return this.kernel.fabric.http(this.box.netns, ip, port, request);
  }

  connect(host: string, port: number): true | ConnectFailure | 'unknown-host' {
    const ip = this.resolve(host)?.[0];
    if (ip === undefined) return 'unknown-host';
    const connection = this.kernel.fabric.connect(this.box.netns, ip, port);
    return typeof connection === 'string' ? connection : true;
  }

  kill(pid: number, signal: Signal): boolean {
    const target = this.kernel.pidsIn(this.box.id).find((hostPid) => this.kernel.process(hostPid)?.nsPid === pid);
    if (target === undefined) return false;
    this.kernel.signal(target, signal);
    return true;
  }

  random(): number {
    return this.kernel.engine.random.float();
  }
}

/** Looks a name up in the container's /etc/hosts, as getaddrinfo does before DNS. */
function hostsFileLookup(box: Sandbox, name: string): string[] | undefined {
  let text: string;
  try {
    text = box.fs.readText('/etc/hosts');
  } catch (error) {
    if (error instanceof FsError) return undefined;
    throw error;
  }
  for (const line of text.split('\n')) {
    const [ip, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (ip && isIpv4(ip) && names.includes(name)) return [ip];
  }
  return undefined;
}
