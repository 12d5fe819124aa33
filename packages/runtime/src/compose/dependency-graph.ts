// The depends_on graph: compose refuses cycles and starts services in dependency order (stops them
// in reverse). Ties are broken by name so that every order is deterministic.

import { ComposeError } from './errors.ts';

/** service → the services it depends on. */
export type DependencyMap = Record<string, string[]>;

/**
 * Throws compose's error for the first cycle found, searching from each service in name order and
 * following dependencies in name order (compose-go's graph.CheckCycle):
 * `dependency cycle detected: app -> db -> app`.
 */
export function checkDependencyCycles(graph: DependencyMap): void {
  const search = (path: string[]): void => {
    for (const next of [...(graph[path[path.length - 1]!] ?? [])].sort()) {
      const at = path.indexOf(next);
      if (at >= 0) throw new ComposeError(`dependency cycle detected: ${[...path.slice(at), next].join(' -> ')}`);
      search([...path, next]);
    }
  };
  for (const name of Object.keys(graph).sort()) search([name]);
}

/**
 * Services ordered so that each comes after everything it depends on; among services whose
 * dependencies are all placed, the alphabetically first goes next. Dependencies outside `graph`
 * are ignored. The graph must be acyclic.
 */
export function dependencyOrder(graph: DependencyMap): string[] {
  const names = Object.keys(graph).sort();
  const placed = new Set<string>();
  const order: string[] = [];
  while (order.length < names.length) {
    const next = names.find((name) => !placed.has(name) && graph[name]!.every((dep) => placed.has(dep) || !(dep in graph)));
    if (next === undefined) throw new ComposeError('dependency cycle detected');
    placed.add(next);
    order.push(next);
  }
  return order;
}

/** `names` plus everything they depend on, transitively. */
export function withDependencies(graph: DependencyMap, names: string[]): Set<string> {
  const out = new Set<string>();
  const visit = (name: string): void => {
    if (out.has(name)) return;
    out.add(name);
    for (const dep of graph[name] ?? []) visit(dep);
  };
  names.forEach(visit);
  return out;
}
