// Mutating admission the API server runs on new Pods after defaulting (k/k `plugin/pkg/admission`):
// - DefaultTolerationSeconds: not-ready and unreachable NoExecute tolerations for 300 s;
// - Priority: `priority` from the PriorityClass named (0 and PreemptLowerPriority without one);
// - ServiceAccount: `serviceAccountName: default`, and the projected `kube-api-access-<5>` token
//   volume mounted read-only at /var/run/secrets/kubernetes.io/serviceaccount in every container;
// and the Pod strategy's PrepareForCreate: status `Pending` with the QoS class.

import type { Pod, Toleration } from 'kubernetes-types/core/v1';
import { qosClass } from './qos.ts';

export const DEFAULT_TOLERATION_SECONDS = 300;
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface PodAdmissionContext {
  /** The value of a PriorityClass, or undefined when none has that name. */
  priorityClassValue(name: string): { value: number; preemptionPolicy?: string } | undefined;
  /** Whether the namespace has the ServiceAccount. */
  serviceAccountExists(namespace: string, name: string): boolean;
  /** Five random characters for the token volume's name. */
  randomSuffix(): string;
}

export class AdmissionError extends Error {}

function addDefaultTolerations(pod: Pod): void {
  const tolerations: Toleration[] = pod.spec!.tolerations ?? [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const tolerated = tolerations.some(
      (t) => (t.key === key || (t.key === undefined && t.operator === 'Exists')) && (t.effect === undefined || t.effect === 'NoExecute'),
    );
    if (!tolerated) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    }
  }
  pod.spec!.tolerations = tolerations;
}

function mountServiceAccountToken(pod: Pod, context: PodAdmissionContext): void {
  const spec = pod.spec!;
  const namespace = pod.metadata?.namespace ?? 'default';
  if (spec.automountServiceAccountToken === false) return;
  if (!context.serviceAccountExists(namespace, spec.serviceAccountName!)) return;
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  if (containers.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH))) return;
  const name = `kube-api-access-${context.randomSuffix()}`;
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
  ];
  for (const container of containers) {
    container.volumeMounts = [...(container.volumeMounts ?? []), { name, mountPath: SERVICE_ACCOUNT_MOUNT_PATH, readOnly: true }];
  }
}

/** Admits a new, defaulted Pod (mutating it); throws AdmissionError with the Forbidden detail. */
export function admitPod(pod: Pod, context: PodAdmissionContext): void {
  const spec = pod.spec!;
  addDefaultTolerations(pod);
  if (spec.priorityClassName !== undefined && spec.priorityClassName !== '') {
    const found = context.priorityClassValue(spec.priorityClassName);
    if (found === undefined) throw new AdmissionError(`no PriorityClass with name ${spec.priorityClassName} was found`);
    spec.priority = found.value;
    spec.preemptionPolicy ??= found.preemptionPolicy ?? 'PreemptLowerPriority';
  } else {
    spec.priority ??= 0;
    spec.preemptionPolicy ??= 'PreemptLowerPriority';
  }
  spec.serviceAccountName ??= spec.serviceAccount ?? 'default';
  spec.serviceAccount = spec.serviceAccountName;
  mountServiceAccountToken(pod, context);
  (pod as { status?: Pod['status'] }).status = { phase: 'Pending', qosClass: qosClass(spec) };
}
