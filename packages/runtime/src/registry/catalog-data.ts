// The public registries' catalog: well-known repositories, their real tags, and what each image
// looks like (its configuration copied from the real image, its operating system, the programs
// it ships and its uncompressed size). A tag outside this list does not exist, as on Docker Hub.
//
// To add an image: add an entry (or a tag to an entry), then run
// `pnpm --filter @dockyard/runtime catalog:digests` to refresh catalog-digests.ts.
// Sizes are the images' uncompressed sizes (linux/amd64) as `docker images` shows them, rounded.

import type { ImageConfig } from '../image/image.ts';

export type OsFamily = 'alpine' | 'debian' | 'ubuntu' | 'busybox' | 'distroless' | 'scratch';

export interface CatalogImage {
  /** Repository names this image is published under (`nginx`, `registry.k8s.io/pause`). */
  repositories: string[];
  tags: string[];
  os: OsFamily;
  /** `3.19.1`, `12` (bookworm), `22.04`: goes into /etc/os-release. */
  osVersion: string;
  /** Uncompressed size in MB (10^6 bytes), as `docker images` prints it. */
  sizeMB: number;
  /** Number of layers the real image has. */
  layers: number;
  /** Creation time of the real image. */
  created: string;
  config: ImageConfig;
  /** Executables: path → program name (a marker file the container runtime resolves). */
  programs?: Record<string, string>;
  /** Users the image adds: name, uid, gid, home, shell. */
  users?: [string, number, number, string, string][];
  /** Small text files the image ships (entrypoint scripts, default pages). */
  files?: Record<string, string>;
  /** Symbolic links: path → target (nginx's logs go to /dev/stdout). */
  links?: Record<string, string>;
  /** What the image's build installed, for `docker history`. */
  summary: string;
}

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const port = (...ports: string[]) => Object.fromEntries(ports.map((p) => [p.includes('/') ? p : `${p}/tcp`, {}])) as Record<string, Record<string, never>>;
const volume = (...paths: string[]) => Object.fromEntries(paths.map((p) => [p, {}])) as Record<string, Record<string, never>>;

// The files nginx's image ships that its program serves and reads (the welcome page is 615 bytes).
const NGINX_FILES = {
  '/usr/share/nginx/html/index.html': "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n",
  '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
  '/etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n',
  // The entrypoint's configuration scripts (docker-library/nginx, mainline/debian): the entrypoint
  // runs each one, which is why nginx's own PIDs start past 1 in its log.
  '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh': '#!/bin/sh\n',
  '/docker-entrypoint.d/15-local-resolvers.envsh': '#!/bin/sh\n',
  '/docker-entrypoint.d/20-envsubst-on-templates.sh': '#!/bin/sh\n',
  '/docker-entrypoint.d/30-tune-worker-processes.sh': '#!/bin/sh\n',
  '/etc/nginx/conf.d/default.conf': "server {\n    listen       80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n\n    error_page   500 502 503 504  /50x.html;\n    location = /50x.html {\n        root   /usr/share/nginx/html;\n    }\n}\n",
};
// Entrypoint scripts are programs too: the container runtime simulates what they print and do.
const NGINX_PROGRAMS = { '/usr/sbin/nginx': 'nginx', '/usr/sbin/nginx-debug': 'nginx', '/docker-entrypoint.sh': 'nginx-entrypoint' };

function nginx(tags: string[], version: string, os: OsFamily, osVersion: string, sizeMB: number, created: string, njs = '0.8.4'): CatalogImage {
  const debianish = os !== 'alpine';
  return {
    repositories: ['nginx'],
    tags,
    os,
    osVersion,
    sizeMB,
    layers: debianish ? 7 : 8,
    created,
    summary: `install nginx ${version}`,
    config: {
      ExposedPorts: port('80'),
      Env: [PATH, `NGINX_VERSION=${version}`, `NJS_VERSION=${njs}`, `PKG_RELEASE=1${debianish ? `~${osVersion === '12' ? 'bookworm' : osVersion === '11' ? 'bullseye' : osVersion === '10' ? 'buster' : 'stretch'}` : ''}`],
      Entrypoint: ['/docker-entrypoint.sh'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
      StopSignal: 'SIGQUIT',
    },
    programs: debianish ? { ...NGINX_PROGRAMS, '/usr/bin/curl': 'curl' } : NGINX_PROGRAMS,
    users: [['nginx', 101, 101, '/nonexistent', '/bin/false']],
    files: NGINX_FILES,
    links: { '/var/log/nginx/access.log': '/dev/stdout', '/var/log/nginx/error.log': '/dev/stderr' },
  };
}

function node(tags: string[], version: string, os: OsFamily, osVersion: string, sizeMB: number, created: string): CatalogImage {
  return {
    repositories: ['node'],
    tags,
    os,
    osVersion,
    sizeMB,
    layers: os === 'alpine' ? 4 : os === 'debian' && sizeMB < 300 ? 5 : 8,
    created,
    summary: `install node ${version} and yarn`,
    config: {
      Env: [PATH, `NODE_VERSION=${version}`, 'YARN_VERSION=1.22.22'],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['node'],
    },
    programs: { '/usr/local/bin/node': 'node', '/usr/local/bin/npm': 'npm', '/usr/local/bin/npx': 'npx', '/usr/local/bin/yarn': 'yarn', '/usr/local/bin/docker-entrypoint.sh': 'node-entrypoint' },
    users: [['node', 1000, 1000, '/home/node', os === 'alpine' ? '/bin/sh' : '/bin/bash']],
  };
}

function python(tags: string[], version: string, os: OsFamily, osVersion: string, sizeMB: number, created: string): CatalogImage {
  return {
    repositories: ['python'],
    tags,
    os,
    osVersion,
    sizeMB,
    layers: os === 'alpine' ? 5 : 4,
    created,
    summary: `install python ${version}`,
    config: { Env: ['PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8', `PYTHON_VERSION=${version}`], Cmd: ['python3'] },
    programs: { '/usr/local/bin/python3': 'python', '/usr/local/bin/python': 'python', '/usr/local/bin/pip': 'pip', '/usr/local/bin/pip3': 'pip' },
  };
}

function postgres(tags: string[], version: string, os: OsFamily, osVersion: string, sizeMB: number, created: string): CatalogImage {
  const major = version.split('.')[0]!;
  return {
    repositories: ['postgres'],
    tags,
    os,
    osVersion,
    sizeMB,
    layers: os === 'alpine' ? 11 : 14,
    created,
    summary: `install postgresql ${version}`,
    config: {
      Env: [
        os === 'alpine' ? PATH : `PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/${major}/bin`,
        'GOSU_VERSION=1.17',
        'LANG=en_US.utf8',
        `PG_MAJOR=${major}`,
        `PG_VERSION=${version}`,
        'PGDATA=/var/lib/postgresql/data',
      ],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['postgres'],
      ExposedPorts: port('5432'),
      Volumes: volume('/var/lib/postgresql/data'),
      StopSignal: 'SIGINT',
    },
    programs: { '/usr/local/bin/postgres': 'postgres', '/usr/local/bin/psql': 'psql', '/usr/local/bin/pg_isready': 'pg_isready', '/usr/local/bin/docker-entrypoint.sh': 'postgres-entrypoint' },
    users: [['postgres', os === 'alpine' ? 70 : 999, os === 'alpine' ? 70 : 999, '/var/lib/postgresql', '/bin/sh']],
  };
}

function redis(tags: string[], version: string, os: OsFamily, osVersion: string, sizeMB: number, created: string): CatalogImage {
  return {
    repositories: ['redis'],
    tags,
    os,
    osVersion,
    sizeMB,
    layers: os === 'alpine' ? 8 : 8,
    created,
    summary: `install redis ${version}`,
    config: {
      Env: [PATH, `REDIS_VERSION=${version}`],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['redis-server'],
      ExposedPorts: port('6379'),
      Volumes: volume('/data'),
      WorkingDir: '/data',
    },
    programs: { '/usr/local/bin/redis-server': 'redis-server', '/usr/local/bin/redis-cli': 'redis-cli', '/usr/local/bin/docker-entrypoint.sh': 'redis-entrypoint' },
    users: [['redis', 999, 1000, '/home/redis', '/bin/sh']],
  };
}

function mysqlLike(repo: 'mysql' | 'mariadb', tags: string[], version: string, os: OsFamily, osVersion: string, sizeMB: number, created: string): CatalogImage {
  const daemon = repo === 'mysql' ? 'mysqld' : version.startsWith('10.') && Number(version.split('.')[1]) < 5 ? 'mysqld' : 'mariadbd';
  // MariaDB's images carry the package version (`1:11.4.4+maria~ubu2404`); builds before 2022 named
  // the Ubuntu release (`+maria~focal`).
  const mariadbPackage = `1:${version}+maria~${osVersion === '20.04' && created < '2022' ? 'focal' : `ubu${osVersion.replace('.', '')}`}`;
  return {
    repositories: [repo],
    tags,
    os,
    osVersion,
    sizeMB,
    layers: 11,
    created,
    summary: `install ${repo} ${version}`,
    config: {
      Env: [PATH, 'GOSU_VERSION=1.17', repo === 'mysql' ? `MYSQL_VERSION=${version}` : `MARIADB_VERSION=${mariadbPackage}`],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: [daemon],
      ExposedPorts: port(...(repo === 'mysql' ? ['3306', '33060'] : ['3306'])),
      Volumes: volume('/var/lib/mysql'),
    },
    programs: {
      [`/usr/sbin/${daemon}`]: repo === 'mysql' ? 'mysqld' : 'mariadbd',
      '/usr/bin/mysql': 'mysql',
      '/usr/local/bin/docker-entrypoint.sh': `${repo}-entrypoint`,
      ...(repo === 'mariadb' ? { '/usr/local/bin/healthcheck.sh': 'mariadb-healthcheck' } : {}),
    },
    users: [['mysql', 999, 999, '/var/lib/mysql', '/bin/bash']],
  };
}

const BUSYBOX_CONFIG: ImageConfig = { Env: [PATH], Cmd: ['sh'] };
const ALPINE_CONFIG: ImageConfig = { Env: [PATH], Cmd: ['/bin/sh'] };
const DEBIAN_CONFIG: ImageConfig = { Env: [PATH], Cmd: ['bash'] };

export const CATALOG: CatalogImage[] = [
  // Docker Hub official images.
  nginx(['1.25', '1.25.5', '1.25.5-bookworm', '1.25-bookworm'], '1.25.5', 'debian', '12', 188, '2024-05-29T19:24:45Z'),
  nginx(['1.25.3', '1.25.3-bookworm'], '1.25.3', 'debian', '12', 187, '2023-12-19T14:47:15Z', '0.8.2'),
  nginx(['1.25.4'], '1.25.4', 'debian', '12', 187, '2024-02-14T17:41:58Z', '0.8.3'),
  nginx(['latest', 'mainline', '1', '1.27', '1.27.3', 'bookworm'], '1.27.3', 'debian', '12', 192, '2024-11-26T18:42:08Z', '0.8.7'),
  nginx(['1.29', '1.29.1'], '1.29.1', 'debian', '12', 192, '2025-08-13T17:58:24Z', '0.9.1'),
  nginx(['stable', '1.26', '1.26.2'], '1.26.2', 'debian', '12', 188, '2024-10-02T17:55:35Z', '0.8.5'),
  nginx(['alpine', 'mainline-alpine', '1.27-alpine', '1.27.3-alpine', 'alpine3.20'], '1.27.3', 'alpine', '3.20.3', 47.9, '2024-11-26T18:42:08Z', '0.8.7'),
  nginx(['1.25-alpine', '1.25.5-alpine'], '1.25.5', 'alpine', '3.19.1', 48.3, '2024-05-29T19:24:45Z'),
  nginx(['1.21.6'], '1.21.6', 'debian', '11', 142, '2022-03-01T19:35:51Z', '0.7.2'),
  nginx(['1.16.1'], '1.16.1', 'debian', '10', 127, '2020-04-23T03:58:34Z', '0.3.8'),
  nginx(['1.15', '1.15.12'], '1.15.12', 'debian', '9', 109, '2019-05-08T03:01:19Z', '0.3.1'),
  nginx(['1.14.2'], '1.14.2', 'debian', '9', 109, '2019-03-26T23:14:52Z', '0.2.7'),
  nginx(['1.13-alpine', '1.13.12-alpine'], '1.13.12', 'alpine', '3.7.0', 18, '2018-04-30T15:23:01Z', '0.2.0'),
  nginx(['1.7.9'], '1.7.9', 'debian', '7', 91.6, '2015-01-27T21:26:13Z', '0'),

  node(['20-alpine', '20.18-alpine', '20.18.1-alpine', '20-alpine3.20', 'lts-alpine'], '20.18.1', 'alpine', '3.20.3', 133, '2024-12-03T18:10:27Z'),
  node(['20.11.1-alpine3.19', '20.11-alpine3.19'], '20.11.1', 'alpine', '3.19.1', 134, '2024-02-14T21:30:12Z'),
  node(['20', '20.18.1', '20-bookworm', 'lts', 'lts-bookworm', 'iron'], '20.18.1', 'debian', '12', 1100, '2024-12-03T18:10:27Z'),
  node(['20-slim', '20-bookworm-slim'], '20.18.1', 'debian', '12', 200, '2024-12-03T18:10:27Z'),
  node(['22', 'latest', '22.12.0', 'current'], '22.12.0', 'debian', '12', 1120, '2024-12-03T18:10:27Z'),
  node(['22-alpine', 'alpine', 'current-alpine'], '22.12.0', 'alpine', '3.21.0', 160, '2024-12-03T18:10:27Z'),
  node(['18-alpine', '18.20-alpine', 'hydrogen-alpine'], '18.20.5', 'alpine', '3.20.3', 127, '2024-11-12T18:10:27Z'),
  node(['18', '18.20.5', 'hydrogen'], '18.20.5', 'debian', '12', 1090, '2024-11-12T18:10:27Z'),
  node(['17.0.1-bullseye-slim'], '17.0.1', 'debian', '11', 197, '2021-10-21T10:18:15Z'),
  node(['14.17.3-alpine3.14'], '14.17.3', 'alpine', '3.14.0', 117, '2021-07-06T20:13:57Z'),

  python(['3.12-slim', '3.12.8-slim', '3-slim', 'slim'], '3.12.8', 'debian', '12', 124, '2024-12-04T00:31:46Z'),
  python(['3.12', '3.12.8', '3', 'latest'], '3.12.8', 'debian', '12', 1020, '2024-12-04T00:31:46Z'),
  python(['3.14-slim', '3.14.0-slim'], '3.14.0', 'debian', '13', 126, '2025-10-07T23:20:18Z'),
  python(['3.12-alpine', '3-alpine', 'alpine'], '3.12.8', 'alpine', '3.21.0', 58.8, '2024-12-04T00:31:46Z'),
  python(['3.10-alpine', '3.10.16-alpine'], '3.10.16', 'alpine', '3.21.0', 50.9, '2024-12-04T00:31:46Z'),
  python(['3.7-alpine', '3.7.17-alpine'], '3.7.17', 'alpine', '3.18.2', 49.6, '2023-06-15T22:58:25Z'),

  postgres(['16-alpine', '16.6-alpine', '16-alpine3.21'], '16.6', 'alpine', '3.21.0', 274, '2024-11-22T00:56:24Z'),
  postgres(['alpine', '17-alpine', '17.2-alpine'], '17.2', 'alpine', '3.21.0', 278, '2024-11-22T00:56:24Z'),
  postgres(['16', '16.6', '16-bookworm'], '16.6', 'debian', '12', 432, '2024-11-22T00:56:24Z'),
  postgres(['latest', '17', '17.2'], '17.2', 'debian', '12', 435, '2024-11-22T00:56:24Z'),

  redis(['7-alpine', '7.4-alpine', '7.4.1-alpine', 'alpine'], '7.4.1', 'alpine', '3.20.3', 41.3, '2024-10-03T02:20:13Z'),
  redis(['7', '7.4', '7.4.1', 'latest'], '7.4.1', 'debian', '12', 117, '2024-10-03T02:20:13Z'),
  redis(['7.2', '7.2.6'], '7.2.6', 'debian', '12', 117, '2024-10-03T02:20:13Z'),

  { repositories: ['busybox'], tags: ['latest', '1', '1.37', '1.37.0', 'stable'], os: 'busybox', osVersion: '1.37.0', sizeMB: 4.27, layers: 1, created: '2024-09-26T21:31:42Z', config: BUSYBOX_CONFIG, summary: 'busybox 1.37.0' },
  { repositories: ['busybox'], tags: ['1.36', '1.36.1'], os: 'busybox', osVersion: '1.36.1', sizeMB: 4.26, layers: 1, created: '2023-07-18T23:19:33Z', config: BUSYBOX_CONFIG, summary: 'busybox 1.36.1' },
  { repositories: ['busybox', 'registry.k8s.io/busybox', 'k8s.gcr.io/busybox'], tags: ['1.28', '1.28.4'], os: 'busybox', osVersion: '1.28.4', sizeMB: 1.15, layers: 1, created: '2018-05-22T23:19:38Z', config: BUSYBOX_CONFIG, summary: 'busybox 1.28.4' },
  { repositories: ['registry.k8s.io/busybox', 'k8s.gcr.io/busybox'], tags: ['latest', '1.27.2', '1.27'], os: 'busybox', osVersion: '1.27.2', sizeMB: 1.13, layers: 1, created: '2017-11-03T22:39:17Z', config: BUSYBOX_CONFIG, summary: 'busybox 1.27.2' },

  { repositories: ['alpine'], tags: ['latest', '3', '3.21', '3.21.0'], os: 'alpine', osVersion: '3.21.0', sizeMB: 7.83, layers: 1, created: '2024-12-05T12:49:04Z', config: ALPINE_CONFIG, summary: 'alpine-minirootfs-3.21.0' },
  { repositories: ['alpine'], tags: ['3.20', '3.20.3'], os: 'alpine', osVersion: '3.20.3', sizeMB: 7.8, layers: 1, created: '2024-09-06T22:20:07Z', config: ALPINE_CONFIG, summary: 'alpine-minirootfs-3.20.3' },
  { repositories: ['alpine'], tags: ['3.19', '3.19.1'], os: 'alpine', osVersion: '3.19.1', sizeMB: 7.38, layers: 1, created: '2024-01-27T00:30:48Z', config: ALPINE_CONFIG, summary: 'alpine-minirootfs-3.19.1' },
  { repositories: ['alpine'], tags: ['3.18', '3.18.9'], os: 'alpine', osVersion: '3.18.9', sizeMB: 7.35, layers: 1, created: '2024-09-06T22:20:07Z', config: ALPINE_CONFIG, summary: 'alpine-minirootfs-3.18.9' },

  { repositories: ['debian'], tags: ['bookworm', '12', 'latest', 'stable'], os: 'debian', osVersion: '12', sizeMB: 117, layers: 1, created: '2024-12-02T00:00:00Z', config: DEBIAN_CONFIG, summary: 'debian bookworm' },
  { repositories: ['debian'], tags: ['bookworm-slim', '12-slim', 'stable-slim'], os: 'debian', osVersion: '12', sizeMB: 74.8, layers: 1, created: '2024-12-02T00:00:00Z', config: DEBIAN_CONFIG, summary: 'debian bookworm-slim' },
  { repositories: ['debian'], tags: ['buster-slim', '10-slim'], os: 'debian', osVersion: '10', sizeMB: 69.3, layers: 1, created: '2024-06-13T00:00:00Z', config: DEBIAN_CONFIG, summary: 'debian buster-slim' },
  { repositories: ['ubuntu'], tags: ['latest', '24.04', 'noble'], os: 'ubuntu', osVersion: '24.04', sizeMB: 78.1, layers: 1, created: '2024-10-11T03:38:15Z', config: DEBIAN_CONFIG, summary: 'ubuntu noble' },
  { repositories: ['ubuntu'], tags: ['22.04', 'jammy'], os: 'ubuntu', osVersion: '22.04', sizeMB: 77.9, layers: 1, created: '2024-10-11T03:38:15Z', config: DEBIAN_CONFIG, summary: 'ubuntu jammy' },
  { repositories: ['registry.k8s.io/debian-base-amd64'], tags: ['0.3'], os: 'debian', osVersion: '9', sizeMB: 40.7, layers: 2, created: '2018-05-07T20:44:08Z', config: { Env: [PATH], Cmd: ['/bin/sh'] }, summary: 'debian-base 0.3', programs: { '/usr/local/bin/clean-install': 'clean-install' } },

  mysqlLike('mysql', ['8', '8.0', '8.0.40', 'latest'], '8.0.40', 'debian', '9', 573, '2024-10-15T22:11:54Z'),
  mysqlLike('mysql', ['8.0.27'], '8.0.27', 'debian', '10', 514, '2021-10-20T00:00:00Z'),
  mysqlLike('mysql', ['8.0.19'], '8.0.19', 'debian', '10', 465, '2020-01-14T00:00:00Z'),
  mysqlLike('mysql', ['5.7', '5.7.44'], '5.7.44', 'debian', '9', 501, '2023-10-25T00:00:00Z'),
  mysqlLike('mariadb', ['latest', '11', '11.4', 'lts'], '11.4.4', 'ubuntu', '24.04', 407, '2024-11-08T00:00:00Z'),
  mysqlLike('mariadb', ['10.9'], '10.9.8', 'ubuntu', '22.04', 403, '2023-08-14T00:00:00Z'),
  mysqlLike('mariadb', ['10.6.4-focal'], '10.6.4', 'ubuntu', '20.04', 409, '2021-08-10T00:00:00Z'),
  mysqlLike('mariadb', ['10-focal', '10.5'], '10.5.27', 'ubuntu', '20.04', 407, '2024-11-08T00:00:00Z'),

  {
    repositories: ['wordpress'], tags: ['latest', '6', '6.7', 'apache'], os: 'debian', osVersion: '12', sizeMB: 700, layers: 21, created: '2024-11-21T00:00:00Z', summary: 'install wordpress 6.7.1 on php 8.2 with apache',
    config: { Env: [PATH, 'PHP_VERSION=8.2.26'], Entrypoint: ['docker-entrypoint.sh'], Cmd: ['apache2-foreground'], ExposedPorts: port('80'), Volumes: volume('/var/www/html'), WorkingDir: '/var/www/html', StopSignal: 'SIGWINCH' },
    programs: { '/usr/local/bin/apache2-foreground': 'apache2' },
  },
  {
    repositories: ['wordpress'], tags: ['4.8-apache', '4.8.3-apache'], os: 'debian', osVersion: '9', sizeMB: 408, layers: 19, created: '2018-01-12T00:00:00Z', summary: 'install wordpress 4.8.3 on php 7.1 with apache',
    config: { Env: [PATH, 'PHP_VERSION=7.1.13'], Entrypoint: ['docker-entrypoint.sh'], Cmd: ['apache2-foreground'], ExposedPorts: port('80'), Volumes: volume('/var/www/html'), WorkingDir: '/var/www/html', StopSignal: 'SIGWINCH' },
    programs: { '/usr/local/bin/apache2-foreground': 'apache2' },
  },
  {
    repositories: ['golang'], tags: ['1.18-alpine', '1.18.10-alpine'], os: 'alpine', osVersion: '3.17.1', sizeMB: 330, layers: 5, created: '2023-02-14T00:00:00Z', summary: 'install go 1.18.10',
    config: { Env: ['PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'GOLANG_VERSION=1.18.10', 'GOPATH=/go'], Cmd: ['/bin/sh'], WorkingDir: '/go' },
    programs: { '/usr/local/go/bin/go': 'go' },
  },
  {
    repositories: ['golang'], tags: ['1.23', '1.23.4', 'latest'], os: 'debian', osVersion: '12', sizeMB: 823, layers: 7, created: '2024-12-03T00:00:00Z', summary: 'install go 1.23.4',
    config: { Env: ['PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'GOLANG_VERSION=1.23.4', 'GOTOOLCHAIN=local', 'GOPATH=/go'], Cmd: ['bash'], WorkingDir: '/go' },
    programs: { '/usr/local/go/bin/go': 'go' },
  },
  {
    repositories: ['golang'], tags: ['1.18', '1.18.10', '1.18-bullseye'], os: 'debian', osVersion: '11', sizeMB: 965, layers: 7, created: '2023-02-14T00:00:00Z', summary: 'install go 1.18.10',
    config: { Env: ['PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'GOLANG_VERSION=1.18.10', 'GOPATH=/go'], Cmd: ['bash'], WorkingDir: '/go' },
    programs: { '/usr/local/go/bin/go': 'go' },
  },
  {
    repositories: ['rust'], tags: ['1.64', '1.64.0', '1.64-bullseye'], os: 'debian', osVersion: '11', sizeMB: 1430, layers: 5, created: '2022-11-03T00:00:00Z', summary: 'install rust 1.64.0',
    config: { Env: ['PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'RUSTUP_HOME=/usr/local/rustup', 'CARGO_HOME=/usr/local/cargo', 'RUST_VERSION=1.64.0'], Cmd: ['bash'] },
    programs: { '/usr/local/cargo/bin/cargo': 'cargo', '/usr/local/cargo/bin/rustc': 'rustc', '/usr/local/cargo/bin/rustup': 'rustup', '/usr/bin/curl': 'curl', '/usr/bin/git': 'git' },
  },
  {
    repositories: ['rust'], tags: ['buster', '1-buster'], os: 'debian', osVersion: '10', sizeMB: 1320, layers: 5, created: '2024-06-13T00:00:00Z', summary: 'install rust 1.79.0',
    config: { Env: ['PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'RUSTUP_HOME=/usr/local/rustup', 'CARGO_HOME=/usr/local/cargo', 'RUST_VERSION=1.79.0'], Cmd: ['bash'] },
    programs: { '/usr/local/cargo/bin/cargo': 'cargo', '/usr/local/cargo/bin/rustc': 'rustc', '/usr/local/cargo/bin/rustup': 'rustup', '/usr/bin/curl': 'curl', '/usr/bin/git': 'git' },
  },
  {
    repositories: ['maven'], tags: ['3.8.5-eclipse-temurin-17', '3.8-eclipse-temurin-17'], os: 'ubuntu', osVersion: '20.04', sizeMB: 515, layers: 10, created: '2022-05-10T00:00:00Z', summary: 'install temurin 17.0.3 and maven 3.8.5',
    config: { Env: ['PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'JAVA_HOME=/opt/java/openjdk', 'MAVEN_HOME=/usr/share/maven', 'MAVEN_CONFIG=/root/.m2'], Entrypoint: ['/usr/local/bin/mvn-entrypoint.sh'], Cmd: ['mvn'] },
    programs: { '/usr/share/maven/bin/mvn': 'mvn', '/opt/java/openjdk/bin/java': 'java', '/opt/java/openjdk/bin/jar': 'jar', '/usr/local/bin/mvn-entrypoint.sh': 'sh' },
  },
  {
    repositories: ['eclipse-temurin'], tags: ['17-jre-focal', '17.0.13_11-jre-focal'], os: 'ubuntu', osVersion: '20.04', sizeMB: 266, layers: 6, created: '2024-10-23T00:00:00Z', summary: 'install temurin 17.0.13 jre',
    config: { Env: ['JAVA_HOME=/opt/java/openjdk', 'PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'JAVA_VERSION=jdk-17.0.13+11'], Entrypoint: ['/__cacert_entrypoint.sh'] },
    programs: { '/opt/java/openjdk/bin/java': 'java' },
  },
  {
    repositories: ['eclipse-temurin'], tags: ['21', '21-jdk', 'latest'], os: 'ubuntu', osVersion: '24.04', sizeMB: 464, layers: 6, created: '2024-10-23T00:00:00Z', summary: 'install temurin 21.0.5 jdk',
    config: { Env: ['JAVA_HOME=/opt/java/openjdk', 'PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'JAVA_VERSION=jdk-21.0.5+11'], Entrypoint: ['/__cacert_entrypoint.sh'], Cmd: ['jshell'] },
    programs: { '/opt/java/openjdk/bin/java': 'java', '/opt/java/openjdk/bin/jshell': 'jshell' },
  },
  {
    repositories: ['openjdk'], tags: ['17', '17-jdk', '17-jdk-slim', '17-slim'], os: 'debian', osVersion: '11', sizeMB: 408, layers: 4, created: '2021-11-01T00:00:00Z', summary: 'install openjdk 17.0.1',
    config: { Env: ['PATH=/usr/local/openjdk-17/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'JAVA_HOME=/usr/local/openjdk-17', 'LANG=C.UTF-8', 'JAVA_VERSION=17.0.1'], Cmd: ['jshell'] },
    programs: { '/usr/local/openjdk-17/bin/java': 'java' },
  },
  {
    repositories: ['elasticsearch'], tags: ['5', '5.6', '5.6.16'], os: 'debian', osVersion: '9', sizeMB: 486, layers: 14, created: '2019-03-14T00:00:00Z', summary: 'install elasticsearch 5.6.16',
    config: { Env: ['PATH=/usr/share/elasticsearch/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'ELASTICSEARCH_VERSION=5.6.16'], Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['elasticsearch'], ExposedPorts: port('9200', '9300'), Volumes: volume('/usr/share/elasticsearch/data'), WorkingDir: '/usr/share/elasticsearch' },
    programs: { '/usr/share/elasticsearch/bin/elasticsearch': 'elasticsearch' },
    users: [['elasticsearch', 1000, 1000, '/usr/share/elasticsearch', '/bin/bash']],
  },
  {
    repositories: ['traefik'], tags: ['2.6', 'v2.6', '2.6.13'], os: 'alpine', osVersion: '3.15.4', sizeMB: 102, layers: 4, created: '2022-03-23T00:00:00Z', summary: 'install traefik 2.6.13',
    config: { Env: [PATH], Entrypoint: ['/entrypoint.sh'], Cmd: ['traefik'], ExposedPorts: port('80'), Labels: { 'org.opencontainers.image.title': 'Traefik', 'org.opencontainers.image.version': 'v2.6.13' } },
    programs: { '/usr/local/bin/traefik': 'traefik' },
  },
  {
    repositories: ['perl'], tags: ['latest', '5', '5.40'], os: 'debian', osVersion: '12', sizeMB: 892, layers: 7, created: '2024-11-11T00:00:00Z', summary: 'install perl 5.40.0',
    config: { Env: [PATH, 'LANG=C.UTF-8'], Cmd: ['perl5.40.0', '-de0'], WorkingDir: '/usr/src/app' },
    programs: { '/usr/local/bin/perl': 'perl', '/usr/local/bin/perl5.40.0': 'perl' },
  },
  {
    // The tag the Kubernetes docs' pi Job names. Size and date approximate (bullseye-based 5.34.0).
    repositories: ['perl'], tags: ['5.34.0', '5.34'], os: 'debian', osVersion: '11', sizeMB: 858, layers: 7, created: '2022-06-23T00:00:00Z', summary: 'install perl 5.34.0',
    config: { Env: [PATH, 'LANG=C.UTF-8'], Cmd: ['perl5.34.0', '-de0'], WorkingDir: '/usr/src/app' },
    programs: { '/usr/local/bin/perl': 'perl', '/usr/local/bin/perl5.34.0': 'perl' },
  },
  {
    repositories: ['gloursdocker/docker'], tags: ['latest'], os: 'alpine', osVersion: '3.15.0', sizeMB: 57.3, layers: 3, created: '2022-01-10T00:00:00Z', summary: 'install the docker cli',
    config: { Env: [PATH], Cmd: ['/bin/sh'] },
    programs: { '/usr/local/bin/docker': 'docker' },
  },
  {
    repositories: ['registry'], tags: ['2', '2.8', '2.8.3', 'latest'], os: 'alpine', osVersion: '3.18.4', sizeMB: 25.4, layers: 5, created: '2023-10-02T00:00:00Z', summary: 'install distribution 2.8.3',
    config: { Env: [PATH], Entrypoint: ['/entrypoint.sh'], Cmd: ['/etc/docker/registry/config.yml'], ExposedPorts: port('5000'), Volumes: volume('/var/lib/registry') },
    programs: { '/bin/registry': 'registry' },
  },

  // Images the Kubernetes documentation uses.
  {
    repositories: ['polinux/stress'], tags: ['latest', '1.0.4'], os: 'alpine', osVersion: '3.6.2', sizeMB: 9.74, layers: 3, created: '2017-08-03T00:00:00Z', summary: 'install stress 1.0.4',
    config: { Env: [PATH], Cmd: ['/bin/sh'] },
    programs: { '/usr/local/bin/stress': 'stress' },
  },
  {
    repositories: ['vish/stress'], tags: ['latest'], os: 'scratch', osVersion: '', sizeMB: 7.21, layers: 2, created: '2014-12-09T00:00:00Z', summary: 'add the stress binary',
    config: { Entrypoint: ['/stress', '-logtostderr'] },
    programs: { '/stress': 'vish-stress' },
  },
  {
    repositories: ['registry.k8s.io/e2e-test-images/agnhost'], tags: ['2.39'], os: 'alpine', osVersion: '3.12', sizeMB: 128, layers: 7, created: '2022-06-14T00:00:00Z', summary: 'add agnhost 2.39',
    config: { Env: [PATH], Entrypoint: ['/agnhost'], ExposedPorts: port('80', '8080', '8081', '9376') },
    programs: { '/agnhost': 'agnhost' },
  },
  {
    repositories: ['registry.k8s.io/e2e-test-images/agnhost'], tags: ['2.40'], os: 'alpine', osVersion: '3.12', sizeMB: 129, layers: 7, created: '2022-08-11T00:00:00Z', summary: 'add agnhost 2.40',
    config: { Env: [PATH], Entrypoint: ['/agnhost'], ExposedPorts: port('80', '8080', '8081', '9376') },
    programs: { '/agnhost': 'agnhost' },
  },
  {
    repositories: ['gcr.io/google-samples/hello-app', 'us-docker.pkg.dev/google-samples/containers/gke/hello-app'], tags: ['1.0'], os: 'distroless', osVersion: '11', sizeMB: 10.1, layers: 3, created: '2022-03-29T00:00:00Z', summary: 'add hello-app 1.0',
    config: { Env: [PATH, 'PORT=8080'], Cmd: ['/hello-app'] },
    programs: { '/hello-app': 'hello-app' },
  },
  {
    repositories: ['gcr.io/google-samples/hello-app', 'us-docker.pkg.dev/google-samples/containers/gke/hello-app'], tags: ['2.0'], os: 'distroless', osVersion: '11', sizeMB: 10.1, layers: 3, created: '2022-03-29T00:00:00Z', summary: 'add hello-app 2.0',
    config: { Env: [PATH, 'PORT=8080'], Cmd: ['/hello-app'] },
    programs: { '/hello-app': 'hello-app-2' },
  },
  {
    repositories: ['registry.k8s.io/pause'], tags: ['3.10', '3.9', 'latest'], os: 'scratch', osVersion: '', sizeMB: 0.736, layers: 1, created: '2024-05-22T00:00:00Z', summary: 'add pause 3.10',
    config: { User: '65535:65535', Entrypoint: ['/pause'] },
    programs: { '/pause': 'pause' },
  },
  {
    repositories: ['k8s.gcr.io/pause'], tags: ['2.0'], os: 'scratch', osVersion: '', sizeMB: 0.35, layers: 1, created: '2015-10-13T00:00:00Z', summary: 'add pause 2.0',
    config: { Entrypoint: ['/pause'] },
    programs: { '/pause': 'pause' },
  },
  {
    repositories: ['k8s.gcr.io/liveness', 'registry.k8s.io/liveness'], tags: ['latest'], os: 'scratch', osVersion: '', sizeMB: 4.63, layers: 1, created: '2016-10-06T00:00:00Z', summary: 'add liveness server',
    config: { Entrypoint: ['/server'] },
    programs: { '/server': 'liveness' },
  },
  {
    repositories: ['registry.k8s.io/hpa-example'], tags: ['latest'], os: 'debian', osVersion: '8', sizeMB: 481, layers: 10, created: '2016-03-15T00:00:00Z', summary: 'php-apache with index.php burning CPU',
    config: { Env: [PATH], Cmd: ['apache2-foreground'], ExposedPorts: port('80'), WorkingDir: '/var/www/html' },
    programs: { '/usr/local/bin/apache2-foreground': 'hpa-example' },
  },
  {
    repositories: ['gcr.io/google-samples/gb-frontend', 'gcr.io/google_samples/gb-frontend', 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend'], tags: ['v5'], os: 'debian', osVersion: '11', sizeMB: 480, layers: 12, created: '2021-08-02T00:00:00Z', summary: 'guestbook frontend (php, apache)',
    config: { Env: [PATH], Cmd: ['apache2-foreground'], ExposedPorts: port('80'), WorkingDir: '/var/www/html' },
    programs: { '/usr/local/bin/apache2-foreground': 'gb-frontend' },
  },
  {
    repositories: ['gcr.io/google_samples/gb-frontend'], tags: ['v4'], os: 'debian', osVersion: '8', sizeMB: 512, layers: 12, created: '2016-01-26T00:00:00Z', summary: 'guestbook frontend (php, apache)',
    config: { Env: [PATH], Cmd: ['apache2-foreground'], ExposedPorts: port('80'), WorkingDir: '/var/www/html' },
    programs: { '/usr/local/bin/apache2-foreground': 'gb-frontend-v4' },
  },
  {
    repositories: ['gcr.io/google_samples/gb-redisslave'], tags: ['v1', 'v2'], os: 'debian', osVersion: '8', sizeMB: 110, layers: 6, created: '2016-01-26T00:00:00Z', summary: 'redis replica of redis-master',
    config: { Env: [PATH], Cmd: ['/run.sh'], ExposedPorts: port('6379'), WorkingDir: '/data', Volumes: volume('/data') },
    programs: { '/run.sh': 'redis-follower', '/usr/local/bin/redis-server': 'redis-server' },
  },
  {
    repositories: ['gcr.io/google_samples/gb-redis-follower', 'us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower'], tags: ['v1', 'v2'], os: 'debian', osVersion: '8', sizeMB: 110, layers: 6, created: '2021-08-02T00:00:00Z', summary: 'redis replica of redis-leader',
    config: { Env: [PATH], Cmd: ['/run.sh'], ExposedPorts: port('6379'), WorkingDir: '/data', Volumes: volume('/data') },
    programs: { '/run.sh': 'redis-follower-leader', '/usr/local/bin/redis-server': 'redis-server' },
  },
  {
    repositories: ['registry.k8s.io/redis', 'k8s.gcr.io/redis'], tags: ['e2e'], os: 'debian', osVersion: '7', sizeMB: 419, layers: 8, created: '2015-11-18T00:00:00Z', summary: 'redis for e2e tests',
    config: { Env: [PATH], Cmd: ['redis-server', '/etc/redis/redis.conf'], ExposedPorts: port('6379'), Volumes: volume('/data'), WorkingDir: '/data' },
    programs: { '/usr/local/bin/redis-server': 'redis-server', '/usr/local/bin/redis-cli': 'redis-cli' },
  },
  {
    repositories: ['registry.k8s.io/guestbook'], tags: ['v3'], os: 'scratch', osVersion: '', sizeMB: 12.2, layers: 3, created: '2017-04-05T00:00:00Z', summary: 'guestbook go app',
    config: { Cmd: ['./guestbook'], ExposedPorts: port('3000'), WorkingDir: '/app' },
    programs: { '/app/guestbook': 'guestbook' },
  },
  {
    repositories: ['gcr.io/google-samples/xtrabackup'], tags: ['1.0'], os: 'debian', osVersion: '8', sizeMB: 265, layers: 6, created: '2016-11-09T00:00:00Z', summary: 'percona xtrabackup and ncat',
    config: { Env: [PATH], Cmd: ['bash'] },
    programs: { '/usr/bin/xtrabackup': 'xtrabackup', '/usr/bin/ncat': 'ncat' },
  },
  {
    repositories: ['mcr.microsoft.com/dotnet/aspnet'], tags: ['5.0'], os: 'debian', osVersion: '11', sizeMB: 205, layers: 5, created: '2022-05-10T00:00:00Z', summary: 'install asp.net core runtime 5.0.17',
    config: { Env: [PATH, 'ASPNETCORE_URLS=http://+:80', 'DOTNET_RUNNING_IN_CONTAINER=true', 'DOTNET_VERSION=5.0.17', 'ASPNET_VERSION=5.0.17'] },
    programs: { '/usr/bin/dotnet': 'dotnet' },
  },
  {
    repositories: ['mcr.microsoft.com/dotnet/aspnet'], tags: ['6.0'], os: 'debian', osVersion: '12', sizeMB: 217, layers: 6, created: '2024-11-12T00:00:00Z', summary: 'install asp.net core runtime 6.0.36',
    config: { Env: [PATH, 'APP_UID=1654', 'ASPNETCORE_HTTP_PORTS=8080', 'DOTNET_RUNNING_IN_CONTAINER=true', 'DOTNET_VERSION=6.0.36', 'ASPNET_VERSION=6.0.36'] },
    programs: { '/usr/bin/dotnet': 'dotnet' },
  },
  {
    repositories: ['mcr.microsoft.com/dotnet/sdk'], tags: ['5.0'], os: 'debian', osVersion: '11', sizeMB: 631, layers: 8, created: '2022-05-10T00:00:00Z', summary: 'install .net sdk 5.0.408',
    config: { Env: [PATH, 'ASPNETCORE_URLS=', 'DOTNET_RUNNING_IN_CONTAINER=true', 'DOTNET_SDK_VERSION=5.0.408', 'NUGET_XMLDOC_MODE=skip'] },
    programs: { '/usr/bin/dotnet': 'dotnet' },
  },
  {
    repositories: ['mcr.microsoft.com/dotnet/sdk'], tags: ['6.0'], os: 'debian', osVersion: '12', sizeMB: 742, layers: 9, created: '2024-11-12T00:00:00Z', summary: 'install .net sdk 6.0.428',
    config: { Env: [PATH, 'APP_UID=1654', 'DOTNET_RUNNING_IN_CONTAINER=true', 'DOTNET_SDK_VERSION=6.0.428', 'NUGET_XMLDOC_MODE=skip'] },
    programs: { '/usr/bin/dotnet': 'dotnet' },
  },
];
