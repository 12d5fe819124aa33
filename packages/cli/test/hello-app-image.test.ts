// gcr.io/google-samples/hello-app, the GKE quickstart's server: on :8080 it answers every path
// with `Hello, world!`, its version and its hostname (the pod's name in a pod, the container ID's
// first 12 characters under docker), and logs through Go's log package.
import { describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

describe('hello-app', () => {
  it('in a Deployment behind a NodePort: curl gets the greeting with the pod name, kubectl logs the requests', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    expect(dockyard('kubectl', 'create', 'deployment', 'hello', '--image=gcr.io/google-samples/hello-app:1.0').stdout).toBe('deployment.apps/hello created\n');
    dockyard('kubectl', 'expose', 'deployment', 'hello', '--type=NodePort', '--port=8080');
    dockyard('advance', '30s');
    const pod = /^(hello-\S+)\s+1\/1\s+Running/m.exec(dockyard('kubectl', 'get', 'pods').stdout)![1]!;
    const nodePort = dockyard('kubectl', 'get', 'service', 'hello', '-o', 'jsonpath={.spec.ports[0].nodePort}').stdout;
    const greeting = `Hello, world!\nVersion: 1.0.0\nHostname: ${pod}\n`;
    expect(dockyard('curl', '-s', `http://localhost:${nodePort}/`).stdout).toBe(greeting);
    expect(dockyard('curl', '-si', `http://localhost:${nodePort}/anything?x=1`).stdout).toBe(
      `HTTP/1.1 200 OK\r\nDate: Wed, 01 Jan 2025 00:00:30 GMT\r\nContent-Length: ${greeting.length}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${greeting}`,
    );
    const logs = dockyard('kubectl', 'logs', pod).stdout.split('\n');
    expect(logs).toHaveLength(4);
    expect(logs[0]).toMatch(/^2025\/01\/01 00:00:0\d Server listening on port 8080$/);
    expect(logs.slice(1)).toEqual(['2025/01/01 00:00:30 Serving request: /', '2025/01/01 00:00:30 Serving request: /anything', '']);
  }, 90_000);

  it('2.0 under docker run: version 2.0.0, hostname the container ID, and docker stop ends it with Go’s exit 2', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    const id = dockyard('docker', 'run', '-d', '--name', 'hello', '-p', '8080:8080', 'gcr.io/google-samples/hello-app:2.0').stdout.trim();
    dockyard('advance', '5s');
    expect(dockyard('curl', '-s', 'http://localhost:8080/').stdout).toBe(`Hello, world!\nVersion: 2.0.0\nHostname: ${id.slice(0, 12)}\n`);
    expect(dockyard('docker', 'stop', 'hello').stdout).toBe('hello\n');
    expect(dockyard('docker', 'ps', '-a', '--format', '{{.Status}}').stdout).toMatch(/^Exited \(2\) /);
  }, 90_000);
});
