// Host files a project needs only once it runs or builds. `docker compose config` does not look
// for them (nor for build contexts); `build` and `up` fail on the first one missing, with the
// engine's or the builder's message. This finds them all up front, in service order.

import type { ComposeFileSource } from './file-source.ts';
import type { ComposeProject } from './model.ts';
import { isRemoteContext } from './normalize.ts';

export interface MissingHostPath {
  service: string;
  kind: 'build context' | 'dockerfile' | 'bind mount' | 'secret' | 'config';
  path: string;
  /** What docker says when it meets it. */
  message: string;
}

const bindMissing = (path: string) => `Error response from daemon: invalid mount config for type "bind": bind source path does not exist: ${path}`;

export function findMissingHostPaths(project: ComposeProject, source: ComposeFileSource): MissingHostPath[] {
  const missing: MissingHostPath[] = [];
  for (const service of Object.values(project.services)) {
    const build = service.build;
    if (build && !isRemoteContext(build.context)) {
      if (!source.isDirectory(build.context)) {
        missing.push({
          service: service.name,
          kind: 'build context',
          path: build.context,
          message: `unable to prepare context: path ${JSON.stringify(build.context)} not found`,
        });
      } else if (build.dockerfileInline === undefined) {
        const dockerfile = build.dockerfile.startsWith('/') ? build.dockerfile : `${build.context}/${build.dockerfile}`;
        if (!source.exists(dockerfile)) {
          missing.push({
            service: service.name,
            kind: 'dockerfile',
            path: dockerfile,
            message: `failed to solve: failed to read dockerfile: open ${build.dockerfile}: no such file or directory`,
          });
        }
      }
    }
    // Short-syntax binds create their missing source directory, as `docker run -v` does.
    for (const volume of service.volumes) {
      if (volume.type === 'bind' && volume.source && !volume.createHostPath && !source.exists(volume.source)) {
        missing.push({ service: service.name, kind: 'bind mount', path: volume.source, message: bindMissing(volume.source) });
      }
    }
    // Without swarm, compose mounts file-backed secrets and configs as binds.
    for (const [kind, mounts, objects] of [
      ['secret', service.secrets, project.secrets],
      ['config', service.configs, project.configs],
    ] as const) {
      for (const mount of mounts) {
        const file = objects[mount.source]?.file;
        if (file !== undefined && !source.exists(file)) missing.push({ service: service.name, kind, path: file, message: bindMissing(file) });
      }
    }
  }
  return missing;
}
