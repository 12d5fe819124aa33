// What `docker compose up` walks: the services in dependency order, each with the conditions it
// waits for and the containers it gets, and the networks and volumes to create first (with their
// final names). `down` walks the same services in reverse.

import { composeContainerLabels, composeContainerName, composeNetworkLabels, composeVolumeLabels } from './compose-labels.ts';
import { dependencyOrder, withDependencies, type DependencyMap } from './dependency-graph.ts';
import { ComposeError } from './errors.ts';
import type { ComposeDependency, ComposeProject, ComposeService } from './model.ts';

export interface ComposeContainerPlan {
  name: string;
  /** 1-based, the `container-number` label. */
  number: number;
  labels: Record<string, string>;
}

export interface ComposeServicePlan {
  service: ComposeService;
  /** Wait for each of these (already started earlier in the plan) to meet its condition. */
  dependsOn: ComposeDependency[];
  containers: ComposeContainerPlan[];
}

export interface ComposeResourcePlan {
  key: string;
  /** The engine object's name. */
  name: string;
  /** External: must already exist; compose never creates or removes it. */
  external: boolean;
  driver?: string;
  driverOpts: Record<string, string>;
  labels: Record<string, string>;
}

export interface ComposeUpPlan {
  project: string;
  networks: ComposeResourcePlan[];
  volumes: ComposeResourcePlan[];
  services: ComposeServicePlan[];
}

export interface ComposeSelection {
  /** Services named on the command line (with their dependencies); all active ones when empty. */
  services?: string[];
  /** `--scale service=n` */
  scale?: Record<string, number>;
}

function graphOf(project: ComposeProject): DependencyMap {
  return Object.fromEntries(Object.values(project.services).map((s) => [s.name, s.dependsOn.map((d) => d.service)]));
}

function selected(project: ComposeProject, services: string[] = []): DependencyMap {
  for (const name of services) if (!project.services[name]) throw new ComposeError(`no such service: ${name}`);
  const graph = graphOf(project);
  if (services.length === 0) return graph;
  const keep = withDependencies(graph, services);
  return Object.fromEntries(Object.entries(graph).filter(([name]) => keep.has(name)));
}

/** Service names in the order `up` starts them: dependencies first, ties by name. */
export function composeStartOrder(project: ComposeProject, services?: string[]): string[] {
  return dependencyOrder(selected(project, services));
}

/** Service names in the order `down`/`stop` stops them: dependents first. */
export function composeStopOrder(project: ComposeProject, services?: string[]): string[] {
  return composeStartOrder(project, services).reverse();
}

export function planComposeUp(project: ComposeProject, selection: ComposeSelection = {}): ComposeUpPlan {
  const order = composeStartOrder(project, selection.services);
  const services = order.map((name): ComposeServicePlan => {
    const service = project.services[name]!;
    const replicas = selection.scale?.[name] ?? service.replicas;
    const containers = Array.from({ length: replicas }, (_, i) => ({
      name: composeContainerName(project, service, i + 1),
      number: i + 1,
      labels: composeContainerLabels(project, service, i + 1),
    }));
    return { service, dependsOn: service.dependsOn, containers };
  });

  const networkKeys = new Set(services.flatMap(({ service }) => service.networks.map((n) => n.network)));
  const volumeKeys = new Set(
    services.flatMap(({ service }) => service.volumes.filter((v) => v.type === 'volume' && v.source).map((v) => v.source!)),
  );
  return {
    project: project.name,
    networks: Object.values(project.networks)
      .filter((network) => networkKeys.has(network.key))
      .map((network) => ({
        key: network.key,
        name: network.name,
        external: network.external,
        driver: network.driver,
        driverOpts: network.driverOpts,
        labels: composeNetworkLabels(project, network),
      })),
    volumes: Object.values(project.volumes)
      .filter((volume) => volumeKeys.has(volume.key))
      .map((volume) => ({
        key: volume.key,
        name: volume.name,
        external: volume.external,
        driver: volume.driver,
        driverOpts: volume.driverOpts,
        labels: composeVolumeLabels(project, volume),
      })),
    services,
  };
}
