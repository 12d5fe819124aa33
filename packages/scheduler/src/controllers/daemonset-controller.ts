// The DaemonSet controller of kube-controller-manager (k/k `pkg/controller/daemon/daemon_controller.go`,
// `update.go`, `util/daemonset_util.go`): one pod on every node the pod template may run on.
// - A node should run the daemon pod when its name, nodeSelector / required node affinity and
//   taints (NoSchedule and NoExecute, with the tolerations every daemon pod gets: not-ready and
//   unreachable NoExecute forever, disk-, memory-, pid-pressure and unschedulable NoSchedule, and
//   network-unavailable for hostNetwork pods) allow it; a pod already there may stay as long as it
//   tolerates the node's NoExecute taints.
// - The pods are created for the kube-scheduler to bind, with a required node affinity on
//   `metadata.name` that leaves it one node (ReplaceDaemonSetPodNodeNameNodeAffinity), the label
//   `controller-revision-hash` (the pod-template-hash of the template), generateName `<ds>-`;
//   failed pods are deleted (`FailedDaemonPod`) and come back, extra pods on a node are deleted
//   (the oldest stays), pods on nodes that no longer qualify are deleted.
// - RollingUpdate (maxUnavailable 1, maxSurge 0 by default): old pods are deleted so that no more
//   than maxUnavailable (rounded up from a percentage of the desired nodes) are unavailable, and
//   recreated at the new template; OnDelete leaves them. The template history is kept in
//   ControllerRevisions `<ds>-<hash>`.
// - Status: desiredNumberScheduled, currentNumberScheduled, numberMisscheduled, numberReady,
//   numberAvailable, numberUnavailable, updatedNumberScheduled, observedGeneration.
// Not simulated: maxSurge > 0, the `pod-template-generation` label (the API server's
// deprecated.daemonset.template.generation annotation is not kept), failed-pod back-off.

import type { Engine, EngineComponent } from '@dockyard/runtime';
import type { DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { Affinity, NodeSelectorRequirement, NodeSelectorTerm, Pod, Toleration } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import { deepCopy, type DeepReadonly, jsonEqual, type Mutable, type Stored } from '../api/kinds.ts';
import type { WatchEvent } from '../api/watch.ts';
import { EventRecorder } from '../events/event-recorder.ts';
import { byRevisionNumber, sortedJson, templatePatch, type RevisionView } from './controller-history.ts';
import { claimObjects } from './controller-ref-manager.ts';
import { scaledValue } from './deployment-util.ts';
import { PodControl } from './pod-control.ts';
import { computePodTemplateHash } from './pod-template-hash.ts';
import { controllerOf, isPodAvailable, isPodReady, newControllerRef, podFromTemplate, type PodView } from './pod-util.ts';
import { workloadSelector } from './replicaset-controller.ts';
import {
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
  toleratesTaint,
} from './taints.ts';
import { objectKeyOf, type SavedWorkQueue, splitKey, WorkQueue } from './work-queue.ts';

export type DaemonSetView = Stored<'DaemonSet'>;
type NodeView = Stored<'Node'>;

/** DefaultDaemonSetUniqueLabelKey: the template hash on pods and revisions. */
export const DAEMONSET_REVISION_LABEL = 'controller-revision-hash';

/** AddOrUpdateDaemonPodTolerations. */
export function addDaemonPodTolerations(spec: Mutable<NonNullable<Pod['spec']>>): void {
  const wanted: Toleration[] = [
    { key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_NODE_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_NODE_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_NODE_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_NODE_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec.hostNetwork === true) wanted.push({ key: TAINT_NODE_NETWORK_UNAVAILABLE, operator: 'Exists', effect: 'NoSchedule' });
  const tolerations = (spec.tolerations ??= []);
  for (const t of wanted) {
    const at = tolerations.findIndex((x) => x.key === t.key && (x.operator ?? 'Equal') === t.operator && (x.value ?? '') === '' && x.effect === t.effect);
    if (at >= 0) tolerations[at] = t;
    else tolerations.push(t);
  }
}

function requirementMatches(req: DeepReadonly<NodeSelectorRequirement>, value: string | undefined): boolean {
  switch (req.operator) {
    case 'In':
      return value !== undefined && (req.values ?? []).includes(value);
    case 'NotIn':
      return value === undefined || !(req.values ?? []).includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(req.values?.[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(req.values?.[0]);
    default:
      return false;
  }
}

/** Whether a node matches one NodeSelectorTerm (labels and the metadata.name field). */
function termMatches(term: DeepReadonly<NodeSelectorTerm>, node: NodeView): boolean {
  const labels = node.metadata?.labels ?? {};
  if ((term.matchExpressions ?? []).length === 0 && (term.matchFields ?? []).length === 0) return false;
  return (
    (term.matchExpressions ?? []).every((r) => requirementMatches(r, labels[r.key])) &&
    (term.matchFields ?? []).every((r) => r.key === 'metadata.name' && requirementMatches(r, node.metadata!.name))
  );
}

/** nodeSelector and required node affinity (GetRequiredNodeAffinity(pod).Match(node)). */
export function nodeMatchesPod(node: NodeView, spec: DeepReadonly<Pod['spec']>): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [key, value] of Object.entries(spec?.nodeSelector ?? {})) if (labels[key] !== value) return false;
  const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return terms === undefined || terms.some((term) => termMatches(term, node));
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: required affinity to exactly this node by name. */
function withNodeAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term: NodeSelectorTerm = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  return { ...affinity, nodeAffinity: { ...affinity?.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } };
}

/** GetTargetNodeName: spec.nodeName, or the node the daemon affinity names. */
function targetNode(pod: PodView): string | undefined {
  if ((pod.spec?.nodeName ?? '') !== '') return pod.spec!.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const field of term.matchFields ?? []) if (field.key === 'metadata.name' && field.operator === 'In' && field.values?.length === 1) return field.values[0];
  }
  return undefined;
}

export class DaemonSetController implements EngineComponent {
  readonly name = 'daemonset-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #queue: WorkQueue;
  readonly #recorder: EventRecorder;
  readonly #pods: PodControl;

  constructor(engine: Engine, store: ApiStore) {
    this.#engine = engine;
    this.#store = store;
    this.#recorder = new EventRecorder(engine, store, { component: 'daemonset-controller' });
    this.#pods = new PodControl(store, this.#recorder);
    this.#queue = new WorkQueue(engine, 'daemonset-controller', (key) => this.#sync(key));
    store.watch('DaemonSet', {}, ({ object }) => this.#queue.add(objectKeyOf(object.metadata?.namespace, object.metadata!.name!)));
    store.watch('Pod', {}, (event) => this.#onPod(event));
    store.watch('Node', {}, (event) => this.#onNode(event));
    engine.register(this);
  }

  snapshot(): SavedWorkQueue {
    return this.#queue.snapshot();
  }

  restore(state: unknown): void {
    this.#queue.restore(state as SavedWorkQueue);
  }

  #onPod({ object: pod, previous }: WatchEvent<PodView>): void {
    const namespace = pod.metadata!.namespace!;
    for (const ref of [controllerOf(pod), previous === undefined ? undefined : controllerOf(previous)]) {
      if (ref?.kind === 'DaemonSet') this.#queue.add(objectKeyOf(namespace, ref.name));
    }
  }

  /** shouldIgnoreNodeUpdate: heartbeats alone wake no DaemonSet. */
  #onNode({ type, object: node, previous }: WatchEvent<NodeView>): void {
    if (type === 'MODIFIED' && previous !== undefined) {
      const conditions = (n: NodeView) => (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`);
      if (jsonEqual(previous.metadata?.labels, node.metadata?.labels) && jsonEqual(previous.spec, node.spec) && jsonEqual(conditions(previous), conditions(node))) return;
    }
    for (const ds of this.#store.list('DaemonSet').items) this.#queue.add(objectKeyOf(ds.metadata?.namespace, ds.metadata!.name!));
  }

  #log(ds: DaemonSetView, type: string, fields: Record<string, unknown>): void {
    this.#engine.log.append(`daemonset-controller.${type}`, { namespace: ds.metadata!.namespace, daemonset: ds.metadata!.name, ...fields });
  }

  /** The pod the DaemonSet would run on a node (NewPod), for the predicates. */
  #podFor(ds: DaemonSetView, nodeName: string): Mutable<Pod> {
    const spec = deepCopy(ds.spec!.template.spec!) as Mutable<NonNullable<Pod['spec']>>;
    spec.nodeName = nodeName;
    addDaemonPodTolerations(spec);
    return { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec };
  }

  /** NodeShouldRunDaemonPod: [should run, may keep running]. */
  #shouldRun(ds: DaemonSetView, node: NodeView): [boolean, boolean] {
    const templateNode = ds.spec?.template?.spec?.nodeName ?? '';
    if (templateNode !== '' && templateNode !== node.metadata!.name) return [false, false];
    const pod = this.#podFor(ds, node.metadata!.name!);
    if (!nodeMatchesPod(node, pod.spec)) return [false, false];
    const tolerations = pod.spec!.tolerations ?? [];
    const untolerated = (effects: string[]) => (node.spec?.taints ?? []).some((t) => effects.includes(t.effect) && !tolerations.some((x) => toleratesTaint(x, t)));
    if (untolerated(['NoSchedule', 'NoExecute'])) return [false, !untolerated(['NoExecute'])];
    return [true, true];
  }

  // ---- sync ----

  #sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const ds = this.#store.tryGet('DaemonSet', namespace, name);
    if (ds === undefined) return;
    const selector = workloadSelector(ds);
    if (selector === undefined) return;
    if (selector.isEmpty()) {
      this.#recorder.event(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return;
    }
    const nodes = this.#store.list('Node').items;
    const hash = this.#constructHistory(ds);
    if (ds.metadata?.deletionTimestamp === undefined) {
      this.#manage(ds, nodes, hash);
      if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') this.#rollingUpdate(ds, nodes, hash);
    }
    this.#updateStatus(ds, nodes, hash);
  }

  /** getNodesToDaemonPods: the claimed pods by the node they are for (finished deleted ones left out). */
  #podsByNode(ds: DaemonSetView): Map<string, PodView[]> {
    const selector = workloadSelector(ds)!;
    const namespace = ds.metadata!.namespace!;
    const pods = claimObjects(this.#store, this.#store.list('Pod', { namespace, labelSelector: selector }).items, {
      owner: ds,
      selector,
      log: (decision, pod) => this.#log(ds, decision, { pod: pod.metadata!.name }),
    });
    const byNode = new Map<string, PodView[]>();
    for (const pod of pods) {
      const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      if (terminal && pod.metadata?.deletionTimestamp !== undefined) continue;
      const node = targetNode(pod);
      if (node === undefined) continue;
      byNode.set(node, [...(byNode.get(node) ?? []), pod]);
    }
    return byNode;
  }

  /** constructHistory: the ControllerRevision of the current template (created or renumbered); its hash. */
  #constructHistory(ds: DaemonSetView): string {
    const namespace = ds.metadata!.namespace!;
    const selector = workloadSelector(ds)!;
    const revisions = claimObjects(this.#store, this.#store.list('ControllerRevision', { namespace }).items, {
      owner: ds,
      selector,
      log: (decision, revision) => this.#log(ds, `${decision}-revision`, { revision: revision.metadata!.name }),
    }).sort(byRevisionNumber);
    const patch = templatePatch(ds.spec?.template as DeepReadonly<{ metadata?: Record<string, never> }>);
    const matches = (r: RevisionView) => sortedJson(r.data) === sortedJson(patch);
    const current = revisions.filter(matches);
    const old = revisions.filter((r) => !matches(r));
    const next = old.reduce((max, r) => Math.max(max, r.revision), 0) + 1;
    if (current.length > 0) {
      const cur = current.at(-1)!;
      if (cur.revision < next) {
        const copy = deepCopy(cur);
        copy.revision = next;
        this.#store.update(copy);
      }
      this.#cleanupHistory(ds, old);
      return cur.metadata!.labels?.[DAEMONSET_REVISION_LABEL] ?? cur.metadata!.name!;
    }
    let collisions = ds.status?.collisionCount ?? 0;
    for (;;) {
      const hash = computePodTemplateHash(ds.spec!.template, ds.status?.collisionCount === undefined && collisions === 0 ? undefined : collisions);
      try {
        this.#store.create({
          apiVersion: 'apps/v1',
          kind: 'ControllerRevision',
          metadata: {
            name: `${ds.metadata!.name}-${hash}`,
            namespace,
            labels: { ...ds.spec?.template?.metadata?.labels, [DAEMONSET_REVISION_LABEL]: hash },
            ...(ds.metadata?.annotations === undefined ? {} : { annotations: { ...ds.metadata.annotations } }),
            ownerReferences: [newControllerRef(ds)],
          },
          data: patch,
          revision: next,
        });
        this.#log(ds, 'revision', { revision: `${ds.metadata!.name}-${hash}`, number: next, reason: 'a new pod template' });
        if (collisions !== (ds.status?.collisionCount ?? 0)) {
          const copy = deepCopy(ds) as Mutable<DaemonSet>;
          copy.status = { ...copy.status!, collisionCount: collisions };
          this.#store.updateStatus(copy);
        }
        this.#cleanupHistory(ds, old);
        return hash;
      } catch (error) {
        if (!(error instanceof StatusError && error.reason === 'AlreadyExists')) throw error;
        const existing = this.#store.get('ControllerRevision', namespace, `${ds.metadata!.name}-${hash}`);
        if (sortedJson(existing.data) === sortedJson(patch) && controllerOf(existing)?.uid === ds.metadata!.uid) return hash;
        collisions++;
      }
    }
  }

  /** cleanupHistory: old revisions no pod runs, beyond revisionHistoryLimit, oldest first. */
  #cleanupHistory(ds: DaemonSetView, old: RevisionView[]): void {
    const limit = ds.spec?.revisionHistoryLimit ?? 10;
    if (old.length <= limit) return;
    const live = new Set([...this.#podsByNode(ds).values()].flat().map((p) => p.metadata?.labels?.[DAEMONSET_REVISION_LABEL]));
    const dead = old.filter((r) => !live.has(r.metadata?.labels?.[DAEMONSET_REVISION_LABEL]));
    for (const revision of dead.slice(0, Math.max(0, old.length - limit))) {
      try {
        this.#store.delete('ControllerRevision', revision.metadata!.namespace!, revision.metadata!.name!);
      } catch (error) {
        if (!(error instanceof StatusError && error.reason === 'NotFound')) throw error;
      }
    }
  }

  /** manage: one pod on each node that should run it, none elsewhere. */
  #manage(ds: DaemonSetView, nodes: readonly NodeView[], hash: string): void {
    const byNode = this.#podsByNode(ds);
    const needing: string[] = [];
    const toDelete: PodView[] = [];
    for (const node of nodes) {
      const nodeName = node.metadata!.name!;
      const [shouldRun, mayContinue] = this.#shouldRun(ds, node);
      const pods = byNode.get(nodeName);
      if (shouldRun && pods === undefined) {
        needing.push(nodeName);
      } else if (mayContinue && pods !== undefined) {
        const running: PodView[] = [];
        for (const pod of pods) {
          if (pod.metadata?.deletionTimestamp !== undefined) continue;
          if (pod.status?.phase === 'Failed') {
            this.#recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata!.namespace}/${pod.metadata!.name} on node ${nodeName}, will try to kill it`);
            toDelete.push(pod);
          } else if (pod.status?.phase === 'Succeeded') {
            toDelete.push(pod);
          } else {
            running.push(pod);
          }
        }
        // Only one pod a node: the oldest stays.
        running.sort((a, b) => (a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? -1 : a.metadata!.creationTimestamp! > b.metadata!.creationTimestamp! ? 1 : 0));
        toDelete.push(...running.slice(1));
      } else if (!mayContinue && pods !== undefined) {
        toDelete.push(...pods.filter((p) => p.metadata?.deletionTimestamp === undefined));
      }
    }
    // Pods for nodes that are gone are never scheduled: delete them.
    const names = new Set(nodes.map((n) => n.metadata!.name!));
    for (const [node, pods] of byNode) if (!names.has(node)) toDelete.push(...pods.filter((p) => (p.spec?.nodeName ?? '') === '' && p.metadata?.deletionTimestamp === undefined));
    this.#syncNodes(ds, toDelete, needing, hash, 'the node should run one daemon pod');
  }

  /** syncNodes: creates the pods for `needing` nodes (pinned by affinity) and deletes `toDelete`. */
  #syncNodes(ds: DaemonSetView, toDelete: readonly PodView[], needing: readonly string[], hash: string, reason: string): void {
    if (needing.length > 0) this.#log(ds, 'create-pods', { nodes: needing, reason });
    for (const nodeName of needing) {
      const template = deepCopy(ds.spec!.template) as Mutable<NonNullable<DaemonSet['spec']>['template']>;
      addDaemonPodTolerations(template.spec!);
      template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [DAEMONSET_REVISION_LABEL]: hash } };
      template.spec!.affinity = withNodeAffinity(template.spec!.affinity, nodeName);
      this.#pods.createPod(podFromTemplate(template, ds), ds);
    }
    if (toDelete.length > 0) this.#log(ds, 'delete-pods', { pods: toDelete.map((p) => p.metadata!.name), reason });
    for (const pod of toDelete) this.#pods.deletePod(pod.metadata!.namespace!, pod.metadata!.name!, ds);
  }

  /** rollingUpdate without surge: old pods go while at most maxUnavailable are unavailable. */
  #rollingUpdate(ds: DaemonSetView, nodes: readonly NodeView[], hash: string): void {
    const byNode = this.#podsByNode(ds);
    const desired = nodes.filter((n) => this.#shouldRun(ds, n)[0]).length;
    const rolling = ds.spec?.updateStrategy?.rollingUpdate;
    let maxUnavailable = scaledValue(rolling?.maxUnavailable ?? 1, desired, true);
    const maxSurge = scaledValue(rolling?.maxSurge ?? 0, desired, true);
    if (maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
    const now = this.#engine.now;
    const minReady = ds.spec?.minReadySeconds ?? 0;
    let unavailable = 0;
    const replace: PodView[] = [];
    const candidates: PodView[] = [];
    for (const nodeName of [...byNode.keys()].sort()) {
      const pods = byNode.get(nodeName)!.filter((p) => p.metadata?.deletionTimestamp === undefined);
      const fresh = pods.filter((p) => p.metadata?.labels?.[DAEMONSET_REVISION_LABEL] === hash);
      const stale = pods.filter((p) => p.metadata?.labels?.[DAEMONSET_REVISION_LABEL] !== hash);
      if (fresh.length > 1 || stale.length > 1 || fresh.length + stale.length !== 1) {
        unavailable++;
        continue;
      }
      if (fresh.length === 1) {
        if (!isPodAvailable(fresh[0]!, minReady, now)) unavailable++;
      } else if (!isPodAvailable(stale[0]!, minReady, now)) {
        replace.push(stale[0]!);
        unavailable++;
      } else if (unavailable < maxUnavailable) {
        candidates.push(stale[0]!);
      }
    }
    const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    const doomed = [...replace, ...candidates.slice(0, room)];
    if (doomed.length > 0) this.#syncNodes(ds, doomed, [], hash, `rolling update to ${hash}, at most ${maxUnavailable} unavailable`);
  }

  /** updateDaemonSetStatus. */
  #updateStatus(ds: DaemonSetView, nodes: readonly NodeView[], hash: string): void {
    const byNode = this.#podsByNode(ds);
    const now = this.#engine.now;
    const minReady = ds.spec?.minReadySeconds ?? 0;
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    for (const node of nodes) {
      const [shouldRun] = this.#shouldRun(ds, node);
      const pods = [...(byNode.get(node.metadata!.name!) ?? [])].sort((a, b) => (a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? -1 : 1));
      if (!shouldRun) {
        if (pods.length > 0) misscheduled++;
        continue;
      }
      desired++;
      if (pods.length === 0) continue;
      current++;
      const pod = pods[0]!;
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
      }
      if (pod.metadata?.labels?.[DAEMONSET_REVISION_LABEL] === hash) updated++;
    }
    const status: DaemonSetStatus = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      ...((ds.metadata?.generation ?? 0) > 0 ? { observedGeneration: ds.metadata!.generation! } : {}),
      ...(updated > 0 ? { updatedNumberScheduled: updated } : {}),
      ...(available > 0 ? { numberAvailable: available } : {}),
      ...(desired - available > 0 ? { numberUnavailable: desired - available } : {}),
      ...(ds.status?.collisionCount === undefined ? {} : { collisionCount: ds.status.collisionCount }),
    };
    if (minReady > 0 && ready !== available) this.#queue.addAfter(objectKeyOf(ds.metadata!.namespace, ds.metadata!.name!), minReady * 1000 + 1);
    const fresh = this.#store.get('DaemonSet', ds.metadata!.namespace, ds.metadata!.name!);
    if (jsonEqual(fresh.status ?? {}, status)) return;
    const copy = deepCopy(fresh) as Mutable<DaemonSet>;
    copy.status = status;
    this.#store.updateStatus(copy);
  }
}
