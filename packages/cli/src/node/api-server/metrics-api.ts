// metrics.k8s.io/v1beta1, the Resource Metrics API that metrics-server adds to a cluster through
// the API aggregation layer: NodeMetrics and PodMetrics from the cluster's MetricsServer, read
// only, for `kubectl top node|pod`. kubectl checks discovery for the group first ("Metrics API not
// available" without it). [kubernetes-sigs/metrics-server; k8s.io/metrics pkg/apis/metrics/v1beta1]

import { parseSelector } from '@dockyard/scheduler';
import type { ApiContext, ApiRequest } from './context.ts';
import type { ServedResource } from './discovery.ts';
import { reply } from './objects.ts';
import { badRequest, failure, methodNotAllowed } from './status.ts';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
const API_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;

const resource = (name: string, kind: string, namespaced: boolean): ServedResource => ({
  group: METRICS_GROUP,
  version: METRICS_VERSION,
  resource: name,
  singular: '',
  kind,
  namespaced,
  verbs: ['get', 'list'],
  shortNames: [],
  categories: [],
  subresources: [],
});

/** What discovery lists for the Metrics API. */
export const METRICS_RESOURCES: readonly ServedResource[] = [resource('nodes', 'NodeMetrics', false), resource('pods', 'PodMetrics', true)];

export interface MetricsTarget {
  resource: string;
  namespace?: string;
  name?: string;
}

export function handleMetrics(ctx: ApiContext, request: ApiRequest, target: MetricsTarget): void {
  const served = METRICS_RESOURCES.find((r) => r.resource === target.resource);
  if (served === undefined || (target.namespace !== undefined && !served.namespaced)) throw failure(404, 'NotFound', 'the server could not find the requested resource');
  if (request.method !== 'GET') throw methodNotAllowed();
  const metrics = ctx.cluster.metrics;
  let selector: ReturnType<typeof parseSelector> | undefined;
  const text = request.url.searchParams.get('labelSelector');
  try {
    selector = text === null || text === '' ? undefined : parseSelector(text);
  } catch (error) {
    throw badRequest((error as Error).message);
  }
  const labelsOf = (object: Record<string, unknown>) => (object.metadata as { labels?: Record<string, string> }).labels;
  const items = (
    served.kind === 'PodMetrics' ? metrics.pods(target.namespace).map((s) => metrics.podMetricsObject(s)) : metrics.nodes().map((s) => metrics.nodeMetricsObject(s))
  ).filter((item) => selector === undefined || selector.matches(labelsOf(item)));
  const type = { group: METRICS_GROUP, kind: served.kind, namespaced: served.namespaced };
  if (target.name === undefined) {
    return reply(ctx, request, type, 200, { kind: `${served.kind}List`, apiVersion: API_VERSION, metadata: {}, items });
  }
  const found = items.find((item) => (item.metadata as { name: string }).name === target.name);
  if (found === undefined) {
    // metrics-server looks the object up first: a pod or node that does not exist is the core
    // API's NotFound; one without metrics (not Running, not scraped yet) is its own, named
    // namespace/name for a pod. [metrics-server pkg/api/pod.go, node.go Get]
    const core = served.kind === 'PodMetrics' ? 'Pod' : 'Node';
    if (ctx.store.tryGet(core, target.namespace, target.name) === undefined) {
      throw failure(404, 'NotFound', `${served.resource} ${JSON.stringify(target.name)} not found`, { name: target.name, kind: served.resource });
    }
    const name = served.namespaced ? `${target.namespace}/${target.name}` : target.name;
    throw failure(404, 'NotFound', `${served.kind.toLowerCase()}.${METRICS_GROUP} ${JSON.stringify(name)} not found`, { name, group: METRICS_GROUP, kind: served.kind.toLowerCase() });
  }
  reply(ctx, request, type, 200, found);
}
