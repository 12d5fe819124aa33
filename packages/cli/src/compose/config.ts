// `docker compose [global flags] config [flags] [SERVICE...]` as a pure function: words in, the
// text compose prints and its exit code out. The caller supplies the files (disk in Node, memory
// in the browser), the working directory and the environment.

import {
  type ComposeFileSource,
  ComposeError,
  ComposeLoadError,
  composeConfigOutput,
  composeStartOrder,
  loadComposeProject,
  type ComposeProject,
} from '@dockyard/runtime';
import { FlagError, parseFlags, type FlagSpec } from './flags.ts';

export interface ComposeCommandContext {
  source: ComposeFileSource;
  /** Absolute POSIX path the command runs in. */
  cwd: string;
  env: Record<string, string>;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The flags every `docker compose` verb takes, before the verb. */
export const COMPOSE_GLOBAL_FLAGS: Record<string, FlagSpec> = {
  file: { type: 'list', short: 'f' },
  'project-name': { type: 'string', short: 'p' },
  'project-directory': { type: 'string' },
  profile: { type: 'list' },
  'env-file': { type: 'list' },
};

const CONFIG_FLAGS: Record<string, FlagSpec> = {
  services: { type: 'bool' },
  volumes: { type: 'bool' },
  networks: { type: 'bool' },
  profiles: { type: 'bool' },
  images: { type: 'bool' },
  quiet: { type: 'bool', short: 'q' },
  format: { type: 'string' },
};

const warn = (warnings: string[]) => warnings.map((w) => `WARN[0000] ${w}\n`).join('');

/**
 * Runs `config`. `argv` holds the words after `docker compose`, e.g.
 * `['-f', 'docker-compose.yml', 'config', '--services']`.
 */
export function composeConfigCommand(argv: string[], ctx: ComposeCommandContext): CommandResult {
  let globals;
  let flags;
  try {
    globals = parseFlags(argv, COMPOSE_GLOBAL_FLAGS, { stopAtWord: true });
    if (globals.rest[0] !== 'config') throw new FlagError(`unknown docker compose command: ${globals.rest[0] ?? ''}`);
    flags = parseFlags(globals.rest.slice(1), CONFIG_FLAGS);
  } catch (error) {
    // compose's CommandSyntaxFailure (docker/compose pkg/compose/metrics.go).
    if (error instanceof FlagError) return { stdout: '', stderr: `${error.message}\n`, exitCode: 16 };
    throw error;
  }
  const format = (flags.values.format as string | undefined) ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') {
    return { stdout: '', stderr: `unsupported format ${JSON.stringify(format)}\n`, exitCode: 1 };
  }
  const named = flags.rest;

  let project: ComposeProject;
  let warnings: string[];
  try {
    ({ project, warnings } = loadComposeProject({
      source: ctx.source,
      cwd: ctx.cwd,
      env: ctx.env,
      files: globals.values.file as string[] | undefined,
      projectName: globals.values['project-name'] as string | undefined,
      projectDirectory: globals.values['project-directory'] as string | undefined,
      profiles: globals.values.profile as string[] | undefined,
      envFiles: globals.values['env-file'] as string[] | undefined,
      services: named,
    }));
  } catch (error) {
    if (!(error instanceof ComposeError)) throw error;
    const earlier = error instanceof ComposeLoadError ? error.warnings : [];
    return { stdout: '', stderr: `${warn(earlier)}${error.message}\n`, exitCode: 1 };
  }

  const stderr = warn(warnings);
  // Named services come with what they depend on; otherwise every active service, in start order.
  const services = composeStartOrder(project, named);
  const lines = (items: string[]) => items.map((item) => `${item}\n`).join('');
  if (flags.values.quiet) return { stdout: '', stderr, exitCode: 0 };
  if (flags.values.services) return { stdout: lines(services), stderr, exitCode: 0 };
  if (flags.values.volumes) return { stdout: lines(Object.keys(project.volumes)), stderr, exitCode: 0 };
  if (flags.values.networks) return { stdout: lines(Object.keys(project.networks)), stderr, exitCode: 0 };
  if (flags.values.profiles) {
    const all = [...Object.values(project.services), ...Object.values(project.disabledServices)];
    return { stdout: lines([...new Set(all.flatMap((s) => s.profiles))].sort()), stderr, exitCode: 0 };
  }
  if (flags.values.images) {
    return { stdout: lines([...services].sort().map((name) => project.services[name]!.image)), stderr, exitCode: 0 };
  }
  return { stdout: composeConfigOutput(project, format, named.length > 0 ? services : undefined), stderr, exitCode: 0 };
}
