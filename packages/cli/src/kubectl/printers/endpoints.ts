// `kubectl get endpoints`: NAME ENDPOINTS AGE, the first 3 `ip:port` then `+ N more...`.
// [k/k printers.go `printEndpoints`, `formatEndpoints`]
import type { Endpoints } from 'kubernetes-types/core/v1';
import { formatAge } from './age.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

const MAX_SHOWN = 3;

/** `10.244.1.5:3000,10.244.2.3:3000 + 1 more...`, or `<none>` without subsets. */
export function formatEndpoints(endpoints: Endpoints, portNames?: ReadonlySet<string>): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    if (ports.length === 0) {
      // A headless service may have no ports.
      count += addresses.length;
      for (const address of addresses) {
        if (list.length === MAX_SHOWN) {
          more = true;
          break;
        }
        list.push(address.ip ?? '');
      }
      continue;
    }
    for (const port of ports) {
      if (portNames !== undefined && !portNames.has(port.name ?? '')) continue;
      count += addresses.length;
      for (const address of addresses) {
        if (list.length === MAX_SHOWN) {
          more = true;
          break;
        }
        list.push(joinHostPort(address.ip ?? '', port.port ?? 0));
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - MAX_SHOWN} more...` : text;
}

/** Go's net.JoinHostPort: brackets around IPv6 hosts. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export const endpointsTablePrinter = defineTablePrinter<Endpoints>({
  group: '',
  kind: 'Endpoints',
  namespaced: true,
  columns: [NAME_COLUMN, { name: 'Endpoints' }, AGE_COLUMN],
  cells: (endpoints, now) => [
    endpoints.metadata?.name,
    formatEndpoints(endpoints),
    formatAge(endpoints.metadata?.creationTimestamp, now),
  ],
});
