// The horizontal pod autoscaler controller (kube-controller-manager, k/k
// pkg/controller/podautoscaler/horizontal.go reconcileAutoscaler): every 15 s
// (--horizontal-pod-autoscaler-sync-period) each HorizontalPodAutoscaler reads its target's scale
// (Deployment, ReplicaSet, StatefulSet or ReplicationController), asks the metrics API for its
// pods' usage, computes the desired count (replica-calculator.ts), stabilizes and rate-limits it
// (hpa-behavior.ts), writes the new spec.replicas and records why: the conditions AbleToScale,
// ScalingActive and ScalingLimited, status.currentMetrics, and the events SuccessfulRescale
// (`New size: 5; reason: cpu resource utilization (percentage of request) above target`),
// FailedGetScale, FailedGetResourceMetric and FailedComputeMetricsReplicas. A target below
// minReplicas or above maxReplicas is brought back at once.
// Resource and ContainerResource metrics are computed; Pods, Object and External metrics need an
// adapter the simulated cluster does not run, and say so.

import type { Engine, EngineComponent, TaskKind } from '@dockyard/runtime';
import { toRFC3339 } from '@dockyard/runtime';
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import { deepCopy, type DeepReadonly, jsonEqual, type Stored } from '../api/kinds.ts';
import { selectorFromLabelSelector } from '../api/label-selector.ts';
import { canonicalQuantity, parseQuantity } from '../api/quantity.ts';
import type { EventSink } from '../events/event-recorder.ts';
import type { MetricsServer } from '../metrics/metrics-server.ts';
import { type BehaviorState, normalizeWithBehaviors, recordScale, scaleDownRules, scaleUpRules } from './hpa-behavior.ts';
import { DEFAULT_TOLERANCE, type PodMetric, rawResourceReplicas, ReplicaCalculationError, type ReplicaProposal, resourceReplicas } from './replica-calculator.ts';

/** --horizontal-pod-autoscaler-sync-period. */
export const HPA_SYNC_PERIOD_MS = 15_000;

const SCALABLE: Record<string, { apiVersions: string[]; resource: string }> = {
  Deployment: { apiVersions: ['apps/v1'], resource: 'deployments.apps' },
  ReplicaSet: { apiVersions: ['apps/v1'], resource: 'replicasets.apps' },
  StatefulSet: { apiVersions: ['apps/v1'], resource: 'statefulsets.apps' },
  ReplicationController: { apiVersions: ['v1'], resource: 'replicationcontrollers' },
};

export interface HorizontalPodAutoscalerOptions {
  events: EventSink;
  /** The resource metrics API; undefined when metrics-server is not installed. */
  metrics: MetricsServer | undefined;
  tolerance?: number;
}

type ConditionType = 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';

class MetricError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

interface SavedHpa {
  behavior: [string, BehaviorState][];
  ticking: string[];
}

export class HorizontalPodAutoscalerController implements EngineComponent {
  readonly name = 'horizontal-pod-autoscaler';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #events: EventSink;
  readonly #metrics: MetricsServer | undefined;
  readonly #tolerance: number;
  readonly #tick: TaskKind<{ key: string }>;
  #behavior = new Map<string, BehaviorState>();
  /** HPAs with a sync pending. */
  #ticking = new Set<string>();

  constructor(engine: Engine, store: ApiStore, options: HorizontalPodAutoscalerOptions) {
    this.#engine = engine;
    this.#store = store;
    this.#events = options.events;
    this.#metrics = options.metrics;
    this.#tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
    this.#tick = engine.defineTask('horizontal-pod-autoscaler.sync', ({ key }: { key: string }) => {
      this.#ticking.delete(key);
      const [namespace, name] = key.split('/') as [string, string];
      const hpa = store.tryGet('HorizontalPodAutoscaler', namespace, name);
      if (hpa === undefined) {
        this.#behavior.delete(key);
        return;
      }
      this.reconcile(hpa);
      this.#ticking.add(key);
      engine.schedule(this.#tick, HPA_SYNC_PERIOD_MS, { key });
    });
    store.watch('HorizontalPodAutoscaler', {}, ({ type, object }) => {
      const key = `${object.metadata!.namespace}/${object.metadata!.name}`;
      if (type !== 'ADDED' || this.#ticking.has(key)) return;
      this.#ticking.add(key);
      engine.schedule(this.#tick, 0, { key });
    });
    engine.register(this);
  }

  /** One reconcileAutoscaler pass over an HPA. */
  reconcile(hpa: Stored<'HorizontalPodAutoscaler'>): void {
    const key = `${hpa.metadata!.namespace}/${hpa.metadata!.name}`;
    const next = deepCopy(hpa) as HorizontalPodAutoscaler;
    const status = (next.status ??= { desiredReplicas: 0 });
    const namespace = hpa.metadata!.namespace!;
    const ref = hpa.spec!.scaleTargetRef;
    const kind = SCALABLE[ref.kind];
    const target = kind === undefined ? undefined : this.#store.tryGet(ref.kind, namespace, ref.name);
    if (kind === undefined || target === undefined) {
      const message = kind === undefined ? `no matches for kind "${ref.kind}" in group "${(ref.apiVersion ?? '').split('/').slice(0, -1).join('/')}"` : `${kind.resource} "${ref.name}" not found`;
      this.#condition(next, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${message}`);
      this.#events.event(hpa, 'Warning', 'FailedGetScale', message);
      this.#writeStatus(hpa, next);
      return;
    }
    const spec = (target as { spec?: { replicas?: number; selector?: unknown } }).spec;
    const currentReplicas = spec?.replicas ?? 1;
    this.#condition(next, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
    const min = hpa.spec!.minReplicas ?? 1;
    const max = hpa.spec!.maxReplicas;
    let desired = 0;
    let rescaleReason = '';
    let rescale = true;
    let metricStatuses: MetricStatus[] | undefined;
    if (currentReplicas === 0 && min !== 0) {
      rescale = false;
      this.#condition(next, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
    } else if (currentReplicas > max) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desired = max;
    } else if (currentReplicas < min) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desired = min;
    } else {
      const pods = this.#store.list('Pod', { namespace, labelSelector: selectorFromLabelSelector(spec?.selector as never) }).items as DeepReadonly<Pod>[];
      const computed = this.#computeReplicas(hpa, next, currentReplicas, pods);
      metricStatuses = computed.statuses;
      if (computed.replicas === -1) {
        status.currentReplicas = currentReplicas;
        status.currentMetrics = metricStatuses;
        this.#events.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', computed.error!);
        this.#writeStatus(hpa, next);
        return;
      }
      desired = computed.replicas;
      if (desired > currentReplicas) rescaleReason = `${computed.metric} above target`;
      if (desired < currentReplicas) rescaleReason = 'All metrics below target';
      const state = this.#state(key);
      const normalized = normalizeWithBehaviors(state, this.#engine.now, scaleUpRules(hpa.spec!.behavior), scaleDownRules(hpa.spec!.behavior), currentReplicas, desired, min, max);
      this.#condition(next, 'AbleToScale', 'True', normalized.ableToScale.reason, normalized.ableToScale.message);
      this.#condition(next, 'ScalingLimited', normalized.limited.status, normalized.limited.reason, normalized.limited.message);
      desired = normalized.replicas;
      rescale = desired !== currentReplicas;
    }
    if (rescale) {
      this.#store.patch(ref.kind, namespace, ref.name, { spec: { replicas: desired } }, 'merge');
      this.#condition(next, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`);
      this.#events.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${rescaleReason}`);
      recordScale(this.#state(key), scaleUpRules(hpa.spec!.behavior), scaleDownRules(hpa.spec!.behavior), currentReplicas, desired, this.#engine.now);
      status.lastScaleTime = toRFC3339(this.#engine.now);
      this.#engine.log.append('hpa.rescale', { hpa: key, from: currentReplicas, to: desired, reason: rescaleReason });
    } else desired = currentReplicas;
    status.currentReplicas = currentReplicas;
    status.desiredReplicas = desired;
    if (metricStatuses !== undefined) status.currentMetrics = metricStatuses;
    status.observedGeneration = hpa.metadata?.generation ?? 0;
    this.#writeStatus(hpa, next);
  }

  #state(key: string): BehaviorState {
    let state = this.#behavior.get(key);
    if (state === undefined) {
      state = { recommendations: [], up: [], down: [] };
      this.#behavior.set(key, state);
    }
    return state;
  }

  /** computeReplicasForMetrics: the largest proposal of the valid metrics, or -1 with the first error. */
  #computeReplicas(hpa: Stored<'HorizontalPodAutoscaler'>, next: HorizontalPodAutoscaler, current: number, pods: readonly DeepReadonly<Pod>[]): { replicas: number; metric: string; statuses: MetricStatus[]; error?: string } {
    const specs = (hpa.spec!.metrics ?? []) as MetricSpec[];
    const statuses: MetricStatus[] = [];
    let replicas = 0;
    let metric = '';
    let invalid = 0;
    let firstError: MetricError | undefined;
    for (const spec of specs) {
      try {
        const proposal = this.#metricReplicas(spec, current, pods);
        statuses.push(proposal.status);
        if (replicas === 0 || proposal.replicas > replicas) {
          replicas = proposal.replicas;
          metric = proposal.name;
        }
      } catch (error) {
        if (!(error instanceof MetricError)) throw error;
        statuses.push({ type: spec.type });
        this.#events.event(hpa, 'Warning', error.reason, error.message);
        if (invalid === 0) firstError = error;
        invalid++;
      }
    }
    if (invalid >= specs.length || (invalid > 0 && replicas < current)) {
      this.#condition(next, 'ScalingActive', 'False', firstError!.reason, `the HPA was unable to compute the replica count: ${firstError!.message}`);
      return { replicas: -1, metric: '', statuses, error: `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError!.message}` };
    }
    this.#condition(next, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metric}`);
    return { replicas, metric, statuses };
  }

  #metricReplicas(spec: MetricSpec, current: number, pods: readonly DeepReadonly<Pod>[]): { replicas: number; name: string; status: MetricStatus } {
    const source = spec.type === 'Resource' ? spec.resource : spec.type === 'ContainerResource' ? spec.containerResource : undefined;
    if (source === undefined) {
      const reason = spec.type === 'Pods' ? 'FailedGetPodsMetric' : spec.type === 'Object' ? 'FailedGetObjectMetric' : 'FailedGetExternalMetric';
      throw new MetricError(`unable to get metric: no custom metrics API (metrics adapters are not simulated)`, reason);
    }
    const resource = source.name;
    const container = spec.type === 'ContainerResource' ? spec.containerResource!.container : undefined;
    const reason = spec.type === 'Resource' ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric';
    const target = source.target;
    const sampled = this.#samples(pods, resource, container, reason);
    const now = this.#engine.now;
    const toQuantity = (milli: number) => canonicalQuantity(`${milli}m`);
    try {
      if (target.averageValue !== undefined) {
        const goal = parseQuantity(target.averageValue).milliValue();
        const proposal = rawResourceReplicas(current, goal, pods, sampled, resource, now, this.#tolerance);
        return {
          replicas: proposal.replicas,
          name: `${resource} resource`,
          status: this.#metricStatus(spec, resource, container, { averageValue: toQuantity(proposal.rawAverage) }),
        };
      }
      if (target.averageUtilization === undefined) {
        throw new MetricError('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set', reason);
      }
      const proposal: ReplicaProposal = resourceReplicas(current, target.averageUtilization, resource, pods, sampled, now, this.#tolerance, container);
      return {
        replicas: proposal.replicas,
        name: container === undefined ? `${resource} resource utilization (percentage of request)` : `${resource} container resource utilization (percentage of request)`,
        status: this.#metricStatus(spec, resource, container, { averageUtilization: proposal.utilization, averageValue: toQuantity(proposal.rawAverage) }),
      };
    } catch (error) {
      if (error instanceof ReplicaCalculationError) throw new MetricError(`failed to get ${resource} utilization: ${error.message}`, reason);
      throw error;
    }
  }

  #metricStatus(spec: MetricSpec, resource: string, container: string | undefined, current: { averageUtilization?: number; averageValue?: string }): MetricStatus {
    return spec.type === 'Resource' ? { type: 'Resource', resource: { name: resource, current } } : { type: 'ContainerResource', containerResource: { name: resource, container: container!, current } };
  }

  /** Each pod's usage from the metrics API, in milli-units. */
  #samples(pods: readonly DeepReadonly<Pod>[], resource: string, container: string | undefined, reason: string): Map<string, PodMetric> {
    if (this.#metrics === undefined) {
      throw new MetricError(`failed to get ${resource} utilization: unable to get metrics for resource ${resource}: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)`, reason);
    }
    const out = new Map<string, PodMetric>();
    const namespace = pods[0]?.metadata?.namespace;
    if (namespace === undefined) return out;
    const names = new Set(pods.map((p) => p.metadata!.name!));
    for (const sample of this.#metrics.pods(namespace)) {
      if (!names.has(sample.name)) continue;
      const containers = sample.containers.filter((c) => container === undefined || c.name === container);
      const value = containers.reduce((sum, c) => sum + (resource === 'cpu' ? Math.ceil(c.cpuMillicores) : c.memoryBytes * 1000), 0);
      out.set(sample.name, { value, timestamp: sample.timestamp, windowMs: sample.windowMs });
    }
    return out;
  }

  #condition(hpa: HorizontalPodAutoscaler, type: ConditionType, status: 'True' | 'False', reason: string, message: string): void {
    const conditions = ((hpa.status ??= { desiredReplicas: 0 }).conditions ??= []);
    const now = toRFC3339(this.#engine.now);
    const existing = conditions.find((c) => c.type === type);
    const condition: HorizontalPodAutoscalerCondition = { type, status, lastTransitionTime: existing !== undefined && existing.status === status ? existing.lastTransitionTime! : now, reason, message };
    if (existing === undefined) conditions.push(condition);
    else Object.assign(existing, condition);
  }

  #writeStatus(hpa: Stored<'HorizontalPodAutoscaler'>, next: HorizontalPodAutoscaler): void {
    if (jsonEqual(hpa.status, next.status)) return;
    this.#store.updateStatus(next);
  }

  snapshot(): SavedHpa {
    return { behavior: [...this.#behavior.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)), ticking: [...this.#ticking].sort() };
  }

  restore(state: unknown): void {
    const saved = state as SavedHpa;
    this.#behavior = new Map(saved.behavior.map(([k, v]) => [k, JSON.parse(JSON.stringify(v)) as BehaviorState]));
    this.#ticking = new Set(saved.ticking);
  }
}
