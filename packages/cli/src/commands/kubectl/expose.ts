// `kubectl expose (deployment|replicaset|pod|service|replicationcontroller) NAME [--port=...]`: a
// Service that selects the object's pods, with the ports given or found in its pod template
// (`port-1`, `port-2` when several), its labels, and the type asked for (`service/web exposed`).
// [kubectl pkg/cmd/expose/expose.go RunExpose; polymorphichelpers mapbasedselectorforobject.go,
// protocolsforobject.go, portsforobject.go; generate/versioned service.go]

import type { ContainerPort, PodSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../kubectl/printers/index.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import { filenameFlag, KUSTOMIZE_FLAG, RECURSIVE_FLAG } from './common-flags.ts';
import { generatorFlags, submitGenerated } from './generated-object.ts';
import { buildResources } from './resource-builder.ts';
import { podSpecOf } from './set.ts';

/** The selector of the pods behind an object (map-based: matchExpressions cannot be exposed). */
function selectorOf(client: Client, object: KubeObject): Record<string, string> {
  const kind = object.kind;
  const spec = (object as { spec?: { selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } & Record<string, unknown> } }).spec;
  const fail = (why: string) => client.error(`couldn't retrieve selectors via --selector flag or introspection: ${why}`);
  switch (kind) {
    case 'Pod': {
      const labels = object.metadata?.labels ?? {};
      if (Object.keys(labels).length === 0) throw fail('the pod has no labels and cannot be exposed');
      return { ...labels };
    }
    case 'Service':
    case 'ReplicationController': {
      const selector = (spec?.selector ?? {}) as Record<string, string>;
      if (Object.keys(selector).length === 0) throw fail(`the ${kind === 'Service' ? 'service' : 'replication controller'} has no pod selector set`);
      return { ...selector };
    }
    case 'Deployment':
    case 'ReplicaSet': {
      if ((spec?.selector?.matchExpressions ?? []).length > 0) throw fail(`couldn't convert expressions - "${'matchExpressions'}" to map-based selector format`);
      return { ...(spec?.selector?.matchLabels ?? {}) };
    }
    default:
      throw fail(`cannot extract pod selector from ${kind}`);
  }
}

/** The ports (and their protocols) an object already declares. */
function portsOf(object: KubeObject): ContainerPort[] {
  if (object.kind === 'Service') {
    return ((object as { spec?: { ports?: { port: number; protocol?: string }[] } }).spec?.ports ?? []).map((p) => ({ containerPort: p.port, protocol: p.protocol ?? 'TCP' }));
  }
  const spec: PodSpec | undefined = podSpecOf(object);
  return (spec?.containers ?? []).flatMap((c) => c.ports ?? []);
}

export const exposeCommand: KubectlCommand = {
  name: 'expose',
  summary: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  description: `Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)`,
  examples: [
    ['Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000', 'kubectl expose rc nginx --port=80 --target-port=8000'],
    ['Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"', 'kubectl expose pod valid-pod --port=444 --name=frontend'],
    ['Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000', 'kubectl expose deployment nginx --port=80 --target-port=8000'],
    ['Expose a deployment on a port of every node', 'kubectl expose deployment web --type=NodePort --port=80'],
  ],
  usage: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]',
  flags: [
    ...generatorFlags('kubectl-expose'),
    { name: 'cluster-ip', kind: 'string', usage: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service." },
    { name: 'external-ip', kind: 'string', usage: 'Additional external IP address (not managed by Kubernetes) to accept for the service.' },
    filenameFlag('identifying the resource to expose a service'),
    KUSTOMIZE_FLAG,
    { name: 'labels', short: 'l', kind: 'string', usage: 'Labels to apply to the service created by this call.' },
    { name: 'load-balancer-ip', kind: 'string', usage: 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).' },
    { name: 'name', kind: 'string', usage: 'The name for the newly created object.' },
    { name: 'port', kind: 'string', usage: 'The port that the service should serve on. Copied from the resource being exposed, if unspecified' },
    { name: 'protocol', kind: 'string', usage: 'The network protocol for the service to be created. Default is \'TCP\'.' },
    RECURSIVE_FLAG,
    { name: 'selector', kind: 'string', usage: 'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)' },
    { name: 'session-affinity', kind: 'string', usage: "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'" },
    { name: 'target-port', kind: 'string', usage: 'Name or number for the port on the container that the service should direct traffic to. Optional.' },
    { name: 'type', kind: 'string', usage: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'." },
  ],
  async run(client, flags) {
    const result = buildResources(client, { args: flags.positional, filenames: flags.list('filename'), recursive: flags.bool('recursive'), latest: true });
    if (result.errors.length > 0) throw client.aggregate(result.errors.map((e) => e.error));
    for (const info of result.infos) {
      const object = info.object;
      let selector: Record<string, string>;
      if (flags.string('selector') !== '') {
        selector = {};
        for (const term of flags.string('selector').split(',')) {
          const [key, value] = term.split('=');
          if (key === undefined || value === undefined || key === '') throw client.error(`unexpected label spec: ${term}`);
          selector[key] = value;
        }
      } else selector = selectorOf(client, object);
      const protocol = flags.string('protocol');
      let ports: { name?: string; port: number; protocol: string; targetPort: number | string }[];
      const target = flags.string('target-port');
      const targetOf = (port: number): number | string => (target === '' ? port : /^\d+$/.test(target) ? Number(target) : target);
      if (flags.string('port') !== '') {
        const texts = flags.string('port').split(',');
        ports = texts.map((text, i) => {
          if (!/^[+-]?\d+$/.test(text)) throw client.error(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
          return { ...(texts.length > 1 ? { name: `port-${i + 1}` } : {}), port: Number(text), protocol: protocol === '' ? 'TCP' : protocol, targetPort: targetOf(Number(text)) };
        });
      } else {
        const found = portsOf(object);
        if (found.length === 0) throw client.error("couldn't find port via --port flag or introspection");
        ports = found.map((p, i) => ({
          ...(found.length > 1 ? { name: `port-${i + 1}` } : {}),
          port: p.containerPort,
          protocol: protocol === '' ? (p.protocol ?? 'TCP') : protocol,
          targetPort: targetOf(p.containerPort),
        }));
      }
      const labels: Record<string, string> = {};
      if (flags.string('labels') !== '') {
        for (const term of flags.string('labels').split(',')) {
          const [key, value] = term.split('=');
          if (key === undefined || value === undefined) throw client.error(`unexpected label spec: ${term}`);
          labels[key] = value;
        }
      } else Object.assign(labels, object.metadata?.labels ?? {});
      const type = flags.string('type');
      const service = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          creationTimestamp: null,
          ...(Object.keys(labels).length > 0 ? { labels } : {}),
          name: flags.string('name') === '' ? info.name : flags.string('name'),
          ...(client.explicitNamespace ? { namespace: client.namespace } : {}),
        },
        spec: {
          ...(flags.string('cluster-ip') !== '' ? { clusterIP: flags.string('cluster-ip') } : {}),
          ...(flags.string('external-ip') !== '' ? { externalIPs: [flags.string('external-ip')] } : {}),
          ...(flags.string('load-balancer-ip') !== '' ? { loadBalancerIP: flags.string('load-balancer-ip') } : {}),
          ports,
          selector,
          ...(flags.string('session-affinity') !== '' ? { sessionAffinity: flags.string('session-affinity') } : {}),
          ...(type !== '' ? { type } : {}),
        },
        status: { loadBalancer: {} },
      };
      submitGenerated(client, flags, service as never, undefined, 'exposed');
    }
    return 0;
  },
};
