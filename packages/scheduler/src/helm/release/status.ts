// `helm status` and `helm get` (pkg/action/status.go, get.go): one revision of a release (the
// newest unless asked), and for status the live objects of its manifest grouped as helm 4 shows
// them: by "version/Kind", with the pods their selectors pick under "v1/Pod(related)".

import type { KubeObject } from '../../api/kinds.ts';
import { selectorFromSet } from '../../api/label-selector.ts';
import { releaseNameError } from '../render/release-renderer.ts';
import type { ActionConfig } from './action-config.ts';
import { ReleaseActionError } from './install.ts';
import type { Release } from './release.ts';

/** releaseContent: the revision `version`, or the newest when it is 0. */
export function releaseContent(cfg: ActionConfig, name: string, version = 0): Release {
  if (releaseNameError(name) !== undefined) throw new ReleaseActionError(`releaseContent: Release name is invalid: ${name}`);
  return version <= 0 ? cfg.releases.last(name) : cfg.releases.get(name, version);
}

export interface ResourceGroup {
  /** "v1/Service", "v1/Deployment" (helm leaves the group out), "v1/Pod(related)". */
  key: string;
  objects: KubeObject[];
}

/** getSelectorFromObject: the labels that pick a workload's or Service's pods (match labels only). */
function podSelector(kind: string, object: KubeObject): Record<string, string> | undefined {
  const spec = object['spec'] as { selector?: Record<string, unknown> } | undefined;
  const selector = spec?.selector;
  let labels: unknown;
  if (kind === 'Service' || kind === 'ReplicationController') labels = selector;
  else if (['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job'].includes(kind)) labels = selector?.['matchLabels'];
  if (typeof labels !== 'object' || labels === null || Object.keys(labels).length === 0) return undefined;
  return labels as Record<string, string>;
}

/** The release's live objects by kind, in manifest order, with their pods (each selector once). */
export function releaseResources(cfg: ActionConfig, release: Release): ResourceGroup[] {
  const groups = new Map<string, KubeObject[]>();
  const add = (key: string, object: KubeObject) => {
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(object);
  };
  const seenSelectors = new Set<string>();
  for (const r of cfg.kube.build(release.manifest, release.namespace)) {
    const live = cfg.kube.get(r);
    if (live === undefined) continue;
    add(`${r.type.version}/${r.type.kind}`, live);
    const selector = podSelector(r.type.kind, live);
    if (selector === undefined) continue;
    const key = `${r.namespace}:${JSON.stringify(selector)}`;
    if (seenSelectors.has(key)) continue;
    seenSelectors.add(key);
    for (const pod of cfg.store.list('Pod', { namespace: r.namespace, labelSelector: selectorFromSet(selector) }).items) add('v1/Pod(related)', pod as KubeObject);
  }
  return [...groups].map(([key, objects]) => ({ key, objects }));
}
