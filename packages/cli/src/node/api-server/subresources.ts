// Subresources: /status (spec and status are written apart), /scale (autoscaling/v1 Scale, what
// `kubectl scale` patches), pods/binding (the scheduler's verb), pods/eviction (`kubectl drain`)
// and pods/log (`kubectl logs`, read from the container the kubelet runs).
// [k8s pkg/registry/apps/deployment/storage ScaleREST; pkg/registry/core/pod/storage eviction.go,
// pod/rest/log.go; kubelet `validateContainerLogStatus` for the log errors]

import type { Pod } from 'kubernetes-types/core/v1';
import { decodePatchBody, hasScale, type Scale } from '@dockyard/scheduler';
import { checkName, decodeObject, type JsonObject, readBody } from './body.ts';
import { type ApiContext, type ApiRequest, boolParam, intParam, storeKind } from './context.ts';
import { bodyFormat, patchFormat } from './media-types.ts';
import { bind, type ObjectTarget, patchObject, reply, writeOptions } from './objects.ts';
import { sendObject } from './reply.ts';
import { badRequest, failure, methodNotAllowed, pathNotFound, success } from './status.ts';
import { followLog } from './pod-log.ts';

export async function handleSubresource(ctx: ApiContext, request: ApiRequest, target: ObjectTarget & { name: string }, subresource: string): Promise<void> {
  const { type } = target;
  const key = type.group === '' ? type.resource : `${type.resource}.${type.group}`;
  const { method } = request;
  if (subresource === 'status' && type.hasStatus) {
    if (method === 'GET') return reply(ctx, request, type, 200, ctx.store.get(storeKind(type), target.namespace, target.name));
    if (method === 'PUT') return replaceStatus(ctx, request, target);
    if (method === 'PATCH') return patchObject(ctx, request, target, target.name, 'status');
    throw methodNotAllowed();
  }
  if (subresource === 'scale' && hasScale(type)) {
    if (method === 'GET') return sendObject(request.response, 200, ctx.calendar.toWall(ctx.store.getScale(storeKind(type), target.namespace, target.name)));
    if (method === 'PUT' || method === 'PATCH') return updateScale(ctx, request, target);
    throw methodNotAllowed();
  }
  if (key === 'pods') {
    if (subresource === 'binding') {
      if (method !== 'POST') throw methodNotAllowed();
      const binding = decodeObject(await readBody(request.incoming), bodyFormat(request.incoming.headers['content-type']), { apiVersion: 'v1', kind: 'Binding' });
      return bind(ctx, request, target, binding, target.name);
    }
    if (subresource === 'eviction') {
      if (method !== 'POST') throw methodNotAllowed();
      return evict(ctx, request, target);
    }
    if (subresource === 'log') {
      if (method !== 'GET') throw methodNotAllowed();
      return podLog(ctx, request, target);
    }
  }
  throw pathNotFound();
}

async function replaceStatus(ctx: ApiContext, request: ApiRequest, target: ObjectTarget & { name: string }): Promise<void> {
  const { type } = target;
  const apiVersion = type.group === '' ? type.version : `${type.group}/${type.version}`;
  const object = ctx.calendar.toVirtual(decodeObject(await readBody(request.incoming), bodyFormat(request.incoming.headers['content-type']), { apiVersion, kind: type.kind }));
  checkName(object, target.name, target.namespace);
  const options = writeOptions(request.url, target.namespace);
  reply(ctx, request, type, 200, ctx.store.updateStatus(object as never, options));
}

async function updateScale(ctx: ApiContext, request: ApiRequest, target: ObjectTarget & { name: string }): Promise<void> {
  const kind = storeKind(target.type);
  const body = await readBody(request.incoming);
  const options = writeOptions(request.url, target.namespace);
  let scale: Scale;
  if (request.method === 'PUT') {
    const sent = decodeObject(body, bodyFormat(request.incoming.headers['content-type']), { apiVersion: 'autoscaling/v1', kind: 'Scale' });
    checkName(sent, target.name, target.namespace);
    scale = ctx.store.updateScale(kind, target.namespace, target.name, sent, options);
  } else {
    const format = patchFormat(request.incoming.headers['content-type'], false);
    if (format === 'apply') throw failure(415, 'UnsupportedMediaType', 'apply patches are not supported on the scale subresource');
    ctx.store.getScale(kind, target.namespace, target.name);
    scale = ctx.store.patchScale(kind, target.namespace, target.name, decodePatchBody(body.toString('utf8'), format), format, options);
  }
  sendObject(request.response, 200, ctx.calendar.toWall(scale));
}

/** policy/v1 Eviction: the pod is deleted with the eviction's options (PodDisruptionBudgets are not consulted). */
async function evict(ctx: ApiContext, request: ApiRequest, target: ObjectTarget & { name: string }): Promise<void> {
  const body = await readBody(request.incoming);
  const format = bodyFormat(request.incoming.headers['content-type']);
  const parsed = body.length === 0 ? {} : decodeObject(body, format, { apiVersion: 'policy/v1', kind: 'Eviction' });
  const name = (parsed.metadata as JsonObject | undefined)?.name;
  if (name !== undefined && name !== target.name) throw badRequest(`name in URL does not match name in Eviction object`);
  const options = (parsed.deleteOptions ?? {}) as JsonObject;
  const grace = options.gracePeriodSeconds;
  ctx.store.delete('Pod', target.namespace, target.name, {
    ...(Number.isInteger(grace) ? { gracePeriodSeconds: Math.max(0, grace) } : {}),
    ...(Array.isArray(options.dryRun) && options.dryRun.length > 0 ? { dryRun: true } : {}),
  });
  sendObject(request.response, 201, { ...success(), code: 201 });
}

/** GET pods/<name>/log: the container's output, or the kubelet's reason there is none. */
function podLog(ctx: ApiContext, request: ApiRequest, target: ObjectTarget & { name: string }): void {
  const namespace = target.namespace ?? 'default';
  const pod = ctx.store.get('Pod', namespace, target.name) as Pod;
  const url = request.url;
  const container = containerOf(pod, url.searchParams.get('container') ?? '');
  const previous = boolParam(url, 'previous');
  const tail = intParam(url, 'tailLines');
  const since = intParam(url, 'sinceSeconds');
  const limitBytes = intParam(url, 'limitBytes');
  for (const [name, value] of [['tailLines', tail], ['sinceSeconds', since], ['limitBytes', limitBytes]] as const) {
    if (value !== undefined && (Number.isNaN(value) || value < (name === 'tailLines' ? 0 : 1))) {
      throw failure(422, 'Invalid', `PodLogOptions "" is invalid: ${name}: Invalid value: ${value}: must be greater than ${name === 'tailLines' ? 'or equal to 0' : '0'}`);
    }
  }
  // A pod no node runs has no logs yet: the API server answers with nothing.
  if (pod.spec?.nodeName === undefined || pod.spec.nodeName === '') {
    request.response.writeHead(200, { 'content-type': 'text/plain' });
    request.response.end();
    return;
  }
  const ref = ctx.cluster.containerRef(namespace, pod.metadata!.name!, container, previous);
  if (ref === undefined) throw badRequest(unavailableLog(pod, container, previous));
  const sinceTime = url.searchParams.get('sinceTime');
  const query = {
    ...(tail === undefined ? {} : { tail }),
    ...(since !== undefined ? { since: ctx.now() - since * 1000 } : sinceTime !== null ? { since: ctx.calendar.virtualMs(sinceTime) } : {}),
    timestamps: boolParam(url, 'timestamps'),
  };
  followLog(ctx, request, ref, query, { follow: boolParam(url, 'follow') && !previous, ...(limitBytes === undefined ? {} : { limitBytes }) });
}

/** The container a log or exec request means: the one named, or the pod's only one. */
export function containerOf(pod: Pod, requested: string): string {
  const name = pod.metadata!.name!;
  const containers = (pod.spec?.containers ?? []).map((c) => c.name);
  const init = (pod.spec?.initContainers ?? []).map((c) => c.name);
  const ephemeral = (pod.spec?.ephemeralContainers ?? []).map((c) => c.name);
  if (requested === '') {
    if (containers.length === 1) return containers[0]!;
    let message = `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`;
    if (init.length > 0) message += ` or one of the init containers: [${init.join(' ')}]`;
    if (ephemeral.length > 0) message += ` or one of the ephemeral containers: [${ephemeral.join(' ')}]`;
    throw badRequest(message);
  }
  if (![...containers, ...init, ...ephemeral].includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${name}`);
  return requested;
}

/** Why the kubelet has no log to give, from the container's status. */
function unavailableLog(pod: Pod, container: string, previous: boolean): string {
  const podName = pod.metadata!.name!;
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])];
  const status = statuses.find((s) => s.name === container);
  const which = `container ${JSON.stringify(container)} in pod ${JSON.stringify(podName)}`;
  if (status === undefined) return `${which} is not available`;
  if (previous) return `previous terminated ${which} not found`;
  const waiting = status.state?.waiting;
  if (status.state?.terminated !== undefined || status.lastState?.terminated !== undefined) return `${which} is terminated`;
  if (waiting !== undefined) {
    if (waiting.reason === 'ErrImagePull') return `${which} is waiting to start: image can't be pulled`;
    if (waiting.reason === 'ImagePullBackOff') return `${which} is waiting to start: trying and failing to pull image`;
    return `${which} is waiting to start: ${waiting.reason ?? ''}`;
  }
  return `${which} is waiting to start - no logs yet`;
}
