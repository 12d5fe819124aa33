// What a service's configuration becomes on the Docker host: deploy.resources.limits as the
// container's cgroup limits, restart policies the daemon applies, env_file and environment,
// bind mounts from the project directory, file secrets read-only under /run/secrets, published
// ports that answer on localhost.
import { describe, expect, it } from 'vitest';
import { composeSandbox } from './support/compose-sandbox.ts';

const FILE = `services:
  web:
    image: nginx:1.25
    ports:
      - "8081:80"
    volumes:
      - ./site:/usr/share/nginx/html:ro
    deploy:
      resources:
        limits:
          cpus: "0.5"
          memory: 256M
          pids: 100
  worker:
    image: busybox
    command: ["sh", "-c", "echo run; sleep 1; exit 1"]
    restart: on-failure:2
    env_file: worker.env
    environment:
      LEVEL: debug
    secrets:
      - token
secrets:
  token:
    file: ./token.txt
`;

describe('compose service configuration on the Docker host', () => {
  it('applies limits, restart policy, env files, binds, secrets and ports', () => {
    const { dir, dockyard } = composeSandbox('conf', {
      'compose.yaml': FILE,
      'site/index.html': '<h1>from the project</h1>\n',
      'worker.env': 'QUEUE=jobs\n# a comment\nLEVEL=info\n',
      'token.txt': 's3cret\n',
    });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);

    const cgroup = (file: string) => dockyard('docker', 'compose', 'exec', '-T', 'web', 'cat', `/sys/fs/cgroup/${file}`).stdout;
    expect(cgroup('memory.max')).toBe('268435456\n');
    expect(cgroup('cpu.max')).toBe('50000 100000\n');
    expect(cgroup('pids.max')).toBe('100\n');
    expect(dockyard('curl', 'http://localhost:8081/').stdout).toBe('<h1>from the project</h1>\n');
    expect(dockyard('docker', 'inspect', 'conf-web-1', '--format', '{{json .Mounts}}').stdout).toBe(
      `[{"Type":"bind","Source":"${dir}/site","Destination":"/usr/share/nginx/html","Mode":"ro","RW":false,"Propagation":"rprivate"}]\n`,
    );

    // Two restarts after failures, then the policy gives up.
    dockyard('advance', '30s');
    expect(dockyard('docker', 'inspect', 'conf-worker-1', '--format', '{{.RestartCount}} {{.State.Status}} {{json .HostConfig.RestartPolicy}}').stdout).toBe(
      '2 exited {"Name":"on-failure","MaximumRetryCount":2}\n',
    );
    expect(dockyard('docker', 'compose', 'logs', '--no-log-prefix', 'worker').stdout).toBe('run\nrun\nrun\n');
    const env = dockyard('docker', 'inspect', 'conf-worker-1', '--format', '{{json .Config.Env}}').stdout;
    // environment wins over env_file.
    expect(JSON.parse(env)).toEqual(expect.arrayContaining(['LEVEL=debug', 'QUEUE=jobs']));
    expect(JSON.parse(env)).not.toContain('LEVEL=info');
    expect(dockyard('docker', 'inspect', 'conf-worker-1', '--format', '{{json .Mounts}}').stdout).toBe(
      `[{"Type":"bind","Source":"${dir}/token.txt","Destination":"/run/secrets/token","Mode":"ro","RW":false,"Propagation":"rprivate"}]\n`,
    );
  }, 60_000);
});
