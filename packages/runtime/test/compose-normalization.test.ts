// Short and long syntaxes normalized to the typed model `up` walks, with compose's defaults.

import { describe, expect, it } from 'vitest';
import { composeContainerLabels, composeContainerName, HEALTHCHECK_DEFAULTS } from '../src/index.ts';
import { loadYaml } from './support/compose.ts';

const service = (body: string, options: Parameters<typeof loadYaml>[1] = {}) =>
  loadYaml(`services:\n  web:\n    image: nginx\n${body.replace(/^/gm, '    ')}\n`, options).project.services.web!;

describe('compose normalization', () => {
  it('reads ports in short syntax, with IPs, protocols and ranges, and long syntax', () => {
    const ports = service(
      'ports:\n  - "3000:3000"\n  - "127.0.0.1:8080:80/udp"\n  - 9090\n  - "8000-8001:8000-8001"\n  - "[::1]:5353:53/udp"\n  - "9000-9005:80"\n  - target: 443\n    published: 8443\n    host_ip: 0.0.0.0\n    mode: host',
    ).ports;
    expect(ports).toEqual([
      { target: 3000, published: '3000', protocol: 'tcp', mode: 'ingress' },
      { target: 80, published: '8080', hostIp: '127.0.0.1', protocol: 'udp', mode: 'ingress' },
      { target: 9090, protocol: 'tcp', mode: 'ingress' },
      { target: 8000, published: '8000', protocol: 'tcp', mode: 'ingress' },
      { target: 8001, published: '8001', protocol: 'tcp', mode: 'ingress' },
      { target: 53, published: '5353', hostIp: '::1', protocol: 'udp', mode: 'ingress' },
      { target: 80, published: '9000-9005', protocol: 'tcp', mode: 'ingress' },
      { target: 443, published: '8443', hostIp: '0.0.0.0', protocol: 'tcp', mode: 'host' },
    ]);
  });

  it('reads volumes: binds resolved against the project directory, named, anonymous and long syntax', () => {
    const { project } = loadYaml(
      'services:\n  web:\n    image: nginx\n    volumes:\n      - ./src:/app/src:ro\n      - postgres_data:/var/lib/postgresql/data\n      - /project/node_modules\n      - ~/cache:/cache\n      - type: bind\n        source: ./conf\n        target: /etc/nginx\n      - type: tmpfs\n        target: /tmp\n        tmpfs:\n          size: 1000\nvolumes:\n  postgres_data:\n',
      { env: { HOME: '/home/me' } },
    );
    const base = { readOnly: false, createHostPath: false, noCopy: false, subpath: undefined, tmpfsSizeBytes: undefined };
    expect(project.services.web!.volumes).toEqual([
      { ...base, type: 'bind', source: '/work/app/src', target: '/app/src', readOnly: true, createHostPath: true },
      { ...base, type: 'volume', source: 'postgres_data', target: '/var/lib/postgresql/data' },
      { ...base, type: 'volume', source: undefined, target: '/project/node_modules' },
      { ...base, type: 'bind', source: '/home/me/cache', target: '/cache', createHostPath: true },
      { ...base, type: 'bind', source: '/work/app/conf', target: '/etc/nginx' },
      { ...base, type: 'tmpfs', source: undefined, target: '/tmp', tmpfsSizeBytes: 1000 },
    ]);
    expect(project.volumes.postgres_data).toMatchObject({ name: 'app_postgres_data', external: false });
  });

  it('reads environment as a list or a map, a bare name taking the caller environment', () => {
    expect(service('environment:\n  - A=1\n  - B=x=y\n  - FROM_SHELL\n  - NOWHERE', { env: { FROM_SHELL: 'hi' } }).environment).toEqual({
      A: '1',
      B: 'x=y',
      FROM_SHELL: 'hi',
      NOWHERE: null,
    });
    expect(service('environment:\n  PORT: 3000\n  DEBUG: true\n  EMPTY: ""\n  UNSET:').environment).toEqual({
      PORT: '3000',
      DEBUG: 'true',
      EMPTY: '',
      UNSET: null,
    });
  });

  it('splits command and entrypoint strings into words as compose does', () => {
    expect(service('command: npm run dev').command).toEqual(['npm', 'run', 'dev']);
    expect(service(`command: sh -c 'echo "hello world" && sleep 1'`).command).toEqual(['sh', '-c', 'echo "hello world" && sleep 1']);
    expect(service('command: echo a\\ b "c d"').command).toEqual(['echo', 'a b', 'c d']);
    // go-shellwords stops at an unquoted operator.
    expect(service('command: echo one && echo two').command).toEqual(['echo', 'one']);
    expect(service('entrypoint: ["/bin/sh", "-c"]').entrypoint).toEqual(['/bin/sh', '-c']);
    expect(service('command: []').command).toEqual([]);
    expect(service('restart: always').command).toBeUndefined();
  });

  it('fills healthcheck defaults: 30s interval and timeout, 3 retries, 0s start period, 5s start interval', () => {
    expect(HEALTHCHECK_DEFAULTS).toEqual({ intervalMs: 30_000, timeoutMs: 30_000, retries: 3, startPeriodMs: 0, startIntervalMs: 5_000 });
    expect(service('healthcheck:\n  test: curl -f http://localhost').healthcheck).toEqual({
      test: ['CMD-SHELL', 'curl -f http://localhost'],
      intervalMs: 30_000,
      timeoutMs: 30_000,
      retries: 3,
      startPeriodMs: 0,
      startIntervalMs: 5_000,
      disabled: false,
    });
  });

  it('parses healthcheck durations the Go way, and NONE or disable: true turn it off', () => {
    expect(
      service('healthcheck:\n  test: ["CMD", "pg_isready"]\n  interval: 1m30s\n  timeout: 500ms\n  retries: 5\n  start_period: 1.5s\n  start_interval: 2s').healthcheck,
    ).toEqual({ test: ['CMD', 'pg_isready'], intervalMs: 90_000, timeoutMs: 500, retries: 5, startPeriodMs: 1500, startIntervalMs: 2000, disabled: false });
    expect(service('healthcheck:\n  disable: true').healthcheck).toMatchObject({ test: ['NONE'], disabled: true });
    expect(service('healthcheck:\n  test: ["NONE"]').healthcheck).toMatchObject({ disabled: true });
    expect(service('restart: "no"').healthcheck).toBeUndefined();
  });

  it('reads restart, replicas and resource limits with compose byte units', () => {
    const web = service(
      'restart: on-failure:3\ndeploy:\n  replicas: 2\n  resources:\n    limits:\n      cpus: "0.5"\n      memory: 1.5G\n      pids: 100\n    reservations:\n      memory: 512m',
    );
    expect(web.restart).toEqual({ name: 'on-failure', maxRetries: 3 });
    expect(web.replicas).toBe(2);
    expect(web.limits).toEqual({ cpus: 0.5, memoryBytes: 1610612736, pids: 100 });
    expect(web.reservations.memoryBytes).toBe(512 * 1024 * 1024);
    expect(service('scale: 3').replicas).toBe(3);
    expect(service('restart: always').restart).toEqual({ name: 'always', maxRetries: 0 });
    expect(service('tty: true').restart).toEqual({ name: 'no', maxRetries: 0 });
  });

  it('reads build as a string or an object, the context resolved and args as a list or map', () => {
    const { project } = loadYaml(
      'services:\n  a:\n    build: ./api\n  b:\n    build:\n      context: ../web\n      dockerfile: Dockerfile.dev\n      target: development\n      args:\n        - NODE_VERSION=20\n        - FROM_SHELL\n',
      { env: { FROM_SHELL: 'yes' } },
    );
    expect(project.services.a!.build).toMatchObject({ context: '/work/app/api', dockerfile: 'Dockerfile', args: {} });
    expect(project.services.a!.image).toBe('app-a');
    expect(project.services.b!.build).toMatchObject({
      context: '/work/web',
      dockerfile: 'Dockerfile.dev',
      target: 'development',
      args: { NODE_VERSION: '20', FROM_SHELL: 'yes' },
    });
  });

  it('puts services on <project>_default unless they name networks, with aliases', () => {
    const { project } = loadYaml(
      'services:\n  web:\n    image: nginx\n  api:\n    image: api\n    networks:\n      back:\n        aliases: [backend]\n      front:\n  db:\n    image: db\n    network_mode: host\nnetworks:\n  back:\n  front:\n    name: shared-front\n  outside:\n    external: true\n',
    );
    expect(project.services.web!.networks.map((n) => n.network)).toEqual(['default']);
    expect(project.services.api!.networks).toEqual([
      { network: 'back', aliases: ['backend'], ipv4Address: undefined, ipv6Address: undefined, priority: 0 },
      { network: 'front', aliases: [], ipv4Address: undefined, ipv6Address: undefined, priority: 0 },
    ]);
    expect(project.services.db!.networks).toEqual([]);
    expect(project.services.db!.networkMode).toBe('host');
    expect(Object.values(project.networks).map((n) => [n.key, n.name, n.external])).toEqual([
      ['back', 'app_back', false],
      ['default', 'app_default', false],
      ['front', 'shared-front', false],
      ['outside', 'outside', true],
    ]);
  });

  it('names volumes and secrets <project>_<key>, unless they set name: or are external', () => {
    const { project } = loadYaml(
      'services:\n  db:\n    image: postgres\n    volumes: [data:/a, logs:/b, shared:/c]\n    secrets: [pw]\nvolumes:\n  data:\n  logs:\n    name: my-logs\n  shared:\n    external: true\nsecrets:\n  pw:\n    file: ./pw.txt\n',
    );
    expect(Object.values(project.volumes).map((v) => [v.key, v.name, v.external])).toEqual([
      ['data', 'app_data', false],
      ['logs', 'my-logs', false],
      ['shared', 'shared', true],
    ]);
    expect(project.secrets.pw).toEqual({ key: 'pw', name: 'app_pw', file: '/work/app/pw.txt', environment: undefined, content: undefined, external: false });
  });

  it('names containers <project>-<service>-<n> and labels them as compose does', () => {
    const { project } = labelledProject();
    const web = project.services.web!;
    expect(composeContainerName(project, web, 2)).toBe('app-web-2');
    expect(composeContainerLabels(project, web, 2)).toEqual({
      tier: 'front',
      'com.docker.compose.project': 'app',
      'com.docker.compose.service': 'web',
      'com.docker.compose.container-number': '2',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.project.config_files': '/work/app/compose.yaml',
      'com.docker.compose.project.working_dir': '/work/app',
      'com.docker.compose.depends_on': 'db:service_healthy:false',
      'com.docker.compose.version': '2.29.1',
    });
    expect(composeContainerName(project, project.services.db!, 1)).toBe('postgres');
  });
});

function labelledProject() {
  return loadYaml(
    'services:\n  web:\n    image: nginx\n    labels: [tier=front]\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres\n    container_name: postgres\n',
  );
}
