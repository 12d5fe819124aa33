// `kubectl get svc`: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR.
// [k/k printers.go `printService`, `getServiceExternalIP`, `makePortString`,
// `loadBalancerStatusStringer`]
import type { LoadBalancerIngress, Service, ServicePort } from 'kubernetes-types/core/v1';
import { formatAge } from './age.ts';
import { compareStrings, formatLabels } from './labels.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

/** `80/TCP`, `80:30080/TCP`, several joined by commas. */
export function servicePorts(ports: readonly ServicePort[] | undefined): string {
  return (ports ?? [])
    .map((port) => {
      const protocol = port.protocol ?? 'TCP';
      return port.nodePort ? `${port.port}:${port.nodePort}/${protocol}` : `${port.port}/${protocol}`;
    })
    .join(',');
}

/** EXTERNAL-IP: `<none>`, `<pending>`, the load balancer's addresses, or the external name. */
export function serviceExternalIP(service: Service): string {
  const spec = service.spec;
  const externalIPs = spec?.externalIPs ?? [];
  switch (spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIPs = loadBalancerAddresses(service.status?.loadBalancer?.ingress);
      if (externalIPs.length > 0) return [...(lbIPs === '' ? [] : lbIPs.split(',')), ...externalIPs].join(',');
      return lbIPs === '' ? '<pending>' : lbIPs;
    }
    case 'ExternalName':
      return spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/**
 * Sorted, de-duplicated ingress IPs (or hostnames). printers.go clips them to 16 characters
 * when not wide, but the API server always builds its Table wide, so kubectl never shows a clip.
 */
export function loadBalancerAddresses(ingress: readonly LoadBalancerIngress[] | undefined): string {
  const addresses = new Set<string>();
  for (const entry of ingress ?? []) {
    if (entry.ip) addresses.add(entry.ip);
    else if (entry.hostname) addresses.add(entry.hostname);
  }
  return [...addresses].sort(compareStrings).join(',');
}

/** The first cluster IP (`None` for a headless service), or `<none>`. */
export function serviceClusterIP(service: Service): string {
  return service.spec?.clusterIPs?.[0] ?? service.spec?.clusterIP ?? '<none>';
}

export const serviceTablePrinter = defineTablePrinter<Service>({
  group: '',
  kind: 'Service',
  namespaced: true,
  columns: [
    NAME_COLUMN,
    { name: 'Type' },
    { name: 'Cluster-IP' },
    { name: 'External-IP' },
    { name: 'Port(s)' },
    AGE_COLUMN,
    { name: 'Selector', priority: 1 },
  ],
  cells(service, now) {
    const ports = servicePorts(service.spec?.ports);
    return [
      service.metadata?.name,
      service.spec?.type ?? 'ClusterIP',
      serviceClusterIP(service),
      serviceExternalIP(service),
      ports === '' ? '<none>' : ports,
      formatAge(service.metadata?.creationTimestamp, now),
      formatLabels(service.spec?.selector),
    ];
  },
});
