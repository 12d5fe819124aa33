// kubectl port-forward: while it runs, localhost:LOCAL reaches the pod's port. In one world,
// `dockyard curl localhost:LOCAL` gets the pod's answer; from the dockyard executable, a real
// loopback listener lets any HTTP client on the machine in (here Node's fetch), and each
// connection prints client-go's "Handling connection for" line. Services translate their port to
// the pod's target port; a pod that is not running cannot be forwarded to.
import { spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../src/cli.ts';
import type { Session } from '../src/session.ts';
import { kubectlSession } from './support/kubectl-session.ts';
import { sandbox } from './support/run-dockyard.ts';

/** The tutorial's app (section 3's Dockerfile), as examples/ ships it. */
const MY_APP = join(import.meta.dirname, '../../../examples/my-app');

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    ports:
    - {name: http, containerPort: 80}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 8080, targetPort: http}
`;

async function running() {
  const session = kubectlSession();
  session.write('web.yaml', POD);
  await session.run('kubectl apply -f web.yaml');
  session.advance(10_000);
  expect((await session.run('kubectl get pod web')).stdout).toMatch(/^web +1\/1 +Running /m);
  return session;
}

/** A session for one running `kubectl port-forward`: its output collected in `out`, its waits decided by `wait`. */
function forwardSession(world: Session['world'], out: string[], wait: Session['wait']): Session {
  return {
    world,
    files: undefined as never,
    env: {},
    stdout: (text) => void out.push(text),
    stderr: (text) => void out.push(text),
    wait,
    readLine: async () => null,
  };
}

describe('kubectl port-forward', () => {
  it('forwards localhost to the pod while it runs: dockyard curl gets nginx', async () => {
    const { world, run } = await running();
    const out: string[] = [];
    let curl = '';
    let checked = false;
    // The first time the forward waits, another command of the same world asks through it.
    const session = forwardSession(world, out, async (ms) => {
      if (!checked) {
        checked = true;
        curl = (await run('curl -s http://localhost:8080/')).stdout;
        return false;
      }
      world.advance(ms);
      return true;
    });
    expect(await runCommand(['kubectl', 'port-forward', 'pod/web', '8080:80'], session)).toBe(0);
    expect(curl).toContain('<title>Welcome to nginx!</title>');
    expect(out.join('')).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\nHandling connection for 8080\n');
    // Once it has stopped, the port is free again.
    expect(world.portForwards.size).toBe(0);
    expect((await run('curl -s http://localhost:8080/')).status).toBe(7);
  });

  it('translates a Service port to its target port; refuses a pod that is not running', async () => {
    const { run, world, write } = await running();
    const forward = await run('kubectl port-forward svc/web 8080');
    expect(forward.stdout).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    expect(forward.status).toBe(0);
    expect(world.portForwards.size).toBe(0);
    expect((await run('kubectl port-forward svc/web 9999')).stderr).toBe('error: Service web does not have a service port 9999\n');
    expect((await run('kubectl port-forward web 80:nope')).stderr).toBe("error: Pod 'web' does not have a named port 'nope'\n");
    expect((await run('kubectl port-forward web')).stderr).toBe("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n");
    write('stuck.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: stuck}\nspec:\n  containers:\n  - {name: app, image: nginx:1.161}\n');
    await run('kubectl apply -f stuck.yaml');
    expect(await run('kubectl port-forward stuck 8080:80')).toEqual({
      stdout: '',
      stderr: 'error: unable to forward port because pod is not running. Current status=Pending\n',
      status: 1,
    });
  });

  it('ends with "lost connection to pod" when the pod goes away', async () => {
    const { world, run } = await running();
    let deleted = false;
    const out: string[] = [];
    const session = forwardSession(world, out, async (ms) => {
      if (!deleted) {
        deleted = true;
        await run('kubectl delete pod web --wait=false');
      }
      world.advance(ms);
      return true;
    });
    expect(await runCommand(['kubectl', 'port-forward', 'web', '8080:80'], session)).toBe(1);
    expect(out.join('')).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\nerror: lost connection to pod\n');
    expect(world.portForwards.size).toBe(0);
  });
});

/** A free TCP port on loopback. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('kubectl port-forward from the dockyard executable', () => {
  it('opens a real loopback port: an HTTP client on the machine reaches the pod until Ctrl-C', async () => {
    const { dir, dockyard } = sandbox();
    cpSync(MY_APP, dir, { recursive: true });
    expect(dockyard('init').status).toBe(0);
    expect(dockyard('docker', 'build', '-q', '-t', 'my-app:1.0', '.').status).toBe(0);
    expect(dockyard('kind', 'load', 'docker-image', 'my-app:1.0').status).toBe(0);
    expect(dockyard('kubectl', 'create', 'deployment', 'my-app', '--image=my-app:1.0', '--port=3000').status).toBe(0);
    expect(dockyard('kubectl', 'rollout', 'status', 'deployment/my-app').stdout).toContain('successfully rolled out');
    const port = await freePort();
    const child = spawn(process.execPath, [join(import.meta.dirname, '../bin/dockyard.js'), 'kubectl', 'port-forward', 'deployment/my-app', `${port}:3000`], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 200 && !stdout.includes('Forwarding from [::1]'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(stdout).toBe(`Forwarding from 127.0.0.1:${port} -> 3000\nForwarding from [::1]:${port} -> 3000\n`);
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('ok\n');
      expect(stdout).toContain(`Handling connection for ${port}\n`);
      expect(stderr).toMatch(/^Found 1 pods, using pod\/my-app-[a-z0-9]+-[a-z0-9]{5}\n$|^$/);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  }, 120_000);
});
