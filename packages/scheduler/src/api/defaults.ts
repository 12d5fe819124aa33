// Defaulting, as the API server fills in what a manifest leaves out before it stores an object, so
// `kubectl get -o yaml` shows what a real cluster shows. Sources, in k/k:
// - `pkg/apis/core/v1/defaults.go`: SetDefaults_PodSpec (dnsPolicy ClusterFirst, restartPolicy
//   Always, terminationGracePeriodSeconds 30, schedulerName default-scheduler, securityContext {}),
//   SetDefaults_Pod (enableServiceLinks true, requests from limits — Pods only, not templates),
//   SetDefaults_Container (imagePullPolicy from the tag, terminationMessagePath/Policy),
//   SetDefaults_Probe (timeout 1, period 10, success 1, failure 3), volumes' defaultMode 420,
//   SetDefaults_Service (ClusterIP, sessionAffinity None, TCP, targetPort = port, traffic policies,
//   ClientIP timeout 10800), PV/PVC volumeMode Filesystem, PV reclaim policy Retain, Secret Opaque,
//   Namespace finalizer `kubernetes` and phase Active.
// - `pkg/apis/apps/v1/defaults.go`: Deployment (replicas 1, RollingUpdate 25%/25%, history 10,
//   progressDeadlineSeconds 600), StatefulSet, DaemonSet (maxUnavailable 1, maxSurge 0).
// - `pkg/apis/batch/v1/defaults.go`: Job (parallelism 1, completions 1 when neither is set, backoffLimit 6, NonIndexed),
//   CronJob (Allow, history 3/1).
// Quantities are rewritten in their canonical form (`cpu: 0.5` → `500m`), as a round trip through
// the API server's Quantity type does.

import { canonicalQuantity } from './quantity.ts';
import type { JsonObject } from './kinds.ts';

function obj(parent: JsonObject, key: string): JsonObject {
  const value = parent[key];
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
  const created: JsonObject = {};
  parent[key] = created;
  return created;
}

function setDefault(target: JsonObject, key: string, value: unknown): void {
  if (target[key] === undefined || target[key] === null) target[key] = value;
}

function list(value: unknown): JsonObject[] {
  return Array.isArray(value) ? (value.filter((v) => v !== null && typeof v === 'object') as JsonObject[]) : [];
}

/** Rewrites every quantity of a resource list in canonical form; leaves unparsable ones for validation. */
function canonicalizeResourceList(list: unknown): void {
  if (list === null || typeof list !== 'object') return;
  const resources = list as JsonObject;
  for (const name of Object.keys(resources)) {
    const value = resources[name];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    try {
      resources[name] = canonicalQuantity(value);
    } catch {
      // Left as written: validation reports it with the API server's message.
    }
  }
}

function defaultProbe(probe: unknown): void {
  if (probe === null || typeof probe !== 'object') return;
  const p = probe as JsonObject;
  setDefault(p, 'timeoutSeconds', 1);
  setDefault(p, 'periodSeconds', 10);
  setDefault(p, 'successThreshold', 1);
  setDefault(p, 'failureThreshold', 3);
  if (p.httpGet !== null && typeof p.httpGet === 'object') setDefault(p.httpGet as JsonObject, 'scheme', 'HTTP');
}

/** `Always` for `:latest` or untagged images (digests excepted), else `IfNotPresent`. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  const tag = colon < 0 ? '' : image.slice(colon + 1);
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(container: JsonObject, isPod: boolean): void {
  if (typeof container.image === 'string') setDefault(container, 'imagePullPolicy', defaultPullPolicy(container.image));
  setDefault(container, 'terminationMessagePath', '/dev/termination-log');
  setDefault(container, 'terminationMessagePolicy', 'File');
  const resources = obj(container, 'resources');
  canonicalizeResourceList(resources.limits);
  canonicalizeResourceList(resources.requests);
  if (isPod && resources.limits !== null && typeof resources.limits === 'object') {
    // Requests default to limits, for Pods only (SetDefaults_Pod).
    const requests = obj(resources, 'requests');
    for (const [name, value] of Object.entries(resources.limits as JsonObject)) setDefault(requests, name, value);
  }
  for (const port of list(container.ports)) setDefault(port, 'protocol', 'TCP');
  for (const env of list(container.env)) {
    const fieldRef = env.valueFrom?.fieldRef;
    if (fieldRef !== null && typeof fieldRef === 'object') setDefault(fieldRef as JsonObject, 'apiVersion', 'v1');
  }
  defaultProbe(container.livenessProbe);
  defaultProbe(container.readinessProbe);
  defaultProbe(container.startupProbe);
}

function defaultVolume(volume: JsonObject): void {
  if (volume.configMap !== null && typeof volume.configMap === 'object') setDefault(volume.configMap as JsonObject, 'defaultMode', 420);
  if (volume.secret !== null && typeof volume.secret === 'object') setDefault(volume.secret as JsonObject, 'defaultMode', 420);
  if (volume.projected !== null && typeof volume.projected === 'object') setDefault(volume.projected as JsonObject, 'defaultMode', 420);
  if (volume.downwardAPI !== null && typeof volume.downwardAPI === 'object') setDefault(volume.downwardAPI as JsonObject, 'defaultMode', 420);
  if (volume.hostPath !== null && typeof volume.hostPath === 'object') setDefault(volume.hostPath as JsonObject, 'type', '');
  if (volume.emptyDir !== null && typeof volume.emptyDir === 'object') {
    const size = (volume.emptyDir as JsonObject).sizeLimit;
    if (typeof size === 'string' || typeof size === 'number') {
      try {
        (volume.emptyDir as JsonObject).sizeLimit = canonicalQuantity(size);
      } catch {
        // validation reports it
      }
    }
  }
  // A volume with no source at all is an emptyDir (SetDefaults_Volume).
  const sources = Object.keys(volume).filter((k) => k !== 'name');
  if (sources.length === 0) volume.emptyDir = {};
}

/** Defaults of a pod spec, in a Pod (`isPod`) or in a template. */
export function defaultPodSpec(spec: JsonObject, isPod: boolean): void {
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'schedulerName', 'default-scheduler');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  for (const container of list(spec.containers)) defaultContainer(container, isPod);
  for (const container of list(spec.initContainers)) defaultContainer(container, isPod);
  for (const volume of list(spec.volumes)) defaultVolume(volume);
  canonicalizeResourceList(spec.overhead);
}

function defaultTemplate(spec: JsonObject): void {
  const template = spec.template;
  if (template === null || typeof template !== 'object') return;
  const podSpec = (template as JsonObject).spec;
  if (podSpec !== null && typeof podSpec === 'object') defaultPodSpec(podSpec as JsonObject, false);
}

function defaultDeployment(o: JsonObject): void {
  const spec = obj(o, 'spec');
  setDefault(spec, 'replicas', 1);
  const strategy = obj(spec, 'strategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rolling = obj(strategy, 'rollingUpdate');
    setDefault(rolling, 'maxUnavailable', '25%');
    setDefault(rolling, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultTemplate(spec);
}

function defaultStatefulSet(o: JsonObject): void {
  const spec = obj(o, 'spec');
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = obj(spec, 'updateStrategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') setDefault(obj(strategy, 'rollingUpdate'), 'partition', 0);
  setDefault(spec, 'revisionHistoryLimit', 10);
  const retention = obj(spec, 'persistentVolumeClaimRetentionPolicy');
  setDefault(retention, 'whenDeleted', 'Retain');
  setDefault(retention, 'whenScaled', 'Retain');
  for (const claim of list(spec.volumeClaimTemplates)) {
    const claimSpec = obj(claim, 'spec');
    setDefault(claimSpec, 'volumeMode', 'Filesystem');
    canonicalizeResourceList(claimSpec.resources?.requests);
    setDefault(claim, 'apiVersion', 'v1');
    setDefault(claim, 'kind', 'PersistentVolumeClaim');
  }
  defaultTemplate(spec);
}

function defaultDaemonSet(o: JsonObject): void {
  const spec = obj(o, 'spec');
  const strategy = obj(spec, 'updateStrategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rolling = obj(strategy, 'rollingUpdate');
    setDefault(rolling, 'maxUnavailable', 1);
    setDefault(rolling, 'maxSurge', 0);
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultTemplate(spec);
}

function defaultJobSpec(spec: JsonObject): void {
  // Completions default to 1 only when parallelism is unset too: a Job with parallelism and no
  // completions is a work queue, done when any pod succeeds (SetDefaults_Job).
  if ((spec.completions === undefined || spec.completions === null) && (spec.parallelism === undefined || spec.parallelism === null)) spec.completions = 1;
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'podReplacementPolicy', 'TerminatingOrFailed');
  defaultTemplate(spec);
}

function defaultService(o: JsonObject): void {
  const spec = obj(o, 'spec');
  setDefault(spec, 'type', 'ClusterIP');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'ClientIP') {
    const clientIP = obj(obj(spec, 'sessionAffinityConfig'), 'clientIP');
    setDefault(clientIP, 'timeoutSeconds', 10800);
  }
  for (const port of list(spec.ports)) {
    setDefault(port, 'protocol', 'TCP');
    if (spec.type !== 'ExternalName') setDefault(port, 'targetPort', port.port);
  }
  if (spec.type !== 'ExternalName') setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
  if (spec.type !== 'ExternalName') {
    setDefault(spec, 'ipFamilies', ['IPv4']);
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
  }
  if (spec.clusterIP === 'None') setDefault(spec, 'clusterIPs', ['None']);
  setDefault(o, 'status', { loadBalancer: {} });
}

/**
 * autoscaling/v2 SetDefaults_HorizontalPodAutoscaler: minReplicas 1, a cpu 80% target when no
 * metric is given, and the behavior (scale up: no window, max of 4 pods and 100% per 15 s; scale
 * down: 300 s window, 100% per 15 s).
 */
function defaultHorizontalPodAutoscaler(o: JsonObject): void {
  const spec = obj(o, 'spec');
  setDefault(spec, 'minReplicas', 1);
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  const behavior = obj(spec, 'behavior');
  const up = obj(behavior, 'scaleUp');
  setDefault(up, 'stabilizationWindowSeconds', 0);
  setDefault(up, 'selectPolicy', 'Max');
  setDefault(up, 'policies', [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ]);
  const down = obj(behavior, 'scaleDown');
  setDefault(down, 'selectPolicy', 'Max');
  setDefault(down, 'policies', [{ type: 'Percent', value: 100, periodSeconds: 15 }]);
}

/** Fills in the defaults of `object` (a mutable copy), by kind. */
export function applyDefaults(kind: string, o: JsonObject): void {
  switch (kind) {
    case 'Pod': {
      const spec = obj(o, 'spec');
      defaultPodSpec(spec, true);
      setDefault(spec, 'enableServiceLinks', true);
      return;
    }
    case 'PodTemplate':
      if (o.template?.spec !== undefined) defaultPodSpec(o.template.spec as JsonObject, false);
      return;
    case 'Deployment':
      return defaultDeployment(o);
    case 'ReplicaSet':
    case 'ReplicationController': {
      const spec = obj(o, 'spec');
      setDefault(spec, 'replicas', 1);
      if (kind === 'ReplicationController' && spec.selector === undefined && o.spec.template?.metadata?.labels !== undefined) {
        spec.selector = { ...(o.spec.template.metadata.labels as JsonObject) };
      }
      return defaultTemplate(spec);
    }
    case 'StatefulSet':
      return defaultStatefulSet(o);
    case 'DaemonSet':
      return defaultDaemonSet(o);
    case 'Job':
      return defaultJobSpec(obj(o, 'spec'));
    case 'CronJob': {
      const spec = obj(o, 'spec');
      setDefault(spec, 'concurrencyPolicy', 'Allow');
      setDefault(spec, 'suspend', false);
      setDefault(spec, 'successfulJobsHistoryLimit', 3);
      setDefault(spec, 'failedJobsHistoryLimit', 1);
      const jobSpec = spec.jobTemplate?.spec;
      if (jobSpec !== null && typeof jobSpec === 'object') defaultTemplate(jobSpec as JsonObject);
      return;
    }
    case 'Service':
      return defaultService(o);
    case 'Secret':
      return setDefault(o, 'type', 'Opaque');
    case 'Namespace': {
      setDefault(obj(o, 'spec'), 'finalizers', ['kubernetes']);
      setDefault(obj(o, 'status'), 'phase', 'Active');
      const labels = obj(obj(o, 'metadata'), 'labels');
      if (typeof o.metadata.name === 'string') labels['kubernetes.io/metadata.name'] = o.metadata.name;
      return;
    }
    case 'PersistentVolume': {
      const spec = obj(o, 'spec');
      setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
      setDefault(spec, 'volumeMode', 'Filesystem');
      canonicalizeResourceList(spec.capacity);
      if (spec.hostPath !== null && typeof spec.hostPath === 'object') setDefault(spec.hostPath as JsonObject, 'type', '');
      setDefault(obj(o, 'status'), 'phase', 'Pending');
      return;
    }
    case 'PersistentVolumeClaim': {
      const spec = obj(o, 'spec');
      setDefault(spec, 'volumeMode', 'Filesystem');
      canonicalizeResourceList(spec.resources?.requests);
      canonicalizeResourceList(spec.resources?.limits);
      setDefault(obj(o, 'status'), 'phase', 'Pending');
      return;
    }
    case 'StorageClass':
      setDefault(o, 'reclaimPolicy', 'Delete');
      setDefault(o, 'volumeBindingMode', 'Immediate');
      return;
    case 'Node': {
      const status = obj(o, 'status');
      canonicalizeResourceList(status.capacity);
      canonicalizeResourceList(status.allocatable);
      return;
    }
    case 'ResourceQuota':
      canonicalizeResourceList(o.spec?.hard);
      return;
    case 'HorizontalPodAutoscaler':
      return defaultHorizontalPodAutoscaler(o);
    case 'PodDisruptionBudget':
      return;
    case 'NetworkPolicy': {
      const spec = obj(o, 'spec');
      for (const rule of [...list(spec.ingress), ...list(spec.egress)]) {
        for (const port of list(rule.ports)) setDefault(port, 'protocol', 'TCP');
      }
      if (spec.policyTypes === undefined) {
        spec.policyTypes = spec.egress === undefined ? ['Ingress'] : ['Ingress', 'Egress'];
      }
      return;
    }
  }
}
