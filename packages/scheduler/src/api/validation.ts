// The API server's semantic checks (k/k `pkg/apis/core/validation/validation.go`,
// `pkg/apis/apps/validation`, `pkg/apis/batch/validation`, `pkg/apis/networking/validation`),
// as field errors with its paths and wording. Structural checks (types, required fields, unknown
// fields) are schema-validation.ts's. Runs on the defaulted object; `old` is set on updates.

import { type FieldError, GoValue, goQuote } from './api-errors.ts';
import { selectorFromLabelSelector } from './label-selector.ts';
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
} from './names.ts';
import { tryParseQuantity } from './quantity.ts';
import type { JsonObject } from './kinds.ts';

const isObj = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): JsonObject[] => (Array.isArray(v) ? (v as JsonObject[]) : []);

function supported(values: readonly string[]): string {
  return `supported values: ${values.map((v) => goQuote(v)).join(', ')}`;
}

function notSupported(field: string, value: unknown, values: readonly string[]): FieldError {
  return { type: 'Unsupported value', field, value, detail: supported(values) };
}

function inRange(errors: FieldError[], field: string, value: unknown, min: number, max: number): void {
  if (typeof value === 'number' && (value < min || value > max)) {
    errors.push({ type: 'Invalid value', field, value, detail: `must be between ${min} and ${max}, inclusive` });
  }
}

function nonNegative(errors: FieldError[], field: string, value: unknown): void {
  if (typeof value === 'number' && value < 0) {
    errors.push({ type: 'Invalid value', field, value, detail: 'must be greater than or equal to 0' });
  }
}

/** Which naming rule a kind's names follow. */
function nameRule(kind: string): ((name: string) => string[]) | undefined {
  switch (kind) {
    case 'Namespace':
      return isDNS1123Label;
    case 'Service':
      return isDNS1035Label;
    case 'Role':
    case 'ClusterRole':
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      // RBAC names are path segments.
      return (name) => (name === '.' || name === '..' || /[/%]/.test(name) ? [`may not contain '/' or '%'`] : []);
    default:
      return isDNS1123Subdomain;
  }
}

/** The value as Go's %#v prints a metav1.LabelSelector in field errors. */
export function goLabelSelector(selector: JsonObject | undefined): GoValue {
  const labels = selector?.matchLabels;
  const labelText = isObj(labels)
    ? `map[string]string{${Object.keys(labels)
        .sort()
        .map((k) => `${goQuote(k)}:${goQuote(String(labels[k]))}`)
        .join(', ')}}`
    : 'map[string]string(nil)';
  const expressions = selector?.matchExpressions;
  const expressionText = Array.isArray(expressions)
    ? `[]v1.LabelSelectorRequirement{${expressions
        .map(
          (e: JsonObject) =>
            `v1.LabelSelectorRequirement{Key:${goQuote(String(e.key ?? ''))}, Operator:${goQuote(String(e.operator ?? ''))}, Values:${
              Array.isArray(e.values) ? `[]string{${e.values.map((v: unknown) => goQuote(String(v))).join(', ')}}` : '[]string(nil)'
            }}`,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return new GoValue(`v1.LabelSelector{MatchLabels:${labelText}, MatchExpressions:${expressionText}}`);
}

function validateLabels(errors: FieldError[], field: string, labels: unknown): void {
  if (!isObj(labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    for (const message of isQualifiedName(key)) errors.push({ type: 'Invalid value', field, value: key, detail: message });
    for (const message of isValidLabelValue(String(value))) errors.push({ type: 'Invalid value', field, value, detail: message });
  }
}

function validateMeta(errors: FieldError[], kind: string, meta: JsonObject, path: string, requireName: boolean): void {
  const name = meta.name;
  if (requireName && (name === undefined || name === '')) {
    if (meta.generateName === undefined || meta.generateName === '') {
      errors.push({ type: 'Required value', field: `${path}.name`, detail: 'name or generateName is required' });
    }
  } else if (typeof name === 'string' && name !== '') {
    const rule = nameRule(kind);
    for (const message of rule?.(name) ?? []) errors.push({ type: 'Invalid value', field: `${path}.name`, value: name, detail: message });
  }
  validateLabels(errors, `${path}.labels`, meta.labels);
  if (isObj(meta.annotations)) {
    let size = 0;
    for (const [key, value] of Object.entries(meta.annotations)) {
      for (const message of isQualifiedName(key)) {
        errors.push({ type: 'Invalid value', field: `${path}.annotations`, value: key, detail: message });
      }
      size += key.length + String(value).length;
    }
    if (size > 262144) errors.push({ type: 'Too long', field: `${path}.annotations`, detail: 'must have at most 262144 bytes' });
  }
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

function validateResources(errors: FieldError[], path: string, resources: unknown): void {
  if (!isObj(resources)) return;
  const limits = isObj(resources.limits) ? resources.limits : {};
  const requests = isObj(resources.requests) ? resources.requests : {};
  for (const [which, list] of [
    ['limits', limits],
    ['requests', requests],
  ] as const) {
    for (const [name, value] of Object.entries(list)) {
      const quantity = tryParseQuantity(value);
      if (quantity !== undefined && quantity.nanos < 0n) {
        errors.push({ type: 'Invalid value', field: `${path}.${which}[${name}]`, value: String(value), detail: 'must be greater than or equal to 0' });
      }
    }
  }
  for (const [name, value] of Object.entries(requests)) {
    const request = tryParseQuantity(value);
    const limit = tryParseQuantity(limits[name]);
    if (request !== undefined && limit !== undefined && request.cmp(limit) > 0) {
      errors.push({
        type: 'Invalid value',
        field: `${path}.requests`,
        value: String(value),
        detail: `must be less than or equal to ${name} limit of ${limit.toString()}`,
      });
    }
  }
}

function validateProbe(errors: FieldError[], path: string, probe: unknown, mustSucceedOnce: boolean): void {
  if (!isObj(probe)) return;
  for (const field of ['periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold']) {
    const value = probe[field];
    if (typeof value === 'number' && value < 1) {
      errors.push({ type: 'Invalid value', field: `${path}.${field}`, value, detail: 'must be greater than or equal to 1' });
    }
  }
  nonNegative(errors, `${path}.initialDelaySeconds`, probe.initialDelaySeconds);
  if (mustSucceedOnce && typeof probe.successThreshold === 'number' && probe.successThreshold !== 1) {
    errors.push({ type: 'Invalid value', field: `${path}.successThreshold`, value: probe.successThreshold, detail: 'must be 1' });
  }
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => probe[h] !== undefined);
  if (handlers.length === 0) errors.push({ type: 'Required value', field: path, detail: 'must specify a handler type' });
  if (handlers.length > 1) {
    errors.push({ type: 'Forbidden', field: `${path}.${handlers[1]}`, detail: 'may not specify more than 1 handler type' });
  }
}

function validateContainers(errors: FieldError[], path: string, containers: JsonObject[], volumes: Set<string>, isPod: boolean, names: Set<string>): void {
  containers.forEach((container, i) => {
    const at = `${path}[${i}]`;
    if (!isObj(container)) return;
    const name = container.name;
    if (typeof name === 'string' && name !== '') {
      for (const message of isDNS1123Label(name)) errors.push({ type: 'Invalid value', field: `${at}.name`, value: name, detail: message });
      if (names.has(name)) errors.push({ type: 'Duplicate value', field: `${at}.name`, value: name });
      names.add(name);
    }
    if (isPod && (container.image === undefined || container.image === '')) errors.push({ type: 'Required value', field: `${at}.image` });
    if (container.imagePullPolicy !== undefined && !PULL_POLICIES.includes(container.imagePullPolicy)) {
      errors.push(notSupported(`${at}.imagePullPolicy`, container.imagePullPolicy, PULL_POLICIES));
    }
    const portNames = new Set<string>();
    arr(container.ports).forEach((port, j) => {
      const portPath = `${at}.ports[${j}]`;
      inRange(errors, `${portPath}.containerPort`, port.containerPort, 1, 65535);
      if (port.hostPort !== undefined && port.hostPort !== 0) inRange(errors, `${portPath}.hostPort`, port.hostPort, 1, 65535);
      if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol)) {
        errors.push(notSupported(`${portPath}.protocol`, port.protocol, PROTOCOLS));
      }
      if (typeof port.name === 'string' && port.name !== '') {
        if (portNames.has(port.name)) errors.push({ type: 'Duplicate value', field: `${portPath}.name`, value: port.name });
        portNames.add(port.name);
      }
    });
    validateResources(errors, `${at}.resources`, container.resources);
    arr(container.volumeMounts).forEach((mount, j) => {
      if (typeof mount.name === 'string' && mount.name !== '' && !volumes.has(mount.name)) {
        errors.push({ type: 'Not found', field: `${at}.volumeMounts[${j}].name`, value: mount.name });
      }
    });
    validateProbe(errors, `${at}.livenessProbe`, container.livenessProbe, true);
    validateProbe(errors, `${at}.readinessProbe`, container.readinessProbe, false);
    validateProbe(errors, `${at}.startupProbe`, container.startupProbe, true);
  });
}

/** ValidatePodSpec: containers, volumes, policies. `isPod` distinguishes a Pod from a template. */
export function validatePodSpec(errors: FieldError[], path: string, spec: unknown, isPod: boolean, claimNames: readonly string[] = []): void {
  if (!isObj(spec)) return;
  const volumes = new Set<string>();
  arr(spec.volumes).forEach((volume, i) => {
    const name = volume?.name;
    if (typeof name !== 'string' || name === '') return;
    for (const message of isDNS1123Label(name)) errors.push({ type: 'Invalid value', field: `${path}.volumes[${i}].name`, value: name, detail: message });
    if (volumes.has(name)) errors.push({ type: 'Duplicate value', field: `${path}.volumes[${i}].name`, value: name });
    volumes.add(name);
  });
  // A StatefulSet's volumeClaimTemplates are volumes its pods mount too.
  for (const name of claimNames) volumes.add(name);
  const containers = arr(spec.containers);
  if (Array.isArray(spec.containers) && containers.length === 0) errors.push({ type: 'Required value', field: `${path}.containers` });
  const names = new Set<string>();
  validateContainers(errors, `${path}.initContainers`, arr(spec.initContainers), volumes, isPod, names);
  validateContainers(errors, `${path}.containers`, containers, volumes, isPod, names);
  if (spec.restartPolicy !== undefined && !RESTART_POLICIES.includes(spec.restartPolicy)) {
    errors.push(notSupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  }
  if (spec.dnsPolicy !== undefined && !DNS_POLICIES.includes(spec.dnsPolicy)) {
    errors.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  }
  nonNegative(errors, `${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds);
  if (typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds <= 0) {
    errors.push({ type: 'Invalid value', field: `${path}.activeDeadlineSeconds`, value: spec.activeDeadlineSeconds, detail: 'must be between 1 and 2147483647, inclusive' });
  }
  validateLabels(errors, `${path}.nodeSelector`, spec.nodeSelector);
}

/** Selector + template checks shared by ReplicaSets, Deployments, StatefulSets and DaemonSets. */
function validateSelectorAndTemplate(errors: FieldError[], kindLabel: string, spec: JsonObject, restartPolicies: readonly string[]): void {
  const claimNames = arr(spec.volumeClaimTemplates).map((claim) => String(claim?.metadata?.name ?? ''));
  const selector = spec.selector;
  if (isObj(selector)) {
    const empty = Object.keys(selector.matchLabels ?? {}).length === 0 && arr(selector.matchExpressions).length === 0;
    if (empty) {
      errors.push({ type: 'Invalid value', field: 'spec.selector', value: goLabelSelector(selector), detail: `empty selector is invalid for ${kindLabel}` });
    } else {
      const labels = spec.template?.metadata?.labels;
      let matches = false;
      try {
        matches = selectorFromLabelSelector(selector).matches(isObj(labels) ? labels : {});
      } catch (error) {
        errors.push({ type: 'Invalid value', field: 'spec.selector', value: goLabelSelector(selector), detail: (error as Error).message });
        matches = true;
      }
      if (!matches) {
        errors.push({
          type: 'Invalid value',
          field: 'spec.template.metadata.labels',
          value: isObj(labels) ? labels : new GoValue('map[string]string(nil)'),
          detail: '`selector` does not match template `labels`',
        });
      }
    }
  }
  const template = spec.template;
  if (isObj(template)) {
    if (isObj(template.metadata)) validateLabels(errors, 'spec.template.metadata.labels', template.metadata.labels);
    validatePodSpec(errors, 'spec.template.spec', template.spec, false, claimNames);
    const restartPolicy = template.spec?.restartPolicy;
    if (restartPolicy !== undefined && RESTART_POLICIES.includes(restartPolicy) && !restartPolicies.includes(restartPolicy)) {
      errors.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, restartPolicies));
    }
  }
}

/** An int-or-percent of a rolling update, as a number or a percentage. */
function intOrPercent(errors: FieldError[], field: string, value: unknown): { percent: boolean; n: number } | undefined {
  if (typeof value === 'number') {
    nonNegative(errors, field, value);
    return { percent: false, n: value };
  }
  if (typeof value === 'string') {
    const match = /^(\d+)%$/.exec(value);
    if (match === null) {
      errors.push({ type: 'Invalid value', field, value, detail: "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')" });
      return undefined;
    }
    const n = Number(match[1]);
    if (n > 100) errors.push({ type: 'Invalid value', field, value, detail: 'must not be greater than 100%' });
    return { percent: true, n };
  }
  return undefined;
}

function validateDeployment(errors: FieldError[], o: JsonObject, old: JsonObject | undefined): void {
  const spec = isObj(o.spec) ? o.spec : {};
  nonNegative(errors, 'spec.replicas', spec.replicas);
  validateSelectorAndTemplate(errors, 'deployment', spec, ['Always']);
  const strategy = spec.strategy;
  if (isObj(strategy)) {
    if (strategy.type === 'Recreate' && strategy.rollingUpdate !== undefined) {
      errors.push({ type: 'Forbidden', field: 'spec.strategy.rollingUpdate', detail: "may not be specified when strategy `type` is 'Recreate'" });
    } else if (strategy.type !== undefined && strategy.type !== 'Recreate' && strategy.type !== 'RollingUpdate') {
      errors.push(notSupported('spec.strategy.type', strategy.type, ['Recreate', 'RollingUpdate']));
    }
    const rolling = strategy.rollingUpdate;
    if (isObj(rolling) && strategy.type === 'RollingUpdate') {
      const surge = intOrPercent(errors, 'spec.strategy.rollingUpdate.maxSurge', rolling.maxSurge);
      const unavailable = intOrPercent(errors, 'spec.strategy.rollingUpdate.maxUnavailable', rolling.maxUnavailable);
      if (surge?.n === 0 && unavailable?.n === 0) {
        errors.push({ type: 'Invalid value', field: 'spec.strategy.rollingUpdate.maxUnavailable', value: rolling.maxUnavailable, detail: 'may not be 0 when `maxSurge` is 0' });
      }
    }
  }
  nonNegative(errors, 'spec.minReadySeconds', spec.minReadySeconds);
  if (typeof spec.progressDeadlineSeconds === 'number' && spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
    errors.push({ type: 'Invalid value', field: 'spec.progressDeadlineSeconds', value: spec.progressDeadlineSeconds, detail: 'must be greater than minReadySeconds' });
  }
  immutableSelector(errors, o, old);
}

function immutableSelector(errors: FieldError[], o: JsonObject, old: JsonObject | undefined): void {
  if (old === undefined) return;
  if (JSON.stringify(o.spec?.selector) !== JSON.stringify(old.spec?.selector)) {
    errors.push({ type: 'Invalid value', field: 'spec.selector', value: goLabelSelector(o.spec?.selector), detail: 'field is immutable' });
  }
}

function validateService(errors: FieldError[], o: JsonObject, old: JsonObject | undefined): void {
  const spec = isObj(o.spec) ? o.spec : {};
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (!types.includes(spec.type)) errors.push(notSupported('spec.type', spec.type, types));
  const ports = arr(spec.ports);
  if (ports.length === 0 && spec.clusterIP !== 'None' && spec.type !== 'ExternalName') {
    errors.push({ type: 'Required value', field: 'spec.ports' });
  }
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = `spec.ports[${i}]`;
    if (ports.length > 1 && (port.name === undefined || port.name === '')) errors.push({ type: 'Required value', field: `${at}.name` });
    if (typeof port.name === 'string' && port.name !== '') {
      if (names.has(port.name)) errors.push({ type: 'Duplicate value', field: `${at}.name`, value: port.name });
      names.add(port.name);
    }
    inRange(errors, `${at}.port`, port.port, 1, 65535);
    if (typeof port.targetPort === 'number') inRange(errors, `${at}.targetPort`, port.targetPort, 1, 65535);
    if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol)) errors.push(notSupported(`${at}.protocol`, port.protocol, PROTOCOLS));
    if (port.nodePort !== undefined && port.nodePort !== 0) {
      if (spec.type === 'ClusterIP' || spec.type === 'ExternalName') {
        errors.push({ type: 'Forbidden', field: `${at}.nodePort`, detail: `may not be used when \`type\` is '${spec.type}'` });
      }
    }
  });
  if (!['None', 'ClientIP'].includes(spec.sessionAffinity)) errors.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (typeof timeout === 'number' && (timeout <= 0 || timeout > 86400)) {
    errors.push({ type: 'Invalid value', field: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', value: timeout, detail: 'must be greater than 0 and less than 86400' });
  }
  if (spec.type === 'ExternalName' && (spec.externalName === undefined || spec.externalName === '')) {
    errors.push({ type: 'Required value', field: 'spec.externalName' });
  }
  validateLabels(errors, 'spec.selector', spec.selector);
  const oldIP = old?.spec?.clusterIP;
  if (oldIP !== undefined && oldIP !== '' && spec.clusterIP !== oldIP && old?.spec?.type !== 'ExternalName' && spec.type !== 'ExternalName') {
    errors.push({ type: 'Invalid value', field: 'spec.clusterIPs[0]', value: spec.clusterIPs ?? [], detail: 'may not change once set' });
  }
}

function validateData(errors: FieldError[], o: JsonObject, old: JsonObject | undefined): void {
  const seen = new Set<string>();
  for (const field of ['data', 'stringData', 'binaryData']) {
    if (!isObj(o[field])) continue;
    for (const key of Object.keys(o[field])) {
      for (const message of isConfigMapKey(key)) errors.push({ type: 'Invalid value', field: `${field}[${key}]`, value: key, detail: message });
      if (field === 'binaryData' && seen.has(key)) errors.push({ type: 'Invalid value', field: `${field}[${key}]`, value: key, detail: 'duplicate of key present in data' });
      seen.add(key);
    }
  }
  if (old?.immutable === true) {
    if (o.immutable !== true) errors.push({ type: 'Forbidden', field: 'immutable', detail: 'field is immutable when `immutable` is set' });
    for (const field of ['data', 'binaryData']) {
      if (JSON.stringify(o[field] ?? {}) !== JSON.stringify(old[field] ?? {})) {
        errors.push({ type: 'Forbidden', field, detail: 'field is immutable when `immutable` is set' });
      }
    }
  }
}

function validateIngress(errors: FieldError[], o: JsonObject): void {
  arr(o.spec?.rules).forEach((rule, i) => {
    arr(rule.http?.paths).forEach((path, j) => {
      const at = `spec.rules[${i}].http.paths[${j}]`;
      const pathTypes = ['Exact', 'ImplementationSpecific', 'Prefix'];
      if (path.pathType === undefined) errors.push({ type: 'Required value', field: `${at}.pathType`, detail: 'pathType must be specified' });
      else if (!pathTypes.includes(path.pathType)) errors.push(notSupported(`${at}.pathType`, path.pathType, pathTypes));
      if ((path.pathType === 'Exact' || path.pathType === 'Prefix') && typeof path.path === 'string' && !path.path.startsWith('/')) {
        errors.push({ type: 'Invalid value', field: `${at}.path`, value: path.path, detail: 'must be an absolute path' });
      }
    });
  });
}

const POD_UPDATE_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function mutablePodFields(spec: JsonObject): string {
  const copy = JSON.parse(JSON.stringify(spec)) as JsonObject;
  for (const list of [copy.containers, copy.initContainers]) for (const c of arr(list)) delete c.image;
  delete copy.activeDeadlineSeconds;
  delete copy.tolerations;
  delete copy.terminationGracePeriodSeconds;
  return JSON.stringify(copy);
}

/** Semantic checks for `kind`; `old` is the stored object on an update. */
export function validateObject(kind: string, o: JsonObject, old?: JsonObject): FieldError[] {
  const errors: FieldError[] = [];
  if (isObj(o.metadata)) validateMeta(errors, kind, o.metadata, 'metadata', true);
  const spec = isObj(o.spec) ? o.spec : undefined;
  switch (kind) {
    case 'Pod':
      validatePodSpec(errors, 'spec', spec, true);
      if (old !== undefined && spec !== undefined && isObj(old.spec) && mutablePodFields(spec) !== mutablePodFields(old.spec)) {
        errors.push({ type: 'Forbidden', field: 'spec', detail: POD_UPDATE_MESSAGE });
      }
      break;
    case 'Deployment':
      validateDeployment(errors, o, old);
      break;
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
      nonNegative(errors, 'spec.replicas', spec?.replicas);
      validateSelectorAndTemplate(errors, kind === 'ReplicaSet' ? 'replicaset' : kind.toLowerCase(), spec ?? {}, ['Always']);
      immutableSelector(errors, o, old);
      break;
    case 'ReplicationController':
      nonNegative(errors, 'spec.replicas', spec?.replicas);
      if (spec !== undefined && isObj(spec.template)) validatePodSpec(errors, 'spec.template.spec', spec.template.spec, false);
      break;
    case 'Job':
      for (const field of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds']) nonNegative(errors, `spec.${field}`, spec?.[field]);
      if (spec !== undefined && isObj(spec.template)) {
        validatePodSpec(errors, 'spec.template.spec', spec.template.spec, false);
        const restartPolicy = spec.template.spec?.restartPolicy;
        if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
          errors.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['OnFailure', 'Never']));
        }
      }
      if (old !== undefined && JSON.stringify(spec?.template) !== JSON.stringify(old.spec?.template)) {
        errors.push({ type: 'Invalid value', field: 'spec.template', value: new GoValue('core.PodTemplateSpec{...}'), detail: 'field is immutable' });
      }
      break;
    case 'CronJob': {
      const name = o.metadata?.name;
      if (typeof name === 'string' && name.length > 52) {
        errors.push({ type: 'Invalid value', field: 'metadata.name', value: name, detail: 'must be no more than 52 characters' });
      }
      if (typeof spec?.schedule === 'string' && spec.schedule.trim() === '') errors.push({ type: 'Required value', field: 'spec.schedule' });
      const policies = ['Allow', 'Forbid', 'Replace'];
      if (spec?.concurrencyPolicy !== undefined && !policies.includes(spec.concurrencyPolicy)) {
        errors.push(notSupported('spec.concurrencyPolicy', spec.concurrencyPolicy, policies));
      }
      const template = spec?.jobTemplate?.spec?.template;
      if (isObj(template)) {
        validatePodSpec(errors, 'spec.jobTemplate.spec.template.spec', template.spec, false);
        const restartPolicy = template.spec?.restartPolicy;
        if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
          errors.push(notSupported('spec.jobTemplate.spec.template.spec.restartPolicy', restartPolicy, ['OnFailure', 'Never']));
        }
      }
      break;
    }
    case 'Service':
      validateService(errors, o, old);
      break;
    case 'ConfigMap':
    case 'Secret':
      validateData(errors, o, old);
      break;
    case 'Ingress':
      validateIngress(errors, o);
      break;
    case 'PersistentVolumeClaim':
      if (arr(spec?.accessModes).length === 0) errors.push({ type: 'Required value', field: 'spec.accessModes', detail: 'at least 1 access mode is required' });
      if (spec?.resources?.requests?.storage === undefined && spec?.dataSource === undefined) {
        errors.push({ type: 'Required value', field: 'spec.resources[storage]' });
      }
      break;
    case 'PersistentVolume':
      if (arr(spec?.accessModes).length === 0) errors.push({ type: 'Required value', field: 'spec.accessModes' });
      if (spec?.capacity?.storage === undefined) errors.push({ type: 'Required value', field: 'spec.capacity.storage' });
      break;
    case 'HorizontalPodAutoscaler': {
      const min = spec?.minReplicas;
      const max = spec?.maxReplicas;
      if (typeof min === 'number' && min < 1) errors.push({ type: 'Invalid value', field: 'spec.minReplicas', value: min, detail: 'must be greater than or equal to 1' });
      if (typeof max === 'number' && typeof min === 'number' && max < min) {
        errors.push({ type: 'Invalid value', field: 'spec.maxReplicas', value: max, detail: 'must be greater than or equal to `minReplicas`' });
      }
      break;
    }
  }
  return errors;
}
