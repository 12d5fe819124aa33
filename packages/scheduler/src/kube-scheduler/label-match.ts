// Label and node-selector matching compiled once per scheduling cycle for the hot loop over nodes.
// Semantics follow k8s.io/apimachinery `labels.Selector` and component-helpers `nodeaffinity`:
// - a nil metav1.LabelSelector matches nothing, an empty one matches everything;
// - NotIn and DoesNotExist match a missing key; Gt/Lt compare the label as a whole number;
// - a node selector term with no expressions and no fields matches nothing, and a term that does
//   not parse (Gt with two values, an unknown operator) never matches: the scheduler ignores the
//   parse error for backwards compatibility.
// Each compiled selector carries a canonical key, so counters can be shared between pods whose
// selectors are equal.

import type { NodeSelectorRequirement, NodeSelectorTerm } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

export type Labels = Readonly<Record<string, string>> | undefined;
type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
  /** Gt/Lt bound. */
  readonly bound: number;
}

export interface LabelMatcher {
  /** Equal selectors have equal keys. */
  readonly key: string;
  /** Matches everything (an empty selector); countPodsMatchSelector treats it as counting nothing. */
  readonly empty: boolean;
  matches(labels: Labels): boolean;
}

const INTEGER = /^[+-]?[0-9]+$/;

function requirementMatches(r: Requirement, labels: Labels): boolean {
  const value = labels?.[r.key];
  switch (r.operator) {
    case 'In':
      return value !== undefined && r.values.includes(value);
    case 'NotIn':
      return value === undefined || !r.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || !INTEGER.test(value)) return false;
      const n = Number(value);
      return r.operator === 'Gt' ? n > r.bound : n < r.bound;
    }
  }
}

/** Parses one requirement; undefined when the API server's selector conversion would fail. */
function requirement(key: string, operator: string, values: readonly string[] | undefined): Requirement | undefined {
  const list = [...new Set(values ?? [])].sort();
  switch (operator) {
    case 'In':
    case 'NotIn':
      return list.length === 0 ? undefined : { key, operator, values: list, bound: 0 };
    case 'Exists':
    case 'DoesNotExist':
      return list.length !== 0 ? undefined : { key, operator, values: [], bound: 0 };
    case 'Gt':
    case 'Lt':
      if (list.length !== 1 || !INTEGER.test(list[0]!)) return undefined;
      return { key, operator, values: list, bound: Number(list[0]) };
    default:
      return undefined;
  }
}

function build(requirements: Requirement[], nothing: boolean): LabelMatcher {
  if (nothing) return NOTHING;
  requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.operator < b.operator ? -1 : 1));
  const key = requirements.map((r) => `${r.key} ${r.operator} ${r.values.join(',')}`).join(';');
  const count = requirements.length;
  if (count === 0) return EVERYTHING;
  if (count === 1 && requirements[0]!.operator === 'In' && requirements[0]!.values.length === 1) {
    const [{ key: label, values }] = requirements as [Requirement];
    const wanted = values[0];
    return { key, empty: false, matches: (labels) => labels?.[label] === wanted };
  }
  return {
    key,
    empty: false,
    matches(labels) {
      for (let i = 0; i < count; i++) if (!requirementMatches(requirements[i]!, labels)) return false;
      return true;
    },
  };
}

export const EVERYTHING: LabelMatcher = { key: '', empty: true, matches: () => true };
export const NOTHING: LabelMatcher = { key: '<nothing>', empty: false, matches: () => false };

/** metav1.LabelSelectorAsSelector: nil matches nothing, `{}` everything, a bad requirement nothing. */
export function compileLabelSelector(selector: LabelSelector | undefined | null): LabelMatcher {
  if (selector === undefined || selector === null) return NOTHING;
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, operator: 'In', values: [value], bound: 0 });
  }
  for (const expression of selector.matchExpressions ?? []) {
    const r = requirement(expression.key, expression.operator, expression.values);
    if (r === undefined) return NOTHING;
    requirements.push(r);
  }
  return build(requirements, false);
}

/** labels.SelectorFromSet: every key must equal its value; an empty set matches everything. */
export function compileLabelSet(set: Readonly<Record<string, string>>): LabelMatcher {
  return build(
    Object.entries(set).map(([key, value]) => ({ key, operator: 'In' as const, values: [value], bound: 0 })),
    false,
  );
}

/** Requirements of several selectors ANDed into one (labels.Selector.Add). */
export function compileAll(selectors: readonly (LabelSelector | Readonly<Record<string, string>>)[]): LabelMatcher {
  const requirements: Requirement[] = [];
  for (const selector of selectors) {
    if ('matchLabels' in selector || 'matchExpressions' in selector) {
      const s = selector as LabelSelector;
      for (const [key, value] of Object.entries(s.matchLabels ?? {})) requirements.push({ key, operator: 'In', values: [value], bound: 0 });
      for (const expression of s.matchExpressions ?? []) {
        const r = requirement(expression.key, expression.operator, expression.values);
        if (r === undefined) return NOTHING;
        requirements.push(r);
      }
    } else {
      for (const [key, value] of Object.entries(selector as Record<string, string>)) {
        requirements.push({ key, operator: 'In', values: [value], bound: 0 });
      }
    }
  }
  return build(requirements, false);
}

/** A node the node-affinity matchers look at: its labels and its name (the only matchable field). */
export interface NodeView {
  readonly name: string;
  readonly labels: Labels;
}

export interface NodeTermMatcher {
  matches(node: NodeView): boolean;
}

const NEVER: NodeTermMatcher = { matches: () => false };

/** One nodeSelectorTerm: its expressions and fields ANDed; empty or unparsable terms match nothing. */
export function compileNodeSelectorTerm(term: NodeSelectorTerm | undefined): NodeTermMatcher {
  const expressions = term?.matchExpressions ?? [];
  const fields = term?.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return NEVER;
  const labelRequirements: Requirement[] = [];
  for (const e of expressions) {
    const r = requirement(e.key, e.operator, e.values);
    if (r === undefined) return NEVER;
    labelRequirements.push(r);
  }
  const fieldRequirements: Requirement[] = [];
  for (const f of fields) {
    const r = fieldRequirement(f);
    if (r === undefined) return NEVER;
    fieldRequirements.push(r);
  }
  return {
    matches(node) {
      for (const r of labelRequirements) if (!requirementMatches(r, node.labels)) return false;
      for (const r of fieldRequirements) if (!requirementMatches(r, { 'metadata.name': node.name })) return false;
      return true;
    },
  };
}

/** Only `metadata.name` with In or NotIn and exactly one value is a valid node field selector. */
function fieldRequirement(f: NodeSelectorRequirement): Requirement | undefined {
  if (f.key !== 'metadata.name' || (f.operator !== 'In' && f.operator !== 'NotIn') || f.values?.length !== 1) return undefined;
  return requirement(f.key, f.operator, f.values);
}

/** nodeSelectorTerms ORed, as NodeSelector.Match. */
export function compileNodeSelector(terms: readonly NodeSelectorTerm[]): NodeTermMatcher {
  const compiled = terms.map(compileNodeSelectorTerm);
  return { matches: (node) => compiled.some((t) => t.matches(node)) };
}
