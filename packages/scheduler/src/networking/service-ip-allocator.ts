// ClusterIPs and NodePorts, as the API server's Service REST storage allocates them: the
// `ServiceAllocator` the ApiStore calls when a Service is created, updated or deleted.
//
// - ClusterIPs come from --service-cluster-ip-range (kubeadm and kind: 10.96.0.0/12). The first
//   address (10.96.0.1) is the `kubernetes` Service's; kube-dns asks for 10.96.0.10. Since v1.26
//   (ServiceIPStaticSubrange) the range has a static band at the bottom, min(max(16, size/16), 256)
//   addresses, that dynamic allocation avoids until the rest is full; a dynamic address is random.
//   [k/k pkg/registry/core/service/ipallocator/bitmap.go calculateRangeOffset]
// - NodePorts come from 30000-32767 with the same scheme: a static band of
//   min(max(16, size/32), 128) = 86 ports (30000-30085), random above it.
//   [k/k pkg/registry/core/service/portallocator/allocator.go calculateRangeOffset]
// - Requested addresses are checked with the API server's messages
//   (`provided IP is already allocated`, `provided port is already allocated`, not in the range).
//
// The allocator keeps no state of its own: what is taken is read from the Services in the store,
// as the API server's repair loop rebuilds its bitmaps from storage, so snapshots need nothing.

import type { Service } from 'kubernetes-types/core/v1';
import type { SeededRandom } from '@dockyard/runtime';
import { type FieldError, GoValue, invalid, StatusError } from '../api/api-errors.ts';
import type { ServiceAllocator } from '../api/api-store.ts';
import type { DeepReadonly, Stored } from '../api/kinds.ts';
import { type Cidr, inCidr, ipToNumber, isIpv4, numberToIp, parseCidr } from './ip.ts';

export const SERVICE_CLUSTER_IP_RANGE = '10.96.0.0/12';
export const NODE_PORT_RANGE = { base: 30000, size: 2768 } as const;
/** The `kubernetes` Service's address: the first of the range. */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
/** kube-dns's address, as kubeadm and kind ask for it (the tenth of the range). */
export const CLUSTER_DNS_IP = '10.96.0.10';

export interface ServiceIpAllocatorOptions {
  random: SeededRandom;
  /** Every Service in the cluster, as stored. */
  services: () => readonly Stored<'Service'>[];
  serviceClusterIpRange?: string;
}

const SERVICE_KIND = { group: '', kind: 'Service' };

/** How many addresses (or ports) at the bottom of a range are kept for static requests. */
function staticBand(size: number, min: number, max: number, step: number): number {
  return Math.min(Math.max(min, Math.floor(size / step)), max);
}

function needsNodePorts(spec: DeepReadonly<Service['spec']> | undefined): boolean {
  if (spec?.type === 'NodePort') return true;
  return spec?.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false;
}

function rangeFull(message: string): StatusError {
  return new StatusError('InternalError', `Internal error occurred: ${message}`);
}

function hasClusterIP(spec: DeepReadonly<Service['spec']> | undefined): boolean {
  return spec?.type !== 'ExternalName';
}

export class ServiceIpAllocator implements ServiceAllocator {
  readonly #random: SeededRandom;
  readonly #services: () => readonly Stored<'Service'>[];
  readonly #range: Cidr;
  readonly #rangeText: string;

  constructor(options: ServiceIpAllocatorOptions) {
    this.#random = options.random;
    this.#services = options.services;
    this.#rangeText = options.serviceClusterIpRange ?? SERVICE_CLUSTER_IP_RANGE;
    this.#range = parseCidr(this.#rangeText);
  }

  allocate(service: Service): void {
    this.#assign(service, undefined);
  }

  update(service: Service, old: DeepReadonly<Service>): void {
    this.#assign(service, old);
  }

  release(_service: DeepReadonly<Service>): void {
    // Nothing to do: what is taken is read from the store, where the Service no longer is.
  }

  #assign(service: Service, old: DeepReadonly<Service> | undefined): void {
    const spec = (service.spec ??= {});
    const name = service.metadata?.name ?? '';
    const self = old?.metadata?.uid;
    const others = this.#services().filter((s) => s.metadata?.uid !== self || self === undefined);
    const errors: FieldError[] = [];
    if (hasClusterIP(spec)) {
      const requested = spec.clusterIP ?? spec.clusterIPs?.[0];
      const unchanged = requested !== undefined && requested === old?.spec?.clusterIP;
      if (requested === 'None') {
        spec.clusterIPs = ['None'];
      } else if (requested !== undefined && requested !== '' && !unchanged) {
        const error = this.#checkIP(requested, others);
        if (error !== undefined) errors.push({ type: 'Invalid value', field: 'spec.clusterIPs', value: new GoValue(`[]string{${JSON.stringify(requested)}}`), detail: error });
        else {
          spec.clusterIP = requested;
          spec.clusterIPs = [requested];
        }
      } else if (requested === undefined || requested === '') {
        const ip = this.#pickIP(others);
        if (ip === undefined) throw rangeFull('failed to allocate a serviceIP: range is full');
        else {
          spec.clusterIP = ip;
          spec.clusterIPs = [ip];
        }
      }
    }
    if (needsNodePorts(spec)) {
      const taken = this.#takenPorts(others);
      (spec.ports ?? []).forEach((port, i) => {
        const previous = old?.spec?.ports?.find((p) => p.nodePort === port.nodePort && port.nodePort !== undefined);
        if (port.nodePort !== undefined && port.nodePort !== 0) {
          if (previous !== undefined) return;
          const field = `spec.ports[${i}].nodePort`;
          const { base, size } = NODE_PORT_RANGE;
          if (port.nodePort < base || port.nodePort >= base + size) {
            errors.push({ type: 'Invalid value', field, value: port.nodePort, detail: `provided port is not in the valid range. The range of valid ports is ${base}-${base + size - 1}` });
          } else if (taken.has(port.nodePort)) {
            errors.push({ type: 'Invalid value', field, value: port.nodePort, detail: 'provided port is already allocated' });
          } else taken.add(port.nodePort);
          return;
        }
        const picked = this.#pickPort(taken);
        if (picked === undefined) throw rangeFull('failed to allocate a nodePort: range is full');
        else {
          port.nodePort = picked;
          taken.add(picked);
        }
      });
    }
    // A LoadBalancer with externalTrafficPolicy Local gets a health check port for the cloud's probes
    // (kept across updates that leave it out, as patchAllocatedValues keeps it).
    if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && spec.healthCheckNodePort === undefined && old?.spec?.healthCheckNodePort !== undefined) {
      spec.healthCheckNodePort = old.spec.healthCheckNodePort;
    }
    if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && (spec.healthCheckNodePort ?? 0) === 0 && errors.length === 0) {
      const taken = this.#takenPorts(others);
      for (const p of spec.ports ?? []) if (p.nodePort !== undefined) taken.add(p.nodePort);
      const picked = this.#pickPort(taken);
      if (picked === undefined) throw rangeFull('failed to allocate a nodePort: range is full');
      spec.healthCheckNodePort = picked;
    }
    if (errors.length > 0) throw invalid(SERVICE_KIND, name, errors);
  }

  #checkIP(ip: string, others: readonly Stored<'Service'>[]): string | undefined {
    if (!isIpv4(ip)) return `failed to allocate IP ${ip}: must be a valid IP address`;
    if (!inCidr(ip, this.#range) || ipToNumber(ip) === this.#range.base || ipToNumber(ip) === this.#range.base + this.#range.size - 1) {
      return `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.#rangeText}`;
    }
    if (this.#takenIPs(others).has(ip)) return `failed to allocate IP ${ip}: provided IP is already allocated`;
    return undefined;
  }

  #takenIPs(services: readonly Stored<'Service'>[]): Set<string> {
    const taken = new Set<string>();
    for (const s of services) for (const ip of s.spec?.clusterIPs ?? (s.spec?.clusterIP === undefined ? [] : [s.spec.clusterIP])) taken.add(ip);
    return taken;
  }

  #takenPorts(services: readonly Stored<'Service'>[]): Set<number> {
    const taken = new Set<number>();
    for (const s of services) {
      for (const p of s.spec?.ports ?? []) if (p.nodePort !== undefined) taken.add(p.nodePort);
      if (s.spec?.healthCheckNodePort !== undefined) taken.add(s.spec.healthCheckNodePort);
    }
    return taken;
  }

  /** A random free address of the dynamic band, else of the static band. */
  #pickIP(others: readonly Stored<'Service'>[]): string | undefined {
    const taken = this.#takenIPs(others);
    const max = this.#range.size - 2;
    const offset = staticBand(max, 16, 256, 16);
    const pick = (from: number, to: number) => this.#randomFree(from, to, (i) => taken.has(numberToIp(this.#range.base + 1 + i)));
    const i = pick(offset, max) ?? pick(0, offset);
    return i === undefined ? undefined : numberToIp(this.#range.base + 1 + i);
  }

  #pickPort(taken: Set<number>): number | undefined {
    const { base, size } = NODE_PORT_RANGE;
    const offset = staticBand(size, 16, 128, 32);
    const pick = (from: number, to: number) => this.#randomFree(from, to, (i) => taken.has(base + i));
    const i = pick(offset, size) ?? pick(0, offset);
    return i === undefined ? undefined : base + i;
  }

  /** A random offset in [from, to) that is free: a random start, then the next free one (as the bitmap scans). */
  #randomFree(from: number, to: number, isTaken: (i: number) => boolean): number | undefined {
    if (to <= from) return undefined;
    const start = this.#random.int(from, to - 1);
    for (let k = 0; k < to - from; k++) {
      const i = from + ((start - from + k) % (to - from));
      if (!isTaken(i)) return i;
    }
    return undefined;
  }
}
