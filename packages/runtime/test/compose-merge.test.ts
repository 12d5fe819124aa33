// Merging -f files (and the override file) by the Compose Specification's merge rules
// (reference §11).

import { describe, expect, it } from 'vitest';
import { loadFrom } from './support/compose.ts';

const BASE = `
services:
  web:
    image: nginx:1.25
    command: ["nginx", "-g", "daemon off;"]
    entrypoint: /docker-entrypoint.sh
    environment:
      - A=base
      - B=base
    labels:
      tier: web
    ports:
      - "8080:80"
      - "8443:443"
    volumes:
      - ./html:/usr/share/nginx/html
      - logs:/var/log/nginx
    expose: ["80"]
    dns: [8.8.8.8]
    cap_add: [NET_ADMIN]
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost"]
      interval: 10s
    secrets: [token]
    deploy:
      resources:
        limits:
          memory: 256M
volumes:
  logs:
secrets:
  token:
    file: ./token.txt
`;

function merged(override: string) {
  const { project } = loadFrom(
    { '/work/app/compose.yaml': BASE, '/work/app/compose.override.yaml': override },
    {},
  );
  return project.services.web!;
}

describe('compose file merging', () => {
  it('merges mappings key by key, the later file winning', () => {
    const web = merged('services:\n  web:\n    environment:\n      B: override\n      C: new\n    labels:\n      - version=2\n');
    expect(web.environment).toEqual({ A: 'base', B: 'override', C: 'new' });
    expect(web.labels).toEqual({ tier: 'web', version: '2' });
    expect(web.image).toBe('nginx:1.25');
    expect(web.limits.memoryBytes).toBe(256 * 1024 * 1024);
  });

  it('replaces command, entrypoint and healthcheck.test instead of appending', () => {
    const web = merged(
      'services:\n  web:\n    command: nginx-debug\n    entrypoint: ["/bin/sh", "-c"]\n    healthcheck:\n      test: wget -q -O- localhost\n',
    );
    expect(web.command).toEqual(['nginx-debug']);
    expect(web.entrypoint).toEqual(['/bin/sh', '-c']);
    expect(web.healthcheck!.test).toEqual(['CMD-SHELL', 'wget -q -O- localhost']);
    expect(web.healthcheck!.intervalMs).toBe(10_000);
  });

  it('merges ports by {ip, target, published, protocol} and appends new ones', () => {
    const web = merged('services:\n  web:\n    ports:\n      - "8080:80"\n      - target: 443\n        published: 8443\n      - "9000:9000/udp"\n');
    expect(web.ports.map((p) => `${p.published}:${p.target}/${p.protocol}`)).toEqual(['8080:80/tcp', '8443:443/tcp', '9000:9000/udp']);
  });

  it('merges volumes, secrets and plain-value lists by their unique key', () => {
    const web = merged(
      'services:\n  web:\n    volumes:\n      - ./site:/usr/share/nginx/html:ro\n      - /tmp:/tmp\n    secrets:\n      - source: token\n        mode: 0400\n    expose: ["80", "8080"]\n    dns: [1.1.1.1, 8.8.8.8]\n    cap_add: [NET_ADMIN]\n',
    );
    expect(web.volumes.map((v) => [v.source, v.target, v.readOnly])).toEqual([
      ['/work/app/site', '/usr/share/nginx/html', true],
      ['logs', '/var/log/nginx', false],
      ['/tmp', '/tmp', false],
    ]);
    expect(web.secrets).toEqual([{ source: 'token', target: '/run/secrets/token', mode: 0o400, uid: undefined, gid: undefined }]);
    expect(web.expose).toEqual(['80', '8080']);
    expect(web.model.dns).toEqual(['8.8.8.8', '1.1.1.1']);
    expect(web.model.cap_add).toEqual(['NET_ADMIN']);
  });

  it('appends other sequences', () => {
    const web = merged('services:\n  web:\n    dns_opt: [use-vc]\n    security_opt: [a]\n');
    expect(web.model.dns_opt).toEqual(['use-vc']);
    const twice = loadFrom({
      '/work/app/compose.yaml': 'services:\n  web:\n    image: nginx\n    security_opt: [a]\n',
      '/work/app/compose.override.yaml': 'services:\n  web:\n    security_opt: [b]\n',
    }).project.services.web!;
    expect(twice.model.security_opt).toEqual(['a', 'b']);
  });

  it('turns a string build into an object before merging, so the override can add a target', () => {
    const { project } = loadFrom({
      '/work/app/compose.yaml': 'services:\n  app:\n    build: ./app\n',
      '/work/app/compose.override.yaml': 'services:\n  app:\n    build:\n      target: development\n      args: [MODE=dev]\n',
    });
    expect(project.services.app!.build).toMatchObject({ context: '/work/app/app', dockerfile: 'Dockerfile', target: 'development', args: { MODE: 'dev' } });
  });

  it('!reset drops what earlier files said', () => {
    const web = merged('services:\n  web:\n    ports: !reset []\n    environment:\n      A: !reset\n    healthcheck: !reset {}\n');
    expect(web.ports).toEqual([]);
    expect(web.environment).toEqual({ B: 'base' });
    expect(web.healthcheck).toBeUndefined();
  });

  it('!override replaces a value without merging', () => {
    const web = merged('services:\n  web:\n    ports: !override\n      - "9090:80"\n    environment: !override\n      ONLY: this\n');
    expect(web.ports.map((p) => `${p.published}:${p.target}`)).toEqual(['9090:80']);
    expect(web.environment).toEqual({ ONLY: 'this' });
  });

  it('merges -f files in the order given', () => {
    const files = {
      '/work/app/a.yml': 'services:\n  web:\n    image: a\n',
      '/work/app/b.yml': 'services:\n  web:\n    image: b\n',
    };
    expect(loadFrom(files, { files: ['a.yml', 'b.yml'] }).project.services.web!.image).toBe('b');
    expect(loadFrom(files, { files: ['b.yml', 'a.yml'] }).project.services.web!.image).toBe('a');
  });
});
