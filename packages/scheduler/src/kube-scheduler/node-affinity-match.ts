// A pod's hard node constraints as one matcher (component-helpers nodeaffinity
// GetRequiredNodeAffinity): every nodeSelector label must be equal, and one of the required
// affinity terms must match. NodeAffinity filters with it; PodTopologySpread uses it to decide
// which nodes count (nodeAffinityPolicy: Honor).

import type { PodSpec } from 'kubernetes-types/core/v1';
import { compileLabelSet, compileNodeSelector, type LabelMatcher, type NodeTermMatcher, type NodeView } from './label-match.ts';

export interface RequiredNodeAffinity {
  matches(node: NodeView): boolean;
}

export function requiredNodeAffinity(spec: PodSpec): RequiredNodeAffinity | null {
  const selector = spec.nodeSelector;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required === undefined ? undefined : (required.nodeSelectorTerms ?? []);
  const hasSelector = selector !== undefined && Object.keys(selector).length > 0;
  if (!hasSelector && terms === undefined) return null;
  const labels: LabelMatcher | undefined = hasSelector ? compileLabelSet(selector) : undefined;
  const affinity: NodeTermMatcher | undefined = terms === undefined ? undefined : compileNodeSelector(terms);
  return {
    matches(node) {
      if (labels !== undefined && !labels.matches(node.labels)) return false;
      return affinity === undefined || affinity.matches(node);
    },
  };
}
