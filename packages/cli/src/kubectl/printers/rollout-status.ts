// `kubectl rollout status`: the line kubectl prints for each state of the object it watches
// (`Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...`),
// whether that state ends the wait, or the error that ends it. kubectl prints the line of every
// watch event it sees, repeats included, and stops at the first `done` state.
// [kubectl pkg/polymorphichelpers/rollout_status.go `DeploymentStatusViewer`,
// `DaemonSetStatusViewer`, `StatefulSetStatusViewer`; pkg/cmd/rollout/rollout_status.go]
import type { DaemonSet, Deployment, StatefulSet } from 'kubernetes-types/apps/v1';
import type { KubeObject } from './object.ts';
import { parseRevision, REVISION_ANNOTATION } from './rollout-history.ts';

export interface RolloutStatus {
  /** The stdout line (newline included); empty with an error. */
  readonly message: string;
  /** Whether kubectl stops waiting (successfully unless `error`). */
  readonly done: boolean;
  /** stderr text (`error: ...\n`) ending the command with exit code 1. */
  readonly error?: string;
}

/**
 * The status line of a Deployment, DaemonSet or StatefulSet. `revision` is `--revision` (0 for
 * none). A DaemonSet or StatefulSet without `updateStrategy.type` counts as RollingUpdate, the
 * API server's default. Other kinds get kubectl's "no status viewer" error.
 */
export function rolloutStatus(object: KubeObject, revision = 0): RolloutStatus {
  switch (object.kind) {
    case 'Deployment':
      return deploymentStatus(object as Deployment, revision);
    case 'DaemonSet':
      return daemonSetStatus(object as DaemonSet);
    case 'StatefulSet':
      return statefulSetStatus(object as StatefulSet);
    default: {
      const group = object.apiVersion?.includes('/') ? object.apiVersion.split('/')[0] : '';
      const kind = group === '' ? object.kind ?? '' : `${object.kind ?? ''}.${group}`;
      return failed(`no status viewer has been implemented for ${kind}`);
    }
  }
}

function deploymentStatus(deployment: Deployment, revision: number): RolloutStatus {
  const name = quote(deployment.metadata?.name);
  if (revision > 0) {
    const value = deployment.metadata?.annotations?.[REVISION_ANNOTATION];
    const running = value === undefined ? 0 : parseRevision(value);
    if (running === undefined) {
      return failed(`cannot get the revision of deployment ${name}: strconv.ParseInt: parsing ${quote(value)}: invalid syntax`);
    }
    if (running !== revision) return failed(`desired revision (${revision}) is different from the running revision (${running})`);
  }
  const status = deployment.status ?? {};
  if ((deployment.metadata?.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return waiting('Waiting for deployment spec update to be observed...\n');
  }
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return failed(`deployment ${name} exceeded its progress deadline`);
  const replicas = deployment.spec?.replicas;
  const updated = status.updatedReplicas ?? 0;
  const prefix = `Waiting for deployment ${name} rollout to finish: `;
  if (replicas !== undefined && updated < replicas) {
    return waiting(`${prefix}${updated} out of ${replicas} new replicas have been updated...\n`);
  }
  if ((status.replicas ?? 0) > updated) {
    return waiting(`${prefix}${(status.replicas ?? 0) - updated} old replicas are pending termination...\n`);
  }
  if ((status.availableReplicas ?? 0) < updated) {
    return waiting(`${prefix}${status.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`);
  }
  return { message: `deployment ${name} successfully rolled out\n`, done: true };
}

function daemonSetStatus(daemonSet: DaemonSet): RolloutStatus {
  const type = daemonSet.spec?.updateStrategy?.type ?? 'RollingUpdate';
  if (type !== 'RollingUpdate') return failed('rollout status is only available for RollingUpdate strategy type');
  const name = quote(daemonSet.metadata?.name);
  const status = daemonSet.status;
  if ((daemonSet.metadata?.generation ?? 0) > (status?.observedGeneration ?? 0)) {
    return waiting('Waiting for daemon set spec update to be observed...\n');
  }
  const desired = status?.desiredNumberScheduled ?? 0;
  const updated = status?.updatedNumberScheduled ?? 0;
  const available = status?.numberAvailable ?? 0;
  if (updated < desired) {
    return waiting(`Waiting for daemon set ${name} rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`);
  }
  if (available < desired) {
    return waiting(`Waiting for daemon set ${name} rollout to finish: ${available} of ${desired} updated pods are available...\n`);
  }
  return { message: `daemon set ${name} successfully rolled out\n`, done: true };
}

function statefulSetStatus(statefulSet: StatefulSet): RolloutStatus {
  const strategy = statefulSet.spec?.updateStrategy;
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return failed('rollout status is only available for RollingUpdate strategy type');
  }
  const status = statefulSet.status;
  const observed = status?.observedGeneration ?? 0;
  if (observed === 0 || (statefulSet.metadata?.generation ?? 0) > observed) {
    return waiting('Waiting for statefulset spec update to be observed...\n');
  }
  const replicas = statefulSet.spec?.replicas;
  const ready = status?.readyReplicas ?? 0;
  if (replicas !== undefined && ready < replicas) return waiting(`Waiting for ${replicas - ready} pods to be ready...\n`);
  const updated = status?.updatedReplicas ?? 0;
  if (strategy?.rollingUpdate !== undefined) {
    const partition = strategy.rollingUpdate.partition;
    if (replicas !== undefined && partition !== undefined && updated < replicas - partition) {
      return waiting(`Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`);
    }
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (status?.updateRevision !== status?.currentRevision) {
    return waiting(`waiting for statefulset rolling update to complete ${updated} pods at revision ${status?.updateRevision ?? ''}...\n`);
  }
  return {
    message: `statefulset rolling update complete ${status?.currentReplicas ?? 0} pods at revision ${status?.currentRevision ?? ''}...\n`,
    done: true,
  };
}

function waiting(message: string): RolloutStatus {
  return { message, done: false };
}

function failed(text: string): RolloutStatus {
  return { message: '', done: true, error: `error: ${text}\n` };
}

/** Go's %q for the plain names Kubernetes allows. */
function quote(text: string | undefined): string {
  return JSON.stringify(text ?? '');
}
