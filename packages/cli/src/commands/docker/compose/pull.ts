// `docker compose pull [OPTIONS] [SERVICE...]`: pulls every service's image side by side under
// `[+] Pulling`, each with its layers; services that only build are skipped
// (`Skipped - No image to be pulled`).

import { CommandError } from '../../../session.ts';
import { bool, type ComposeSubcommand, str } from './compose-subcommand.ts';
import { selectServices } from './project-services.ts';
import { pullServices, servicesToPull } from './service-images.ts';

export const pullCommand: ComposeSubcommand = {
  name: 'pull',
  summary: 'Pull service images',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    'ignore-pull-failures': { type: 'bool' },
    'ignore-buildable': { type: 'bool' },
    'include-deps': { type: 'bool' },
    quiet: { type: 'bool', short: 'q' },
    policy: { type: 'string' },
  },
  async run(ctx, flags) {
    const policy = str(flags, 'policy') ?? 'always';
    if (policy !== 'always' && policy !== 'missing') throw new CommandError(`invalid --policy option ${JSON.stringify(policy)}`, 1);
    const named = flags.rest;
    const project = ctx.load(named);
    const services = selectServices(project, named, { withDependencies: bool(flags, 'include-deps') });
    const progress = ctx.progress('Pulling', bool(flags, 'quiet'));
    const options = { policy: policy as 'always' | 'missing', ignoreBuildable: bool(flags, 'ignore-buildable') } as const;
    try {
      const wanted = servicesToPull(ctx, services, options, progress);
      await pullServices(ctx, wanted, progress, options);
    } catch (error) {
      if (!(error instanceof CommandError) || !bool(flags, 'ignore-pull-failures')) throw error;
    } finally {
      progress.stop();
    }
    return 0;
  },
};
