// The workspace on disk: one JSON file holding the saved world plus the wall time of the last
// command. Saved atomically (temporary file, fsync, rename) so a crash or Ctrl-C never leaves a
// half-written workspace, and guarded by a lock file so two commands never interleave.

import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SnapshotError } from '@dockyard/runtime';
import { CommandError } from '../session.ts';
import { type SavedWorld, World, type WorldConfig } from '../world.ts';

const STATE_FILE = 'workspace.json';
const LOCK_FILE = 'lock';

interface WorkspaceFile {
  world: SavedWorld;
  /** Wall-clock milliseconds when the last command finished; drives the `wall` clock. */
  wallTime: number;
}

export class Workspace {
  constructor(readonly dir: string) {}

  get statePath(): string {
    return join(this.dir, STATE_FILE);
  }

  exists(): boolean {
    return existsSync(this.statePath);
  }

  /** Loads the world; a damaged or newer file gets a clear error that says how to start over. */
  load(): { world: World; wallTime: number } {
    let text: string;
    try {
      text = readFileSync(this.statePath, 'utf8');
    } catch (error) {
      throw new CommandError(`error: cannot read the workspace ${this.statePath}: ${(error as Error).message}`);
    }
    try {
      const file = JSON.parse(text) as WorkspaceFile;
      const world = World.load(file.world);
      if (!Number.isFinite(file.wallTime)) throw new SnapshotError('corrupt workspace: "wallTime" is missing');
      return { world, wallTime: file.wallTime };
    } catch (error) {
      // A SnapshotError already says what is wrong; anything else failed deep in a component's state.
      const reason =
        error instanceof SyntaxError
          ? `corrupt workspace: not valid JSON (${error.message})`
          : error instanceof SnapshotError || error instanceof CommandError
            ? (error as Error).message
            : `corrupt workspace: ${(error as Error).message}`;
      throw new CommandError(
        `error: the workspace ${this.statePath} cannot be opened: ${reason}\n` +
          `To start over, run: dockyard --workspace ${this.dir} init --force`,
      );
    }
  }

  create(config: WorldConfig, wallTime: number): World {
    const world = World.create(config);
    this.save(world, wallTime);
    return world;
  }

  save(world: World, wallTime: number): void {
    mkdirSync(this.dir, { recursive: true });
    const file: WorkspaceFile = { world: world.save(), wallTime };
    const temp = `${this.statePath}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, JSON.stringify(file));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.statePath);
    const dirFd = openSync(this.dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }

  /** Takes the workspace lock, or fails when a live process holds it; a dead holder's lock is taken over. */
  lock(): () => void {
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return () => rmSync(path, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number(readFileSync(path, 'utf8'));
        if (isAlive(holder)) {
          throw new CommandError(`error: another dockyard command (pid ${holder}) is using the workspace ${this.dir}; try again when it ends`);
        }
        rmSync(path, { force: true });
      }
    }
    throw new CommandError(`error: cannot lock the workspace ${this.dir}`);
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
