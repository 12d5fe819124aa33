// A deep copy of plain JSON data: what components hand to and take from snapshots, so that a
// snapshot never shares mutable state with the running engine. Frozen parts are shared instead
// of copied: nothing can change them, and the big ones are meant to be shared (a file tree's
// saved rows while the tree is unchanged, the API store's objects), which is what keeps a
// checkpoint of a 1,000-pod cluster cheap. A frozen value must be frozen all the way down.

export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : cloneJson(item))) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    // As JSON would: absent fields are dropped.
    if (field !== undefined) setOwn(copy, key, cloneJson(field));
  }
  return copy as T;
}

/**
 * `object[key] = value` for data keys, including `__proto__`: a valid ConfigMap key, label or
 * annotation, which plain assignment would take as the prototype and drop. (JSON.parse and object
 * spreads define keys, so they keep it; assignment, `Object.assign` and `in` do not.)
 */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}
