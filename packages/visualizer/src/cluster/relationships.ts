// How the cluster's objects hang together, read from the API store the way the controllers
// themselves relate them: owner references (Deployment → ReplicaSets → Pods, Jobs, StatefulSets,
// DaemonSets), label selectors (a Service's pods), endpoints (which pod addresses a Service sends
// to), an Ingress's backends, a claim's volume, and the ConfigMaps and Secrets a pod consumes.
//
// Objects are named as the events' OBJECT column names them, `kind/name` with the kind in lower
// case (`deployment/web`); a name is looked up in `default` first, then in the other namespaces.

import type { World } from '@dockyard/cli';
import { type DeepReadonly, type KubeObject, selectorFromSet, type Stored } from '@dockyard/scheduler';
import type { Pod } from 'kubernetes-types/core/v1';

export interface FoundObject {
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly object: DeepReadonly<KubeObject>;
}

/** `Deployment` → `deployment/web` */
export function selectionOf(kind: string, name: string): string {
  return `${kind.toLowerCase()}/${name}`;
}

/** The object a selection names, or undefined when there is none (any more). */
export function findObject(world: World, selection: string | undefined): FoundObject | undefined {
  if (selection === undefined) return undefined;
  const slash = selection.indexOf('/');
  if (slash <= 0) return undefined;
  const { store } = world.cluster;
  let type;
  try {
    type = store.registry.resolve(selection.slice(0, slash));
  } catch {
    return undefined;
  }
  const name = selection.slice(slash + 1);
  const kind = type.group === '' ? type.kind : `${type.kind}.${type.group}`;
  if (!type.namespaced) {
    const object = store.tryGet(kind, undefined, name);
    return object === undefined ? undefined : { kind: type.kind, namespace: undefined, name, object };
  }
  const namespaces = store
    .list('Namespace')
    .items.map((n) => n.metadata!.name!)
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a < b ? -1 : 1));
  for (const namespace of namespaces) {
    const object = store.tryGet(kind, namespace, name);
    if (object !== undefined) return { kind: type.kind, namespace, name, object };
  }
  return undefined;
}

function keyOf(pod: DeepReadonly<KubeObject>): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}

function ownedBy(world: World, owner: DeepReadonly<KubeObject>, kind?: string): DeepReadonly<KubeObject>[] {
  const uid = owner.metadata?.uid;
  if (uid === undefined) return [];
  return world.cluster.store
    .dependents(uid)
    .filter((d) => kind === undefined || d.kind === kind)
    .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
}

/** A Service's pods: those its selector matches in its namespace (none without a selector). */
export function servicePods(world: World, service: Stored<'Service'>): Stored<'Pod'>[] {
  const selector = service.spec?.selector;
  if (selector === undefined || Object.keys(selector).length === 0) return [];
  const match = selectorFromSet(selector as Record<string, string>);
  return world.cluster.store.list('Pod', { namespace: service.metadata!.namespace! }).items.filter((p) => match.matches(p.metadata?.labels ?? {}));
}

/** Names of the ConfigMaps and Secrets a pod reads: volumes, projected sources, env, envFrom, pull secrets. */
export function podConfigSources(pod: DeepReadonly<Pod>): { configMaps: Set<string>; secrets: Set<string> } {
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  const spec = pod.spec;
  for (const volume of spec?.volumes ?? []) {
    if (volume.configMap?.name) configMaps.add(volume.configMap.name);
    if (volume.secret?.secretName) secrets.add(volume.secret.secretName);
    for (const source of volume.projected?.sources ?? []) {
      if (source.configMap?.name) configMaps.add(source.configMap.name);
      if (source.secret?.name) secrets.add(source.secret.name);
    }
  }
  for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    for (const env of container.env ?? []) {
      if (env.valueFrom?.configMapKeyRef?.name) configMaps.add(env.valueFrom.configMapKeyRef.name);
      if (env.valueFrom?.secretKeyRef?.name) secrets.add(env.valueFrom.secretKeyRef.name);
    }
    for (const from of container.envFrom ?? []) {
      if (from.configMapRef?.name) configMaps.add(from.configMapRef.name);
      if (from.secretRef?.name) secrets.add(from.secretRef.name);
    }
  }
  for (const pull of spec?.imagePullSecrets ?? []) if (pull.name) secrets.add(pull.name);
  return { configMaps, secrets };
}

function podsInNamespace(world: World, namespace: string | undefined, keep: (pod: Stored<'Pod'>) => boolean): Stored<'Pod'>[] {
  return world.cluster.store.list('Pod', namespace === undefined ? {} : { namespace }).items.filter(keep);
}

function claimPods(world: World, namespace: string, claim: string): Stored<'Pod'>[] {
  return podsInNamespace(world, namespace, (p) => (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim));
}

/** Backend Services of an Ingress: the default backend and every rule path's, in order, once each. */
export function ingressServices(ingress: Stored<'Ingress'>): string[] {
  const names: string[] = [];
  const add = (name: string | undefined) => name !== undefined && !names.includes(name) && names.push(name);
  add(ingress.spec?.defaultBackend?.service?.name);
  for (const rule of ingress.spec?.rules ?? []) for (const path of rule.http?.paths ?? []) add(path.backend.service?.name);
  return names;
}

/**
 * The pods an object stands for: its own pods for workloads (through owner references), a
 * Service's selected pods, a node's pods, the pods using a claim, volume, ConfigMap or Secret, an
 * Ingress's backends' pods. Keys are `namespace/name`.
 */
export function podsOf(world: World, found: FoundObject): Set<string> {
  const pods = new Set<string>();
  const add = (list: readonly DeepReadonly<KubeObject>[]) => list.forEach((p) => pods.add(keyOf(p)));
  const { store } = world.cluster;
  const ns = found.namespace;
  switch (found.kind) {
    case 'Pod':
      add([found.object]);
      break;
    case 'Deployment':
      for (const rs of ownedBy(world, found.object, 'ReplicaSet')) add(ownedBy(world, rs, 'Pod'));
      break;
    case 'CronJob':
      for (const job of ownedBy(world, found.object, 'Job')) add(ownedBy(world, job, 'Pod'));
      break;
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
    case 'ReplicationController':
      add(ownedBy(world, found.object, 'Pod'));
      break;
    case 'Service':
      add(servicePods(world, found.object as Stored<'Service'>));
      break;
    case 'Ingress':
      for (const name of ingressServices(found.object as Stored<'Ingress'>)) {
        const service = store.tryGet('Service', ns, name);
        if (service !== undefined) add(servicePods(world, service));
      }
      break;
    case 'Node':
      add(store.podsOnNode(found.name));
      break;
    case 'PersistentVolumeClaim':
      add(claimPods(world, ns!, found.name));
      break;
    case 'PersistentVolume': {
      const ref = (found.object as Stored<'PersistentVolume'>).spec?.claimRef;
      if (ref?.namespace && ref.name) add(claimPods(world, ref.namespace, ref.name));
      break;
    }
    case 'ConfigMap':
      add(podsInNamespace(world, ns, (p) => podConfigSources(p).configMaps.has(found.name)));
      break;
    case 'Secret':
      add(podsInNamespace(world, ns, (p) => podConfigSources(p).secrets.has(found.name)));
      break;
  }
  return pods;
}

