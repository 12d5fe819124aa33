// `docker compose up --wait`: detached, and returns only once every container is running and
// healthy (compose's `Waiting` / `Healthy` lines for each); an unhealthy container fails it with
// compose's message and exit 1, and --wait-timeout gives up with `application not healthy after`.
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
`;

const SICK = `services:
  web:
    image: nginx:1.25
    healthcheck:
      test: ["CMD", "false"]
      interval: 2s
      retries: 2
`;

/** The progress lines about containers (the pull lines before them vary with the layers). */
const containerLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith(' Container ') || l.startsWith(' Network ') || (l !== '' && !l.startsWith(' ')));

describe('docker compose up --wait', () => {
  it('returns once every container is running and healthy', () => {
    const { dockyard, now } = composeSandbox('steady', { 'compose.yaml': FILE });
    const up = dockyard('docker', 'compose', 'up', '--wait');
    expect(up.status).toBe(0);
    expect(up.stdout).toBe('');
    expect(containerLines(up.stderr).filter((l) => l.includes('Waiting') || l.includes('Healthy'))).toEqual([
      ' Container steady-db-1  Waiting',
      ' Container steady-web-1  Waiting',
      ' Container steady-web-1  Healthy',
      ' Container steady-db-1  Healthy',
    ]);
    expect(dockyard('docker', 'compose', 'ps', '--format', '{{.Name}}: {{.Status}}').stdout).toBe('steady-db-1: Up 5 seconds (healthy)\nsteady-web-1: Up 5 seconds\n');
    expect(now()).toBeGreaterThanOrEqual(5000);
  }, 60_000);

  it("fails on an unhealthy container with compose's message, or when --wait-timeout runs out", () => {
    const { dockyard } = composeSandbox('sick', { 'compose.yaml': SICK });
    const up = dockyard('docker', 'compose', 'up', '-d', '--wait');
    expect(up.status).toBe(1);
    expect(containerLines(up.stderr).slice(-3)).toEqual([' Container sick-web-1  Waiting', ' Container sick-web-1  Error', 'dependency failed to start: container sick-web-1 is unhealthy']);

    expect(dockyard('docker', 'compose', 'down').status).toBe(0);
    const timedOut = dockyard('docker', 'compose', 'up', '--wait', '--wait-timeout', '1');
    expect(timedOut.status).toBe(1);
    expect(containerLines(timedOut.stderr).slice(-2)).toEqual([' Container sick-web-1  Waiting', 'application not healthy after 1s']);
  }, 60_000);
});
