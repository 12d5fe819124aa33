// The verbs that move containers through their lives: start, stop, restart, kill, rm. Each takes
// several containers, prints each name as given when done, and reports the ones that failed.

import type { Session } from '../../session.ts';
import { CommandError } from '../../session.ts';
import { attachContainer } from './attach.ts';
import { daemon, eachRef, START_ROUND_TRIP_MS, waitFor } from './daemon.ts';
import type { DockerVerb } from './docker-verb.ts';
import { type FlagSpec, parseFlags, type ParsedFlags, usageError } from './flags.ts';

type Action = (ref: string, flags: ParsedFlags, session: Session) => Promise<void>;

function eachContainer(name: string, summary: string, specs: FlagSpec[], action: Action, aliases: string[] = []): DockerVerb {
  return {
    name,
    aliases,
    summary,
    async run(args, session) {
      const flags = parseFlags(name, args, specs);
      if (flags.positional.length === 0) {
        throw new CommandError(`docker: 'docker ${name}' requires at least 1 argument\n\nUsage:  docker ${name} [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker ${name} --help' for more information`, 1);
      }
      return eachRef(session, flags.positional, (ref) => action(ref, flags, session));
    },
  };
}

/** Waits until a container is no longer running (its stop timeout bounds the wait). */
async function untilStopped(session: Session, id: string): Promise<void> {
  const { docker, runtime } = session.world;
  await waitFor(session, () => {
    const c = docker.find(id);
    return c === undefined || (runtime.get(id)?.state.status !== 'running' && !c.restarting);
  });
}

function timeout(flags: ParsedFlags, verb: string): number | undefined {
  const text = flags.strings.get('time') ?? flags.strings.get('timeout');
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw usageError(verb, `invalid argument "${text}" for "-t, --time" flag: strconv.ParseInt: parsing "${text}": invalid syntax`);
  return Number(text);
}

const STOP_FLAGS: FlagSpec[] = [
  { name: 'time', short: 't', kind: 'string', aliases: ['timeout'] },
  { name: 'signal', short: 's', kind: 'string' },
];

const START_FLAGS: FlagSpec[] = [
  { name: 'attach', short: 'a', kind: 'bool' },
  { name: 'interactive', short: 'i', kind: 'bool' },
];

const startEach = eachContainer('start', 'Start one or more stopped containers', START_FLAGS, async (ref, _flags, session) => {
  daemon(() => session.world.docker.start(ref));
  await session.wait(START_ROUND_TRIP_MS);
});

/** `docker start -a` follows the container like `docker run` does; otherwise it starts each one. */
export const startVerb: DockerVerb = {
  ...startEach,
  async run(args, session) {
    const flags = parseFlags('start', args, START_FLAGS);
    if (!flags.bools.has('attach') || flags.positional.length !== 1) return startEach.run(args, session);
    const c = daemon(() => session.world.docker.get(flags.positional[0]!));
    const before = session.world.runtime.logSize(c.id);
    daemon(() => session.world.docker.start(c.id));
    return (await attachContainer(session, c.id, flags.bools.has('interactive'), before)) ?? 0;
  },
};

export const stopVerb = eachContainer('stop', 'Stop one or more running containers', STOP_FLAGS, async (ref, flags, session) => {
  const c = daemon(() => session.world.docker.stop(ref, timeout(flags, 'stop'), flags.strings.get('signal')));
  await untilStopped(session, c.id);
});

export const restartVerb = eachContainer('restart', 'Restart one or more containers', STOP_FLAGS, async (ref, flags, session) => {
  const c = daemon(() => session.world.docker.restart(ref, timeout(flags, 'restart')));
  await untilStopped(session, c.id);
  daemon(() => session.world.docker.start(c.id));
  await session.wait(START_ROUND_TRIP_MS);
});

export const killVerb = eachContainer('kill', 'Kill one or more running containers', [{ name: 'signal', short: 's', kind: 'string' }], async (ref, flags, session) => {
  daemon(() => session.world.docker.kill(ref, flags.strings.get('signal') ?? 'SIGKILL'));
  await session.wait(0);
});

export const rmVerb = eachContainer(
  'rm',
  'Remove one or more containers',
  [
    { name: 'force', short: 'f', kind: 'bool' },
    { name: 'volumes', short: 'v', kind: 'bool' },
    { name: 'link', short: 'l', kind: 'bool' },
  ],
  async (ref, flags, session) => {
    daemon(() => session.world.docker.remove(ref, { force: flags.bools.has('force'), volumes: flags.bools.has('volumes') }));
  },
);
