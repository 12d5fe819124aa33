// `kubectl describe pod`. [kubectl pkg/describe/describe.go `describePod`, `describePodIPs`,
// `printController`]
import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { formatAge } from '../age.ts';
import { describeContainers, describeTopologySpreadConstraints, describeVolumes } from './containers.ts';
import { describeEvents } from './events.ts';
import { podQOSClass } from './qos.ts';
import type { DescribeWriter } from './writer.ts';
import {
  formatRFC1123Z,
  LEVEL_0,
  LEVEL_1,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
  tabbedString,
} from './writer.ts';

/**
 * The page of `kubectl describe pod` at virtual time `now`. `events` are the core/v1 Events whose
 * involvedObject is this pod; leave them out for `--show-events=false`.
 */
export function describePod(pod: Pod, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = pod.spec;
    const status = pod.status ?? {};
    w.write(LEVEL_0, `Name:\t${pod.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${pod.metadata?.namespace ?? ''}\n`);
    if (spec?.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec?.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec?.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec?.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec?.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', pod.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', pod.metadata?.annotations);
    if (pod.metadata?.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${formatAge(pod.metadata.deletionTimestamp, now)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const seccomp = spec?.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
    describePodIPs(pod, w, '');
    const controlledBy = controllerOf(pod.metadata);
    if (controlledBy !== '') w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if ((spec?.initContainers?.length ?? 0) > 0) {
      describeContainers('Init Containers', spec!.initContainers!, status.initContainerStatuses, pod, w, '');
    }
    describeContainers('Containers', spec?.containers ?? [], status.containerStatuses, pod, w, '');
    if ((spec?.readinessGates?.length ?? 0) > 0) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const gate of spec!.readinessGates!) {
        const condition = status.conditions?.find((c) => c.type === gate.conditionType);
        w.write(LEVEL_1, `${gate.conditionType} \t${condition?.status ?? '<none>'} \n`);
      }
    }
    if ((status.conditions?.length ?? 0) > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of status.conditions!) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec?.volumes, w, '');
    w.write(LEVEL_0, `QoS Class:\t${podQOSClass(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec?.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec?.tolerations);
    describeTopologySpreadConstraints(spec?.topologySpreadConstraints, w, '');
    if (events !== undefined) describeEvents(events, w, now);
  });
}

function describePodIPs(pod: Pod, w: DescribeWriter, space: string): void {
  const ips = pod.status?.podIPs ?? [];
  if (ips.length === 0) {
    w.write(LEVEL_0, `${space}IPs:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}IPs:\n`);
  for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
}

/** `ReplicaSet/web-7d4b9c8f5` from the controller owner reference, or ``. */
export function controllerOf(metadata: ObjectMeta | undefined): string {
  const owner = metadata?.ownerReferences?.find((ref) => ref.controller === true);
  return owner === undefined ? '' : `${owner.kind}/${owner.name}`;
}
