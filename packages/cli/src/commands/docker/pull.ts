// `docker pull NAME[:TAG|@DIGEST]`: fetches the layers the host lacks from the image's registry,
// on virtual time, with docker's non-terminal progress lines.

import { completePull, familiarString, fullString, type ImageReference, parseReference, planPull, ReferenceError, RegistryError } from '@dockyard/runtime';
import { CommandError, type Session } from '../../session.ts';
import { parseFlags, shortImageId } from './docker-format.ts';
import type { DockerVerb } from './docker-verb.ts';

export const pullVerb: DockerVerb = {
  name: 'pull',
  summary: 'Download an image from a registry',
  async run(args, session) {
    if (args.includes('--help')) {
      session.stdout('\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nDownload an image from a registry\n\nAliases:\n  docker image pull, docker pull\n');
      return 0;
    }
    const flags = parseFlags('pull', args, { booleans: ['-q', '--quiet', '-a', '--all-tags', '--disable-content-trust'], values: ['--platform'] });
    if (flags.positionals.length !== 1) {
      throw new CommandError(`"docker pull" requires exactly 1 argument.\nSee 'docker pull --help'.\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nDownload an image from a registry`, 1);
    }
    if (flags.booleans.has('-a') || flags.booleans.has('--all-tags')) throw new CommandError('Dockyard does not support docker pull --all-tags; pull the tags you need one by one', 1);
    const quiet = flags.booleans.has('-q') || flags.booleans.has('--quiet');
    return pull(flags.positionals[0]!, session, quiet);
  },
};

/** Pulls an image as `docker pull` does (also used by `docker run` for a missing image). */
export async function pull(reference: string, session: Session, quiet = false): Promise<number> {
  let ref: ImageReference;
  try {
    ref = parseReference(reference);
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    throw new CommandError(error.message, 1);
  }
  const out = (text: string) => (quiet ? undefined : session.stdout(text));
  const host = session.world.images.host;
  if (!reference.includes(':') && !reference.includes('@')) out('Using default tag: latest\n');
  let plan;
  try {
    plan = planPull(session.world.images.registries, host.store, ref, host.credentials(ref.domain));
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    session.world.engine.log.append('image.pull-failed', { reference: fullString(ref), reason: error.reason });
    throw new CommandError(`Error response from daemon: ${error.message}`, 1);
  }
  out(`${ref.digest ?? ref.tag}: Pulling from ${ref.path}\n`);
  const missing = plan.layers.filter((l) => !l.present);
  if (!plan.upToDate) {
    // Without a terminal docker prints every status change: three layers download at a time, the
    // rest wait their turn.
    for (const layer of plan.layers) out(`${shortImageId(layer.diffId)}: ${layer.present ? 'Already exists' : 'Pulling fs layer'}\n`);
    missing.slice(3).forEach((layer) => out(`${shortImageId(layer.diffId)}: Waiting\n`));
    const total = missing.reduce((n, l) => n + l.size, 0) || 1;
    for (const layer of missing) {
      if (!(await session.wait(Math.max(1, Math.round((plan.durationMs * layer.size) / total))))) throw new CommandError('context canceled', 1);
      out(`${shortImageId(layer.diffId)}: Verifying Checksum\n${shortImageId(layer.diffId)}: Download complete\n${shortImageId(layer.diffId)}: Pull complete\n`);
    }
  }
  const image = completePull(host.store, plan);
  session.world.engine.log.append('image.pulled', { reference: fullString(ref), image: image.id, digest: plan.manifestDigest, durationMs: plan.durationMs });
  out(`Digest: ${plan.manifestDigest}\n`);
  out(plan.upToDate ? `Status: Image is up to date for ${familiarString(ref)}\n` : `Status: Downloaded newer image for ${familiarString(ref)}\n`);
  session.stdout(`${fullString(ref)}\n`);
  return 0;
}
