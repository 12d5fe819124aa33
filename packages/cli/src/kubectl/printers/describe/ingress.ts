// `kubectl describe ingress`: the rules table with each backend as `svc:port (endpoints)`.
// [kubectl pkg/describe/describe.go `describeIngressV1`, `describeBackendV1`,
// `serviceBackendStringer`, `describeIngressTLSV1`]
import type { Event, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressBackend } from 'kubernetes-types/networking/v1';
import { loadBalancerAddresses } from '../service.ts';
import { describeEvents } from './events.ts';
import { formatEndpointSlices } from './service.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

export interface IngressRelated {
  /** Services of the ingress's namespace. */
  readonly services: readonly Service[];
  /** EndpointSlices of the ingress's namespace. */
  readonly endpointSlices: readonly EndpointSlice[];
}

export function describeIngress(ingress: Ingress, related: IngressRelated, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = ingress.spec ?? {};
    w.write(LEVEL_0, `Name:\t${ingress.metadata?.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ingress.metadata?.labels);
    w.write(LEVEL_0, `Namespace:\t${ingress.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Address:\t${loadBalancerAddresses(ingress.status?.loadBalancer?.ingress)}\n`);
    w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
    const defaultBackend = spec.defaultBackend === undefined ? '<default>' : describeBackend(spec.defaultBackend, related);
    w.write(LEVEL_0, `Default backend:\t${defaultBackend}\n`);
    if ((spec.tls?.length ?? 0) > 0) {
      w.write(LEVEL_0, 'TLS:\n');
      for (const tls of spec.tls!) {
        const hosts = (tls.hosts ?? []).join(',');
        w.write(LEVEL_1, tls.secretName ? `${tls.secretName} terminates ${hosts}\n` : `SNI routes ${hosts}\n`);
      }
    }
    w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    let count = 0;
    for (const rule of spec.rules ?? []) {
      if (rule.http === undefined) continue;
      count++;
      w.write(LEVEL_1, `${rule.host || '*'}\t\n`);
      for (const path of rule.http.paths ?? []) w.write(LEVEL_2, `\t${path.path ?? ''} \t${describeBackend(path.backend ?? {}, related)}\n`);
    }
    if (count === 0) w.write(LEVEL_1, `*\t*\t${defaultBackend}\n`);
    printAnnotationsMultiline(w, 'Annotations', ingress.metadata?.annotations);
    if (events !== undefined) describeEvents(events, w, now);
  });
}

function describeBackend(backend: IngressBackend, related: IngressRelated): string {
  if (backend.service !== undefined) {
    const ref = backend.service;
    const port = ref.port?.number ? String(ref.port.number) : (ref.port?.name ?? '');
    const label = `${ref.name}:${port}`;
    const service = related.services.find((s) => s.metadata?.name === ref.name);
    if (service === undefined) return `${label} (<error: services "${ref.name}" not found>)`;
    let portName = '';
    for (const sp of service.spec?.ports ?? []) {
      if ((ref.port?.number && ref.port.number === sp.port) || (ref.port?.name && ref.port.name === sp.name)) portName = sp.name ?? '';
    }
    const slices = related.endpointSlices.filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === ref.name);
    return `${label} (${formatEndpointSlices(slices, new Set([portName]))})`;
  }
  if (backend.resource !== undefined) {
    const r = backend.resource;
    return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind}, Name: ${r.name}`;
  }
  return '';
}
