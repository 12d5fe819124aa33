// While `dockyard serve` runs, virtual time follows the wall clock times --speed: a CronJob
// scheduled every minute fires within seconds at 60x, kubectl's watch sees its Job run and complete, and
// the time reached is saved when the server stops. The workspace stays locked meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlInstalled } from './support/fake-apiserver.ts';
import { newWorkspace, type Served, startServe } from './support/serve-dockyard.ts';

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
