// Streaming a container's log to `kubectl logs [-f]`: what is there now, then (following) each new
// line as virtual time produces it, until the container stops, the client leaves, or the server
// stops. Plain text, as the kubelet sends it through the API server.

import type { Cluster } from '@dockyard/scheduler';
import type { ApiContext, ApiRequest } from './context.ts';

type ContainerRef = NonNullable<ReturnType<Cluster['containerRef']>>;

/** How often a followed log looks for new lines (wall-clock ms). */
const FOLLOW_POLL_MS = 100;

export interface LogQuery {
  tail?: number;
  since?: number;
  timestamps: boolean;
}

export function followLog(ctx: ApiContext, request: ApiRequest, ref: ContainerRef, query: LogQuery, options: { follow: boolean; limitBytes?: number }): void {
  const { response } = request;
  response.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-cache, private' });
  let budget = options.limitBytes ?? Number.POSITIVE_INFINITY;
  const write = (lines: readonly [string, string][]): boolean => {
    for (const [, line] of lines) {
      const text = query.timestamps ? ctx.calendar.logLine(line) : line;
      const bytes = Buffer.byteLength(text);
      if (bytes > budget) {
        response.write(Buffer.from(text).subarray(0, budget));
        budget = 0;
        return false;
      }
      budget -= bytes;
      response.write(text);
    }
    return true;
  };
  let seen = ref.runtime.logSize(ref.containerId);
  if (!write(ref.runtime.logs(ref.containerId, query)) || !options.follow) {
    response.end();
    return;
  }
  const stop = () => {
    clearInterval(timer);
    ctx.streams.delete(stop);
    if (!response.writableEnded) response.end();
  };
  const timer = setInterval(() => {
    const size = ref.runtime.logSize(ref.containerId);
    if (size > seen) {
      const more = ref.runtime.logs(ref.containerId, { timestamps: query.timestamps }, seen);
      seen = size;
      if (!write(more)) return stop();
    }
    const state = ref.runtime.get(ref.containerId)?.state.status;
    if (state !== 'running' && state !== 'created') stop();
  }, FOLLOW_POLL_MS);
  ctx.streams.add(stop);
  request.incoming.socket.once('close', stop);
}
