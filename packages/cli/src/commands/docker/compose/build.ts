// `docker compose build [OPTIONS] [SERVICE...]`: builds the services that have a build section
// (BuildKit's steps on stdout, `[app base 2/3] WORKDIR /app`), tags each image `<project>-<service>`
// (or its `image:`), and reports `app Built` under `[+] Building`.

import { bool, type ComposeSubcommand, list } from './compose-subcommand.ts';
import { selectServices } from './project-services.ts';
import { buildServices } from './service-images.ts';

export const buildCommand: ComposeSubcommand = {
  name: 'build',
  summary: 'Build or rebuild services',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    'no-cache': { type: 'bool' },
    pull: { type: 'bool' },
    quiet: { type: 'bool', short: 'q' },
    'build-arg': { type: 'list' },
    'with-dependencies': { type: 'bool' },
  },
  async run(ctx, flags) {
    const named = flags.rest;
    const project = ctx.load(named);
    const services = selectServices(project, named, { withDependencies: bool(flags, 'with-dependencies') }).filter((s) => s.build !== undefined);
    const args: Record<string, string> = {};
    for (const pair of list(flags, 'build-arg')) {
      const eq = pair.indexOf('=');
      if (eq > 0) args[pair.slice(0, eq)] = pair.slice(eq + 1);
      else if (project.environment[pair] !== undefined) args[pair] = project.environment[pair]!;
    }
    const progress = ctx.progress('Building');
    try {
      await buildServices(ctx, project, services, progress, { noCache: bool(flags, 'no-cache'), quiet: bool(flags, 'quiet'), args });
    } finally {
      progress.stop();
    }
    return 0;
  },
};
