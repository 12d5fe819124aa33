// `?watch=true`: a chunked stream of WatchEvents (`{"type":"ADDED","object":{...}}` per line) fed
// by an API store watch, so `kubectl get -w`, `rollout status`, `wait` and `delete` see the
// controllers act as virtual time runs. As the API server's watch cache does:
// - no resourceVersion (or `0`): the current objects first, as ADDED; a resourceVersion: the
//   changes after it, or one ERROR event (410 Expired) when it is older than the kept history;
// - `sendInitialEvents=true` (client-go's WatchList): the current objects, then a BOOKMARK
//   annotated `k8s.io/initial-events-end`;
// - `allowWatchBookmarks=true`: a BOOKMARK with the current resourceVersion every minute;
// - the stream ends after `timeoutSeconds` (30 minutes unless asked), when the client goes, or
//   when the server stops;
// - as a Table (`kubectl get -w`), each event's object is a one-row Table, with the column
//   definitions in the first event only.
// [apiserver pkg/endpoints/handlers/watch.go, response.go; pkg/storage/cacher]

import { StatusError } from '@dockyard/scheduler';
import type { JsonObject } from './body.ts';
import { type ApiContext, type ApiRequest, apiVersionOf, boolParam, intParam, storeKind } from './context.ts';
import type { ObjectTarget } from './objects.ts';
import { badRequest, failure, statusOf } from './status.ts';
import { includeObjectParam, partialMetadata, toTable } from './table.ts';

/** How long a watch stays open when the client does not say (the API server's minimum request timeout). */
export const DEFAULT_WATCH_TIMEOUT_S = 1800;
/** How often a watch that allows bookmarks gets one (the watch cache's bookmark frequency). */
export const BOOKMARK_INTERVAL_MS = 60_000;

const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

export function serveWatch(ctx: ApiContext, request: ApiRequest, target: ObjectTarget): void {
  const { type } = target;
  const { url, response, shape } = request;
  const params = url.searchParams;
  const timeout = intParam(url, 'timeoutSeconds');
  if (timeout !== undefined && (Number.isNaN(timeout) || timeout < 0)) throw badRequest(`invalid timeoutSeconds: ${JSON.stringify(params.get('timeoutSeconds'))}`);
  if (shape.as === 'PartialObjectMetadataList') throw failure(406, 'NotAcceptable', 'you requested PartialObjectMetadataList, but a watch streams single objects');
  const bookmarks = boolParam(url, 'allowWatchBookmarks');
  const initialEvents = boolParam(url, 'sendInitialEvents');
  let fieldSelector = params.get('fieldSelector') ?? '';
  // The deprecated /watch/<resource>/<name> form watches one object.
  if (target.name !== undefined) fieldSelector = [`metadata.name=${target.name}`, fieldSelector].filter((s) => s !== '').join(',');
  const from = params.get('resourceVersion') ?? '';

  const include = shape.as === 'Table' ? includeObjectParam(params.get('includeObject')) : 'Object';
  let headers = true;
  const encode = (object: JsonObject): unknown => {
    if (shape.as === 'Table') {
      const table = toTable(type, [object], ctx.now(), object.metadata?.resourceVersion ?? ctx.store.resourceVersion, { version: shape.version, includeObject: include, noHeaders: !headers }, ctx.calendar);
      headers = false;
      return table;
    }
    if (shape.as === 'PartialObjectMetadata') return partialMetadata(ctx.calendar.toWall(object), `meta.k8s.io/${shape.version}`);
    return ctx.calendar.toWall(object);
  };
  const send = (event: string, object: unknown) => {
    if (response.writableEnded || response.destroyed) return;
    response.write(JSON.stringify({ type: event, object }) + '\n');
  };
  const bookmark = (annotations?: Record<string, string>) =>
    send('BOOKMARK', {
      kind: type.kind,
      apiVersion: apiVersionOf(type),
      metadata: { resourceVersion: ctx.store.resourceVersion, ...(annotations === undefined ? {} : { annotations }) },
    });

  response.setHeader('content-type', 'application/json');
  response.setHeader('cache-control', 'no-cache, private');
  response.setHeader('transfer-encoding', 'chunked');

  let handle: { stop(): void } | undefined;
  const timers: NodeJS.Timeout[] = [];
  const stop = () => {
    handle?.stop();
    for (const timer of timers) clearTimeout(timer);
    ctx.streams.delete(stop);
    if (!response.writableEnded) response.end();
  };
  try {
    handle = ctx.store.watch(
      storeKind(type),
      {
        namespace: target.namespace,
        labelSelector: params.get('labelSelector') ?? undefined,
        fieldSelector,
        resourceVersion: initialEvents ? undefined : from,
      },
      (event) => {
        // Delivery runs inside the store's commit: nothing thrown here may reach it.
        try {
          send(event.type, encode(event.object as JsonObject));
        } catch (error) {
          send('ERROR', statusOf(error).status);
          setImmediate(stop);
        }
      },
    );
  } catch (error) {
    if (!(error instanceof StatusError) || error.reason !== 'Expired') throw error;
    // An expired resourceVersion is answered inside the stream, as the watch cache does.
    response.writeHead(200);
    send('ERROR', error.status());
    response.end();
    return;
  }
  if (initialEvents) bookmark({ [INITIAL_EVENTS_END]: 'true' });
  response.flushHeaders();
  ctx.streams.add(stop);
  request.incoming.socket.once('close', stop);
  timers.push(setTimeout(stop, (timeout ?? DEFAULT_WATCH_TIMEOUT_S) * 1000));
  if (bookmarks) timers.push(setInterval(() => bookmark(), BOOKMARK_INTERVAL_MS));
}

/** Whether a GET asks for a watch (`?watch=true` or `1`). */
export function isWatch(url: URL): boolean {
  return boolParam(url, 'watch');
}
