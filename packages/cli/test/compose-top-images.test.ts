// `docker compose top` and `docker compose images`: what the project's containers run and from
// which images. top prints each container's name, then docker top's table of its processes, a
// blank line between containers; images prints compose's CONTAINER REPOSITORY TAG IMAGE ID SIZE
// table, -q the image ids, and both take service names.
import { describe, expect, it } from 'vitest';
import { composeSandbox } from './support/compose-sandbox.ts';

const FILE = `services:
  web:
    image: nginx:1.25
  cache:
    image: redis:7-alpine
`;

describe('docker compose top and images', () => {
  it("lists each container's processes and the images the containers run", () => {
    const { dockyard } = composeSandbox('peek', { 'compose.yaml': FILE });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    dockyard('advance', '2s');

    const top = dockyard('docker', 'compose', 'top');
    expect(top.status).toBe(0);
    const lines = top.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'peek-cache-1',
      'UID    PID    PPID   C   STIME   TTY   TIME       CMD',
      expect.stringMatching(/^root {3}\d+ {3}1 {6}0 {3}00:00 {3}\? {5}00:00:00 {3}redis-server \*:6379$/),
      '',
      'peek-web-1',
    ]);
    // nginx: the master process and one worker per CPU (the Docker host has 4), children of the master.
    const master = lines[6]!.match(/^root {3}(\d+) .* nginx: master process nginx -g daemon off;$/);
    expect(master).not.toBeNull();
    const workers = lines.slice(7).filter((l) => l.includes('nginx: worker process'));
    expect(workers).toHaveLength(4);
    for (const worker of workers) expect(worker.split(/\s+/)[2]).toBe(master![1]);
    expect(dockyard('docker', 'compose', 'top', 'cache').stdout.split('\n')[0]).toBe('peek-cache-1');

    expect(dockyard('docker', 'compose', 'images').stdout).toBe(
      'CONTAINER      REPOSITORY   TAG        IMAGE ID       SIZE\n' +
        'peek-cache-1   redis        7-alpine   cd3deb2f42fd   41.3MB\n' +
        'peek-web-1     nginx        1.25       58d1eb16f491   188MB\n',
    );
    expect(dockyard('docker', 'compose', 'images', 'web').stdout).toBe('CONTAINER    REPOSITORY   TAG       IMAGE ID       SIZE\npeek-web-1   nginx        1.25      58d1eb16f491   188MB\n');
    expect(dockyard('docker', 'compose', 'images', '-q').stdout).toBe(
      'sha256:cd3deb2f42fdd8cd739062194acb535863bec18b70534911a1194c57462e4efc\nsha256:58d1eb16f491d530f2880566711ed9ceeb2eb6a510f7e959914590ab7363c6d7\n',
    );
  }, 60_000);
});
