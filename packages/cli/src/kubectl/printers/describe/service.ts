// `kubectl describe svc` and the endpoint list it (and describe ingress) print:
// `10.244.1.5:3000,10.244.2.3:3000 + 1 more...` from the service's ready EndpointSlice
// endpoints on the port of that name. [kubectl pkg/describe/describe.go `describeService`,
// `formatEndpointSlices`, `buildIngressString`]
import type { Event, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { formatLabels } from '../labels.ts';
import { joinHostPort } from '../endpoints.ts';
import { describeEvents } from './events.ts';
import { LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

const MAX_SHOWN = 3;

/** `slices`: the EndpointSlices labelled `kubernetes.io/service-name=<name>`. */
export function describeService(
  service: Service,
  slices: readonly EndpointSlice[],
  events: readonly Event[] | undefined,
  now: number,
): string {
  return tabbedString((w) => {
    const spec = service.spec ?? {};
    w.write(LEVEL_0, `Name:\t${service.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${service.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', service.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', service.metadata?.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies?.length ?? 0) > 0 ? spec.ipFamilies!.join(',') : '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
    w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs?.length ?? 0) > 0 ? spec.clusterIPs!.join(',') : '<none>'}\n`);
    if ((spec.externalIPs?.length ?? 0) > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs!.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const ingress = service.status?.loadBalancer?.ingress ?? [];
    if (ingress.length > 0) {
      const list = ingress.map((i) => (i.ip ? i.ip + (i.ipMode ? ` (${i.ipMode})` : '') : (i.hostname ?? ''))).join(', ');
      w.write(LEVEL_0, `LoadBalancer Ingress:\t${list}\n`);
    }
    for (const port of spec.ports ?? []) {
      const name = port.name || '<unset>';
      const protocol = port.protocol ?? 'TCP';
      w.write(LEVEL_0, `Port:\t${name}\t${port.port}/${protocol}\n`);
      w.write(LEVEL_0, `TargetPort:\t${port.targetPort ?? port.port}/${protocol}\n`);
      if (port.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${port.nodePort}/${protocol}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, new Set([port.name ?? '']))}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if ((spec.loadBalancerSourceRanges?.length ?? 0) > 0) {
      w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges!.join(',')}\n`);
    }
    if (events !== undefined) describeEvents(events, w, now);
  });
}

/** Ready endpoints as `ip:port` on the ports named in `portNames` (all ports when undefined). */
export function formatEndpointSlices(slices: readonly EndpointSlice[], portNames: ReadonlySet<string> | undefined): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const slice of slices) {
    const endpoints = slice.endpoints ?? [];
    const ports = slice.ports ?? [];
    if (ports.length === 0) {
      for (const endpoint of endpoints) {
        if (list.length === MAX_SHOWN) more = true;
        if (endpoint.conditions?.ready === false) continue;
        if (!more) list.push(endpoint.addresses?.[0] ?? '');
        count++;
      }
      continue;
    }
    for (const port of ports) {
      if (portNames !== undefined && !portNames.has(port.name ?? '')) continue;
      for (const endpoint of endpoints) {
        if (list.length === MAX_SHOWN) more = true;
        if (endpoint.conditions?.ready === false) continue;
        if (!more) list.push(joinHostPort(endpoint.addresses?.[0] ?? '', port.port ?? 0));
        count++;
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - MAX_SHOWN} more...` : text;
}
