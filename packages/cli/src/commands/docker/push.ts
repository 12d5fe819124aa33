// `docker push NAME[:TAG]`: uploads the layers the registry lacks (others exist already or are
// mounted from another repository of the same host), then the manifest.

import { completePush, familiarRepository, parseReference, planPush, PushError, ReferenceError, RegistryError, repositoryName } from '@dockyard/runtime';
import { CommandError } from '../../session.ts';
import { parseFlags, shortImageId } from './docker-format.ts';
import type { DockerVerb } from './docker-verb.ts';

export const pushVerb: DockerVerb = {
  name: 'push',
  summary: 'Upload an image to a registry',
  async run(args, session) {
    if (args.includes('--help')) {
      session.stdout('\nUsage:  docker push [OPTIONS] NAME[:TAG]\n\nUpload an image to a registry\n\nAliases:\n  docker image push, docker push\n');
      return 0;
    }
    const flags = parseFlags('push', args, { booleans: ['-q', '--quiet', '-a', '--all-tags', '--disable-content-trust'], values: ['--platform'] });
    if (flags.positionals.length !== 1) {
      throw new CommandError(`"docker push" requires exactly 1 argument.\nSee 'docker push --help'.\n\nUsage:  docker push [OPTIONS] NAME[:TAG]\n\nUpload an image to a registry`, 1);
    }
    const reference = flags.positionals[0]!;
    const quiet = flags.booleans.has('-q') || flags.booleans.has('--quiet');
    const out = (text: string) => (quiet ? undefined : session.stdout(text));
    let ref;
    try {
      ref = parseReference(reference);
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      throw new CommandError(error.message, 1);
    }
    const { host, registries } = session.world.images;
    if (!/:[^/]+$/.test(reference)) out('Using default tag: latest\n');
    let plan;
    try {
      plan = planPush(registries, host.store, reference, host.credentials(ref.domain));
    } catch (error) {
      if (error instanceof PushError) throw new CommandError(`Error response from daemon: ${error.message}`, 1);
      if (!(error instanceof RegistryError)) throw error;
      out(`The push refers to repository [${repositoryName(ref)}]\n`);
      const image = host.store.resolve(reference);
      for (const layer of [...(image?.layers ?? [])].reverse()) out(`${shortImageId(layer.diffId)}: Preparing\n`);
      throw new CommandError(error.message, 1);
    }
    out(`The push refers to repository [${repositoryName(ref)}]\n`);
    for (const layer of plan.layers) out(`${shortImageId(layer.diffId)}: Preparing\n`);
    // Five uploads at a time; the others wait.
    plan.layers.slice(5).forEach((layer) => out(`${shortImageId(layer.diffId)}: Waiting\n`));
    const pushed = plan.layers.filter((l) => l.status === 'Pushed');
    const total = pushed.reduce((n, l) => n + l.size, 0) || 1;
    for (const layer of plan.layers) {
      if (layer.status === 'Pushed' && !(await session.wait(Math.max(1, Math.round((plan.durationMs * layer.size) / total))))) throw new CommandError('context canceled', 1);
      out(`${shortImageId(layer.diffId)}: ${layer.status}\n`);
    }
    const entry = completePush(registries, host.store, plan);
    session.world.engine.log.append('image.pushed', { repository: familiarRepository(ref), tag: ref.tag, digest: entry.digest });
    out(`${ref.tag}: digest: ${entry.digest} size: ${entry.size}\n`);
    if (quiet) session.stdout(`${reference}\n`);
    return 0;
  },
};
