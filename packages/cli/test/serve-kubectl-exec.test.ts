// `kubectl exec` against `dockyard serve`: the stock kubectl upgrades to a WebSocket
// (v5.channel.k8s.io) and the command runs in the pod's container on its node — output on stdout
// and stderr, the exit code kubectl exits with, stdin with -i, a terminal with -it (run under
// script(1), which gives kubectl the pty it insists on), and the errors for a container that is
// not running, a command that does not exist, and the stream Dockyard does not serve (port-forward).
// Attaching needs time to pass: serve-live-clock.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlInstalled } from './support/fake-apiserver.ts';
import { newWorkspace, scriptInstalled, type Served, startServe } from './support/serve-dockyard.ts';

if (!kubectlInstalled) console.warn('serve-kubectl-exec.test.ts: kubectl is not installed; skipping the tests that drive dockyard serve with it');

const manifest = readFileSync(join(import.meta.dirname, 'fixtures/serve/running-pods.yaml'), 'utf8');

describe.skipIf(!kubectlInstalled)('kubectl exec against dockyard serve (needs kubectl on PATH)', () => {
  let box: ReturnType<typeof newWorkspace>;
  let served: Served;
  let dockyardLs: { stdout: string; stderr: string };

  beforeAll(async () => {
    box = newWorkspace();
    writeFileSync(join(box.dir, 'running-pods.yaml'), manifest);
    expect(box.dockyard('kubectl', 'apply', '-f', 'running-pods.yaml')).toMatchObject({ status: 0 });
    expect(box.dockyard('advance', '1m')).toMatchObject({ status: 0 });
    const ls = box.dockyard('kubectl', 'exec', 'ticker', '--', 'ls', '/');
    dockyardLs = { stdout: ls.stdout, stderr: ls.stderr };
    served = await startServe(box.dir, '--speed', '0');
  }, 120_000);

  afterAll(async () => {
    await served?.stop();
  });

  it("runs a command in the pod's container", async () => {
    expect(await served.kubectl('exec', 'ticker', '--', 'echo', 'hello', 'world')).toEqual({ stdout: 'hello world\n', stderr: '', status: 0 });
    expect(await served.kubectl('exec', 'pair', '-c', 'side', '--', 'hostname')).toEqual({ stdout: 'pair\n', stderr: '', status: 0 });
    // The first container when none is named, as kubectl says.
    expect(await served.kubectl('exec', 'pair', '--', 'hostname')).toEqual({ stdout: 'pair\n', stderr: 'Defaulted container "app" out of: app, side, setup (init)\n', status: 0 });
    // The same files Dockyard's own kubectl exec sees.
    expect(await served.kubectl('exec', 'ticker', '--', 'ls', '/')).toEqual({ ...dockyardLs, status: 0 });
    expect(dockyardLs.stdout).toMatch(/^bin\ndev\netc\n/);
  });

  it('keeps stdout and stderr apart and exits with the command\'s code', async () => {
    expect(await served.kubectl('exec', 'ticker', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3')).toEqual({
      stdout: 'out\n',
      stderr: 'err\ncommand terminated with exit code 3\n',
      status: 3,
    });
  });

  it('feeds standard input with -i', async () => {
    expect(await served.kubectlInput('first line\nsecond line\n', 'exec', '-i', 'ticker', '--', 'cat')).toEqual({ stdout: 'first line\nsecond line\n', stderr: '', status: 0 });
    expect(await served.kubectlInput('a\nb\nc\n', 'exec', '-i', 'ticker', '--', 'wc', '-l')).toMatchObject({ stdout: expect.stringMatching(/^\s*3\n$/), status: 0 });
  });

  it.skipIf(!scriptInstalled)('is a terminal with -it: echoes what is typed, prompts, and ends with the shell', async () => {
    const child = served.kubectlTerminal('exec', '-it', 'ticker', '--', 'sh');
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const typed = async (line: string, prompts: number) => {
      await until(() => out.split('/ # ').length - 1 >= prompts, 20_000, () => out);
      child.stdin.write(`${line}\r`);
    };
    await typed('echo hi there', 1);
    await typed('hostname', 2);
    await typed('exit 4', 3);
    expect(await exited).toBe(4);
    // kubectl's raw terminal hands every key to the server, which echoes it and ends lines with CR LF.
    expect(out).toBe('/ # echo hi there\r\nhi there\r\n/ # hostname\r\nticker\r\n/ # exit 4\r\ncommand terminated with exit code 4\r\n');
  });

  it('says why it cannot exec: a container that is not running, a command that does not exist', async () => {
    expect(await served.kubectl('exec', 'unpullable', '--', 'echo')).toEqual({ stdout: '', stderr: 'Error from server (BadRequest): container not found ("app")\n', status: 1 });
    const missing = await served.kubectl('exec', 'ticker', '--', 'nope');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": exec: "nope": executable file not found in \$PATH\n$/,
    );
    expect(await served.kubectl('exec', 'nope', '--', 'echo')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', status: 1 });
  });

  it('refuses kubectl port-forward with a Status: Dockyard does not tunnel ports', async () => {
    expect(await served.kubectl('port-forward', 'pod/ticker', '0:80')).toEqual({
      stdout: '',
      stderr: 'error: error upgrading connection: dockyard serve does not stream pods/portforward; only pods/exec, pods/attach (over WebSocket) and pods/log\n',
      status: 1,
    });
  });
});

async function until(condition: () => boolean, timeoutMs: number, seen: () => string): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting; got ${JSON.stringify(seen())}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
