// A Deployment's rollout as the deployment controller sees it: its ReplicaSets (the new one, whose
// template is the Deployment's, and the old ones) with desired / current / ready / available and
// revision, and the bounds a RollingUpdate keeps (k/k deployment/util: at most replicas + maxSurge
// pods, at least replicas − maxUnavailable available; percentages round surge up, unavailable down).

import type { World } from '@dockyard/cli';
import { equalIgnoreHash, maxSurge, maxUnavailable, REVISION_ANNOTATION, type Stored } from '@dockyard/scheduler';

export interface RolloutSet {
  readonly name: string;
  readonly revision: number;
  /** spec.replicas */
  readonly desired: number;
  /** status.replicas: pods it has (ready or not). */
  readonly current: number;
  readonly ready: number;
  readonly available: number;
  readonly images: readonly string[];
  /** The ReplicaSet whose pod template is the Deployment's. */
  readonly isNew: boolean;
}

export interface Rollout {
  readonly namespace: string;
  readonly name: string;
  readonly strategy: string;
  /** spec.replicas */
  readonly desired: number;
  readonly maxSurge: number;
  readonly maxUnavailable: number;
  /** replicas + maxSurge: the most pods the controller lets exist. */
  readonly ceiling: number;
  /** replicas − maxUnavailable: the fewest available pods it lets remain. */
  readonly floor: number;
  /** Pods of every ReplicaSet (status.replicas summed). */
  readonly current: number;
  readonly available: number;
  readonly updated: number;
  /** The ReplicaSets, oldest revision first: the new one last. */
  readonly sets: readonly RolloutSet[];
  /** Every pod is on the new template and available, and no old pod remains. */
  readonly complete: boolean;
  /** The Progressing condition's reason and message (`NewReplicaSetAvailable`, `ProgressDeadlineExceeded`). */
  readonly progressing: string | undefined;
}

function revisionOf(rs: Stored<'ReplicaSet'>): number {
  return Number(rs.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0);
}

function byAge(a: Stored<'ReplicaSet'>, b: Stored<'ReplicaSet'>): number {
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  return ta < tb ? -1 : ta > tb ? 1 : (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
}

export function rolloutOf(world: World, deployment: Stored<'Deployment'>): Rollout {
  const { store } = world.cluster;
  const sets = store
    .dependents(deployment.metadata!.uid!)
    .filter((d) => d.kind === 'ReplicaSet')
    .map((d) => d as Stored<'ReplicaSet'>)
    .sort(byAge);
  const newSet = sets.find((rs) => equalIgnoreHash(rs.spec?.template, deployment.spec?.template));
  const desired = deployment.spec?.replicas ?? 1;
  const surge = maxSurge(deployment);
  const unavailable = maxUnavailable(deployment);
  const rows: RolloutSet[] = sets
    .map((rs) => ({
      name: rs.metadata!.name!,
      revision: revisionOf(rs),
      desired: rs.spec?.replicas ?? 1,
      current: rs.status?.replicas ?? 0,
      ready: rs.status?.readyReplicas ?? 0,
      available: rs.status?.availableReplicas ?? 0,
      images: (rs.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? ''),
      isNew: rs === newSet,
    }))
    .sort((a, b) => Number(a.isNew) - Number(b.isNew) || a.revision - b.revision);
  const current = rows.reduce((n, r) => n + r.current, 0);
  const available = rows.reduce((n, r) => n + r.available, 0);
  const updated = rows.find((r) => r.isNew)?.current ?? 0;
  const progressing = deployment.status?.conditions?.find((c) => c.type === 'Progressing');
  return {
    namespace: deployment.metadata!.namespace!,
    name: deployment.metadata!.name!,
    strategy: deployment.spec?.strategy?.type ?? 'RollingUpdate',
    desired,
    maxSurge: surge,
    maxUnavailable: unavailable,
    ceiling: desired + surge,
    floor: desired - unavailable,
    current,
    available,
    updated,
    sets: rows,
    complete: updated === desired && available >= desired && current === desired && rows.every((r) => r.isNew || r.current === 0),
    progressing: progressing === undefined ? undefined : `${progressing.reason ?? ''}: ${progressing.message ?? ''}`,
  };
}

/** Every Deployment's rollout, by namespace and name. */
export function rollouts(world: World): Rollout[] {
  return world.cluster.store.list('Deployment').items.map((d) => rolloutOf(world, d));
}
