// `docker build [-t NAME:TAG] [-f Dockerfile] [--target STAGE] [--build-arg K=V] [--no-cache]
// [--progress=plain] [-q] [--check] PATH`: reads the context directory (with .dockerignore) from
// the user's files, builds on the engine's clock and tags the image.

import { build, completeBuild, lintDockerfile, parseReference, ReferenceError, readBuildContext } from '@dockyard/runtime';
import { CommandError, type Session } from '../../session.ts';
import { buildSteps, printBuild } from './build-output.ts';
import { flagValue, flagValues, parseFlags, usageError } from './docker-format.ts';
import type { DockerVerb } from './docker-verb.ts';
import { printLint } from './lint.ts';

const USAGE = `
Usage:  docker build [OPTIONS] PATH

Build an image from a Dockerfile

Options:
      --build-arg stringArray   Set build-time variables
      --check                   Check the build configuration without building
  -f, --file string             Name of the Dockerfile (default: "PATH/Dockerfile")
      --no-cache                Do not use cache when building the image
      --progress string         Set type of progress output ("auto", "plain", "quiet") (default "auto")
  -q, --quiet                   Suppress the build output and print image ID on success
  -t, --tag stringArray         Name and optionally a tag (format: "name:tag")
      --target string           Set the target build stage to build
`;

export const buildVerb: DockerVerb = {
  name: 'build',
  summary: 'Build an image from a Dockerfile',
  async run(args, session) {
    if (args.includes('--help') || args.includes('-h')) {
      session.stdout(USAGE);
      return 0;
    }
    const flags = parseFlags('build', args, {
      values: ['-t', '--tag', '-f', '--file', '--target', '--build-arg', '--progress', '--platform'],
      booleans: ['--no-cache', '-q', '--quiet', '--check', '--pull', '--load', '--rm', '--force-rm'],
    });
    if (flags.positionals.length !== 1) {
      throw new CommandError(`ERROR: "docker buildx build" requires exactly 1 argument.\nSee 'docker buildx build --help'.\n\nUsage:  docker buildx build [OPTIONS] PATH | URL | -\n\nStart a build`, 1);
    }
    for (const tag of flagValues(flags, '-t', '--tag')) {
      try {
        if (parseReference(tag).digest !== undefined) throw new ReferenceError('invalid reference format');
      } catch (error) {
        if (!(error instanceof ReferenceError)) throw error;
        throw new CommandError(`ERROR: invalid tag "${tag}": ${error.message.replace(/^invalid reference format: repository name \(.*\) must be lowercase$/, 'repository name must be lowercase')}`, 1);
      }
    }
    const dir = flags.positionals[0]!.replace(/\/+$/, '') || '/';
    if (/^(https?|git):\/\//.test(dir)) throw new CommandError(`ERROR: Dockyard cannot fetch a remote build context (${dir}): it works offline; clone it and build the directory`, 1);
    if (session.files.stat(dir)?.kind !== 'dir') throw new CommandError(`ERROR: unable to prepare context: path "${dir}" not found`, 1);
    const file = flagValue(flags, '-f', '--file') ?? `${dir}/Dockerfile`;
    const shown = flagValue(flags, '-f', '--file') ?? 'Dockerfile';
    if (session.files.stat(file)?.kind !== 'file') {
      throw new CommandError(`ERROR: failed to solve: failed to read dockerfile: open ${shown.split('/').pop()}: no such file or directory`, 1);
    }
    const dockerfile = session.files.readText(file);
    if (flags.booleans.has('--check')) return printLint(session, dockerfile, shown);
    const buildArgs: Record<string, string> = {};
    for (const pair of flagValues(flags, '--build-arg')) {
      const eq = pair.indexOf('=');
      if (eq > 0) buildArgs[pair.slice(0, eq)] = pair.slice(eq + 1);
      else {
        const value = session.env[pair];
        if (value !== undefined) buildArgs[pair] = value;
      }
    }
    const progress = flagValue(flags, '--progress') ?? 'auto';
    if (!['auto', 'plain', 'tty', 'quiet', 'rawjson'].includes(progress)) throw usageError('build', `invalid progress mode "${progress}"`);
    const quiet = flags.booleans.has('-q') || flags.booleans.has('--quiet') || progress === 'quiet';
    const { world } = session;
    const host = world.images.host;
    const context = readBuildContext(session.files, dir);
    const target = flagValue(flags, '--target');
    const outcome = build(
      {
        dockerfile,
        dockerfileName: shown,
        context,
        tags: flagValues(flags, '-t', '--tag'),
        ...(target !== undefined ? { target } : {}),
        buildArgs,
        noCache: flags.booleans.has('--no-cache'),
      },
      { store: host.store, cache: host.cache, hub: world.images.registries, credentials: (h) => host.credentials(h), random: world.engine.random, now: world.engine.now },
    );
    await printBuild(outcome, session, quiet);
    if (outcome.error !== undefined) return 1;
    const image = completeBuild(host.store, outcome)!;
    world.engine.log.append('image.built', { image: image.id, tags: outcome.tags, layers: image.layers.length, steps: buildSteps(outcome) });
    if (quiet) session.stdout(`${image.id}\n`);
    else printCheckWarnings(session, dockerfile);
    return 0;
  },
};

/** A build runs BuildKit's own checks too and lists what they found at the end (Dockyard's extra rules wait for --check). */
function printCheckWarnings(session: Session, dockerfile: string): void {
  const warnings = lintDockerfile(dockerfile).filter((f) => f.url !== undefined);
  if (warnings.length === 0) return;
  session.stderr(`\n ${warnings.length} warning${warnings.length === 1 ? '' : 's'} found (use docker --debug to expand):\n`);
  for (const w of warnings) session.stderr(` - ${w.rule}: ${w.message} (line ${w.line})\n`);
}
