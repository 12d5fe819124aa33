// The official images' own behaviour: postgres refuses to start without a password and keeps its
// data in a volume; redis answers redis-cli; node runs a script or says it cannot find it.
import { describe, expect, it } from 'vitest';
import { dockerHost } from './fixtures/docker-host.ts';

describe('official images', () => {
  it('postgres refuses to initialise without POSTGRES_PASSWORD', () => {
    const h = dockerHost();
    const id = h.run({ name: 'db', image: 'postgres:16-alpine' });
    h.engine.runFor(100);
    expect(h.runtime.get(id)!.state).toMatchObject({ status: 'exited', exitCode: 1 });
    expect(h.logs(id)).toMatch(/^Error: Database is uninitialized and superuser password is not specified\.\n {7}You must specify POSTGRES_PASSWORD to a non-empty value for the\n/);
  });

  it('postgres initialises once, answers pg_isready, and skips initdb with data in its volume', () => {
    const h = dockerHost();
    h.run({ name: 'db', image: 'postgres:16-alpine', env: ['POSTGRES_PASSWORD=secret'], mounts: [{ type: 'volume', source: 'pgdata', target: '/var/lib/postgresql/data', readOnly: false }] });
    expect(h.exec('db', ['pg_isready'])).toEqual({ code: 2, out: '/var/run/postgresql:5432 - no response\n' });
    h.engine.runFor(5_000);
    expect(h.logs('db')).toContain('PostgreSQL init process complete; ready for start up.');
    expect(h.logs('db')).toMatch(/LOG: {2}database system is ready to accept connections\n$/);
    expect(h.exec('db', ['pg_isready'])).toEqual({ code: 0, out: '/var/run/postgresql:5432 - accepting connections\n' });
    h.docker.stop('db');
    h.engine.runFor(1_000);
    h.docker.remove('db');
    const again = h.run({ name: 'db2', image: 'postgres:16-alpine', env: ['POSTGRES_PASSWORD=secret'], mounts: [{ type: 'volume', source: 'pgdata', target: '/var/lib/postgresql/data', readOnly: false }] });
    h.engine.runFor(1_000);
    expect(h.logs(again)).toMatch(/^\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n/);
  });

  it('redis starts with its banner and answers redis-cli', () => {
    const h = dockerHost();
    h.run({ name: 'cache', image: 'redis:7-alpine' });
    h.engine.runFor(1_000);
    expect(h.logs('cache')).toMatch(/^1:C 01 Jan 2025 00:00:00\.000 \* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n/);
    expect(h.logs('cache')).toContain('* Ready to accept connections tcp\n');
    expect(h.exec('cache', ['redis-cli', 'ping']).out).toBe('PONG\n');
    expect(h.exec('cache', ['redis-cli', 'set', 'k', 'v']).out).toBe('OK\n');
    expect(h.exec('cache', ['redis-cli', 'get', 'k']).out).toBe('v\n');
  });

  it('node says it cannot find a missing script, and serves one it can read', () => {
    const h = dockerHost();
    const missing = h.run({ name: 'nomod', image: 'node:20-alpine', cmd: ['node', 'server.js'], workingDir: '/app' });
    h.engine.runFor(100);
    expect(h.runtime.get(missing)!.state.exitCode).toBe(1);
    expect(h.logs(missing)).toContain("Error: Cannot find module '/app/server.js'");
    const { id } = h.docker.create({ name: 'api', image: 'node:20-alpine', cmd: ['node', 'server.js'], workingDir: '/app' });
    h.runtime.fs(id)!.mkdir('/app', { recursive: true });
    h.runtime.fs(id)!.writeFile('/app/server.js', "const port = process.env.PORT || 3000;\napp.get('/', (req, res) => res.send('Hello from Docker'));\napp.listen(port, () => console.log(`Server running on port ${port}`));\n");
    h.docker.start(id);
    h.engine.runFor(100);
    expect(h.logs(id)).toBe('Server running on port 3000\n');
    h.run({ name: 'client', image: 'busybox', cmd: ['sleep', '60'] });
    const ip = h.runtime.netns(id)!.interfaces.find((i) => i.name === 'eth0')!.ip;
    expect(h.exec('client', ['wget', '-qO-', `http://${ip}:3000/`]).out).toBe('Hello from Docker\n');
  });

  it('vish/stress allocates in steps and logs like glog', () => {
    const h = dockerHost();
    const id = h.run({ name: 'vish', image: 'vish/stress', cmd: ['-mem-total', '150Mi', '-mem-alloc-size', '10Mi', '-mem-alloc-sleep', '1s'] });
    h.engine.runFor(5_500);
    expect(h.docker.stats(id).memory).toBe(2 * 1024 * 1024 + 50 * 1024 * 1024 + 400 * 0);
    expect(h.logs(id)).toMatch(/^I0101 00:00:00\.000000 {7}1 main\.go:26\] Allocating "150Mi" memory, in "10Mi" chunks, with a 1s sleep between allocations\n$/);
  });
});
