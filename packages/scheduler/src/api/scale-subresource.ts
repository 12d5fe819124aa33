// The scale subresource: an autoscaling/v1 Scale standing for the replica count of a Deployment,
// ReplicaSet, StatefulSet or ReplicationController. `kubectl scale`, `kubectl patch
// --subresource=scale` and autoscalers read and write it; only spec.replicas goes back to the
// object. Other kinds have no such path: the API server's generic 404.
// [k8s pkg/registry/apps/deployment/storage/storage.go ScaleREST, scaleFromDeployment;
// pkg/apis/autoscaling/validation ValidateScale]

import { invalid, StatusError } from './api-errors.ts';
import type { JsonObject } from './kinds.ts';
import { selectorFromLabelSelector } from './label-selector.ts';

export interface Scale {
  apiVersion: 'autoscaling/v1';
  kind: 'Scale';
  metadata: { name?: string; namespace?: string; uid?: string; resourceVersion?: string; creationTimestamp?: string };
  spec: { replicas: number };
  /** The selector as a label query string (`app=web`), not a LabelSelector. */
  status: { replicas: number; selector: string };
}

const SCALABLE = new Set(['deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'replicationcontrollers']);

/** Whether a resource serves /scale. */
export function hasScale(type: { readonly group: string; readonly resource: string }): boolean {
  return SCALABLE.has(type.group === '' ? type.resource : `${type.resource}.${type.group}`);
}

/** A path the API server does not serve (errors.NewNotFound with no resource). */
export function subresourceNotFound(): StatusError {
  return new StatusError('NotFound', 'the server could not find the requested resource');
}

/** The Scale of a scalable object. */
export function scaleOf(object: JsonObject): Scale {
  const meta = object.metadata ?? {};
  const selector = object.spec?.selector;
  // ReplicationControllers select with a plain map; the others with a LabelSelector.
  const selectorText =
    object.kind === 'ReplicationController'
      ? Object.keys(selector ?? {})
          .sort()
          .map((k) => `${k}=${selector[k]}`)
          .join(',')
      : selectorFromLabelSelector(selector).toString();
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
      creationTimestamp: meta.creationTimestamp,
    },
    spec: { replicas: object.spec?.replicas ?? 0 },
    status: { replicas: object.status?.replicas ?? 0, selector: selectorText },
  };
}

/** The replica count a written Scale asks for (absent is 0), refused as ValidateScale refuses it. */
export function scaleReplicas(scale: JsonObject, name: string): number {
  const replicas: unknown = scale.spec?.replicas;
  if (replicas === undefined) return 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid({ group: 'autoscaling', kind: 'Scale' }, name, [{ type: 'Invalid value', field: 'spec.replicas', value: replicas, detail: 'must be greater than or equal to 0' }]);
  }
  return replicas;
}
