// `kubectl get endpointslices`: NAME ADDRESSTYPE PORTS ENDPOINTS AGE, lists cut after 3 with
// `+ N more...`, `<unset>` when empty. [k/k printers.go `printEndpointSlice`,
// `formatDiscoveryPorts`, `formatDiscoveryEndpoints`, `listWithMoreString`]
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { formatAge } from './age.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

const MAX_SHOWN = 3;

function listWithMore(items: readonly string[]): string {
  const shown = items.slice(0, MAX_SHOWN).join(',');
  if (items.length > MAX_SHOWN) return `${shown} + ${items.length - MAX_SHOWN} more...`;
  return shown === '' ? '<unset>' : shown;
}

export const endpointSliceTablePrinter = defineTablePrinter<EndpointSlice>({
  group: 'discovery.k8s.io',
  kind: 'EndpointSlice',
  namespaced: true,
  columns: [NAME_COLUMN, { name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, AGE_COLUMN],
  cells(slice, now) {
    const ports = (slice.ports ?? []).map((p) =>
      p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'),
    );
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return [
      slice.metadata?.name,
      slice.addressType,
      listWithMore(ports),
      listWithMore(addresses),
      formatAge(slice.metadata?.creationTimestamp, now),
    ];
  },
});
