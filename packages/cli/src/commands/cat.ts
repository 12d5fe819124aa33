// `dockyard cat PATH`: reads a file on the Docker host, as `cat` in a shell on that machine would,
// so tutorials' host-side looks work: `cat /sys/fs/cgroup/memory/docker/<id>/memory.limit_in_bytes`.

import { FsError } from '@dockyard/runtime';
import { CommandError } from '../session.ts';
import type { TopCommand } from './command.ts';

export const catCommand: TopCommand = {
  name: 'cat',
  summary: 'Print a file of the Docker host (cgroup files under /sys/fs/cgroup, ...)',
  async run(args, session) {
    if (args.length === 0) throw new CommandError('usage: dockyard cat FILE...');
    const fs = session.world.runtime.hostFs;
    const errors: string[] = [];
    for (const path of args) {
      try {
        session.stdout(fs.readText(path));
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        errors.push(`cat: ${path}: ${error.description}`);
      }
    }
    if (errors.length > 0) throw new CommandError(errors.join('\n'), 1);
    return 0;
  },
};
