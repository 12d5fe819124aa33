// The container and volume sections describe prints for pods and pod templates: image, ports,
// command and args, state and last state, ready and restart count, limits and requests, probes
// (`http-get http://:3000/healthz delay=10s timeout=1s period=5s #success=1 #failure=3`),
// environment (`<set to the key 'password' in secret 'db-credentials'>  Optional: false`),
// mounts, then the volumes. [kubectl pkg/describe/describe.go `describeContainers`,
// `describeContainerBasicInfo`, `describeStatus`, `DescribeProbe`, `describeContainerEnvVars`,
// `describeContainerVolumes`, `describeVolumes`, `DescribePodTemplate`]
import { goSort } from '../go-sort.ts';
import type {
  Container,
  ContainerState,
  ContainerStatus,
  EnvVar,
  Pod,
  PodTemplateSpec,
  Probe,
  ResourceRequirements,
  Volume,
} from 'kubernetes-types/core/v1';
import { compareStrings, formatLabelSelector } from '../labels.ts';
import { formatQuantity, parseQuantity } from './quantity.ts';
import type { DescribeWriter } from './writer.ts';
import {
  formatRFC1123Z,
  LEVEL_0,
  LEVEL_1,
  LEVEL_2,
  LEVEL_3,
  printAnnotationsMultiline,
  printBool,
  printLabelsMultiline,
  printTolerationsMultiline,
} from './writer.ts';

/**
 * `Containers:` (or `Init Containers:`) and each container. `statuses` come from a pod (absent
 * for a template); `pod` resolves fieldRef environment values. `space` indents template sections.
 */
export function describeContainers(
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  pod: Pod | undefined,
  w: DescribeWriter,
  space: string,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const container of containers) {
    const status = byName.get(container.name);
    describeBasicInfo(container, status, space, w);
    describeCommand(container, w);
    if (status !== undefined) describeState(status, w);
    describeResources(container.resources, w, LEVEL_2);
    describeProbes(container, w);
    if ((container.envFrom?.length ?? 0) > 0) describeEnvFrom(container, w);
    describeEnvVars(container, pod, w);
    describeMounts(container, w);
  }
}

function describeBasicInfo(container: Container, status: ContainerStatus | undefined, space: string, w: DescribeWriter): void {
  w.write(LEVEL_1, `${space.length > 0 ? ' ' : ''}${container.name}:\n`);
  if (status !== undefined) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${container.image ?? ''}\n`);
  if (status !== undefined) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
  const ports = (container.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
  if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
  else w.write(LEVEL_2, `Port:\t${ports || '<none>'}\n`);
  const hostPorts = (container.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
  if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
  else w.write(LEVEL_2, `Host Port:\t${hostPorts || '<none>'}\n`);
}

function describeCommand(container: Container, w: DescribeWriter): void {
  for (const [title, parts] of [
    ['Command', container.command],
    ['Args', container.args],
  ] as const) {
    if (parts === undefined || parts.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const part of parts) for (const line of part.split('\n')) w.write(LEVEL_3, `${line}\n`);
  }
}

function describeState(status: ContainerStatus, w: DescribeWriter): void {
  describeStatus('State', status.state, w);
  if (status.lastState?.terminated !== undefined) describeStatus('Last State', status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

function describeStatus(name: string, state: ContainerState | undefined, w: DescribeWriter): void {
  if (state?.running !== undefined) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(state.running.startedAt)}\n`);
  } else if (state?.waiting !== undefined) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated !== undefined) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatRFC1123Z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

/** `Limits:` / `Requests:` with one `name:\tquantity` line each, names sorted. */
export function describeResources(resources: ResourceRequirements | undefined, w: DescribeWriter, level: number): void {
  if (resources === undefined) return;
  for (const [title, list] of [
    ['Limits', resources.limits],
    ['Requests', resources.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(compareStrings);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${canonical(list![name]!)}\n`);
  }
}

function describeProbes(container: Container, w: DescribeWriter): void {
  if (container.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(container.livenessProbe)}\n`);
  if (container.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(container.readinessProbe)}\n`);
  if (container.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(container.startupProbe)}\n`);
}

/**
 * `http-get http://:3000/healthz delay=10s timeout=1s period=5s #success=1 #failure=3`. Unset
 * numbers read as the API server's defaults (timeout 1, period 10, success 1, failure 3).
 */
export function describeProbe(probe: Probe): string {
  const attrs =
    `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s period=${probe.periodSeconds ?? 10}s ` +
    `#success=${probe.successThreshold ?? 1} #failure=${probe.failureThreshold ?? 3}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`;
  if (probe.httpGet) {
    const get = probe.httpGet;
    const port = String(get.port);
    const host = port.length > 0 ? joinHostPort(get.host ?? '', port) : (get.host ?? '');
    const scheme = (get.scheme ?? 'HTTP').toLowerCase();
    return `http-get ${scheme === '' ? '' : `${scheme}:`}//${host}${get.path ?? ''} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${String(probe.tcpSocket.port)} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function describeEnvFrom(container: Container, w: DescribeWriter): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const source of container.envFrom ?? []) {
    const from = source.configMapRef ? 'ConfigMap' : source.secretRef ? 'Secret' : '';
    const ref = source.configMapRef ?? source.secretRef;
    const optional = ref?.optional === true;
    const prefix = source.prefix ? ` with prefix '${source.prefix}'` : '';
    w.write(LEVEL_3, `${ref?.name ?? ''}\t${from}${prefix}\tOptional: ${optional}\n`);
  }
}

function describeEnvVars(container: Container, pod: Pod | undefined, w: DescribeWriter): void {
  const env = container.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (from === undefined) {
      (e.value ?? '').split('\n').forEach((line, i) => {
        w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`);
      });
    } else if (from.fieldRef) {
      const value = pod === undefined ? '' : fieldPathValue(pod, from.fieldRef.fieldPath ?? '');
      w.write(LEVEL_3, `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath ?? ''})\n`);
    } else if (from.resourceFieldRef) {
      let value = resourceFieldValue(container, e);
      const resource = from.resourceFieldRef.resource ?? '';
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${ref.key}' in secret '${ref.name ?? ''}'>\tOptional: ${ref.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${ref.key}' of config map '${ref.name ?? ''}'>\tOptional: ${ref.optional === true}\n`);
    }
  }
}

/**
 * The value describe shows for a fieldRef: kubectl converts the path as a Pod field selector,
 * then reads it from the object, and only metadata.name and metadata.namespace survive both
 * steps (status.podIP, spec.nodeName, labels... print empty, as the stock client shows).
 * [kubectl describe `EnvValueRetriever`; k8s.io/kubectl fieldpath `ExtractFieldPathAsString`]
 */
function fieldPathValue(pod: Pod, path: string): string {
  if (path === 'metadata.name') return pod.metadata?.name ?? '';
  if (path === 'metadata.namespace') return pod.metadata?.namespace ?? '';
  return '';
}

/** A container's own request or limit through resourceFieldRef, in divisor units rounded up. */
function resourceFieldValue(container: Container, e: EnvVar): string {
  const ref = e.valueFrom!.resourceFieldRef!;
  const [kind, name = ''] = (ref.resource ?? '').split('.');
  const list = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  const value = parseQuantity(list?.[name] ?? '0');
  const divisor = parseQuantity(ref.divisor ?? '1');
  if (value === undefined || divisor === undefined || divisor.milli === 0n) return '';
  return String((value.milli + divisor.milli - 1n) / divisor.milli);
}

function describeMounts(container: Container, w: DescribeWriter): void {
  const mounts = goSort([...container.volumeMounts ?? []], (a, b) => compareStrings(a.mountPath ?? '', b.mountPath ?? '') < 0);
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  for (const mount of mounts) {
    const flags = [mount.readOnly ? 'ro' : 'rw'];
    if (mount.subPath) flags.push(`path=${JSON.stringify(mount.subPath)}`);
    w.write(LEVEL_3, `${mount.mountPath} from ${mount.name} (${flags.join(',')})\n`);
  }
  const devices = goSort([...container.volumeDevices ?? []], (a, b) => compareStrings(a.devicePath ?? '', b.devicePath ?? '') < 0);
  if (devices.length > 0) {
    w.write(LEVEL_2, 'Devices:\n');
    for (const device of devices) w.write(LEVEL_3, `${device.devicePath} from ${device.name}\n`);
  }
}

/** `Volumes:` and each volume's source. */
export function describeVolumes(volumes: readonly Volume[] | undefined, w: DescribeWriter, space: string): void {
  if (volumes === undefined || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const volume of volumes) {
    w.write(LEVEL_1, `${space.length > 0 ? ' ' : ''}${volume.name}:\n`);
    describeVolumeSource(volume, w);
  }
}

function describeVolumeSource(volume: Volume, w: DescribeWriter): void {
  const field = (name: string, value: unknown): string => `    ${name}:\t${value}\n`;
  if (volume.hostPath) {
    w.write(LEVEL_2, 'Type:\tHostPath (bare host directory volume)\n' + field('Path', volume.hostPath.path) + field('HostPathType', volume.hostPath.type ?? '<none>'));
  } else if (volume.emptyDir) {
    const limit = volume.emptyDir.sizeLimit;
    const size = limit !== undefined && (parseQuantity(limit)?.milli ?? 0n) > 0n ? canonical(limit) : '<unset>';
    w.write(LEVEL_2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n" + field('Medium', volume.emptyDir.medium ?? '') + field('SizeLimit', size));
  } else if (volume.secret) {
    w.write(LEVEL_2, 'Type:\tSecret (a volume populated by a Secret)\n' + field('SecretName', volume.secret.secretName ?? '') + field('Optional', volume.secret.optional === true));
  } else if (volume.configMap) {
    w.write(LEVEL_2, 'Type:\tConfigMap (a volume populated by a ConfigMap)\n' + field('Name', volume.configMap.name ?? '') + field('Optional', volume.configMap.optional === true));
  } else if (volume.nfs) {
    w.write(LEVEL_2, 'Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n' + field('Server', volume.nfs.server) + field('Path', volume.nfs.path) + field('ReadOnly', volume.nfs.readOnly === true));
  } else if (volume.persistentVolumeClaim) {
    w.write(
      LEVEL_2,
      'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n' +
        field('ClaimName', volume.persistentVolumeClaim.claimName) +
        field('ReadOnly', volume.persistentVolumeClaim.readOnly === true),
    );
  } else if (volume.downwardAPI) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of volume.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (volume.projected) {
    w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const source of volume.projected.sources ?? []) {
      // (kubectl 1.32 printed `ConfigMapOptional: <nil>` here; 1.33 prints the resolved boolean.)
      if (source.secret) w.write(LEVEL_2, `SecretName:\t${source.secret.name ?? ''}\n` + field('Optional', source.secret.optional === true));
      else if (source.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
      else if (source.configMap) w.write(LEVEL_2, `ConfigMapName:\t${source.configMap.name ?? ''}\n` + field('Optional', source.configMap.optional === true));
      else if (source.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 3600}\n`);
    }
  } else if (volume.csi) {
    w.write(LEVEL_2, 'Type:\tCSI (a Container Storage Interface (CSI) volume source)\n' + field('Driver', volume.csi.driver) + field('FSType', volume.csi.fsType ?? '') + field('ReadOnly', volume.csi.readOnly === true));
    printLabelsMultiline(w, '    VolumeAttributes', volume.csi.volumeAttributes);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

/** `Pod Template:` of a Deployment, ReplicaSet, Job, ... */
export function describePodTemplate(template: PodTemplateSpec | undefined, w: DescribeWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (template === undefined) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) {
    printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  }
  const spec = template.spec;
  if (spec?.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec?.initContainers?.length ?? 0) > 0) describeContainers('Init Containers', spec!.initContainers!, undefined, undefined, w, '  ');
  describeContainers('Containers', spec?.containers ?? [], undefined, undefined, w, '  ');
  describeVolumes(spec?.volumes, w, '  ');
  describeTopologySpreadConstraints(spec?.topologySpreadConstraints, w, '  ');
  if (spec?.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec?.tolerations);
}

/** `Topology Spread Constraints:  zone:DoNotSchedule when max skew 1 is exceeded for selector app=web`. */
export function describeTopologySpreadConstraints(
  constraints: NonNullable<Pod['spec']>['topologySpreadConstraints'],
  w: DescribeWriter,
  space: string,
): void {
  if (constraints === undefined || constraints.length === 0) return;
  const sorted = goSort([...constraints], (a, b) => compareStrings(a.topologyKey ?? '', b.topologyKey ?? '') < 0);
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((c, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let text = `${c.topologyKey}:${c.whenUnsatisfiable} when max skew ${c.maxSkew} is exceeded`;
    if (c.labelSelector) text += ` for selector ${formatLabelSelector(c.labelSelector)}`;
    w.write(LEVEL_0, `${text}\n`);
  });
}

/** A quantity as Quantity.String() prints it (`1000m` → `1`); the text itself when it does not parse. */
export function canonical(text: string): string {
  const q = parseQuantity(text);
  return q === undefined ? text : formatQuantity(q);
}
