// Programs by name, and how an argv[0] becomes one: found through PATH in the container's own
// file system, the way execve does. A binary in an image is a small marker file
// (`#!dockyard-program nginx`); a script with `#!/bin/sh` runs under the shell it names; a
// multi-call busybox marker runs the applet its link is named after. So deleting, copying or
// linking a binary in a container behaves as it would on Linux.

import type { FileSystem } from '../fs/file-system.ts';
import { FsError } from '../fs/file-system.ts';
import { basename, resolvePath } from '../fs/path.ts';
import type { Program } from './program.ts';

export const PROGRAM_MARKER = '#!dockyard-program ';

/** Why an argv[0] cannot run, worded like runc's `exec:` errors. */
export type ExecFailure =
  | { kind: 'not-found'; name: string }
  | { kind: 'no-such-file'; name: string }
  | { kind: 'permission'; name: string }
  | { kind: 'format'; name: string };

export interface ResolvedCommand {
  program: Program;
  /** argv as the program receives it (an interpreter's argv for a script). */
  argv: string[];
  path: string;
}

export class ProgramRegistry {
  readonly #programs = new Map<string, Program>();

  register(...programs: Program[]): this {
    for (const program of programs) this.#programs.set(program.name, program);
    return this;
  }

  get(name: string): Program | undefined {
    return this.#programs.get(name);
  }

  /**
   * Resolves argv[0] the way execvp does. `fallback` runs a binary that is neither a marker nor a
   * script (a user's own executable) when the container declares an app profile.
   */
  resolve(fs: FileSystem, argv: readonly string[], path: string | undefined, cwd: string, fallback?: Program): ResolvedCommand | ExecFailure {
    const name = argv[0] ?? '';
    if (name === '') return { kind: 'no-such-file', name };
    let file: string | undefined;
    if (name.includes('/')) {
      file = resolvePath(cwd, name);
      if (fs.stat(file) === undefined) return { kind: 'no-such-file', name };
    } else {
      for (const dir of (path ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':')) {
        const candidate = resolvePath(cwd, `${dir || '.'}/${name}`);
        const stat = fs.stat(candidate);
        if (stat?.kind === 'file' && (stat.mode & 0o111) !== 0) {
          file = candidate;
          break;
        }
      }
      if (file === undefined) return { kind: 'not-found', name };
    }
    return this.#load(fs, file, argv, cwd, fallback, 0);
  }

  #load(fs: FileSystem, file: string, argv: readonly string[], cwd: string, fallback: Program | undefined, depth: number): ResolvedCommand | ExecFailure {
    const name = argv[0]!;
    const stat = fs.stat(file);
    if (stat === undefined) return { kind: 'no-such-file', name };
    if (stat.kind !== 'file' || (stat.mode & 0o111) === 0) return { kind: 'permission', name };
    const head = firstLine(fs, file);
    if (head.startsWith(PROGRAM_MARKER)) {
      const marked = head.slice(PROGRAM_MARKER.length).trim();
      if (marked === 'busybox') return this.#busybox(argv, file);
      const program = this.#programs.get(marked);
      return program ? { program, argv: [...argv], path: file } : { kind: 'format', name };
    }
    if (head.startsWith('#!') && depth < 4) {
      const [interpreter, ...interpreterArgs] = head.slice(2).trim().split(/\s+/);
      if (!interpreter) return { kind: 'format', name };
      const shebangArgv = [interpreter, ...interpreterArgs.slice(0, 1), file, ...argv.slice(1)];
      // `#!/usr/bin/env node` runs `node` from PATH.
      if (interpreter === '/usr/bin/env' && interpreterArgs[0]) {
        const rest = [interpreterArgs[0], file, ...argv.slice(1)];
        const found = this.resolve(fs, rest, undefined, cwd, fallback);
        return 'kind' in found ? found : { ...found, argv: rest };
      }
      const loaded = this.#load(fs, resolvePath(cwd, interpreter), shebangArgv, cwd, fallback, depth + 1);
      return loaded;
    }
    // A binary the simulator has no marker for: a real program name still runs (images built
    // elsewhere may hold synthetic content), then the container's app profile.
    const byName = this.#programs.get(basename(file));
    if (byName) return { program: byName, argv: [...argv], path: file };
    if (fallback) return { program: fallback, argv: [...argv], path: file };
    return { kind: 'format', name };
  }

  /** busybox is multi-call: the applet is the name it was invoked by, or its first argument. */
  #busybox(argv: readonly string[], file: string): ResolvedCommand | ExecFailure {
    let applet = basename(argv[0]!);
    let rest = [...argv];
    if (applet === 'busybox') {
      if (argv.length < 2) return { kind: 'format', name: argv[0]! };
      applet = basename(argv[1]!);
      rest = argv.slice(1);
    }
    const program = this.#programs.get(applet === 'ash' ? 'sh' : applet);
    return program ? { program, argv: rest, path: file } : { kind: 'not-found', name: argv[0]! };
  }
}

function firstLine(fs: FileSystem, file: string): string {
  try {
    const content = fs.readContent(file);
    if (!(content instanceof Uint8Array)) return '';
    const end = content.indexOf(10);
    return new TextDecoder().decode(end < 0 ? content.subarray(0, 256) : content.subarray(0, Math.min(end, 256)));
  } catch (error) {
    if (error instanceof FsError) return '';
    throw error;
  }
}

/** runc's wording, as `docker run` and `docker exec` print it after their own prefix. */
export function describeExecFailure(failure: ExecFailure): string {
  switch (failure.kind) {
    case 'not-found':
      return `exec: "${failure.name}": executable file not found in $PATH`;
    case 'no-such-file':
      return `exec: "${failure.name}": stat ${failure.name}: no such file or directory`;
    case 'permission':
      return `exec: "${failure.name}": permission denied`;
    case 'format':
      return `exec: "${failure.name}": exec format error`;
  }
}

/** Docker's exit code for a command that could not run: 127 when missing, 126 otherwise. */
export function execFailureStatus(failure: ExecFailure): number {
  return failure.kind === 'not-found' || failure.kind === 'no-such-file' ? 127 : 126;
}
