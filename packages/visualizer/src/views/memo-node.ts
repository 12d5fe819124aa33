// The page re-renders on every frame while playing; with 1,000 pods most of what it draws has not
// changed since the frame before. Preact does not diff a vnode it drew before (the same object), so
// a part drawn from the same inputs is handed back as the same vnode.
import type { VNode } from 'preact';

export interface Drawn {
  readonly inputs: readonly unknown[];
  readonly node: VNode;
}

/** Where drawn parts are kept: a WeakMap for parts keyed by a model object, a Map for names. */
export interface DrawnParts<K> {
  get(key: K): Drawn | undefined;
  set(key: K, drawn: Drawn): unknown;
}

/** The vnode drawn for `key` last time when every input is the same (`===`) as then, else a new one. */
export function memoNode<K>(parts: DrawnParts<K>, key: K, inputs: readonly unknown[], draw: () => VNode): VNode {
  const known = parts.get(key);
  if (known !== undefined && known.inputs.length === inputs.length && known.inputs.every((input, i) => input === inputs[i])) return known.node;
  const node = draw();
  parts.set(key, { inputs, node });
  return node;
}
