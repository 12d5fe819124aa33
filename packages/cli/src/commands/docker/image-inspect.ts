// The image half of `docker inspect` (`docker image inspect`): the JSON docker prints for an
// image. `inspectImage` is exported for the container engineer's `docker inspect`, which tries
// containers first and images second.

import { type Image, type ImageStore, imageSize } from '@dockyard/runtime';
import { CommandError, type Session } from '../../session.ts';
import { flagValue, parseFlags } from './docker-format.ts';
import { printInspect } from './inspect-format.ts';
import type { DockerVerb } from './docker-verb.ts';

/** docker's image inspect object (Engine 27, classic store). */
export function inspectImage(store: ImageStore, image: Image): Record<string, unknown> {
  const c = image.config;
  return {
    Id: image.id,
    RepoTags: store.repoTags(image),
    RepoDigests: store.repoDigests(image),
    Parent: '',
    Comment: image.history[image.history.length - 1]?.comment ?? '',
    Created: image.created,
    DockerVersion: '',
    Author: '',
    Config: {
      Hostname: '',
      Domainname: '',
      User: c.User ?? '',
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      ...(c.ExposedPorts ? { ExposedPorts: c.ExposedPorts } : {}),
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: c.Env ?? null,
      Cmd: c.Cmd ?? null,
      ...(c.Healthcheck ? { Healthcheck: c.Healthcheck } : {}),
      Image: '',
      Volumes: c.Volumes ?? null,
      WorkingDir: c.WorkingDir ?? '',
      Entrypoint: c.Entrypoint ?? null,
      OnBuild: c.OnBuild ?? null,
      Labels: c.Labels ?? null,
      ...(c.StopSignal ? { StopSignal: c.StopSignal } : {}),
      ...(c.Shell ? { Shell: c.Shell } : {}),
    },
    Architecture: image.architecture,
    Os: image.os,
    Size: imageSize(image),
    GraphDriver: { Data: null, Name: 'overlay2' },
    RootFS: { Type: 'layers', Layers: image.layers.map((l) => l.diffId) },
    Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
  };
}

/** The inspect object of the image `ref` names, or the daemon's error when there is none. */
export function inspectImageRef(session: Session, ref: string): Record<string, unknown> | string {
  const store = session.world.images.host.store;
  const image = store.resolve(ref);
  return image ? inspectImage(store, image) : `Error response from daemon: No such image: ${ref}`;
}

export const imageInspectVerb: DockerVerb = {
  name: 'image-inspect',
  summary: 'Display detailed information on one or more images',
  async run(args, session) {
    const flags = parseFlags('image inspect', args, { values: ['-f', '--format'] });
    if (flags.positionals.length === 0) {
      throw new CommandError(`"docker image inspect" requires at least 1 argument.\nSee 'docker image inspect --help'.\n\nUsage:  docker image inspect [OPTIONS] IMAGE [IMAGE...]\n\nDisplay detailed information on one or more images`, 1);
    }
    return printInspect(session, flagValue(flags, '-f', '--format'), flags.positionals.map((ref) => inspectImageRef(session, ref)));
  },
};
