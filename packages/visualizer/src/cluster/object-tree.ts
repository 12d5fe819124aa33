// One object's tree, on demand: what it leads to, the way traffic and ownership go.
//   Ingress → Service → endpoints (EndpointSlices) → pods
//   Deployment → ReplicaSets (revision, replicas) → pods
//   PersistentVolumeClaim → PersistentVolume, and the pods mounting the claim
//   ConfigMap / Secret → the pods that consume it
//   Pod → its node, the ConfigMaps, Secrets and claims it uses; its owners above it

import type { World } from '@dockyard/cli';
import { type DeepReadonly, type KubeObject, REVISION_ANNOTATION, SERVICE_NAME_LABEL, type Stored } from '@dockyard/scheduler';
import { podChip, type PodLook } from './pod-chip.ts';
import { type FoundObject, findObject, ingressServices, podConfigSources, podsOf, selectionOf } from './relationships.ts';

export interface TreeNode {
  readonly kind: string;
  readonly name: string;
  /** What to select to follow it (`service/web`); undefined for parts that are not objects (an endpoint). */
  readonly selection: string | undefined;
  /** One line about its state, in kubectl's words (`2/3 ready`, `Running 1/1`, `Bound`). */
  readonly detail: string;
  /** Set on pods: how the map draws them. */
  readonly look?: PodLook;
  readonly children: readonly TreeNode[];
}

export interface ObjectTree {
  readonly root: TreeNode;
  /** The owner chain above the object, nearest first (`ReplicaSet web-5d9`, `Deployment web`). */
  readonly owners: readonly { kind: string; name: string; selection: string }[];
}

type Object_ = DeepReadonly<KubeObject>;

function nameOf(object: Object_): string {
  return object.metadata?.name ?? '';
}

function leaf(kind: string, name: string, detail: string, children: TreeNode[] = []): TreeNode {
  return { kind, name, selection: selectionOf(kind, name), detail, children };
}

function podNode(pod: Stored<'Pod'>): TreeNode {
  const chip = podChip(pod);
  return { ...leaf('Pod', chip.name, `${chip.status} ${chip.ready}${chip.node ? ` on ${chip.node}` : ''}`), look: chip.look };
}

function podNodes(world: World, keys: Iterable<string>): TreeNode[] {
  const nodes: TreeNode[] = [];
  for (const key of [...keys].sort()) {
    const [namespace, name] = key.split('/') as [string, string];
    const pod = world.cluster.store.tryGet('Pod', namespace, name);
    if (pod !== undefined) nodes.push(podNode(pod));
  }
  return nodes;
}

function serviceNode(world: World, service: Stored<'Service'>): TreeNode {
  const { store } = world.cluster;
  const namespace = service.metadata!.namespace!;
  const name = nameOf(service);
  const ports = (service.spec?.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
  const slices = store
    .list('EndpointSlice', { namespace })
    .items.filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === name)
    .sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : 1));
  const endpoints: TreeNode[] = [];
  for (const slice of slices) {
    const port = slice.ports?.[0]?.port;
    for (const endpoint of slice.endpoints ?? []) {
      const conditions = endpoint.conditions ?? {};
      const state = conditions.terminating ? 'terminating' : conditions.ready === false ? 'not ready' : 'ready';
      const target = endpoint.targetRef?.kind === 'Pod' && endpoint.targetRef.name ? store.tryGet('Pod', endpoint.targetRef.namespace ?? namespace, endpoint.targetRef.name) : undefined;
      for (const address of endpoint.addresses) {
        endpoints.push({
          kind: 'Endpoint',
          name: port === undefined || port === null ? address : `${address}:${port}`,
          selection: undefined,
          detail: state,
          children: target === undefined ? [] : [podNode(target)],
        });
      }
    }
  }
  return leaf('Service', name, `${service.spec?.type ?? 'ClusterIP'} ${service.spec?.clusterIP ?? ''} ${ports}`.trim(), endpoints);
}

function replicaSetNode(world: World, rs: Object_): TreeNode {
  const spec = (rs as Stored<'ReplicaSet'>).spec;
  const status = (rs as Stored<'ReplicaSet'>).status;
  const revision = rs.metadata?.annotations?.[REVISION_ANNOTATION];
  const detail = `${revision === undefined ? '' : `revision ${revision}: `}desired ${spec?.replicas ?? 1}, current ${status?.replicas ?? 0}, ready ${status?.readyReplicas ?? 0}`;
  return leaf('ReplicaSet', nameOf(rs), detail, podNodes(world, podsOf(world, { kind: 'ReplicaSet', namespace: rs.metadata?.namespace, name: nameOf(rs), object: rs })));
}

function claimNode(world: World, claim: Stored<'PersistentVolumeClaim'>, withPods: boolean): TreeNode {
  const { store } = world.cluster;
  const volumeName = claim.spec?.volumeName;
  const volume = volumeName ? store.tryGet('PersistentVolume', undefined, volumeName) : undefined;
  const children: TreeNode[] = [];
  if (volume !== undefined) {
    const capacity = volume.spec?.capacity?.['storage'] ?? '';
    children.push(leaf('PersistentVolume', nameOf(volume), `${volume.status?.phase ?? ''} ${capacity} ${volume.spec?.persistentVolumeReclaimPolicy ?? ''}`.trim()));
  }
  if (withPods) children.push(...podNodes(world, podsOf(world, { kind: 'PersistentVolumeClaim', namespace: claim.metadata!.namespace, name: nameOf(claim), object: claim })));
  const size = claim.status?.capacity?.['storage'] ?? claim.spec?.resources?.requests?.['storage'] ?? '';
  return leaf('PersistentVolumeClaim', nameOf(claim), `${claim.status?.phase ?? 'Pending'} ${size}`.trim(), children);
}

function workloadDetail(found: FoundObject): string {
  const status = (found.object as { status?: Record<string, number | undefined> }).status ?? {};
  const spec = (found.object as { spec?: { replicas?: number } }).spec ?? {};
  switch (found.kind) {
    case 'Deployment':
      return `${status['readyReplicas'] ?? 0}/${spec.replicas ?? 1} ready, ${status['updatedReplicas'] ?? 0} up-to-date, ${status['availableReplicas'] ?? 0} available`;
    case 'StatefulSet':
      return `${status['readyReplicas'] ?? 0}/${spec.replicas ?? 1} ready`;
    case 'DaemonSet':
      return `${status['numberReady'] ?? 0}/${status['desiredNumberScheduled'] ?? 0} ready`;
    case 'Job':
      return `${status['succeeded'] ?? 0} succeeded, ${status['failed'] ?? 0} failed`;
    default:
      return '';
  }
}

function ownerChain(world: World, object: Object_): ObjectTree['owners'] {
  const owners: { kind: string; name: string; selection: string }[] = [];
  let current: Object_ | undefined = object;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    const ref = current.metadata?.ownerReferences?.find((r) => r.controller) ?? current.metadata?.ownerReferences?.[0];
    if (ref === undefined) break;
    owners.push({ kind: ref.kind, name: ref.name, selection: selectionOf(ref.kind, ref.name) });
    current = world.cluster.store.getByUid(ref.uid);
  }
  return owners;
}

export function objectTree(world: World, found: FoundObject): ObjectTree {
  const { store } = world.cluster;
  const ns = found.namespace;
  const pods = () => podNodes(world, podsOf(world, found));
  let root: TreeNode;
  switch (found.kind) {
    case 'Ingress': {
      const services = ingressServices(found.object as Stored<'Ingress'>).map((name) => {
        const service = store.tryGet('Service', ns, name);
        return service === undefined ? leaf('Service', name, 'not found') : serviceNode(world, service);
      });
      const hosts = ((found.object as Stored<'Ingress'>).spec?.rules ?? []).map((r) => r.host ?? '*').join(', ');
      root = leaf('Ingress', found.name, hosts, services);
      break;
    }
    case 'Service':
      root = serviceNode(world, found.object as Stored<'Service'>);
      break;
    case 'Deployment': {
      const sets = store
        .dependents(found.object.metadata!.uid!)
        .filter((d) => d.kind === 'ReplicaSet')
        .sort((a, b) => Number(b.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0) - Number(a.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0));
      root = leaf('Deployment', found.name, workloadDetail(found), sets.map((rs) => replicaSetNode(world, rs)));
      break;
    }
    case 'ReplicaSet':
      root = replicaSetNode(world, found.object);
      break;
    case 'PersistentVolumeClaim':
      root = claimNode(world, found.object as Stored<'PersistentVolumeClaim'>, true);
      break;
    case 'PersistentVolume': {
      const volume = found.object as Stored<'PersistentVolume'>;
      const ref = volume.spec?.claimRef;
      const claim = ref?.namespace && ref.name ? store.tryGet('PersistentVolumeClaim', ref.namespace, ref.name) : undefined;
      root = leaf('PersistentVolume', found.name, `${volume.status?.phase ?? ''} ${volume.spec?.capacity?.['storage'] ?? ''}`.trim(), claim === undefined ? [] : [claimNode(world, claim, true)]);
      break;
    }
    case 'Pod': {
      const pod = found.object as Stored<'Pod'>;
      const children: TreeNode[] = [];
      const node = pod.spec?.nodeName;
      if (node) children.push(leaf('Node', node, store.tryGet('Node', undefined, node) === undefined ? 'no Node object' : ''));
      const { configMaps, secrets } = podConfigSources(pod);
      for (const name of [...configMaps].sort()) children.push(leaf('ConfigMap', name, store.tryGet('ConfigMap', ns, name) === undefined ? 'not found' : ''));
      for (const name of [...secrets].sort()) children.push(leaf('Secret', name, store.tryGet('Secret', ns, name) === undefined ? 'not found' : ''));
      for (const volume of pod.spec?.volumes ?? []) {
        const claimName = volume.persistentVolumeClaim?.claimName;
        if (!claimName) continue;
        const claim = store.tryGet('PersistentVolumeClaim', ns, claimName);
        children.push(claim === undefined ? leaf('PersistentVolumeClaim', claimName, 'not found') : claimNode(world, claim, false));
      }
      root = { ...podNode(pod), children };
      break;
    }
    default:
      root = leaf(found.kind, found.name, workloadDetail(found), pods());
  }
  return { root, owners: ownerChain(world, found.object) };
}

/** The tree of what a selection names; undefined when it names nothing. */
export function treeOf(world: World, selection: string | undefined): ObjectTree | undefined {
  const found = findObject(world, selection);
  return found === undefined ? undefined : objectTree(world, found);
}
