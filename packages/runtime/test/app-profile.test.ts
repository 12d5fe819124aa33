// App profiles: user images declare their behaviour in dockyard.app.* labels.
import { describe, expect, it } from 'vitest';
import type { CreateOptions } from '../src/index.ts';
import { dockerHost, type DockerHost } from './fixtures/docker-host.ts';

function app(h: DockerHost, name: string, labels: Record<string, string>, extra: Partial<CreateOptions> = {}): string {
  const { id } = h.docker.create({ name, image: 'busybox', cmd: ['/app'], labels, ...extra });
  h.runtime.fs(id)!.writeFile('/app', 'ELF', { mode: 0o755 });
  h.docker.start(id);
  return id;
}

function get(h: DockerHost, id: string, path: string): string {
  const response = h.runtime.httpGet(id, 8080, path);
  return typeof response === 'string' ? response : `${response.status} ${response.body.trim()}`;
}

describe('app profiles', () => {
  it('serves its paths, flips a status after a time, and logs', () => {
    const h = dockerHost();
    const id = app(h, 'api', {
      'dockyard.app.port': '8080',
      'dockyard.app.paths': '/=200:hello,/healthz=200,/ready=503:not ready,/healthz=500@30s',
      'dockyard.app.startup': '2s',
      'dockyard.app.log': 'starting on ${PORT}\\nready',
      'dockyard.app.log-every': '10s:still here',
    });
    h.engine.runFor(1_000);
    expect(get(h, id, '/')).toBe('refused');
    h.engine.runFor(1_000);
    expect([get(h, id, '/'), get(h, id, '/healthz'), get(h, id, '/ready'), get(h, id, '/nope')]).toEqual(['200 hello', '200 OK', '503 not ready', '404 Not Found']);
    h.engine.runFor(31_000);
    expect(get(h, id, '/healthz')).toBe('500 Error');
    expect(h.logs(id)).toBe('starting on 8080\nready\nstill here\nstill here\nstill here\n');
  });

  it('exits after a time with its code, and refuses to start without required env', () => {
    const h = dockerHost();
    const job = app(h, 'job', { 'dockyard.app.exit': '5s:3' });
    const needy = app(h, 'needy', { 'dockyard.app.env': 'API_KEY' });
    h.engine.runFor(6_000);
    expect(h.runtime.get(job)!.state).toMatchObject({ status: 'exited', exitCode: 3 });
    expect(h.runtime.get(needy)!.state.exitCode).toBe(1);
    expect(h.logs(needy)).toBe('Error: missing required environment variable API_KEY\n');
  });

  it('crashes when a dependency does not answer, and starts once it does', () => {
    const h = dockerHost();
    h.docker.createNetwork('net');
    const env = ['DATABASE_URL=postgres://app:pw@db:5432/app'];
    const early = app(h, 'early', { 'dockyard.app.depends': 'DATABASE_URL' }, { env, networkMode: 'net' });
    h.engine.runFor(100);
    expect(h.logs(early)).toBe('Error: cannot reach DATABASE_URL (db:5432): getaddrinfo ENOTFOUND db\n');
    h.run({ name: 'db', image: 'postgres:16-alpine', env: ['POSTGRES_PASSWORD=pw'], networkMode: 'net' });
    const refused = app(h, 'refused', { 'dockyard.app.depends': 'DATABASE_URL' }, { env, networkMode: 'net' });
    h.engine.runFor(100);
    expect(h.logs(refused)).toBe('Error: cannot reach DATABASE_URL (db:5432): connect ECONNREFUSED 172.18.0.2:5432\n');
    h.engine.runFor(5_000);
    const late = app(h, 'late', { 'dockyard.app.depends': 'DATABASE_URL', 'dockyard.app.log': 'connected' }, { env, networkMode: 'net' });
    h.engine.runFor(100);
    expect(h.runtime.get(late)!.state.status).toBe('running');
    expect(h.logs(late)).toBe('connected\n');
  });

  it('exits on SIGTERM when it says so, and is killed after the grace period when it has no handler', () => {
    const h = dockerHost();
    const polite = app(h, 'polite', { 'dockyard.app.sigterm': 'exit:0' });
    const deaf = app(h, 'deaf', { 'dockyard.app.port': '8080' });
    h.docker.stop(polite);
    h.docker.stop(deaf);
    h.engine.runFor(10_000);
    expect(h.runtime.get(polite)!.state.exitCode).toBe(0);
    expect(h.runtime.get(deaf)!.state.exitCode).toBe(137);
  });

  it('names a malformed label', () => {
    const h = dockerHost();
    const bad = app(h, 'bad', { 'dockyard.app.startup': 'soon' });
    h.engine.runFor(10);
    expect(h.logs(bad)).toBe('dockyard: label dockyard.app.startup: invalid duration "soon"\n');
  });
});
