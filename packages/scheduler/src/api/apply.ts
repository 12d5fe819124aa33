// Client-side `kubectl apply`: the `kubectl.kubernetes.io/last-applied-configuration` annotation
// and the three-way merge between what was last applied (original), the manifest (modified) and
// the live object (current), as kubectl's apply computes a strategic merge patch
// (`staging/src/k8s.io/kubectl/pkg/cmd/apply/patcher.go`, `pkg/util/strategicpatch`
// CreateThreeWayMergePatch):
// - a field in the manifest is set to the manifest's value;
// - a field that was last applied but left out of the manifest now is deleted;
// - a field the manifest never set (server defaults, other writers) is kept.
// Lists with a patch merge key merge element by element under the same rules; other lists are
// replaced. kubectl reports `unchanged` when the patch is empty, else `configured`.

import { setOwn } from '@dockyard/runtime';
import { mergeKeyFor } from './patch.ts';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

type Json = any;
const isMap = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

export type ApplyOutcome = 'created' | 'configured' | 'unchanged';

/** JSON with keys sorted, as Go's encoding/json writes a map. */
export function sortedJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (isMap(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The manifest with its last-applied annotation set, as kubectl sends it: the annotation holds the
 * manifest itself (without the annotation, with an `annotations` map even if empty) as JSON with
 * sorted keys and a final newline.
 */
export function withLastApplied<T extends Json>(manifest: T): T {
  const copy = JSON.parse(JSON.stringify(manifest)) as Json;
  copy.metadata ??= {};
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED_ANNOTATION];
  copy.metadata.annotations = annotations;
  const recorded = sortedJson(copy) + '\n';
  copy.metadata.annotations = { ...annotations, [LAST_APPLIED_ANNOTATION]: recorded };
  return copy as T;
}

/** The last-applied configuration recorded on a live object, if any. */
export function lastApplied(live: Json): Json | undefined {
  const text = live?.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The object `kubectl apply` leaves behind: current patched by the three-way merge. */
export function threeWayMerge(original: Json, modified: Json, current: Json): Json {
  return mergeValue(original, modified, current, []);
}

function mergeValue(original: Json, modified: Json, current: Json, path: string[]): Json {
  if (isMap(modified)) return mergeMaps(isMap(original) ? original : {}, modified, isMap(current) ? current : {}, path);
  if (Array.isArray(modified)) {
    const key = mergeKeyFor(path);
    if (key !== undefined && modified.every(isMap) && Array.isArray(current) && current.every(isMap)) {
      return mergeKeyedLists(Array.isArray(original) ? original : [], modified, current, key, path);
    }
  }
  return modified;
}

function mergeMaps(original: Record<string, Json>, modified: Record<string, Json>, current: Record<string, Json>, path: string[]): Json {
  const result: Record<string, Json> = {};
  for (const key of Object.keys(current)) {
    if (Object.hasOwn(modified, key)) continue;
    // Dropped from the manifest since the last apply: delete. Never applied: keep.
    if (!Object.hasOwn(original, key)) setOwn(result, key, current[key]);
  }
  // Own members only: a key such as `constructor` or `__proto__` is data here.
  const own = (map: Record<string, Json>, key: string) => (Object.hasOwn(map, key) ? map[key] : undefined);
  for (const key of Object.keys(modified)) {
    if (modified[key] === null) continue;
    setOwn(result, key, mergeValue(own(original, key), modified[key], own(current, key), [...path, key]));
  }
  return result;
}

function mergeKeyedLists(original: Json[], modified: Json[], current: Json[], key: string, path: string[]): Json[] {
  const find = (list: Json[], value: unknown) => list.find((item) => item[key] === value);
  const result: Json[] = [];
  for (const item of modified) result.push(mergeValue(find(original, item[key]), item, find(current, item[key]) ?? {}, path));
  for (const item of current) {
    if (find(modified, item[key]) === undefined && find(original, item[key]) === undefined) result.push(item);
  }
  return result;
}
