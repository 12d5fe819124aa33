// From rendered template files to helm's ordered manifests and hooks (pkg/release/v1/util:
// manifest.go, manifest_sorter.go, kind_sorter.go): files in sorted order, split into YAML
// documents, each document's head read (apiVersion, kind, metadata.name, annotations), hooks
// (the helm.sh/hook annotation) set apart, then a stable sort by helm's install order of kinds.

import { type GoMap, type GoValue, isGoMap } from '../template/value.ts';
import { jsonKind, parseGoYaml, YamlError } from '../yaml/go-yaml-parse.ts';

/** helm's InstallOrder: kinds installed first come first; unknown kinds go last, by name. */
export const INSTALL_ORDER: readonly string[] = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

/** helm's UninstallOrder: webhooks and front doors first, namespaces and priority classes last. */
export const UNINSTALL_ORDER: readonly string[] = [
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'Ingress',
  'IngressClass',
  'Service',
  'CronJob',
  'Job',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'Pod',
  'DaemonSet',
  'RoleBindingList',
  'RoleBinding',
  'RoleList',
  'Role',
  'ClusterRoleBindingList',
  'ClusterRoleBinding',
  'ClusterRoleList',
  'ClusterRole',
  'CustomResourceDefinition',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'ConfigMap',
  'SecretList',
  'Secret',
  'ServiceAccount',
  'PodDisruptionBudget',
  'PodSecurityPolicy',
  'LimitRange',
  'ResourceQuota',
  'NetworkPolicy',
  'Namespace',
  'PriorityClass',
];

/** The fields helm reads from every document (SimpleHead). */
export interface ManifestHead {
  apiVersion: string;
  kind: string;
  name: string;
  annotations: Record<string, string>;
}

export interface Manifest {
  /** The template's path, "mychart/templates/service.yaml" (what `# Source:` prints). */
  name: string;
  content: string;
  head: ManifestHead;
}

export type HookEvent =
  | 'pre-install'
  | 'post-install'
  | 'pre-delete'
  | 'post-delete'
  | 'pre-upgrade'
  | 'post-upgrade'
  | 'pre-rollback'
  | 'post-rollback'
  | 'test';

export interface Hook {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: HookEvent[];
  weight: number;
  deletePolicies: string[];
  /** helm.sh/hook-output-log-policy (helm 4): when to print the hook pod's logs. */
  outputLogPolicies: string[];
}

const HOOK_EVENTS: Record<string, HookEvent> = {
  'pre-install': 'pre-install',
  'post-install': 'post-install',
  'pre-delete': 'pre-delete',
  'post-delete': 'post-delete',
  'pre-upgrade': 'pre-upgrade',
  'post-upgrade': 'post-upgrade',
  'pre-rollback': 'pre-rollback',
  'post-rollback': 'post-rollback',
  test: 'test',
  'test-success': 'test',
};

export class ManifestError extends Error {
  override name = 'ManifestError';
}

/**
 * Splits a YAML stream at lines starting with `---`. As helm does for chart API v1/v2 (at the
 * golden files' commit) a `---` glued to content (left by `{{-` trimming) still separates, the
 * newline before a separator stays with the document before it (the golden files' blank lines
 * under --show-only depend on that), and each document loses its leading white space only.
 */
export function splitManifests(bigFile: string): string[] {
  const docs = bigFile.replace(/^\s+/u, '').split(/^---[ \t]*/m);
  return docs.filter((d) => d.trim() !== '').map((d) => d.replace(/^\s+/u, ''));
}

function readHead(content: string, path: string): ManifestHead {
  let value: GoValue;
  try {
    value = parseGoYaml(content);
  } catch (err) {
    if (err instanceof YamlError) throw new ManifestError(`YAML parse error on ${path}: ${err.message}`);
    throw err;
  }
  if (value === null) return { apiVersion: '', kind: '', name: '', annotations: {} };
  if (!isGoMap(value)) {
    throw new ManifestError(
      `YAML parse error on ${path}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(value)} into Go value of type util.SimpleHead`,
    );
  }
  const str = (v: GoValue, field: string): string => {
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') {
      throw new ManifestError(
        `YAML parse error on ${path}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type string`,
      );
    }
    return v;
  };
  const metadata = value.get('metadata');
  const meta: GoMap = isGoMap(metadata) ? metadata : new Map();
  const annotations: Record<string, string> = Object.create(null) as Record<string, string>;
  const rawAnnotations = meta.get('annotations');
  if (isGoMap(rawAnnotations)) {
    for (const [k, v] of rawAnnotations) annotations[k] = str(v, `SimpleHead.metadata.annotations`);
  }
  return {
    apiVersion: str(value.get('apiVersion'), 'SimpleHead.apiVersion'),
    kind: str(value.get('kind'), 'SimpleHead.kind'),
    name: str(meta.get('name'), 'SimpleHead.metadata.name'),
    annotations,
  };
}

const byKind = (order: readonly string[]) => {
  const rank = new Map(order.map((kind, i) => [kind, i]));
  return (a: string, b: string): number => {
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (ra === undefined && rb === undefined) return a === b ? 0 : a < b ? -1 : 1;
    if (ra === undefined) return 1;
    if (rb === undefined) return -1;
    return ra - rb;
  };
};

/** helm's SortManifests: hooks and manifests of the rendered files, each sorted by kind. */
export function sortManifests(
  files: ReadonlyMap<string, string>,
  order: readonly string[] = INSTALL_ORDER,
): { hooks: Hook[]; manifests: Manifest[] } {
  const hooks: Hook[] = [];
  const manifests: Manifest[] = [];
  for (const path of [...files.keys()].sort()) {
    const content = files.get(path)!;
    if (baseName(path).startsWith('_') || content.trim() === '') continue;
    for (const doc of splitManifests(content)) {
      const head = readHead(doc, path);
      const hookTypes = head.annotations['helm.sh/hook'];
      if (hookTypes === undefined) {
        manifests.push({ name: path, content: doc, head });
        continue;
      }
      const events: HookEvent[] = [];
      let unknown = false;
      for (const type of hookTypes.split(',')) {
        const key = type.trim().toLowerCase();
        const event = Object.hasOwn(HOOK_EVENTS, key) ? HOOK_EVENTS[key] : undefined;
        if (!event) {
          unknown = true;
          break;
        }
        events.push(event);
      }
      // helm skips (and logs) a document with an unknown hook type.
      if (unknown) continue;
      const weight = Number.parseInt(head.annotations['helm.sh/hook-weight'] ?? '', 10);
      hooks.push({
        name: head.name,
        kind: head.kind,
        path,
        manifest: doc,
        events,
        weight: Number.isNaN(weight) || !/^[+-]?\d+$/.test(head.annotations['helm.sh/hook-weight']?.trim() ?? '') ? 0 : weight,
        deletePolicies: annotationList(head, 'helm.sh/hook-delete-policy'),
        outputLogPolicies: annotationList(head, 'helm.sh/hook-output-log-policy'),
      });
    }
  }
  const compare = byKind(order);
  // Array.prototype.sort is stable, as Go's sort.SliceStable.
  hooks.sort((a, b) => compare(a.kind, b.kind));
  manifests.sort((a, b) => compare(a.head.kind, b.head.kind));
  return { hooks, manifests };
}

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** A comma-separated annotation's values (helm's operateAnnotationValues). */
const annotationList = (head: ManifestHead, key: string): string[] =>
  (head.annotations[key] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
