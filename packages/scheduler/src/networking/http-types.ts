// The simulated HTTP exchange as the container runtime's network fabric carries it; the cluster's
// data plane hands requests on to pods through an Upstream.
import type { ConnectFailure, HttpRequest, HttpResponse } from '@dockyard/runtime';

/**
 * Sends a request to ip:port over the pod network (the fabric's `http`), from `node` when given:
 * the node the proxied connection leaves from (kube-proxy's for a NodePort, ingress-nginx's).
 */
export type Upstream = (ip: string, port: number, request: HttpRequest, node?: string) => HttpResponse | ConnectFailure | 'empty';
