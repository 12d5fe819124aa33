// The Kubernetes API server's HTTP face over the simulated cluster, on loopback, so the stock
// kubectl (and anything else that speaks the API: client-go, k9s, curl) drives the simulation.
// Plain HTTP without authentication: every request acts as a cluster admin, which is what a
// kubeconfig for a local kind cluster gives too.
//
// Each request first lets virtual time catch up (`settle`), then runs against the API store;
// writes settle again so the controllers' immediate reactions (a Deployment's ReplicaSet, its
// pods) are there before the answer arrives. Nothing a client sends can stop the server: every
// failure becomes a metav1.Status.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cluster } from '@dockyard/scheduler';
import type { ApiContext, ApiRequest } from './context.ts';
import { aggregatedDiscovery, AGGREGATED_DISCOVERY_TYPE, apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION, servedResources, wantsAggregated } from './discovery.ts';
import { handleMetrics, METRICS_RESOURCES } from './metrics-api.ts';
import { negotiate } from './media-types.ts';
import { openApiDocument, openApiRoot } from './openapi.ts';
import { handleObjects } from './objects.ts';
import { sendObject, sendStatus } from './reply.ts';
import { parseRoute } from './routes.ts';
import { methodNotAllowed, pathNotFound, statusOf } from './status.ts';
import { handleUpgrade } from './remote-command.ts';
import { handleSubresource } from './subresources.ts';
import { WallCalendar } from './wall-calendar.ts';
import { isWatch, serveWatch } from './watch.ts';

export interface ApiServerOptions {
  cluster: Cluster;
  /** 127.0.0.1 port; 0 picks a free one. */
  port: number;
  /** Virtual time now (ms). */
  now(): number;
  /** Catches virtual time up and runs what is due. */
  settle(): void;
  /** Where unexpected failures (bugs, answered with a 500) are reported. */
  report?(text: string): void;
}

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  /** Ends every open watch and stops listening. */
  close(): Promise<void>;
}

export function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const ctx: ApiContext = {
    store: options.cluster.store,
    cluster: options.cluster,
    now: options.now,
    settle: options.settle,
    calendar: new WallCalendar(options.now),
    streams: new Set(),
  };
  let address = '127.0.0.1';
  const server = createServer((incoming, response) => {
    handle(ctx, incoming, response, address).catch((error: unknown) => {
      const { status, unexpected } = statusOf(error);
      if (unexpected) options.report?.(`${incoming.method} ${incoming.url}: ${(error as Error)?.stack ?? String(error)}\n`);
      if (!response.headersSent) sendStatus(response, status);
      else if (!response.writableEnded) response.end();
      // A body the handler never read would stall the connection.
      incoming.resume();
    });
  });
  // `kubectl exec` upgrades its request to a WebSocket.
  server.on('upgrade', (incoming, socket, head) => handleUpgrade(ctx, incoming, socket, head));
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      address = `127.0.0.1:${port}`;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const stop of [...ctx.streams]) stop();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function handle(ctx: ApiContext, incoming: IncomingMessage, response: ServerResponse, address: string): Promise<void> {
  ctx.settle();
  const method = incoming.method ?? 'GET';
  const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
  const route = parseRoute(url.pathname, ctx.store.registry);
  const accept = incoming.headers.accept;
  const served = () => servedResources(ctx.store.registry, METRICS_RESOURCES);
  if (route.kind !== 'resource' && method !== 'GET' && method !== 'HEAD') throw route.kind === 'notFound' ? pathNotFound() : methodNotAllowed();
  switch (route.kind) {
    case 'version':
      return sendObject(response, 200, SERVER_VERSION);
    case 'healthz':
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      return void response.end('ok');
    case 'api':
      if (wantsAggregated(accept)) return sendObject(response, 200, aggregatedDiscovery(served(), true), { contentType: AGGREGATED_DISCOVERY_TYPE });
      return sendObject(response, 200, apiVersions(address));
    case 'apis':
      if (wantsAggregated(accept)) return sendObject(response, 200, aggregatedDiscovery(served(), false), { contentType: AGGREGATED_DISCOVERY_TYPE });
      return sendObject(response, 200, apiGroupList(served()));
    case 'group': {
      const body = apiGroup(served(), route.group);
      if (body === undefined) throw pathNotFound();
      return sendObject(response, 200, body);
    }
    case 'groupVersion': {
      const body = apiResourceList(served(), route.group, route.version);
      if (body === undefined) throw pathNotFound();
      return sendObject(response, 200, body);
    }
    case 'openapi': {
      const body = route.path === '/openapi/v3' ? openApiRoot(ctx.store.registry) : route.path.startsWith('/openapi/v3/') ? openApiDocument(ctx.store.registry, route.path.slice('/openapi/v3/'.length)) : undefined;
      if (body === undefined) throw pathNotFound();
      return sendObject(response, 200, body);
    }
    case 'notFound':
      throw pathNotFound();
    case 'metrics':
      return handleMetrics(ctx, { method, url, incoming, response, shape: negotiate(accept) }, route);
    case 'resource': {
      const request: ApiRequest = { method, url, incoming, response, shape: negotiate(accept) };
      const target = { type: route.type, namespace: route.namespace, name: route.name };
      if (route.subresource !== undefined) {
        await handleSubresource(ctx, request, { ...target, name: route.name! }, route.subresource);
      } else if (method === 'GET' && (route.watchPrefix || isWatch(url))) {
        serveWatch(ctx, request, target);
      } else if (route.watchPrefix) {
        throw methodNotAllowed();
      } else {
        await handleObjects(ctx, request, target);
      }
      if (method !== 'GET') ctx.settle();
    }
  }
}
