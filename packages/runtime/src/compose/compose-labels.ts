// The names and labels compose gives the engine objects it creates, so that `ps`, `down` and
// `up` find them again (docker/compose pkg/api/labels.go and pkg/compose/create.go).

import type { ComposeNetwork, ComposeProject, ComposeService, ComposeVolume } from './model.ts';

/** The compose version Dockyard stands in for (the plugin shipped with Docker Engine 27). */
export const COMPOSE_VERSION = '2.29.1';

export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  containerNumber: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  /** A one-off (`run`) container's random id, the end of its name. */
  slug: 'com.docker.compose.slug',
  configFiles: 'com.docker.compose.project.config_files',
  workingDir: 'com.docker.compose.project.working_dir',
  environmentFile: 'com.docker.compose.project.environment_file',
  dependsOn: 'com.docker.compose.depends_on',
  version: 'com.docker.compose.version',
  configHash: 'com.docker.compose.config-hash',
  image: 'com.docker.compose.image',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
} as const;

/** `<project>-<service>-<n>` (compose v2's separator), unless the service sets container_name. */
export function composeContainerName(project: ComposeProject, service: ComposeService, number: number): string {
  return service.containerName ?? `${project.name}-${service.name}-${number}`;
}

/**
 * The labels on a service's container: the service's own, then compose's. `config-hash` and
 * `image` depend on the engine (the image digest) and are added by whoever creates the container.
 */
export function composeContainerLabels(
  project: ComposeProject,
  service: ComposeService,
  number: number,
  options: { oneoff?: boolean } = {},
): Record<string, string> {
  const labels: Record<string, string> = {
    ...service.labels,
    [COMPOSE_LABELS.project]: project.name,
    [COMPOSE_LABELS.service]: service.name,
    [COMPOSE_LABELS.containerNumber]: String(number),
    [COMPOSE_LABELS.oneoff]: options.oneoff ? 'True' : 'False',
    [COMPOSE_LABELS.configFiles]: project.configFiles.join(','),
    [COMPOSE_LABELS.workingDir]: project.workingDir,
    [COMPOSE_LABELS.dependsOn]: service.dependsOn.map((d) => `${d.service}:${d.condition}:${d.restart}`).join(','),
    [COMPOSE_LABELS.version]: COMPOSE_VERSION,
  };
  if (project.envFiles.length > 0) labels[COMPOSE_LABELS.environmentFile] = project.envFiles.join(',');
  return labels;
}

export function composeNetworkLabels(project: ComposeProject, network: ComposeNetwork): Record<string, string> {
  return { ...network.labels, [COMPOSE_LABELS.network]: network.key, [COMPOSE_LABELS.project]: project.name, [COMPOSE_LABELS.version]: COMPOSE_VERSION };
}

export function composeVolumeLabels(project: ComposeProject, volume: ComposeVolume): Record<string, string> {
  return { ...volume.labels, [COMPOSE_LABELS.project]: project.name, [COMPOSE_LABELS.version]: COMPOSE_VERSION, [COMPOSE_LABELS.volume]: volume.key };
}
