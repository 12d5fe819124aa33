// `dockyard shell` on a live clock: `get pods -w` prints each change when it happens, virtual
// time running at --speed times the wall clock (nginx's pull of about 3 s shows up about 0.3 s
// later at 10x); `pause` stops the clock, `resume` starts it again, `advance` jumps it. Lines are
// typed one at a time into the running shell, as a user would. Only lower bounds on wall time are
// checked: a slow machine can make the shell later, never earlier.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseDuration } from '@dockyard/runtime';
import { describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

const bin = join(import.meta.dirname, '../bin/dockyard.js');

describe('dockyard shell on a live clock', () => {
  it('streams get pods -w as the pod starts, and pauses, resumes and advances the clock', async () => {
    const { dir, dockyard } = sandbox();
    expect(dockyard('init').status).toBe(0);
    const shell = spawn(process.execPath, [bin, 'shell', '--speed', '10'], { cwd: dir });
    /** Each chunk of output with the wall time it arrived. */
    const seen: { at: number; text: string }[] = [];
    shell.stdout.on('data', (chunk: Buffer) => void seen.push({ at: Date.now(), text: chunk.toString() }));
    const output = () => seen.map((s) => s.text).join('');
    const until = async (pattern: RegExp) => {
      for (let i = 0; i < 400 && !pattern.test(output()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(output()).toMatch(pattern);
    };
    /** When the output first matched `pattern`. */
    const arrival = (pattern: RegExp) => {
      let text = '';
      for (const chunk of seen) {
        text += chunk.text;
        if (pattern.test(text)) return chunk.at;
      }
      throw new Error(`never printed ${pattern}`);
    };
    const type = (line: string) => shell.stdin.write(`${line}\n`);
    const times = () => [...output().matchAll(/Virtual time is (\S+?)( \(paused\))?\.\n/g)].map((m) => parseDuration(m[1]!));
    const exited = new Promise<number | null>((resolve) => shell.on('exit', resolve));
    try {
      await until(/^Dockyard shell: virtual time runs at 10x\. Type help for help, exit to leave\.\n/);
      type('kubectl run web --image=nginx:1.25');
      await until(/pod\/web created\n/);
      type('kubectl get pods -w --request-timeout=10s');
      await until(/web +1\/1 +Running +0 +\d+s\n/);
      expect(output()).toMatch(/NAME {3}READY {3}STATUS {14}RESTARTS {3}AGE\nweb {4}0\/1 {5}ContainerCreating {3}0 {10}\d+s\n/);
      // The pull takes seconds of virtual time: at 10x, a few hundred ms of the wall clock.
      expect(arrival(/web +1\/1 +Running/) - arrival(/web +0\/1 +ContainerCreating/)).toBeGreaterThanOrEqual(200);

      type('pause');
      await until(/Virtual time paused at \S+\.\n/);
      type('time');
      await until(/Virtual time is \S+ \(paused\)\.\n/);
      await new Promise((resolve) => setTimeout(resolve, 300));
      type('time');
      await until(/(Virtual time is \S+ \(paused\)\.\n[^]*){2}/);
      const [paused, stillPaused] = times();
      expect(stillPaused).toBe(paused);

      type('resume');
      await until(/Virtual time runs at 10x\.\n/);
      await new Promise((resolve) => setTimeout(resolve, 500));
      type('time');
      await until(/(Virtual time is \S+( \(paused\))?\.\n[^]*){3}/);
      // Half a second of the wall clock at 10x is at least 5 s of virtual time.
      expect(times()[2]! - paused!).toBeGreaterThanOrEqual(5_000);

      type('advance 1m');
      await until(/Virtual time is now \S+\.\n/);
      const advanced = parseDuration(/Virtual time is now (\S+)\.\n/.exec(output())![1]!);
      expect(advanced - times()[2]!).toBeGreaterThanOrEqual(60_000);
      type('exit');
      expect(await exited).toBe(0);
    } finally {
      shell.kill();
    }
    // The shell saved the world: the pod is there for the next command.
    expect(dockyard('kubectl', 'get', 'pod', 'web', '-o', 'name').stdout).toBe('pod/web\n');
  }, 60_000);
});
