// `docker compose stop|start|restart`: the project's existing containers moved through their lives
// in dependency order. stop takes dependents first; start takes dependencies first and waits for
// their depends_on conditions (`Waiting` then `Healthy`, as compose's progress says); restart
// restarts the named service's container in place (same container, a new start).
import { describe, expect, it } from 'vitest';
import { composeSandbox } from './support/compose-sandbox.ts';

const FILE = `services:
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_PASSWORD: example
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
      interval: 5s
      timeout: 3s
      retries: 5
  web:
    image: nginx:1.25
    depends_on:
      db:
        condition: service_healthy
`;

describe('docker compose stop, start and restart', () => {
  it('stops dependents first, starts dependencies first waiting for health, restarts in place', () => {
    const { dockyard } = composeSandbox('life', { 'compose.yaml': FILE });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    dockyard('advance', '10s');
    const states = () => dockyard('docker', 'compose', 'ps', '-a', '--format', '{{.Name}} {{.State}}').stdout;
    expect(states()).toBe('life-db-1 running\nlife-web-1 running\n');
    const ids = dockyard('docker', 'compose', 'ps', '-q').stdout;

    const stop = dockyard('docker', 'compose', 'stop');
    expect(stop.status).toBe(0);
    expect(stop.stderr).toBe(' Container life-web-1  Stopping\n Container life-web-1  Stopped\n Container life-db-1  Stopping\n Container life-db-1  Stopped\n');
    expect(states()).toBe('life-db-1 exited\nlife-web-1 exited\n');

    const start = dockyard('docker', 'compose', 'start');
    expect(start.status).toBe(0);
    expect(start.stderr).toBe(
      ' Container life-db-1  Starting\n Container life-db-1  Started\n Container life-db-1  Waiting\n Container life-db-1  Healthy\n Container life-web-1  Starting\n Container life-web-1  Started\n',
    );
    // The same containers, started again (no new ones), db healthy on its first probe 5 s in.
    expect(dockyard('docker', 'compose', 'ps', '-q').stdout).toBe(ids);
    expect(dockyard('docker', 'compose', 'ps', '--format', '{{.Name}}: {{.Status}}').stdout).toBe('life-db-1: Up 5 seconds (healthy)\nlife-web-1: Up Less than a second\n');

    dockyard('advance', '3s');
    const startedAt = () => dockyard('docker', 'inspect', 'life-web-1', '--format', '{{.State.StartedAt}}').stdout;
    const before = startedAt();
    const restart = dockyard('docker', 'compose', 'restart', 'web');
    expect(restart.status).toBe(0);
    expect(restart.stderr).toBe(' Container life-web-1  Restarting\n Container life-web-1  Started\n');
    expect(startedAt()).not.toBe(before);
    expect(dockyard('docker', 'compose', 'ps', '-q').stdout).toBe(ids);
    // nginx's STOPSIGNAL is SIGQUIT: its graceful shutdown is in its error log (the container's stderr, which compose logs prints on stderr).
    expect(dockyard('docker', 'compose', 'logs', '--no-log-prefix', 'web').stderr).toContain('signal 3 (SIGQUIT) received, shutting down');

    expect(dockyard('docker', 'compose', 'stop', 'nope')).toMatchObject({ status: 1, stderr: 'no such service: nope\n' });
  }, 90_000);
});
