// `dockyard docker ...`: routes to the docker verbs, with docker's own words for mistakes.
import { CommandError } from '../../session.ts';
import type { TopCommand } from '../command.ts';
import { buildVerb } from './build.ts';
import { composeVerb } from './compose/compose-command.ts';
import type { DockerVerb } from './docker-verb.ts';
import { eventsVerb } from './events.ts';
import { execVerb } from './exec.ts';
import { historyVerb } from './history.ts';
import { imageVerb } from './image.ts';
import { imagesVerb } from './images.ts';
import { inspectVerb } from './inspect.ts';
import { killVerb, restartVerb, rmVerb, startVerb, stopVerb } from './lifecycle.ts';
import { lintVerb } from './lint.ts';
import { loginVerb, logoutVerb } from './login.ts';
import { logsVerb } from './logs.ts';
import { networkVerb } from './network.ts';
import { psVerb } from './ps.ts';
import { pullVerb } from './pull.ts';
import { pushVerb } from './push.ts';
import { rmiVerb } from './rmi.ts';
import { runVerb } from './run.ts';
import { loadVerb, saveVerb } from './save.ts';
import { statsVerb } from './stats.ts';
import { tagVerb } from './tag.ts';
import { portVerb, topVerb } from './top-port.ts';
import { volumeVerb } from './volume.ts';

const VERBS: readonly DockerVerb[] = [
  runVerb,
  psVerb,
  logsVerb,
  execVerb,
  startVerb,
  stopVerb,
  restartVerb,
  killVerb,
  rmVerb,
  inspectVerb,
  statsVerb,
  topVerb,
  portVerb,
  networkVerb,
  volumeVerb,
  eventsVerb,
  buildVerb,
  composeVerb,
  historyVerb,
  imageVerb,
  imagesVerb,
  lintVerb,
  loadVerb,
  loginVerb,
  logoutVerb,
  pullVerb,
  pushVerb,
  rmiVerb,
  saveVerb,
  tagVerb,
];

export const dockerCommand: TopCommand = {
  name: 'docker',
  summary: 'The docker CLI (run, ps, logs, exec, build, images, compose, ...)',
  async run(args, session) {
    const [name, ...rest] = args;
    if (name === undefined || name === '--help' || name === '-h') {
      session.stdout(usage());
      return 0;
    }
    const verb = VERBS.find((v) => v.name === name || v.aliases?.includes(name));
    if (verb === undefined) throw new CommandError(`docker: '${name}' is not a docker command.\nSee 'docker --help'`);
    return verb.run(rest, session);
  },
};

function usage(): string {
  const width = Math.max(8, ...VERBS.map((v) => v.name.length));
  return [
    '',
    'Usage:  docker [OPTIONS] COMMAND',
    '',
    'A self-sufficient runtime for containers (simulated by Dockyard)',
    '',
    'Commands:',
    ...[...VERBS].sort((a, b) => a.name.localeCompare(b.name)).map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`),
    '',
    "Run 'docker COMMAND --help' for more information on a command.",
    '',
  ].join('\n');
}
