// The HPA's scaling behavior (k/k pkg/controller/podautoscaler/horizontal.go
// normalizeDesiredReplicasWithBehaviors, stabilizeRecommendationWithBehaviors,
// convertDesiredReplicasWithBehaviorRate, calculateScaleUpLimitWithScalingRules,
// calculateScaleDownLimitWithBehaviors) and the autoscaling/v2 defaults
// (SetDefaults_HorizontalPodAutoscalerBehavior):
// - scale up: no stabilization window, at most max(+4 pods, +100%) per 15 s;
// - scale down: a 300 s stabilization window (--horizontal-pod-autoscaler-downscale-stabilization),
//   at most −100% per 15 s;
// - stabilization keeps the highest recommendation of the down window and the lowest of the up
//   window; rate limits count the changes made within each policy's period;
// - the result is clamped to minReplicas..maxReplicas, with the condition reason that says why
//   (ScaleUpLimit, ScaleDownLimit, TooManyReplicas, TooFewReplicas, DesiredWithinRange).

import type { HPAScalingRules, HorizontalPodAutoscalerBehavior } from 'kubernetes-types/autoscaling/v2';
import type { DeepReadonly } from '../api/kinds.ts';

export const DOWNSCALE_STABILIZATION_SECONDS = 300;

export interface ScalingRules {
  stabilizationWindowSeconds: number;
  selectPolicy: 'Max' | 'Min' | 'Disabled';
  policies: { type: 'Pods' | 'Percent'; value: number; periodSeconds: number }[];
}

export function scaleUpRules(behavior: DeepReadonly<HorizontalPodAutoscalerBehavior> | undefined): ScalingRules {
  return rules(behavior?.scaleUp, 0, [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ]);
}

export function scaleDownRules(behavior: DeepReadonly<HorizontalPodAutoscalerBehavior> | undefined): ScalingRules {
  return rules(behavior?.scaleDown, DOWNSCALE_STABILIZATION_SECONDS, [{ type: 'Percent', value: 100, periodSeconds: 15 }]);
}

function rules(given: DeepReadonly<HPAScalingRules> | undefined, window: number, policies: ScalingRules['policies']): ScalingRules {
  return {
    stabilizationWindowSeconds: given?.stabilizationWindowSeconds ?? window,
    selectPolicy: (given?.selectPolicy as ScalingRules['selectPolicy'] | undefined) ?? 'Max',
    policies: given?.policies === undefined ? policies : given.policies.map((p) => ({ type: p.type as 'Pods' | 'Percent', value: p.value, periodSeconds: p.periodSeconds })),
  };
}

export interface TimestampedRecommendation {
  recommendation: number;
  at: number;
}

export interface ScaleEvent {
  change: number;
  at: number;
}

export interface BehaviorState {
  recommendations: TimestampedRecommendation[];
  up: ScaleEvent[];
  down: ScaleEvent[];
}

export interface Normalized {
  replicas: number;
  ableToScale: { reason: string; message: string };
  limited: { status: 'True' | 'False'; reason: string; message: string };
}

/** Stabilizes and rate-limits a recommendation; records it in `state` (mutated). */
export function normalizeWithBehaviors(
  state: BehaviorState,
  now: number,
  up: ScalingRules,
  down: ScalingRules,
  current: number,
  desired: number,
  min: number,
  max: number,
): Normalized {
  // Stabilization.
  const upCutoff = now - up.stabilizationWindowSeconds * 1000;
  const downCutoff = now - down.stabilizationWindowSeconds * 1000;
  let upRecommendation = desired;
  let downRecommendation = desired;
  let oldIndex = -1;
  state.recommendations.forEach((rec, i) => {
    if (rec.at > upCutoff) upRecommendation = Math.min(rec.recommendation, upRecommendation);
    if (rec.at > downCutoff) downRecommendation = Math.max(rec.recommendation, downRecommendation);
    if (rec.at < upCutoff && rec.at < downCutoff) oldIndex = i;
  });
  let stabilized = current;
  if (stabilized < upRecommendation) stabilized = upRecommendation;
  if (stabilized > downRecommendation) stabilized = downRecommendation;
  if (oldIndex >= 0) state.recommendations[oldIndex] = { recommendation: desired, at: now };
  else state.recommendations.push({ recommendation: desired, at: now });
  const ableToScale =
    stabilized !== desired
      ? desired >= current
        ? { reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
        : { reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' }
      : { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };

  // Rate limits and bounds.
  let replicas = stabilized;
  let reason = 'DesiredWithinRange';
  let message = 'the desired count is within the acceptable range';
  if (stabilized > current) {
    let limit = scaleUpLimit(current, state, up, now);
    if (limit < current) limit = current;
    let allowed = max;
    let r = 'TooManyReplicas';
    let m = 'the desired replica count is more than the maximum replica count';
    if (allowed > limit) {
      allowed = limit;
      r = 'ScaleUpLimit';
      m = 'the desired replica count is increasing faster than the maximum scale rate';
    }
    if (stabilized > allowed) [replicas, reason, message] = [allowed, r, m];
  } else if (stabilized < current) {
    let limit = scaleDownLimit(current, state, down, now);
    if (limit > current) limit = current;
    let allowed = min;
    let r = 'TooFewReplicas';
    let m = 'the desired replica count is less than the minimum replica count';
    if (allowed < limit) {
      allowed = limit;
      r = 'ScaleDownLimit';
      m = 'the desired replica count is decreasing faster than the maximum scale rate';
    }
    if (stabilized < allowed) [replicas, reason, message] = [allowed, r, m];
  }
  return { replicas, ableToScale, limited: { status: replicas === stabilized ? 'False' : 'True', reason, message } };
}

function changeIn(events: readonly ScaleEvent[], periodSeconds: number, now: number): number {
  const cutoff = now - periodSeconds * 1000;
  return events.filter((e) => e.at > cutoff).reduce((sum, e) => sum + e.change, 0);
}

function scaleUpLimit(current: number, state: BehaviorState, rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  let result = rules.selectPolicy === 'Min' ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const policy of rules.policies) {
    const start = current - changeIn(state.up, policy.periodSeconds, now) + changeIn(state.down, policy.periodSeconds, now);
    const proposed = policy.type === 'Pods' ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
    result = rules.selectPolicy === 'Min' ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

function scaleDownLimit(current: number, state: BehaviorState, rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  let result = rules.selectPolicy === 'Min' ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const policy of rules.policies) {
    const start = current - changeIn(state.up, policy.periodSeconds, now) + changeIn(state.down, policy.periodSeconds, now);
    const proposed = policy.type === 'Pods' ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
    result = rules.selectPolicy === 'Min' ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** storeScaleEvent: remembers a rescale for the rate limits, forgetting what no policy looks at. */
export function recordScale(state: BehaviorState, up: ScalingRules, down: ScalingRules, before: number, after: number, now: number): void {
  const longest = (r: ScalingRules) => Math.max(0, ...r.policies.map((p) => p.periodSeconds)) * 1000;
  if (after > before) state.up.push({ change: after - before, at: now });
  else if (after < before) state.down.push({ change: before - after, at: now });
  state.up = state.up.filter((e) => e.at > now - longest(up));
  state.down = state.down.filter((e) => e.at > now - longest(down));
}
