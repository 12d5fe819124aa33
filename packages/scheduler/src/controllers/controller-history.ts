// ControllerRevisions: the template history of StatefulSets and DaemonSets (k/k
// `pkg/controller/history/controller_history.go`). A revision holds a patch that sets the pod
// template (`{"spec":{"template":{...,"$patch":"replace"}}}`), a revision number, and a name
// `<owner>-<hash>` where the hash is FNV-1 (32 bits) of the patch's JSON followed by the
// collision count in decimal, written through SafeEncodeString like the pod-template-hash. The
// JSON here is the stored template with sorted keys, as Go's json.Marshal of a map prints it; it
// matches Kubernetes' bytes when the stored template carries the same defaulted fields (Go also
// escapes <, > and & in strings, which this does not).

import type { ControllerRevision } from 'kubernetes-types/apps/v1';
import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import { deepCopy, type DeepReadonly, type KubeObject, type Stored } from '../api/kinds.ts';
import { fnv32, safeEncodeString, utf8 } from './pod-template-hash.ts';
import { newControllerRef } from './pod-util.ts';

export type RevisionView = Stored<'ControllerRevision'>;

/** The label a ControllerRevision carries its hash in. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

/** JSON with sorted keys, as encoding/json prints a map. */
export function sortedJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(record[k])}`).join(',')}}`;
}

/** HashControllerRevision: the collision count is always written (the controllers pass a pointer). */
export function hashRevisionData(data: unknown, collisionCount: number): string {
  return safeEncodeString(String(fnv32(utf8(sortedJson(data) + String(collisionCount)))));
}

/** The revision data of a pod template (getPatch). */
export function templatePatch(template: DeepReadonly<{ metadata?: KubeObject['metadata'] }> | undefined): Record<string, unknown> {
  const copy = deepCopy(template ?? {}) as Record<string, unknown> & { metadata?: Record<string, unknown> };
  copy.metadata = { creationTimestamp: null, ...copy.metadata };
  return { spec: { template: { ...copy, $patch: 'replace' } } };
}

/** The pod template a revision holds (ApplyRevision for the template). */
export function templateOf(revision: RevisionView): Record<string, unknown> {
  const data = deepCopy(revision.data) as { spec?: { template?: Record<string, unknown> } } | undefined;
  const template = { ...(data?.spec?.template ?? {}) };
  delete template.$patch;
  const metadata = { ...(template.metadata as Record<string, unknown> | undefined) };
  delete metadata.creationTimestamp;
  template.metadata = metadata;
  return template;
}

/** SortControllerRevisions: by revision, then creation, then name. */
export function byRevisionNumber(a: RevisionView, b: RevisionView): number {
  if (a.revision !== b.revision) return a.revision - b.revision;
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata!.name! < b.metadata!.name! ? -1 : 1;
}

/** NewControllerRevision: labelled with the template's labels and its hash, owned by `owner`. */
export function newRevision(owner: DeepReadonly<KubeObject>, templateLabels: Readonly<Record<string, string>> | undefined, data: Record<string, unknown>, revision: number, collisionCount: number): ControllerRevision {
  const hash = hashRevisionData(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${owner.metadata!.name!.slice(0, 223)}-${hash}`,
      namespace: owner.metadata!.namespace!,
      labels: { ...templateLabels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ownerReferences: [newControllerRef(owner)],
      ...(owner.metadata?.annotations === undefined ? {} : { annotations: { ...owner.metadata.annotations } }),
    },
    data,
    revision,
  };
}

/** EqualRevision: the same hash label and the same data. */
export function equalRevision(a: DeepReadonly<ControllerRevision>, b: DeepReadonly<ControllerRevision>): boolean {
  if (a.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] !== b.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL]) return false;
  return sortedJson(a.data) === sortedJson(b.data);
}

/**
 * CreateControllerRevision: creates it, or, when its name is taken by a revision with other data,
 * counts a collision and hashes again. Returns the revision and the collision count.
 */
export function createRevision(
  store: ApiStore,
  owner: DeepReadonly<KubeObject>,
  templateLabels: Readonly<Record<string, string>> | undefined,
  data: Record<string, unknown>,
  revision: number,
  collisionCount: number,
): { revision: RevisionView; collisionCount: number } {
  for (let count = collisionCount; ; count++) {
    const candidate = newRevision(owner, templateLabels, data, revision, count);
    try {
      return { revision: store.create(candidate), collisionCount: count };
    } catch (error) {
      if (!(error instanceof StatusError && error.reason === 'AlreadyExists')) throw error;
      const existing = store.get('ControllerRevision', candidate.metadata!.namespace, candidate.metadata!.name!);
      if (equalRevision(existing, candidate)) return { revision: existing, collisionCount: count };
    }
  }
}
