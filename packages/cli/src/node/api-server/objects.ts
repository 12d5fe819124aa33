// The REST verbs on a resource's objects, each one call of the API store: GET (one object or a
// list), POST (create), PUT (replace), PATCH (JSON, merge, strategic merge, and a basic server-side
// apply), DELETE (one, or a collection), with the query parameters kubectl sends (dryRun,
// fieldValidation, label and field selectors, gracePeriodSeconds, propagationPolicy).
// [apiserver pkg/endpoints/handlers get.go, create.go, update.go, patch.go, delete.go]

import { applyStrategicMergePatch, decodePatchBody, type DeleteOptions } from '@dockyard/scheduler';
import { checkName, decodeData, decodeObject, type JsonObject, readBody } from './body.ts';
import { type ApiContext, type ApiRequest, apiVersionOf, intParam, type ResourceType, storeKind } from './context.ts';
import { bodyFormat, patchFormat } from './media-types.ts';
import { sendObject } from './reply.ts';
import { badRequest, failure, methodNotAllowed, success } from './status.ts';
import { includeObjectParam, partialMetadata, type TableType, toTable } from './table.ts';

type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Where a request points: a collection (no name) or one object. */
export interface ObjectTarget {
  type: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
}

/** Resources whose DELETE answers with the deleted object rather than a Status (their registries' ReturnDeletedObject). */
const RETURNS_DELETED_OBJECT = new Set(['pods', 'services', 'serviceaccounts', 'storageclasses.storage.k8s.io', 'namespaces']);

export async function handleObjects(ctx: ApiContext, request: ApiRequest, target: ObjectTarget): Promise<void> {
  const { method } = request;
  if (target.name === undefined) {
    if (method === 'GET') return list(ctx, request, target);
    if (method === 'POST' && (target.namespace !== undefined || !target.type.namespaced)) return create(ctx, request, target);
    if (method === 'DELETE' && (target.namespace !== undefined || !target.type.namespaced)) return deleteCollection(ctx, request, target);
    throw methodNotAllowed();
  }
  const name = target.name;
  if (method === 'GET') return reply(ctx, request, target.type, 200, ctx.store.get(storeKind(target.type), target.namespace, name));
  if (method === 'PUT') return replace(ctx, request, target, name);
  if (method === 'PATCH') return patchObject(ctx, request, target, name);
  if (method === 'DELETE') return remove(ctx, request, target, name);
  throw methodNotAllowed();
}

/** Sends one object (or a list) in the shape the client asked for. */
export function reply(ctx: ApiContext, request: ApiRequest, type: TableType, code: number, object: unknown, warnings: readonly string[] = []): void {
  const { shape } = request;
  const rv = ctx.store.resourceVersion;
  let body: unknown = object;
  const isList = (object as JsonObject).items !== undefined && (object as JsonObject).kind?.endsWith('List') === true;
  if (shape.as === 'Table') {
    const items = isList ? ((object as JsonObject).items as JsonObject[]) : [object as JsonObject];
    const options = { version: shape.version, includeObject: includeObjectParam(request.url.searchParams.get('includeObject')), noHeaders: false };
    body = toTable(type, items, ctx.now(), isList ? (object as JsonObject).metadata.resourceVersion : rv, options, ctx.calendar);
  } else if (shape.as === 'PartialObjectMetadataList') {
    if (!isList) throw failure(406, 'NotAcceptable', 'you requested PartialObjectMetadataList, but the requested object is not a list');
    const list = ctx.calendar.toWall(object as JsonObject);
    body = {
      kind: 'PartialObjectMetadataList',
      apiVersion: `meta.k8s.io/${shape.version}`,
      metadata: list.metadata,
      items: (list.items as JsonObject[]).map((item) => partialMetadata(item, `meta.k8s.io/${shape.version}`)),
    };
  } else if (shape.as === 'PartialObjectMetadata') {
    if (isList) throw failure(406, 'NotAcceptable', 'you requested PartialObjectMetadata, but the requested object is a list');
    body = partialMetadata(ctx.calendar.toWall(object as JsonObject), `meta.k8s.io/${shape.version}`);
  } else {
    body = ctx.calendar.toWall(object);
  }
  sendObject(request.response, code, body, { warnings, yaml: shape.as === 'object' && shape.yaml });
}

function listOptions(request: ApiRequest, namespace: string | undefined) {
  const labelSelector = request.url.searchParams.get('labelSelector') ?? undefined;
  const fieldSelector = request.url.searchParams.get('fieldSelector') ?? undefined;
  return { namespace, labelSelector, fieldSelector };
}

function list(ctx: ApiContext, request: ApiRequest, target: ObjectTarget): void {
  const { type } = target;
  const result = ctx.store.list(storeKind(type), listOptions(request, target.namespace));
  // Chunking (`limit`/`continue`) is answered with everything at once, which clients accept.
  reply(ctx, request, type, 200, {
    kind: `${type.kind}List`,
    apiVersion: apiVersionOf(type),
    metadata: { resourceVersion: result.resourceVersion },
    items: result.items,
  });
}

/** dryRun and fieldValidation, as every write takes them. */
export function writeOptions(url: URL, namespace: string | undefined): { namespace?: string; dryRun: boolean; fieldValidation?: FieldValidation } {
  const dryRun = url.searchParams.getAll('dryRun');
  for (const value of dryRun) if (value !== 'All') throw failure(400, 'BadRequest', `Invalid dry run value: ${JSON.stringify(value)}`);
  const validation = url.searchParams.get('fieldValidation');
  if (validation !== null && validation !== '' && validation !== 'Strict' && validation !== 'Warn' && validation !== 'Ignore') {
    throw badRequest(`fieldValidation: Unsupported value: ${JSON.stringify(validation)}: supported values: "Ignore", "Strict", "Warn"`);
  }
  return {
    ...(namespace === undefined ? {} : { namespace }),
    dryRun: dryRun.length > 0,
    // A v1.33 server validates Strict by default only when asked; without the parameter it warns.
    fieldValidation: validation === null || validation === '' ? 'Warn' : validation,
  };
}

async function create(ctx: ApiContext, request: ApiRequest, target: ObjectTarget): Promise<void> {
  const { type } = target;
  const body = await readBody(request.incoming);
  const object = ctx.calendar.toVirtual(decodeObject(body, bodyFormat(request.incoming.headers['content-type']), { apiVersion: requestApiVersion(type, request), kind: type.kind }));
  if (type.kind === 'Binding' && type.group === '') return bind(ctx, request, target, object);
  const options = writeOptions(request.url, target.namespace);
  const result = ctx.store.createWithWarnings(object as never, options);
  reply(ctx, request, type, 201, result.object, result.warnings);
}

/** The apiVersion of the request's path (a type may be served in several versions). */
export function requestApiVersion(type: ResourceType, request: ApiRequest): string {
  const parts = request.url.pathname.split('/');
  const version = parts[1] === 'api' ? parts[2]! : parts[3]!;
  return type.group === '' ? version : `${type.group}/${version}`;
}

/** POST bindings (or pods/<name>/binding): what the scheduler does, done by hand. */
export function bind(ctx: ApiContext, request: ApiRequest, target: ObjectTarget, binding: JsonObject, podName?: string): void {
  const name = podName ?? binding.metadata?.name;
  const node = binding.target?.name;
  if (typeof name !== 'string' || name === '') throw badRequest('name is required in the Binding');
  if (typeof node !== 'string' || node === '') {
    throw failure(422, 'Invalid', `Binding.core "${name}" is invalid: target.name: Required value`, { name, group: '', kind: 'Binding' });
  }
  ctx.store.bind(target.namespace ?? 'default', name, node);
  sendObject(request.response, 201, { ...success(), code: 201 });
}

async function replace(ctx: ApiContext, request: ApiRequest, target: ObjectTarget, name: string): Promise<void> {
  const { type } = target;
  const body = await readBody(request.incoming);
  const object = ctx.calendar.toVirtual(decodeObject(body, bodyFormat(request.incoming.headers['content-type']), { apiVersion: requestApiVersion(type, request), kind: type.kind }));
  checkName(object, name, target.namespace);
  const result = ctx.store.updateWithWarnings(object as never, writeOptions(request.url, target.namespace));
  reply(ctx, request, type, 200, result.object, result.warnings);
}

/** PATCH of an object, or of its status. */
export async function patchObject(ctx: ApiContext, request: ApiRequest, target: ObjectTarget, name: string, subresource?: 'status'): Promise<void> {
  const { type } = target;
  const format = patchFormat(request.incoming.headers['content-type'], type.custom);
  const body = await readBody(request.incoming);
  const options = writeOptions(request.url, target.namespace);
  if (format === 'apply') return serverSideApply(ctx, request, target, name, body);
  // The object is looked up before the body is decoded: a missing one is NotFound whatever was sent.
  ctx.store.get(storeKind(type), target.namespace, name);
  const data = decodePatchBody(body.toString('utf8'), format);
  const object = ctx.store.patch(storeKind(type), target.namespace, name, data, format, { ...options, ...(subresource === undefined ? {} : { subresource }) });
  reply(ctx, request, type, 200, object);
}

/**
 * `application/apply-patch+yaml` (`kubectl apply --server-side`), in a basic form: the object is
 * created when missing, and otherwise the manifest is merged into it as a strategic merge patch.
 * Field ownership is not tracked: fields dropped from a manifest stay, and there are no conflicts.
 */
async function serverSideApply(ctx: ApiContext, request: ApiRequest, target: ObjectTarget, name: string, body: Buffer): Promise<void> {
  const { type } = target;
  const manifest = ctx.calendar.toVirtual(decodeObject(body, 'yaml', { apiVersion: requestApiVersion(type, request), kind: type.kind }));
  checkName(manifest, name, target.namespace);
  const options = writeOptions(request.url, target.namespace);
  const live = ctx.store.tryGet(storeKind(type), target.namespace, name);
  if (live === undefined) {
    const created = ctx.store.createWithWarnings(manifest as never, options);
    return reply(ctx, request, type, 201, created.object, created.warnings);
  }
  const merged = applyStrategicMergePatch(live, manifest) as JsonObject;
  const updated = ctx.store.updateWithWarnings(merged as never, options);
  reply(ctx, request, type, 200, updated.object, updated.warnings);
}

/** DeleteOptions from the body (kubectl sends one) and the query. */
async function deleteOptions(request: ApiRequest): Promise<DeleteOptions> {
  const body = await readBody(request.incoming);
  let options: JsonObject = {};
  if (body.length > 0) {
    const data = decodeData(body, bodyFormat(request.incoming.headers['content-type']), 'DeleteOptions');
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw badRequest('the body of a DELETE must be a DeleteOptions object');
    options = data as JsonObject;
  }
  const query = request.url.searchParams;
  const grace = intParam(request.url, 'gracePeriodSeconds') ?? options.gracePeriodSeconds;
  if (grace !== undefined && (typeof grace !== 'number' || !Number.isInteger(grace))) throw badRequest('gracePeriodSeconds must be a whole number');
  let policy = query.get('propagationPolicy') ?? options.propagationPolicy;
  const orphan = query.get('orphanDependents') ?? options.orphanDependents;
  if (policy === undefined && (orphan === true || orphan === 'true')) policy = 'Orphan';
  if (policy !== undefined && policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
    throw failure(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  const dryRun = [...query.getAll('dryRun'), ...((options.dryRun as string[] | undefined) ?? [])];
  const preconditions = options.preconditions as { uid?: string; resourceVersion?: string } | undefined;
  return {
    ...(policy === undefined ? {} : { propagationPolicy: policy }),
    ...(grace === undefined ? {} : { gracePeriodSeconds: Math.max(0, grace) }),
    ...(preconditions === undefined || preconditions === null ? {} : { preconditions }),
    ...(dryRun.length > 0 ? { dryRun: true } : {}),
  };
}

async function remove(ctx: ApiContext, request: ApiRequest, target: ObjectTarget, name: string): Promise<void> {
  const { type } = target;
  const options = await deleteOptions(request);
  const kind = storeKind(type);
  const before = ctx.store.get(kind, target.namespace, name);
  const after = ctx.store.delete(kind, target.namespace, name, options);
  const uid = before.metadata?.uid;
  const gone = options.dryRun !== true && ctx.store.tryGet(kind, target.namespace, name)?.metadata?.uid !== uid;
  const key = type.group === '' ? type.resource : `${type.resource}.${type.group}`;
  if (gone && !RETURNS_DELETED_OBJECT.has(key)) {
    return sendObject(request.response, 200, success({ name, group: type.group, kind: type.resource, uid }));
  }
  // Still there (a grace period, finalizers): 202 when dependents are deleted in the foreground.
  reply(ctx, request, type, !gone && options.propagationPolicy === 'Foreground' ? 202 : 200, after);
}

async function deleteCollection(ctx: ApiContext, request: ApiRequest, target: ObjectTarget): Promise<void> {
  const { type } = target;
  const options = await deleteOptions(request);
  const items = ctx.store.deleteCollection(storeKind(type), listOptions(request, target.namespace), options);
  reply(ctx, request, type, 200, { kind: `${type.kind}List`, apiVersion: apiVersionOf(type), metadata: { resourceVersion: ctx.store.resourceVersion }, items });
}
