// docker-init (tini), what `docker run --init` puts as PID 1: it starts the command as its child,
// passes signals on to it, reaps zombies, and exits with the child's status. So a command with no
// SIGTERM handler dies of `docker stop` at once with 143 instead of being killed after the grace
// period with 137.

import type { ProcessProgram } from './program.ts';

interface InitState {
  child: number;
}

export const dockerInit: ProcessProgram = {
  kind: 'process',
  name: 'docker-init',
  start(p) {
    const command = p.argv.slice(p.argv.indexOf('--') + 1);
    const child = p.spawn(command);
    if ('error' in child) {
      p.err(`[FATAL tini (${p.pid})] exec ${command[0]} failed: No such file or directory\n`);
      p.exit(child.status);
      return;
    }
    if (child.status !== undefined) {
      p.exit(child.status);
      return;
    }
    p.memory(64 * 1024);
    p.setState({ child: child.pid } satisfies InitState);
  },
  childExited(p, pid, status) {
    if (pid === p.state<InitState>().child) p.exit(status);
  },
  signal(p, signal) {
    if (signal === 'SIGCHLD') return true;
    p.sys.kill(p.state<InitState>().child, signal);
    return true;
  },
};
