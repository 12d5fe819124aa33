// The three patch types `kubectl patch --type` sends and the API server applies:
// - JSON merge patch (RFC 7386): maps merge, null deletes, lists are replaced whole;
// - JSON patch (RFC 6902): a list of add/remove/replace/move/copy/test operations;
// - strategic merge patch (k8s.io/apimachinery `pkg/util/strategicpatch`): like a merge patch, but
//   lists with a patch merge key (containers by `name`, ports by `containerPort`, volumeMounts by
//   `mountPath`...) merge element by element, and `$patch: delete|replace`,
//   `$deleteFromPrimitiveList/<field>` and `$setElementOrder/<field>` directives are honoured.
// The merge keys are those of the `patchMergeKey` tags in k8s.io/api types.

import { setOwn } from '@dockyard/runtime';
import { badRequest } from './api-errors.ts';
import { GoJsonSyntaxError, parseGoJson } from './go-json.ts';

type Json = any;

const isMap = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A map's own member: keys such as `constructor` or `__proto__` are data keys here, not Object's. */
const member = (map: Record<string, Json>, key: string): Json => (Object.hasOwn(map, key) ? map[key] : undefined);

export type PatchType = 'merge' | 'json' | 'strategic';

/** What Go's encoding/json calls a JSON value's kind in `cannot unmarshal <kind> into ...`. */
function goKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/**
 * A PATCH body as the API server decodes it for its type, or a BadRequest in its words. Merge and
 * JSON patches are first decoded strictly (the default fieldValidation=Warn does that), which adds
 * `error decoding patch: `; a strategic merge patch's decoding error comes bare. A JSON patch is
 * decoded into a list of `handlers.jsonPatchOp`; the others into a map (null decodes to nothing).
 * [apiserver endpoints/handlers/patch.go applyJSPatch, strategicPatchObject]
 */
export function decodePatchBody(text: string, patchType: PatchType): unknown {
  let value: unknown;
  try {
    value = parseGoJson(text);
  } catch (error) {
    if (error instanceof GoJsonSyntaxError) throw badRequest(`${decodingPrefix(patchType)}${error.message}`);
    throw error;
  }
  return checkPatchShape(value, patchType);
}

const decodingPrefix = (patchType: PatchType) => (patchType === 'strategic' ? '' : 'error decoding patch: ');

/** A decoded patch checked as decodePatchBody checks it (the shape Go decodes it into). */
export function checkPatchShape(value: unknown, patchType: PatchType): unknown {
  const prefix = decodingPrefix(patchType);
  const cannot = (what: unknown, type: string) => badRequest(`${prefix}json: cannot unmarshal ${goKind(what)} into Go ${type}`);
  if (patchType !== 'json') {
    if (value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) throw cannot(value, 'value of type map[string]interface {}');
    return value;
  }
  if (value === null) return [];
  if (!Array.isArray(value)) throw cannot(value, 'value of type []handlers.jsonPatchOp');
  for (const operation of value) {
    if (operation === null) continue;
    if (typeof operation !== 'object' || Array.isArray(operation)) throw cannot(operation, 'value of type handlers.jsonPatchOp');
    for (const field of ['op', 'path', 'from'] as const) {
      const v: unknown = (operation as Record<string, unknown>)[field];
      if (v !== undefined && v !== null && typeof v !== 'string') throw cannot(v, `struct field jsonPatchOp.${field} of type string`);
    }
  }
  return value;
}

/** A patch that cannot be applied; the store answers it with a BadRequest. */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** RFC 7386. */
export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return clone(patch);
  const result: Record<string, Json> = isMap(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setOwn(result, key, applyMergePatch(member(result, key), value));
  }
  return result;
}

// ---- RFC 6902 ----

export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: Json;
  from?: string;
}

function pointer(path: string): string[] {
  if (typeof path !== 'string') throw new PatchError('operation does not have a path');
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer: ${JSON.stringify(path)}`);
  return path
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, parts: string[], op: string, path: string): Json {
  let node = doc;
  for (const part of parts.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(part)] : isMap(node) ? member(node, part) : undefined;
    if (node === undefined || node === null) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  return node;
}

function getAt(doc: Json, path: string, op: string): Json {
  let node = doc;
  for (const part of pointer(path)) {
    node = Array.isArray(node) ? node[Number(part)] : isMap(node) ? member(node, part) : undefined;
    if (node === undefined) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  return node;
}

function removeAt(doc: Json, path: string, op: string): Json {
  const parts = pointer(path);
  const parent = parentOf(doc, parts, op, path);
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!Number.isInteger(index) || index < 0 || index >= parent.length) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    return parent.splice(index, 1)[0];
  }
  if (!isMap(parent) || !Object.hasOwn(parent, last)) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  const value = parent[last];
  delete parent[last];
  return value;
}

function addAt(doc: Json, path: string, value: Json, replace: boolean): Json {
  const parts = pointer(path);
  if (parts.length === 0) return value;
  const op = replace ? 'replace' : 'add';
  const parent = parentOf(doc, parts, op, path);
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length - (replace ? 1 : 0)) {
      throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    }
    parent.splice(index, replace ? 1 : 0, value);
  } else if (isMap(parent)) {
    if (replace && !Object.hasOwn(parent, last)) throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    setOwn(parent, last, value);
  } else {
    throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  return doc;
}

/** RFC 6902, applied to a copy. */
export function applyJsonPatch(target: Json, operations: readonly JsonPatchOperation[]): Json {
  if (!Array.isArray(operations)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = clone(target);
  for (const operation of operations) {
    if (!isMap(operation)) throw new PatchError('Unexpected kind: unknown');
    const { op, path } = operation;
    switch (op) {
      case 'add':
        doc = addAt(doc, path, clone(operation.value), false);
        break;
      case 'replace':
        doc = addAt(doc, path, clone(operation.value), true);
        break;
      case 'remove':
        removeAt(doc, path, op);
        break;
      case 'move': {
        const value = removeAt(doc, operation.from ?? '', op);
        doc = addAt(doc, path, value, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, path, clone(getAt(doc, operation.from ?? '', op)), false);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, path, op)) !== JSON.stringify(operation.value)) {
          throw new PatchError(`testing value ${path} failed: test failed`);
        }
        break;
      default:
        throw new PatchError(`Unexpected kind: ${String(op)}`);
    }
  }
  return doc;
}

// ---- strategic merge patch ----

/** The patch merge key of a list field, given the field names above it (innermost last). */
export function mergeKeyFor(path: readonly string[]): string | undefined {
  const field = path[path.length - 1];
  const parent = path[path.length - 2];
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
    case 'hostAliases':
      return field === 'hostAliases' ? 'ip' : 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'ports':
      // Container ports merge by containerPort; Service and EndpointSlice ports by port.
      return parent === 'containers' || parent === 'initContainers' || parent === 'ephemeralContainers' ? 'containerPort' : 'port';
    case 'conditions':
      return 'type';
    case 'ownerReferences':
      return 'uid';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'taints':
      return 'key';
    default:
      return undefined;
  }
}

/** Lists of scalars that merge as sets rather than being replaced. */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

/** Applies a strategic merge patch to a copy of `target`. */
export function applyStrategicMergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) throw new PatchError('json: cannot unmarshal array into Go value of type map[string]interface {}');
  return mergeMap(isMap(target) ? target : {}, patch, []);
}

function mergeMap(target: Record<string, Json>, patch: Record<string, Json>, path: string[]): Json {
  const directive = patch.$patch;
  if (directive === 'replace') {
    const { $patch: _, ...rest } = patch;
    return stripDirectives(rest);
  }
  if (directive === 'delete') return undefined;
  const result: Record<string, Json> = { ...target };
  const retainKeys: unknown = patch.$retainKeys;
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/')) continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const existing = member(result, field);
      if (Array.isArray(existing) && Array.isArray(value)) {
        setOwn(result, field, (existing as Json[]).filter((item) => !value.includes(item)));
      }
      continue;
    }
    if (value === null) {
      delete result[key];
      continue;
    }
    const childPath = [...path, key];
    if (isMap(value)) {
      const existing = member(result, key);
      const merged = mergeMap(isMap(existing) ? existing : {}, value, childPath);
      if (merged === undefined) delete result[key];
      else setOwn(result, key, merged);
    } else if (Array.isArray(value)) {
      const existing = member(result, key);
      setOwn(result, key, mergeList(Array.isArray(existing) ? existing : [], value, childPath));
    } else {
      setOwn(result, key, value);
    }
  }
  if (Array.isArray(retainKeys)) {
    for (const key of Object.keys(result)) if (!retainKeys.includes(key)) delete result[key];
  }
  return result;
}

function stripDirectives(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isMap(value)) return value;
  const out: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) if (!key.startsWith('$')) setOwn(out, key, stripDirectives(child));
  return out;
}

function mergeList(target: Json[], patch: Json[], path: string[]): Json[] {
  const field = path[path.length - 1] ?? '';
  if (patch.some((item) => isMap(item) && item.$patch === 'replace')) {
    return patch.filter((item) => !(isMap(item) && item.$patch === 'replace')).map(stripDirectives);
  }
  if (MERGED_PRIMITIVE_LISTS.has(field) && patch.every((item) => !isMap(item))) {
    return [...target, ...patch.filter((item) => !target.includes(item))];
  }
  const key = mergeKeyFor(path);
  if (key === undefined || !patch.every(isMap)) return stripDirectives(patch);
  const result = target.map((item) => item);
  for (const item of patch as Record<string, Json>[]) {
    const index = result.findIndex((existing) => isMap(existing) && existing[key] === item[key]);
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) result[index] = mergeMap(result[index], item, path);
    else result.push(stripDirectives(item));
  }
  return result;
}
