// The Services every cluster has before anyone applies anything: `default/kubernetes` (the API
// server, 10.96.0.1:443 → <control plane>:6443, its Endpoints and EndpointSlice written by the API
// server itself, not by the controllers, since it has no selector) and kubeadm's
// `kube-system/kube-dns` (10.96.0.10: dns 53/UDP, dns-tcp 53/TCP, metrics 9153/TCP, selecting the
// CoreDNS pods labelled k8s-app=kube-dns).

import type { ApiStore } from '../api/api-store.ts';
import { CLUSTER_DNS_IP, KUBERNETES_SERVICE_IP } from './service-ip-allocator.ts';

export interface ClusterServicesOptions {
  /** Where the API server listens (kind: the control-plane node's address). */
  apiServerAddress?: string;
}

export function installClusterServices(store: ApiStore, options: ClusterServicesOptions = {}): void {
  const apiServer = options.apiServerAddress ?? '172.18.0.2';
  if (store.tryGet('Service', 'default', 'kubernetes') === undefined) {
    store.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: KUBERNETES_SERVICE_IP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    });
    store.create({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: apiServer }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    });
    store.create({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      // The API server's reconciler labels it with the Service name only: no managed-by label, so the
      // EndpointSlice controller (which owns only slices labelled managed-by
      // endpointslice-controller.k8s.io) leaves it alone [k/k pkg/controlplane/reconcilers/endpointsadapter.go].
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [apiServer], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    });
  }
  if (store.tryGet('Service', 'kube-system', 'kube-dns') === undefined) {
    store.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: CLUSTER_DNS_IP,
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    });
  }
}
