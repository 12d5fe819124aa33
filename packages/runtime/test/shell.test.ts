// The shell of busybox and Debian images: what `docker exec c sh -c '...'` prints.
import { describe, expect, it } from 'vitest';
import { dockerHost } from './fixtures/docker-host.ts';

function sh(script: string, image = 'busybox'): { code: number | undefined; out: string } {
  const h = dockerHost();
  h.run({ name: 'box', image, cmd: ['sleep', '3600'] });
  return h.exec('box', [image === 'busybox' ? 'sh' : 'bash', '-c', script]);
}

describe('the container shell', () => {
  it('runs lists with && || ; and keeps $?', () => {
    expect(sh('true && echo yes || echo no; false && echo yes || echo no; false; echo $?')).toEqual({ code: 0, out: 'yes\nno\n1\n' });
  });

  it('expands variables, defaults, arithmetic and command substitution', () => {
    expect(sh('A=3; B=${UNSET:-dflt}; echo "$A $B $((A * 4 + 1)) $(echo sub)" ${#B}').out).toBe('3 dflt 13 sub 4\n');
  });

  it('loops with for, while and until, with break and continue', () => {
    expect(sh('for i in 1 2 3 4; do [ $i -eq 2 ] && continue; [ $i -eq 4 ] && break; echo f$i; done').out).toBe('f1\nf3\n');
    expect(sh('i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo w$i; done; until [ $i -eq 0 ]; do i=$((i-1)); done; echo $i').out).toBe('w1\nw2\nw3\n0\n');
  });

  it('runs if/elif/else and case', () => {
    expect(sh('x=b; if [ $x = a ]; then echo A; elif [ $x = b ]; then echo B; else echo C; fi; case $x in a|c) echo ac;; b*) echo bee;; esac').out).toBe('B\nbee\n');
  });

  it('redirects to files and pipes between commands', () => {
    expect(sh('echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f | grep t; wc -l < /tmp/f; ls /nope 2>/dev/null || echo missing').out).toBe('two\n2\nmissing\n');
  });

  it('says "not found" with status 127 the way ash does, and bash its own way', () => {
    expect(sh('nope; echo $?')).toEqual({ code: 0, out: 'sh: nope: not found\n127\n' });
    expect(sh('nope')).toEqual({ code: 127, out: 'sh: nope: not found\n' });
    expect(sh('nope', 'nginx:1.25')).toEqual({ code: 127, out: 'bash: line 1: nope: command not found\n' });
  });

  it('reports syntax errors', () => {
    const h = dockerHost();
    h.run({ name: 'box', image: 'busybox', cmd: ['sleep', '60'] });
    const exec = h.docker.exec('box', ['sh', '-c', 'if true; then echo x']);
    expect(h.runtime.takeExecOutput(exec.id)).toEqual([['stderr', 'sh: syntax error: unexpected end of file (expecting "fi")\n']]);
    expect(h.runtime.exec(exec.id)?.exitCode).toBe(2);
  });

  it('lets time pass in sleeps inside loops', () => {
    const h = dockerHost();
    h.run({ name: 'ticker', image: 'busybox', cmd: ['sh', '-c', 'while true; do echo tick; sleep 10; done'] });
    h.engine.runFor(35_000);
    expect(h.logs('ticker')).toBe('tick\ntick\ntick\ntick\n');
  });

  it('execs the single command of sh -c, so it becomes PID 1', () => {
    const h = dockerHost();
    h.run({ name: 'one', image: 'busybox', cmd: ['sh', '-c', 'sleep 3600'] });
    expect(h.exec('one', ['ps']).out).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    2 root      0:00 ps\n');
  });
});
