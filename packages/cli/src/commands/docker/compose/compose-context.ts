// What every `docker compose` subcommand works with: the session, compose's global flags, the
// project loaded from the user's files (warnings printed as compose logs them), the progress
// display those flags ask for, and the project's containers found again by their labels.

import {
  COMPOSE_LABELS,
  ComposeError,
  type ComposeFileSource,
  ComposeLoadError,
  type ComposeProject,
  type DockerContainer,
  loadComposeProject,
} from '@dockyard/runtime';
import { CommandError, type HostFiles, type Session } from '../../../session.ts';
import { ComposeProgress, type ProgressMode } from './progress.ts';

export interface ComposeGlobals {
  files?: string[];
  projectName?: string;
  projectDirectory?: string;
  profiles?: string[];
  envFiles?: string[];
  /** `--progress`: auto (tty on a terminal, else plain), tty, plain, quiet. */
  progress: 'auto' | ProgressMode;
  /** `--ansi`: never, always, auto. */
  ansi: 'auto' | 'never' | 'always';
}

/** Compose's exit status for a mistake on the command line (CommandSyntaxFailure). */
export const SYNTAX_ERROR = 16;

/** The user's files as compose reads them (one adapter for disk and memory alike). */
export function hostFileSource(files: HostFiles): ComposeFileSource {
  return {
    readText: (path) => files.readText(path),
    exists: (path) => files.stat(path) !== undefined,
    isDirectory: (path) => files.stat(path)?.kind === 'dir',
  };
}

export class ComposeContext {
  readonly session: Session;
  readonly globals: ComposeGlobals;

  constructor(session: Session, globals: ComposeGlobals) {
    this.session = session;
    this.globals = globals;
  }

  get world() {
    return this.session.world;
  }

  get docker() {
    return this.session.world.docker;
  }

  get source(): ComposeFileSource {
    return hostFileSource(this.session.files);
  }

  get env(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.session.env).filter((e): e is [string, string] => e[1] !== undefined));
  }

  /** Colours in logs and progress: only on a terminal, unless `--ansi` says otherwise or NO_COLOR is set. */
  get colors(): boolean {
    if (this.session.env['NO_COLOR']) return false;
    if (this.globals.ansi !== 'auto') return this.globals.ansi === 'always';
    return this.session.terminal !== undefined;
  }

  /** Loads the project; services named on the command line must exist (their profiles are enabled). */
  load(services: string[] = []): ComposeProject {
    try {
      const { project, warnings } = loadComposeProject({
        source: this.source,
        cwd: this.session.files.cwd,
        env: this.env,
        ...(this.globals.files ? { files: this.globals.files } : {}),
        ...(this.globals.projectName ? { projectName: this.globals.projectName } : {}),
        ...(this.globals.projectDirectory ? { projectDirectory: this.globals.projectDirectory } : {}),
        ...(this.globals.profiles ? { profiles: this.globals.profiles } : {}),
        ...(this.globals.envFiles ? { envFiles: this.globals.envFiles } : {}),
        services,
      });
      for (const warning of warnings) this.warn(warning);
      return project;
    } catch (error) {
      if (!(error instanceof ComposeError)) throw error;
      if (error instanceof ComposeLoadError) for (const warning of error.warnings) this.warn(warning);
      throw new CommandError(error.message, 1);
    }
  }

  /**
   * The project, or with `-p` and no compose file only its name: `down`, `ps`, `logs` and
   * `stop` work on what the engine has, as compose's do.
   */
  loadOrName(services: string[] = []): ComposeProject | { name: string } {
    if (this.globals.projectName !== undefined && this.globals.files === undefined) {
      try {
        return this.load(services);
      } catch (error) {
        if (error instanceof CommandError && /^no configuration file provided/.test(error.message)) return { name: this.globals.projectName };
        throw error;
      }
    }
    return this.load(services);
  }

  /** A compose warning, as its logger prints it. */
  warn(message: string): void {
    this.session.stderr(`WARN[0000] ${message}\n`);
  }

  /** The display the flags ask for; `quiet` for steps compose does not show (starting attached containers). */
  progress(title = 'Running', quiet = false): ComposeProgress {
    if (quiet) return new ComposeProgress(this.session, 'quiet');
    let mode = this.globals.progress;
    if (mode === 'auto') mode = this.globals.ansi === 'never' ? 'plain' : this.session.terminal !== undefined || this.globals.ansi === 'always' ? 'tty' : 'plain';
    return new ComposeProgress(this.session, mode, { title, colors: this.colors });
  }

  /**
   * The project's containers (compose finds them by label): one-off `run` containers left out
   * unless asked for; in `docker ps` order unless sorted by the caller.
   */
  containers(project: string, options: { services?: string[]; oneOff?: 'exclude' | 'include' | 'only' } = {}): DockerContainer[] {
    const oneOff = options.oneOff ?? 'exclude';
    return this.docker.containers().filter((c) => {
      const labels = c.config.Labels;
      if (labels[COMPOSE_LABELS.project] !== project) return false;
      const isOneOff = labels[COMPOSE_LABELS.oneoff] === 'True';
      if ((oneOff === 'exclude' && isOneOff) || (oneOff === 'only' && !isOneOff)) return false;
      return options.services === undefined || options.services.length === 0 || options.services.includes(labels[COMPOSE_LABELS.service] ?? '');
    });
  }
}

/** The label value compose reads a container's service from. */
export function serviceOf(c: DockerContainer): string {
  return c.config.Labels[COMPOSE_LABELS.service] ?? '';
}

export function numberOf(c: DockerContainer): number {
  return Number(c.config.Labels[COMPOSE_LABELS.containerNumber] ?? 0);
}

/** `Container compose-app-db-1`: how progress lines name a container. */
export function containerEvent(c: DockerContainer | string): string {
  return `Container ${typeof c === 'string' ? c : c.name}`;
}
