// While `dockyard serve` runs, virtual time follows the wall clock times --speed: a CronJob
// scheduled every minute fires within seconds at 60x and kubectl's watch sees its Job run and
// complete; `kubectl logs -f` and `kubectl attach` follow a container's output and end when it
// exits; `kubectl run -it --rm` gives a shell; the time reached is saved when the server stops.
// The workspace stays locked meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlInstalled } from './support/fake-apiserver.ts';
import { newWorkspace, scriptInstalled, type Served, startServe } from './support/serve-dockyard.ts';

if (!kubectlInstalled) console.warn('serve-live-clock.test.ts: kubectl is not installed; skipping the live-clock tests of dockyard serve');

describe.skipIf(!kubectlInstalled)('dockyard serve on a live clock (needs kubectl on PATH)', () => {
  let box: ReturnType<typeof newWorkspace>;
  let served: Served;

  beforeAll(async () => {
    box = newWorkspace();
    served = await startServe(box.dir, '--speed', '60');
  }, 120_000);

  afterAll(async () => {
    await served?.stop();
  });

  async function untilRunning(pod: string): Promise<void> {
    const start = Date.now();
    while ((await served.kubectl('get', 'pod', pod, '-o', 'jsonpath={.status.phase}')).stdout !== 'Running') {
      if (Date.now() - start > 20_000) throw new Error(`pod ${pod} is not running`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('says how fast virtual time runs', () => {
    expect(served.output().stdout).toMatch(/\nVirtual time runs at 60x \(now \d+(\.\d+)?m?s\)\.\n/);
  });

  it('keeps the workspace locked for other dockyard commands', () => {
    const run = box.dockyard('events');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: another dockyard command \(pid \d+\) is using the workspace .*\.dockyard; try again when it ends\n$/);
  });

  it('fires a CronJob as virtual minutes pass, and kubectl get -w sees the Job complete', async () => {
    expect((await served.kubectl('create', 'cronjob', 'tick', '--image=busybox', '--schedule=* * * * *', '--', 'date')).stdout).toBe('cronjob.batch/tick created\n');
    const watcher = served.kubectlProcess('get', 'jobs', '-w');
    let out = '';
    watcher.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const start = Date.now();
    while (!/^tick-\d+ +Complete /m.test(out)) {
      if (Date.now() - start > 30_000) throw new Error(`no Job appeared: ${out}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    watcher.kill('SIGINT');
    expect(out).toMatch(/^NAME +STATUS +COMPLETIONS +DURATION +AGE\n/);
    // busybox's `date` exits at once (a Job just started has no DURATION yet): the kubelet runs the Job's pod and the Job completes.
    const lines = out.trimEnd().split('\n').slice(1);
    for (const line of lines) expect(line).toMatch(/^tick-\d{8} +(Running +0\/1( +\d+s)?|Complete +1\/1 +\d+s) +\d+s$/);
    expect(lines.at(-1)).toMatch(/^tick-\d{8} +Complete +1\/1 +\d+s +\d+s$/);
  });

  it('follows a log with kubectl logs -f as the container writes it', async () => {
    await served.kubectl('run', 'ticker', '--image=busybox', '--', 'sh', '-c', 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 5; done');
    await untilRunning('ticker');
    const follower = served.kubectlProcess('logs', '-f', 'ticker');
    let out = '';
    follower.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // A line every 5 virtual seconds: one every 83 ms of wall time at 60x.
    await until(() => out.split('\n').length > 8, 20_000);
    follower.kill('SIGINT');
    const lines = out.split('\n').slice(0, 8);
    const first = Number(/^tick (\d+)$/.exec(lines[0]!)![1]);
    expect(lines).toEqual(lines.map((_, i) => `tick ${first + i}`));
  });

  it('ends kubectl logs -f when the container exits', async () => {
    await served.kubectl('run', 'countdown', '--restart=Never', '--image=busybox', '--', 'sh', '-c', 'sleep 120; for i in 3 2 1; do echo $i; sleep 10; done; echo liftoff');
    await untilRunning('countdown');
    const start = Date.now();
    expect(await served.kubectl('logs', '-f', 'countdown')).toEqual({ stdout: '3\n2\n1\nliftoff\n', stderr: '', status: 0 });
    // 2m30s of virtual time at 60x.
    expect(Date.now() - start).toBeLessThan(20_000);
  });

  it("attaches to a container's output with kubectl attach until it exits", async () => {
    await served.kubectl('run', 'talker', '--restart=Never', '--image=busybox', '--', 'sh', '-c', 'sleep 120; for i in 1 2 3; do echo line $i; sleep 10; done');
    await untilRunning('talker');
    const run = await served.kubectl('attach', 'talker');
    // What it writes from the moment of attaching; kubectl ends when the container does.
    expect(run).toMatchObject({ stdout: 'line 1\nline 2\nline 3\n', status: 0 });
  });

  it.skipIf(!scriptInstalled)('opens a shell with kubectl run -it --rm, and deletes the pod after it', async () => {
    const child = served.kubectlTerminal('run', '-it', 'shell', '--image=busybox', '--restart=Never', '--rm', '--', 'sh');
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await until(() => out.includes('/ # '), 20_000);
    child.stdin.write('echo hi\r');
    await until(() => out.split('/ # ').length > 2, 20_000);
    child.stdin.write('exit\r');
    expect(await exited).toBe(0);
    expect(out).toBe('If you don\'t see a command prompt, try pressing enter.\r\n/ # echo hi\r\nhi\r\n/ # exit\r\npod "shell" deleted\r\n');
    expect(await served.kubectl('get', 'pod', 'shell')).toMatchObject({ stderr: 'Error from server (NotFound): pods "shell" not found\n', status: 1 });
  });

  it('saves the virtual time it reached when stopped', async () => {
    expect(await served.stop()).toBe(0);
    const world = served.savedWorld();
    expect(world.engine.now).toBeGreaterThan(60_000);
    expect(served.output().stdout).toMatch(/\nStopped at virtual time \d+m[\d.]*s?; the workspace is saved\.\n$/);
    expect(world.cluster.store.list('Job', { namespace: 'default' }).items.map((j) => j.metadata!.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^tick-\d{8}$/)]));
    // The lock is gone with the server.
    expect(box.dockyard('events').status).toBe(0);
  });
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
