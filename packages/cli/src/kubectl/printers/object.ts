// The few facts every printer needs about any Kubernetes object, whatever its kind: the shapes
// are `kubernetes-types`'; these helpers read the type meta and object meta of any of them.
import type { ObjectMeta } from 'kubernetes-types/meta/v1';

/** Any Kubernetes object as the API serves it (a typed one from kubernetes-types, or a custom resource). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** A kind with its API group, as kubectl names it: `Deployment` in `apps`, `Pod` in the core group (''). */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** The group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (core). */
export function groupOf(apiVersion: string | undefined): string {
  if (apiVersion === undefined) return '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function groupKindOf(object: KubeObject): GroupKind {
  return { group: groupOf(object.apiVersion), kind: object.kind ?? '' };
}

/**
 * The resource prefix kubectl puts before a name (`-o name`, multi-kind tables):
 * `pod`, `deployment.apps`, `horizontalpodautoscaler.autoscaling` — schema.GroupKind.String()
 * in lower case. [cli-runtime printers/name.go `printObj`; tableprinter.go `decorateTable`]
 */
export function kindPrefix(groupKind: GroupKind): string {
  const text = groupKind.group === '' ? groupKind.kind : `${groupKind.kind}.${groupKind.group}`;
  return text.toLowerCase();
}

export function sameGroupKind(a: GroupKind, b: GroupKind): boolean {
  return a.group === b.group && a.kind === b.kind;
}
