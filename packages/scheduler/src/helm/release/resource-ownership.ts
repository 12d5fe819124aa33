// How helm marks and recognises the objects a release owns (pkg/action/validate.go): the label
// app.kubernetes.io/managed-by=Helm and the annotations meta.helm.sh/release-name and
// meta.helm.sh/release-namespace. An install refuses to take over an existing object that does
// not carry this release's marks.

import type { KubeObject } from '../../api/kinds.ts';
import { type KubeClient, type Resource, resourceString } from './kube-client.ts';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_HELM = 'Helm';
export const RELEASE_NAME_ANNOTATION = 'meta.helm.sh/release-name';
export const RELEASE_NAMESPACE_ANNOTATION = 'meta.helm.sh/release-namespace';

/** setMetadataVisitor with forceOwnership: stamps every object with the release's marks. */
export function setOwnershipMetadata(resources: readonly Resource[], releaseName: string, releaseNamespace: string): void {
  for (const r of resources) {
    const meta = (r.object.metadata ??= {});
    meta.labels = { ...meta.labels, [MANAGED_BY_LABEL]: MANAGED_BY_HELM };
    meta.annotations = { ...meta.annotations, [RELEASE_NAME_ANNOTATION]: releaseName, [RELEASE_NAMESPACE_ANNOTATION]: releaseNamespace };
  }
}

function requireValue(map: Readonly<Record<string, string>> | undefined, key: string, value: string): string | undefined {
  const actual = map?.[key];
  if (actual === undefined) return `missing key ${JSON.stringify(key)}: must be set to ${JSON.stringify(value)}`;
  if (actual !== value) return `key ${JSON.stringify(key)} must equal ${JSON.stringify(value)}: current value is ${JSON.stringify(actual)}`;
  return undefined;
}

/** checkOwnership: undefined when the object belongs to the release, else helm's complaint. */
export function ownershipError(object: KubeObject, releaseName: string, releaseNamespace: string): string | undefined {
  const meta = object.metadata;
  const errors: string[] = [];
  const label = requireValue(meta?.labels, MANAGED_BY_LABEL, MANAGED_BY_HELM);
  if (label) errors.push(`label validation error: ${label}`);
  const name = requireValue(meta?.annotations, RELEASE_NAME_ANNOTATION, releaseName);
  if (name) errors.push(`annotation validation error: ${name}`);
  const namespace = requireValue(meta?.annotations, RELEASE_NAMESPACE_ANNOTATION, releaseNamespace);
  if (namespace) errors.push(`annotation validation error: ${namespace}`);
  return errors.length === 0 ? undefined : `invalid ownership metadata; ${errors.join('; ')}`;
}

/**
 * existingResourceConflict: the objects that already exist and belong to this release (to be
 * adopted by an update); throws for one that exists and does not.
 */
export function existingResourceConflict(kube: KubeClient, resources: readonly Resource[], releaseName: string, releaseNamespace: string): Resource[] {
  const adopt: Resource[] = [];
  for (const r of resources) {
    const live = kube.get(r);
    if (live === undefined) continue;
    const problem = ownershipError(live, releaseName, releaseNamespace);
    if (problem) throw new OwnershipError(`${resourceString(r)} exists and cannot be imported into the current release: ${problem}`);
    adopt.push(r);
  }
  return adopt;
}

export class OwnershipError extends Error {
  override name = 'OwnershipError';
}
