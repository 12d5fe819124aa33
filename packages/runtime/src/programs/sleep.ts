// Programs whose whole job is to pass time: `sleep`, readers that never finish (`tail -f`,
// `cat /dev/zero`) and `env NAME=value command`, which becomes its command.

import type { ProcessProgram } from './program.ts';

/** Seconds as sleep(1) takes them: `30`, `1.5`, `2m`, `1h`, `infinity`. */
export function parseSleep(text: string): number | undefined {
  if (text === 'infinity' || text === 'inf') return Infinity;
  const match = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(text);
  if (!match) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2]!]!;
  return Number(match[1]) * unit * 1000;
}

export const sleep: ProcessProgram = {
  kind: 'process',
  name: 'sleep',
  start(p) {
    const args = p.argv.slice(1);
    if (args.length === 0) {
      p.err('sleep: missing operand\n');
      p.exit(1);
      return;
    }
    let total = 0;
    for (const arg of args) {
      const ms = parseSleep(arg);
      if (ms === undefined) {
        p.err(`sleep: invalid number '${arg}'\n`);
        p.exit(1);
        return;
      }
      total += ms;
    }
    p.memory(400 * 1024);
    if (Number.isFinite(total)) p.timer('done', total);
  },
  timer(p) {
    p.exit(0);
  },
};

/**
 * `tail -f FILE`, `cat /dev/zero`, `tail /dev/zero`: reads that never end. Reading /dev/zero
 * through tail keeps the whole endless "line" in memory, the classic memory hog.
 */
export const streamReader: ProcessProgram = {
  kind: 'process',
  name: 'stream-reader',
  start(p) {
    const hog = p.argv[0]?.endsWith('tail') && p.argv.includes('/dev/zero');
    // About 1 GiB/s: tail copies zeros into one growing buffer as fast as it can read them.
    p.memory(512 * 1024, hog ? 1024 * 1024 * 1024 : 0);
    p.cpu(p.argv.includes('/dev/zero') ? 1 : 0);
  },
};

export const envExec: ProcessProgram = {
  kind: 'process',
  name: 'env-exec',
  start(p) {
    const args = p.argv.slice(1);
    const env = p.environ();
    while (args[0]?.includes('=')) env.push(args.shift()!);
    const failed = p.exec(args, env);
    if (failed) {
      p.err(`env: can't execute '${args[0]}': No such file or directory\n`);
      p.exit(failed.status);
    }
  },
};
