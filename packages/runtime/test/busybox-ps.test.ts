// busybox ps inside `sh -c`: every external command the shell runs is a child it forked, with a
// PID of its own, so ps lists itself beside the shell and the shell's other children; `-o` picks
// the columns as busybox's DESKTOP build does, and bad options get getopt's complaint.
import { describe, expect, it } from 'vitest';
import { dockerHost } from './fixtures/docker-host.ts';

/** `docker run busybox sh -c SCRIPT`: what it printed once it ended. */
function run(script: string): { out: string; code: number | undefined } {
  const h = dockerHost();
  h.run({ name: 'box', image: 'busybox', cmd: ['sh', '-c', script] });
  h.engine.runFor(1000);
  return { out: h.logs('box'), code: h.runtime.get(h.docker.find('box')!.id)?.state.exitCode };
}

describe('busybox ps', () => {
  it('lists the shell, its background child and itself', () => {
    expect(run('sleep 5 & ps').out).toBe(
      'PID   USER     TIME  COMMAND\n' + '    1 root      0:00 sh -c sleep 5 & ps\n' + '    2 root      0:00 sleep 5\n' + '    3 root      0:00 ps\n',
    );
  });

  it('as the only command of sh -c it is exec’d and is PID 1', () => {
    expect(run('ps').out).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 ps\n');
  });

  it('each command takes the next PID, as a fork would', () => {
    expect(run('ps -o pid,comm; ps -o pid,comm; sleep 9 & echo $!').out).toBe('PID   COMMAND\n    1 sh\n    2 ps\nPID   COMMAND\n    1 sh\n    3 ps\n4\n');
  });

  it('selects columns with -o, renames headers with =, and hides the header line when all are empty', () => {
    expect(run('ps -o pid,ppid,user=OWNER -o args').out).toBe(
      'PID   PPID  OWNER COMMAND\n' + '    1     0 root  ps -o pid,ppid,user=OWNER -o args\n',
    );
    // Everything after the first = is the header, commas included (parse_o).
    expect(run('ps -o pid=ID,comm').out).toBe('ID,comm\n      1\n');
    expect(run('sleep 3 & ps -o pid= -o comm=').out).toBe('    1 sh\n    2 sleep\n    3 ps\n');
  });

  it('accepts the POSIX selections and BSD words, and refuses what it does not know', () => {
    expect(run('ps -ef').out).toBe(run('ps aux').out.replace('ps aux', 'ps -ef'));
    expect(run('ps -x')).toEqual({
      code: 1,
      out: "ps: invalid option -- 'x'\n\nUsage: ps [-o COL1,COL2=HEADER] [-T]\n\nShow list of processes\n\n\t-o COL1,COL2=HEADER\tSelect columns for display\n\t-T\t\t\tShow threads\n",
    });
    expect(run('ps -o cpu')).toEqual({ code: 1, out: "ps: bad -o argument 'cpu', supported arguments: user,comm,args,pid,ppid,etime,time,tty,stat,rss\n" });
  });
});
