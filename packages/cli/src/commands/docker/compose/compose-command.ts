// `docker compose [OPTIONS] COMMAND`: compose's global flags (-f, -p, --profile, --env-file,
// --project-directory, --progress, --ansi), then one subcommand. Mistakes on the command line
// exit 16 as compose's do (CommandSyntaxFailure); failures of the work itself exit 1.

import { COMPOSE_VERSION } from '@dockyard/runtime';
import { COMPOSE_GLOBAL_FLAGS, composeConfigCommand } from '../../../compose/config.ts';
import { FlagError, type FlagSpec, parseFlags, type ParsedFlags } from '../../../compose/flags.ts';
import { CommandError, type Session } from '../../../session.ts';
import type { DockerVerb } from '../docker-verb.ts';
import { buildCommand } from './build.ts';
import { ComposeContext, type ComposeGlobals, hostFileSource, SYNTAX_ERROR } from './compose-context.ts';
import { FlagValueError, type ComposeSubcommand } from './compose-subcommand.ts';
import { downCommand } from './down.ts';
import { execCommand } from './exec.ts';
import { imagesCommand } from './images.ts';
import { killCommand, restartCommand, rmCommand, startCommand, stopCommand } from './lifecycle.ts';
import { logsCommand } from './logs.ts';
import { portCommand } from './port.ts';
import { psCommand } from './ps.ts';
import { pullCommand } from './pull.ts';
import { runCommand } from './run.ts';
import { topCommand } from './top.ts';
import { upCommand } from './up.ts';
import { Cancelled } from './virtual-tasks.ts';

const GLOBAL_FLAGS: Record<string, FlagSpec> = {
  ...COMPOSE_GLOBAL_FLAGS,
  progress: { type: 'string' },
  ansi: { type: 'string' },
  parallel: { type: 'string' },
  version: { type: 'bool', short: 'v' },
  help: { type: 'bool', short: 'h' },
};

const SUBCOMMANDS: readonly ComposeSubcommand[] = [
  buildCommand,
  downCommand,
  execCommand,
  imagesCommand,
  killCommand,
  logsCommand,
  portCommand,
  psCommand,
  pullCommand,
  restartCommand,
  rmCommand,
  runCommand,
  startCommand,
  stopCommand,
  topCommand,
  upCommand,
];

/** Words compose accepts that are not in SUBCOMMANDS: handled here. */
const OWN = { config: 'Parse, resolve and render compose file in canonical format', version: 'Show the Docker Compose version information' };

export const composeVerb: DockerVerb = {
  name: 'compose',
  summary: 'Docker Compose',
  async run(args, session) {
    let globals: ParsedFlags;
    try {
      globals = parseFlags(args, GLOBAL_FLAGS, { stopAtWord: true });
    } catch (error) {
      if (error instanceof FlagError) throw new CommandError(error.message, SYNTAX_ERROR);
      throw error;
    }
    const [name, ...rest] = globals.rest;
    if (globals.values.version === true && name === undefined) return version(session, []);
    if (name === undefined || name === 'help') {
      session.stdout(usage());
      return 0;
    }
    if (name === 'version') return version(session, rest);
    if (name === 'config') return config(session, args, globals);
    const subcommand = SUBCOMMANDS.find((s) => s.name === name || s.aliases?.includes(name));
    if (subcommand === undefined) {
      session.stdout(usage());
      throw new CommandError(`unknown docker command: "compose ${name}"`, SYNTAX_ERROR);
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      session.stdout(`\nUsage:  docker compose ${subcommand.name} ${subcommand.usage}\n\n${subcommand.summary}\n`);
      return 0;
    }
    const ctx = new ComposeContext(session, composeGlobals(globals));
    try {
      const flags = parseFlags(rest, subcommand.flags, { stopAtWord: subcommand.stopAtWord === true });
      return await subcommand.run(ctx, flags);
    } catch (error) {
      if (error instanceof FlagError || error instanceof FlagValueError) throw new CommandError(error.message, SYNTAX_ERROR);
      // Interrupted (Ctrl-C, or the manual clock's budget for waiting is spent).
      if (error instanceof Cancelled) return 130;
      throw error;
    }
  },
};

function composeGlobals(parsed: ParsedFlags): ComposeGlobals {
  const value = (name: string) => parsed.values[name] as string | undefined;
  const values = (name: string) => parsed.values[name] as string[] | undefined;
  const progress = value('progress') ?? 'auto';
  const ansi = value('ansi') ?? 'auto';
  if (!['auto', 'never', 'always'].includes(ansi)) throw new CommandError(`unsupported --ansi value ${JSON.stringify(ansi)}`, SYNTAX_ERROR);
  if (progress === 'tty' && ansi === 'never') throw new CommandError("can't use --progress tty while ANSI support is disabled", SYNTAX_ERROR);
  if (progress === 'plain' && ansi === 'always') throw new CommandError("can't use --progress plain while ANSI support is forced", SYNTAX_ERROR);
  if (progress === 'json') throw new CommandError('Dockyard does not print compose\'s JSON progress (--progress json): use auto, tty, plain or quiet', 1);
  const mode = progress === 'none' ? 'quiet' : progress;
  if (!['auto', 'tty', 'plain', 'quiet'].includes(mode)) throw new CommandError(`unsupported --progress value ${JSON.stringify(progress)}`, SYNTAX_ERROR);
  const globals: ComposeGlobals = { progress: mode as ComposeGlobals['progress'], ansi: ansi as ComposeGlobals['ansi'] };
  if (values('file')) globals.files = values('file')!;
  if (value('project-name') !== undefined) globals.projectName = value('project-name')!;
  if (value('project-directory') !== undefined) globals.projectDirectory = value('project-directory')!;
  if (values('profile')) globals.profiles = values('profile')!;
  if (values('env-file')) globals.envFiles = values('env-file')!;
  return globals;
}

/** `docker compose config` is a pure function over the files; it gets the global flags it knows. */
function config(session: Session, args: string[], globals: ParsedFlags): number {
  const at = args.indexOf('config');
  const known = new Set(Object.keys(COMPOSE_GLOBAL_FLAGS));
  const before: string[] = [];
  for (const [name, value] of Object.entries(globals.values)) {
    if (!known.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) before.push(`--${name}`, String(item));
  }
  const env = Object.fromEntries(Object.entries(session.env).filter((e): e is [string, string] => e[1] !== undefined));
  const result = composeConfigCommand([...before, ...args.slice(at)], { source: hostFileSource(session.files), cwd: session.files.cwd, env });
  session.stdout(result.stdout);
  session.stderr(result.stderr);
  return result.exitCode;
}

function version(session: Session, args: string[]): number {
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, { short: { type: 'bool' }, format: { type: 'string', short: 'f' } });
  } catch (error) {
    if (error instanceof FlagError) throw new CommandError(error.message, SYNTAX_ERROR);
    throw error;
  }
  if (flags.values.short === true) session.stdout(`${COMPOSE_VERSION}\n`);
  else if (flags.values.format === 'json') session.stdout(`{"version":"v${COMPOSE_VERSION}"}\n`);
  else session.stdout(`Docker Compose version v${COMPOSE_VERSION}\n`);
  return 0;
}

function usage(): string {
  const entries: [string, string][] = [...SUBCOMMANDS.map((s): [string, string] => [s.name, s.summary]), ...Object.entries(OWN)].sort(([a], [b]) => (a < b ? -1 : 1));
  const width = Math.max(...entries.map(([n]) => n.length)) + 2;
  return [
    '',
    'Usage:  docker compose [OPTIONS] COMMAND',
    '',
    'Define and run multi-container applications with Docker',
    '',
    'Options:',
    '      --ansi string                Control when to print ANSI control characters ("never"|"always"|"auto") (default "auto")',
    '      --env-file stringArray       Specify an alternate environment file',
    '  -f, --file stringArray           Compose configuration files',
    '      --profile stringArray        Specify a profile to enable',
    '      --progress string            Set type of progress output (auto, tty, plain, quiet) (default "auto")',
    '      --project-directory string   Specify an alternate working directory',
    '  -p, --project-name string        Project name',
    '',
    'Commands:',
    ...entries.map(([n, s]) => `  ${n.padEnd(width)}${s}`),
    '',
    "Run 'docker compose COMMAND --help' for more information on a command.",
    '',
  ].join('\n');
}
