// The words of `dockyard serve`: its help, its flags' errors, a port already in use.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SERVE_HELP } from '../src/commands/serve.ts';
import { sandbox } from './support/run-dockyard.ts';

describe('dockyard serve, the command', () => {
  it('prints its help without a workspace', () => {
    const { dockyard } = sandbox();
    expect(dockyard('serve', '--help')).toEqual({ stdout: SERVE_HELP, stderr: '', status: 0 });
    expect(SERVE_HELP).toMatch(/^Serve the workspace's cluster as a Kubernetes API server \(v1\.33\) on 127\.0\.0\.1/);
  });

  it('is listed in dockyard --help', () => {
    const { dockyard } = sandbox();
    expect(dockyard('--help').stdout).toMatch(/\n {2}serve +Serve the Kubernetes API on 127\.0\.0\.1 for the real kubectl \(--port N, --speed X\)\n/);
  });

  it('refuses bad flags with a usage line', () => {
    const { dockyard } = sandbox();
    expect(dockyard('serve', '--port', 'http')).toEqual({ stdout: '', stderr: 'error: --port takes a port number from 0 to 65535, not "http"\n', status: 1 });
    expect(dockyard('serve', '--port=70000')).toMatchObject({ stderr: 'error: --port takes a port number from 0 to 65535, not "70000"\n', status: 1 });
    expect(dockyard('serve', '--speed', '200')).toEqual({ stdout: '', stderr: 'error: --speed takes a number from 0 to 100, not "200"\n', status: 1 });
    expect(dockyard('serve', '--speed')).toMatchObject({ stderr: 'error: --speed takes a number from 0 to 100\n', status: 1 });
    expect(dockyard('serve', '--tls')).toEqual({ stdout: '', stderr: 'error: unknown flag: --tls\nUsage: dockyard serve [--port N] [--speed X]\n', status: 1 });
  });

  it('says so when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const { dockyard } = sandbox();
      expect(dockyard('serve', '--port', String(port))).toEqual({
        stdout: '',
        stderr: `error: port ${port} on 127.0.0.1 is in use; pass --port N (0 picks a free one)\n`,
        status: 1,
      });
    } finally {
      blocker.close();
    }
  });
});
