// InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity, v1.33).
//
// Filter, in this order on each node:
// - the pod's required affinity: every term's topology key must be on the node and some pod
//   matching the term must already run in that domain (`node(s) didn't match pod affinity rules`,
//   unresolvable) - unless no pod anywhere matches and the pod matches its own terms, so the first
//   replica of a self-affine workload can start;
// - the pod's required anti-affinity: no matching pod in the node's domain for any term
//   (`node(s) didn't match pod anti-affinity rules`);
// - existing pods' required anti-affinity: no pod whose term matches the newcomer runs in a domain
//   the node belongs to (`node(s) didn't satisfy existing pods anti-affinity rules`).
// Score (weight 2): preferred terms of the pod (+/− weight per matching pod in the domain), required
// affinity terms of existing pods matching the pod (hardPodAffinityWeight 1) and their preferred
// terms, summed per topology domain; normalised as 100 × (score − min) / (max − min).
//
// A term selects pods in `namespaces`, or the pod's own namespace when neither namespaces nor a
// namespaceSelector is given; a namespaceSelector is resolved against the namespaces the cache
// was fed. Terminating pods count here, unlike in topology spreading.

import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { compileLabelSelector, type LabelMatcher, type Labels, NOTHING } from './label-match.ts';
import { type Cycle, type FilterPlugin, MAX_NODE_SCORE, type PreFilterOutcome, type ScorePlugin, status, type Status } from './plugin.ts';
import type { CachedPod, NodeEntry, SchedulerCache } from './scheduler-cache.ts';

const REASON_AFFINITY = "node(s) didn't match pod affinity rules";
const REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
const REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
/** InterPodAffinityArgs.hardPodAffinityWeight default. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

interface AffinityTerm {
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: LabelMatcher;
  readonly selector: LabelMatcher;
  readonly topologyKey: string;
}

interface WeightedTerm extends AffinityTerm {
  readonly weight: number;
}

interface PodTerms {
  readonly requiredAffinity: readonly AffinityTerm[];
  readonly requiredAntiAffinity: readonly AffinityTerm[];
  readonly preferredAffinity: readonly WeightedTerm[];
  readonly preferredAntiAffinity: readonly WeightedTerm[];
}

function parseTerm(namespace: string, term: PodAffinityTerm): AffinityTerm {
  const namespaces = new Set<string>(term.namespaces ?? []);
  if (namespaces.size === 0 && term.namespaceSelector === undefined) namespaces.add(namespace);
  return {
    namespaces,
    namespaceSelector: term.namespaceSelector === undefined ? NOTHING : compileLabelSelector(term.namespaceSelector),
    selector: compileLabelSelector(term.labelSelector),
    topologyKey: term.topologyKey,
  };
}

function parseWeighted(namespace: string, terms: readonly WeightedPodAffinityTerm[] | undefined): WeightedTerm[] {
  return (terms ?? []).map((t) => ({ ...parseTerm(namespace, t.podAffinityTerm), weight: t.weight }));
}

function parsePod(pod: Pod): PodTerms {
  const namespace = pod.metadata?.namespace ?? 'default';
  const a = pod.spec?.affinity;
  return {
    requiredAffinity: (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => parseTerm(namespace, t)),
    requiredAntiAffinity: (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => parseTerm(namespace, t)),
    preferredAffinity: parseWeighted(namespace, a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinity: parseWeighted(namespace, a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}

const parsedExisting = new WeakMap<Pod, PodTerms>();

function termsOf(pod: CachedPod): PodTerms {
  let terms = parsedExisting.get(pod.pod);
  if (terms === undefined) parsedExisting.set(pod.pod, (terms = parsePod(pod.pod)));
  return terms;
}

/** mergeAffinityTermNamespacesIfNotEmpty: the incoming pod's namespaceSelector becomes a namespace list. */
function resolveNamespaces(cache: SchedulerCache, term: AffinityTerm): AffinityTerm {
  if (term.namespaceSelector.empty || term.namespaceSelector === NOTHING) return term;
  const namespaces = new Set(term.namespaces);
  for (const [name, labels] of cache.namespaces()) if (term.namespaceSelector.matches(labels)) namespaces.add(name);
  return { ...term, namespaces, namespaceSelector: NOTHING };
}

/** AffinityTerm.Matches. */
function termMatches(term: AffinityTerm, namespace: string, labels: Labels, namespaceLabels: Labels): boolean {
  if (!term.namespaces.has(namespace) && !term.namespaceSelector.matches(namespaceLabels)) return false;
  return term.selector.matches(labels);
}

function pairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

/** topologyToMatchedTermCount.update: only nodes carrying the key count. */
function bump(counts: Map<string, number>, node: NodeEntry, key: string, delta: number): void {
  const value = node.labels?.[key];
  if (value === undefined) return;
  const k = pairKey(key, value);
  const next = (counts.get(k) ?? 0) + delta;
  if (next === 0) counts.delete(k);
  else counts.set(k, next);
}

export class InterPodAffinity implements FilterPlugin, ScorePlugin {
  readonly name = 'InterPodAffinity';
  readonly weight = 2;
  #terms: PodTerms = parsePod({});
  #existingAnti = new Map<string, number>();
  #affinityCounts = new Map<string, number>();
  #antiCounts = new Map<string, number>();
  #selfAffine = false;
  #topologyScore = new Map<string, Map<string, number>>();

  preFilter(cycle: Cycle): PreFilterOutcome {
    const cache = cycle.cache;
    const parsed = parsePod(cycle.pod);
    const terms: PodTerms = {
      ...parsed,
      requiredAffinity: parsed.requiredAffinity.map((t) => resolveNamespaces(cache, t)),
      requiredAntiAffinity: parsed.requiredAntiAffinity.map((t) => resolveNamespaces(cache, t)),
    };
    this.#terms = terms;
    const namespaceLabels = cache.namespaceLabels(cycle.namespace);
    this.#existingAnti = new Map();
    for (const existing of cache.podsWithRequiredAntiAffinity) {
      const node = cache.nodeEntry(existing.nodeName)!;
      for (const t of termsOf(existing).requiredAntiAffinity) {
        if (termMatches(t, cycle.namespace, cycle.labels, namespaceLabels)) bump(this.#existingAnti, node, t.topologyKey, 1);
      }
    }
    this.#affinityCounts = new Map();
    this.#antiCounts = new Map();
    if (terms.requiredAffinity.length > 0 || terms.requiredAntiAffinity.length > 0) {
      for (const slot of cache.order()) {
        const node = cache.entries[slot]!;
        for (const existing of node.pods) {
          if (terms.requiredAffinity.length > 0 && terms.requiredAffinity.every((t) => termMatches(t, existing.namespace, existing.labels, undefined))) {
            for (const t of terms.requiredAffinity) bump(this.#affinityCounts, node, t.topologyKey, 1);
          }
          for (const t of terms.requiredAntiAffinity) {
            if (termMatches(t, existing.namespace, existing.labels, undefined)) bump(this.#antiCounts, node, t.topologyKey, 1);
          }
        }
      }
    }
    this.#selfAffine = terms.requiredAffinity.length > 0 && terms.requiredAffinity.every((t) => termMatches(t, cycle.namespace, cycle.labels, undefined));
    if (this.#existingAnti.size === 0 && terms.requiredAffinity.length === 0 && terms.requiredAntiAffinity.length === 0) return 'skip';
    return 'run';
  }

  filter(cycle: Cycle, slot: number): Status | null {
    const labels = cycle.cache.entries[slot]!.labels;
    const terms = this.#terms;
    let podsExist = true;
    for (const t of terms.requiredAffinity) {
      const value = labels?.[t.topologyKey];
      if (value === undefined) return status(this.name, 'UnschedulableAndUnresolvable', REASON_AFFINITY);
      if ((this.#affinityCounts.get(pairKey(t.topologyKey, value)) ?? 0) <= 0) podsExist = false;
    }
    if (!podsExist && !(this.#affinityCounts.size === 0 && this.#selfAffine)) {
      return status(this.name, 'UnschedulableAndUnresolvable', REASON_AFFINITY);
    }
    if (this.#antiCounts.size > 0) {
      for (const t of terms.requiredAntiAffinity) {
        const value = labels?.[t.topologyKey];
        if (value !== undefined && (this.#antiCounts.get(pairKey(t.topologyKey, value)) ?? 0) > 0) {
          return status(this.name, 'Unschedulable', REASON_ANTI_AFFINITY);
        }
      }
    }
    if (this.#existingAnti.size > 0) {
      for (const [key, value] of Object.entries(labels ?? {})) {
        if ((this.#existingAnti.get(pairKey(key, value)) ?? 0) > 0) return status(this.name, 'Unschedulable', REASON_EXISTING_ANTI_AFFINITY);
      }
    }
    return null;
  }

  preScore(cycle: Cycle): boolean {
    const cache = cycle.cache;
    const parsed = parsePod(cycle.pod);
    const preferredAffinity = parsed.preferredAffinity.map((t) => ({ ...resolveNamespaces(cache, t), weight: t.weight }));
    const preferredAnti = parsed.preferredAntiAffinity.map((t) => ({ ...resolveNamespaces(cache, t), weight: t.weight }));
    const hasConstraints = preferredAffinity.length > 0 || preferredAnti.length > 0;
    const namespaceLabels = cache.namespaceLabels(cycle.namespace);
    const score = (this.#topologyScore = new Map());
    // A matching term creates its domain's entry even when the weights cancel out (processTerm).
    const add = (node: NodeEntry, key: string, delta: number) => {
      const value = node.labels?.[key];
      if (value === undefined) return;
      let values = score.get(key);
      if (values === undefined) score.set(key, (values = new Map()));
      values.set(value, (values.get(value) ?? 0) + delta);
    };
    const process = (existing: CachedPod, node: NodeEntry) => {
      if (node.labels === undefined || Object.keys(node.labels).length === 0) return;
      for (const t of preferredAffinity) if (termMatches(t, existing.namespace, existing.labels, undefined)) add(node, t.topologyKey, t.weight);
      for (const t of preferredAnti) if (termMatches(t, existing.namespace, existing.labels, undefined)) add(node, t.topologyKey, -t.weight);
      if (!existing.hasAffinity) return;
      const theirs = termsOf(existing);
      for (const t of theirs.requiredAffinity) if (termMatches(t, cycle.namespace, cycle.labels, namespaceLabels)) add(node, t.topologyKey, HARD_POD_AFFINITY_WEIGHT);
      for (const t of theirs.preferredAffinity) if (termMatches(t, cycle.namespace, cycle.labels, namespaceLabels)) add(node, t.topologyKey, t.weight);
      for (const t of theirs.preferredAntiAffinity) if (termMatches(t, cycle.namespace, cycle.labels, namespaceLabels)) add(node, t.topologyKey, -t.weight);
    };
    if (hasConstraints) {
      for (const slot of cache.order()) {
        const node = cache.entries[slot]!;
        for (const existing of node.pods) process(existing, node);
      }
    } else {
      for (const existing of cache.podsWithAffinity) process(existing, cache.nodeEntry(existing.nodeName)!);
    }
    return score.size > 0;
  }

  score(cycle: Cycle, slot: number): number {
    const labels = cycle.cache.entries[slot]!.labels;
    let total = 0;
    for (const [key, values] of this.#topologyScore) {
      const value = labels?.[key];
      if (value !== undefined) total += values.get(value) ?? 0;
    }
    return total;
  }

  normalize(_cycle: Cycle, scores: Float64Array, _feasible: Int32Array, count: number): void {
    let min = Infinity;
    let max = -Infinity;
    for (let j = 0; j < count; j++) {
      min = Math.min(min, scores[j]!);
      max = Math.max(max, scores[j]!);
    }
    const diff = max - min;
    for (let j = 0; j < count; j++) scores[j] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[j]! - min) / diff)) : 0;
  }
}
