// `docker login [SERVER] [-u USER] [-p PASS | --password-stdin]` and `docker logout [SERVER]`:
// credentials for a registry host, kept by the local docker host (its ~/.docker/config.json).

import { RegistryError } from '@dockyard/runtime';
import { CommandError, type Session } from '../../session.ts';
import { flagValue, parseFlags } from './docker-format.ts';
import type { DockerVerb } from './docker-verb.ts';

function hostOf(server: string | undefined): string {
  if (server === undefined) return 'docker.io';
  const host = server.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host;
}

export const loginVerb: DockerVerb = {
  name: 'login',
  summary: 'Authenticate to a registry',
  async run(args, session) {
    if (args.includes('--help')) {
      session.stdout('\nUsage:  docker login [OPTIONS] [SERVER]\n\nAuthenticate to a registry.\nDefaults to Docker Hub if no server is specified.\n');
      return 0;
    }
    const flags = parseFlags('login', args, { values: ['-u', '--username', '-p', '--password'], booleans: ['--password-stdin'] });
    const host = hostOf(flags.positionals[0]);
    let username = flagValue(flags, '-u', '--username');
    let password = flagValue(flags, '-p', '--password');
    if (password !== undefined) session.stderr('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
    if (flags.booleans.has('--password-stdin')) {
      if (username === undefined) throw new CommandError('Must provide --username with --password-stdin', 1);
      password = (session.stdin ?? '').replace(/\r?\n$/, '');
    }
    username ??= (await session.readLine('Username: ')) ?? '';
    password ??= (await session.readLine('Password: ')) ?? '';
    if (username === '') throw new CommandError('Error: Non-null Username Required', 1);
    if (password === '') throw new CommandError('Error: Non-null Password Required', 1);
    const registries = session.world.images.registries;
    try {
      const registry = registries.reach(host, { create: true });
      const denied = registry.checkLogin({ username, password });
      if (denied !== undefined) throw new CommandError(`Error response from daemon: Get "https://${host}/v2/": unauthorized: incorrect username or password`, 1);
    } catch (error) {
      if (error instanceof RegistryError) throw new CommandError(`Error response from daemon: ${error.message}`, 1);
      throw error;
    }
    session.world.images.host.login(host, { username, password });
    session.world.engine.log.append('registry.login', { host, username });
    session.stdout('Login Succeeded\n');
    return 0;
  },
};

export const logoutVerb: DockerVerb = {
  name: 'logout',
  summary: 'Log out from a registry',
  async run(args, session: Session) {
    const host = hostOf(args.find((a) => !a.startsWith('-')));
    const shown = host === 'docker.io' ? 'https://index.docker.io/v1/' : host;
    if (!session.world.images.host.logout(host)) {
      session.stdout(`Not logged in to ${shown}\n`);
      return 0;
    }
    session.stdout(`Removing login credentials for ${shown}\n`);
    return 0;
  },
};
