// `kubectl describe endpoints`, `describe endpointslice` and `describe ingressclass`.
// [kubectl pkg/describe/describe.go `describeEndpoints`, `describeEndpointSliceV1`,
// `describeIngressClassV1`]
import type { Endpoints, Event } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { IngressClass } from 'kubernetes-types/networking/v1';
import { describeEvents } from './events.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

export function describeEndpoints(endpoints: Endpoints, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${endpoints.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${endpoints.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', endpoints.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', endpoints.metadata?.annotations);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const subset of endpoints.subsets ?? []) {
      w.write(LEVEL_1, `Addresses:\t${(subset.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
      w.write(LEVEL_1, `NotReadyAddresses:\t${(subset.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
      if ((subset.ports?.length ?? 0) > 0) {
        w.write(LEVEL_1, 'Ports:\n');
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
        w.write(LEVEL_2, '----\t----\t--------\n');
        for (const port of subset.ports!) w.write(LEVEL_2, `${port.name || '<unset>'}\t${port.port}\t${port.protocol ?? 'TCP'}\n`);
      }
      w.write(LEVEL_0, '\n');
    }
    if (events !== undefined) describeEvents(events, w, now);
  });
}

export function describeEndpointSlice(slice: EndpointSlice, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${slice.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${slice.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', slice.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', slice.metadata?.annotations);
    w.write(LEVEL_0, `AddressType:\t${slice.addressType}\n`);
    const ports = slice.ports ?? [];
    if (ports.length === 0) {
      w.write(LEVEL_0, 'Ports: <unset>\n');
    } else {
      w.write(LEVEL_0, 'Ports:\n');
      w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_1, '----\t----\t--------\n');
      for (const port of ports) w.write(LEVEL_1, `${port.name || '<unset>'}\t${port.port ?? '<unset>'}\t${port.protocol ?? 'TCP'}\n`);
    }
    const endpoints = slice.endpoints ?? [];
    if (endpoints.length === 0) {
      w.write(LEVEL_0, 'Endpoints: <none>\n');
    } else {
      w.write(LEVEL_0, 'Endpoints:\n');
      for (const endpoint of endpoints) {
        w.write(LEVEL_1, `- Addresses:\t${(endpoint.addresses ?? []).join(', ') || '<none>'}\n`);
        w.write(LEVEL_2, 'Conditions:\n');
        const ready = endpoint.conditions?.ready;
        w.write(LEVEL_3, `Ready:\t${ready === undefined ? '<unset>' : String(ready)}\n`);
        w.write(LEVEL_2, `Hostname:\t${endpoint.hostname ?? '<unset>'}\n`);
        if (endpoint.targetRef) w.write(LEVEL_2, `TargetRef:\t${endpoint.targetRef.kind ?? ''}/${endpoint.targetRef.name ?? ''}\n`);
        w.write(LEVEL_2, `NodeName:\t${endpoint.nodeName ?? '<unset>'}\n`);
        w.write(LEVEL_2, `Zone:\t${endpoint.zone ?? '<unset>'}\n`);
      }
    }
    if (events !== undefined) describeEvents(events, w, now);
  });
}

export function describeIngressClass(ingressClass: IngressClass, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ingressClass.metadata?.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ingressClass.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ingressClass.metadata?.annotations);
    w.write(LEVEL_0, `Controller:\t${ingressClass.spec?.controller ?? ''}\n`);
    const parameters = ingressClass.spec?.parameters;
    if (parameters) {
      w.write(LEVEL_0, 'Parameters:\n');
      if (parameters.apiGroup) w.write(LEVEL_1, `APIGroup:\t${parameters.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${parameters.kind}\n`);
      w.write(LEVEL_1, `Name:\t${parameters.name}\n`);
    }
    if (events !== undefined) describeEvents(events, w, now);
  });
}
