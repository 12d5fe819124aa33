// The dockyard command as words in, exit code out: shared by the Node CLI and the browser page.
import { advanceCommand } from './commands/advance.ts';
import { catCommand } from './commands/cat.ts';
import type { TopCommand } from './commands/command.ts';
import { curlCommand } from './commands/curl.ts';
import { demoCommand } from './commands/demo.ts';
import { dockerCommand } from './commands/docker/docker-command.ts';
import { eventsCommand } from './commands/events.ts';
import { helmCommand } from './commands/helm-command.ts';
import { kindCommand } from './commands/kind.ts';
import { kubectlCommand } from './commands/kubectl/kubectl-command.ts';
import { scenarioCommand } from './commands/scenario.ts';
import { SERVE_SUMMARY } from './commands/serve.ts';
import { VISUALIZE_SUMMARY } from './commands/visualize.ts';
import { CommandError, type Session } from './session.ts';

const COMMANDS: readonly TopCommand[] = [
  advanceCommand,
  catCommand,
  curlCommand,
  demoCommand,
  dockerCommand,
  eventsCommand,
  helmCommand,
  kindCommand,
  kubectlCommand,
  scenarioCommand,
];

/** Runs one command line (without `dockyard`); errors become stderr text and an exit code. */
export async function runCommand(argv: readonly string[], session: Session): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    session.stdout(usage());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (command === undefined) throw new CommandError(`dockyard: '${name}' is not a dockyard command.\nSee 'dockyard --help'.`);
    return await command.run(args, session);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    session.stderr(error.message.endsWith('\n') ? error.message : error.message + '\n');
    return error.exitCode;
  }
}

/** Whether a command line runs without a workspace (help, unknown words, standalone commands). */
export function isStandalone(argv: readonly string[]): boolean {
  const command = COMMANDS.find((c) => c.name === argv[0]);
  return command === undefined || command.standalone === true;
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 'visualize'.length);
  return [
    'Dockyard: containers and Kubernetes, simulated on virtual time.',
    '',
    'Usage:',
    '  dockyard [--workspace DIR] <command> [args]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'init'.padEnd(width)}  Create a workspace (--nodes, --node-cpu, --node-memory, --seed, --clock)`,
    `  ${'serve'.padEnd(width)}  ${SERVE_SUMMARY}`,
    `  ${'shell'.padEnd(width)}  An interactive prompt on a live clock (--speed X)`,
    `  ${'visualize'.padEnd(width)}  ${VISUALIZE_SUMMARY}`,
    '',
    'Run dockyard <command> --help for more.',
    '',
  ].join('\n');
}
