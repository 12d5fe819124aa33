// `kubectl get ingress`: NAME CLASS HOSTS ADDRESS PORTS AGE. HOSTS shows the first 3 hosts (`*`
// for none); PORTS is `80`, or `80, 443` with TLS. [k/k printers.go `printIngress`,
// `formatHosts`, `formatPorts`, `ingressLoadBalancerStatusStringer`]
import type { Ingress, IngressRule } from 'kubernetes-types/networking/v1';
import { formatAge } from './age.ts';
import { loadBalancerAddresses } from './service.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

const MAX_HOSTS = 3;

export function formatIngressHosts(rules: readonly IngressRule[] | undefined): string {
  const list: string[] = [];
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === MAX_HOSTS) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const text = list.join(',');
  return more ? `${text} + ${(rules?.length ?? 0) - MAX_HOSTS} more...` : text;
}

export const ingressTablePrinter = defineTablePrinter<Ingress>({
  group: 'networking.k8s.io',
  kind: 'Ingress',
  namespaced: true,
  columns: [NAME_COLUMN, { name: 'Class' }, { name: 'Hosts' }, { name: 'Address' }, { name: 'Ports' }, AGE_COLUMN],
  cells: (ingress, now) => [
    ingress.metadata?.name,
    ingress.spec?.ingressClassName ?? '<none>',
    formatIngressHosts(ingress.spec?.rules),
    loadBalancerAddresses(ingress.status?.loadBalancer?.ingress),
    (ingress.spec?.tls?.length ?? 0) > 0 ? '80, 443' : '80',
    formatAge(ingress.metadata?.creationTimestamp, now),
  ],
});
