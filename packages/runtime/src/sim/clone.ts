// A deep copy of plain JSON data: what components hand to and take from snapshots, so that a
// snapshot never shares mutable state with the running engine.

export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
