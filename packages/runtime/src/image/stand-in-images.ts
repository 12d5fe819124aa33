// A stand-in for the host's image store, until the images module (the registry catalog, pulls,
// builds) takes its place: a few well-known images built in code, with the configuration the real
// ones have (Entrypoint, Cmd, Env, ExposedPorts, StopSignal from their Docker Hub images) and the
// files the programs need (binaries as `#!dockyard-program` markers, /etc/passwd, the nginx page).
// It answers `resolve` for local images and `pull` for the catalog, like a registry would.

import { FileTree } from '../fs/file-tree.ts';
import type { Engine, EngineComponent, TaskKind } from '../sim/engine.ts';
import { toRFC3339 } from '../sim/wall-time.ts';
import type { Image, ImageConfig, ImageResolver } from './image.ts';
import type { ImagePuller, PullStatus } from './image-puller.ts';

const MARKER = '#!dockyard-program ';

const BUSYBOX_APPLETS = ['sh', 'ash', 'ls', 'cat', 'echo', 'printf', 'test', '[', 'env', 'printenv', 'hostname', 'id', 'whoami', 'ps', 'touch', 'rm', 'mkdir', 'rmdir', 'cp', 'mv', 'ln', 'chmod', 'head', 'tail', 'wc', 'grep', 'date', 'uname', 'kill', 'pwd', 'which', 'seq', 'basename', 'dirname', 'free', 'true', 'false', 'sync', 'sleep', 'wget', 'nslookup', 'nc', 'ip'];
const USR_BIN_APPLETS = new Set(['env', 'printenv', 'id', 'whoami', 'head', 'tail', 'wc', 'which', 'seq', 'basename', 'dirname', 'free', 'wget', 'nslookup', 'nc']);
const GNU_BINARIES = ['ls', 'cat', 'echo', 'printf', 'test', '[', 'env', 'printenv', 'hostname', 'id', 'whoami', 'touch', 'rm', 'mkdir', 'rmdir', 'cp', 'mv', 'ln', 'chmod', 'head', 'tail', 'wc', 'grep', 'date', 'uname', 'kill', 'pwd', 'which', 'seq', 'basename', 'dirname', 'true', 'false', 'sync', 'sleep'];

function program(tree: FileTree, path: string, name: string): void {
  tree.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
  tree.writeFile(path, `${MARKER}${name}\n`, { mode: 0o755 });
}

function base(tree: FileTree, passwd: string[], group: string[]): void {
  for (const dir of ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/etc', '/root', '/tmp', '/var/log', '/home', '/dev', '/proc', '/sys', '/run']) tree.mkdir(dir, { recursive: true });
  tree.chmod('/tmp', 0o1777);
  tree.writeFile('/etc/passwd', passwd.join('\n') + '\n');
  tree.writeFile('/etc/group', group.join('\n') + '\n');
}

function alpineBase(): FileTree {
  const tree = new FileTree();
  base(
    tree,
    ['root:x:0:0:root:/root:/bin/sh', 'bin:x:1:1:bin:/bin:/sbin/nologin', 'daemon:x:2:2:daemon:/sbin:/sbin/nologin', 'nobody:x:65534:65534:nobody:/:/sbin/nologin'],
    ['root:x:0:root', 'bin:x:1:root,bin,daemon', 'daemon:x:2:root,bin,daemon', 'wheel:x:10:root', 'nogroup:x:65533:', 'nobody:x:65534:'],
  );
  program(tree, '/bin/busybox', 'busybox');
  for (const applet of BUSYBOX_APPLETS) tree.symlink('/bin/busybox', `${USR_BIN_APPLETS.has(applet) ? '/usr/bin' : '/bin'}/${applet}`);
  tree.writeFile('/etc/alpine-release', '3.20.3\n');
  tree.writeFile('/etc/os-release', 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n');
  return tree;
}

function debianBase(): FileTree {
  const tree = new FileTree();
  base(
    tree,
    ['root:x:0:0:root:/root:/bin/bash', 'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin', 'bin:x:2:2:bin:/bin:/usr/sbin/nologin', 'sys:x:3:3:sys:/dev:/usr/sbin/nologin', 'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin', 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin'],
    ['root:x:0:', 'daemon:x:1:', 'bin:x:2:', 'sys:x:3:', 'adm:x:4:', 'www-data:x:33:', 'nogroup:x:65534:'],
  );
  program(tree, '/bin/bash', 'bash');
  program(tree, '/bin/sh', 'sh');
  for (const name of GNU_BINARIES) program(tree, `/bin/${name}`, name);
  tree.writeFile('/etc/debian_version', '12.7\n');
  tree.writeFile('/etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n');
  return tree;
}

/** The page nginx ships as /usr/share/nginx/html/index.html (615 bytes). */
export const NGINX_WELCOME_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

function nginxLayer(): FileTree {
  const tree = new FileTree();
  tree.mkdir('/etc', { recursive: true });
  tree.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nnginx:x:101:101:nginx user:/nonexistent:/bin/false\n');
  tree.writeFile('/etc/group', 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nwww-data:x:33:\nnogroup:x:65534:\nnginx:x:101:\n');
  program(tree, '/usr/sbin/nginx', 'nginx');
  program(tree, '/usr/sbin/nginx-debug', 'nginx');
  program(tree, '/usr/bin/curl', 'curl');
  program(tree, '/docker-entrypoint.sh', 'nginx-entrypoint');
  tree.mkdir('/docker-entrypoint.d');
  for (const script of ['10-listen-on-ipv6-by-default.sh', '15-local-resolvers.envsh', '20-envsubst-on-templates.sh', '30-tune-worker-processes.sh']) {
    tree.writeFile(`/docker-entrypoint.d/${script}`, '#!/bin/sh\n', { mode: 0o775 });
  }
  tree.mkdir('/etc/nginx/conf.d', { recursive: true });
  tree.writeFile('/etc/nginx/nginx.conf', 'user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n');
  tree.writeFile('/etc/nginx/conf.d/default.conf', NGINX_DEFAULT_CONF);
  tree.mkdir('/usr/share/nginx/html', { recursive: true });
  tree.writeFile('/usr/share/nginx/html/index.html', NGINX_WELCOME_PAGE);
  tree.writeFile('/usr/share/nginx/html/50x.html', '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n');
  tree.mkdir('/var/log/nginx', { recursive: true });
  tree.symlink('/dev/stdout', '/var/log/nginx/access.log');
  tree.symlink('/dev/stderr', '/var/log/nginx/error.log');
  tree.mkdir('/var/cache/nginx', { recursive: true });
  return tree;
}

function layerWith(build: (tree: FileTree) => void): FileTree {
  const tree = new FileTree();
  build(tree);
  return tree;
}

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * An official image's own layer over alpine: its user in /etc/passwd, its programs in
 * /usr/local/bin (an `-entrypoint` program is installed as docker-entrypoint.sh) and its directories.
 */
function serviceLayer(user: string, programs: string[], dirs: string[]): FileTree {
  return layerWith((t) => {
    t.mkdir('/etc', { recursive: true });
    t.writeFile('/etc/passwd', `root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n${user}\n`);
    for (const name of programs) program(t, `/usr/local/bin/${name.endsWith('-entrypoint') ? 'docker-entrypoint.sh' : name}`, name);
    for (const dir of dirs) t.mkdir(dir, { recursive: true });
  });
}

function nginxEntry(references: string[], versions: string[]): CatalogEntry {
  return {
    references,
    repository: 'library/nginx',
    config: {
      Env: [PATH, ...versions],
      Entrypoint: ['/docker-entrypoint.sh'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      ExposedPorts: { '80/tcp': {} },
      Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
      StopSignal: 'SIGQUIT',
    },
    layers: () => [debianBase(), nginxLayer()],
  };
}

interface CatalogEntry {
  references: string[];
  repository: string;
  config: ImageConfig;
  layers: () => FileTree[];
}

const CATALOG: CatalogEntry[] = [
  nginxEntry(['nginx:1.25', 'nginx:1.25.5'], ['NGINX_VERSION=1.25.5', 'NJS_VERSION=0.8.4', 'NJS_RELEASE=3~bookworm', 'PKG_RELEASE=1~bookworm']),
  nginxEntry(['nginx:latest', 'nginx:1.27', 'nginx'], ['NGINX_VERSION=1.27.3', 'NJS_VERSION=0.8.7', 'NJS_RELEASE=1~bookworm', 'PKG_RELEASE=1~bookworm']),
  {
    references: ['busybox:latest', 'busybox', 'busybox:1.36', 'busybox:1.36.1', 'busybox:1.28'],
    repository: 'library/busybox',
    config: { Env: [PATH], Cmd: ['sh'] },
    layers: () => [alpineBase()],
  },
  {
    references: ['alpine:latest', 'alpine', 'alpine:3.20', 'alpine:3'],
    repository: 'library/alpine',
    config: { Env: [PATH], Cmd: ['/bin/sh'] },
    layers: () => [alpineBase()],
  },
  {
    references: ['redis:7-alpine', 'redis:7', 'redis:latest', 'redis', 'redis:alpine'],
    repository: 'library/redis',
    config: {
      Env: [PATH, 'REDIS_VERSION=7.4.1'],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['redis-server'],
      ExposedPorts: { '6379/tcp': {} },
      Volumes: { '/data': {} },
      WorkingDir: '/data',
    },
    layers: () => [
      alpineBase(),
      serviceLayer('redis:x:999:1000:Linux User,,,:/home/redis:/sbin/nologin', ['redis-server', 'redis-cli', 'redis-entrypoint'], ['/data']),
    ],
  },
  {
    references: ['postgres:16-alpine', 'postgres:16', 'postgres:latest', 'postgres', 'postgres:alpine'],
    repository: 'library/postgres',
    config: {
      Env: [PATH, 'LANG=en_US.utf8', 'PG_MAJOR=16', 'PG_VERSION=16.6', 'PGDATA=/var/lib/postgresql/data'],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['postgres'],
      ExposedPorts: { '5432/tcp': {} },
      Volumes: { '/var/lib/postgresql/data': {} },
      StopSignal: 'SIGINT',
    },
    layers: () => [
      alpineBase(),
      serviceLayer('postgres:x:70:70:Linux User,,,:/var/lib/postgresql:/bin/sh', ['postgres', 'pg_isready', 'postgres-entrypoint'], ['/var/lib/postgresql/data', '/var/run/postgresql']),
    ],
  },
  {
    references: ['node:20-alpine', 'node:20', 'node:lts-alpine', 'node:latest', 'node'],
    repository: 'library/node',
    config: { Env: [PATH, 'NODE_VERSION=20.18.1', 'YARN_VERSION=1.22.22'], Entrypoint: ['docker-entrypoint.sh'], Cmd: ['node'] },
    layers: () => [
      alpineBase(),
      layerWith((t) => {
        program(t, '/usr/local/bin/node', 'node');
        program(t, '/usr/local/bin/docker-entrypoint.sh', 'node-entrypoint');
      }),
    ],
  },
  {
    references: ['polinux/stress:latest', 'polinux/stress'],
    repository: 'polinux/stress',
    config: { Env: [PATH], Cmd: ['/bin/sh'] },
    layers: () => [alpineBase(), layerWith((t) => program(t, '/usr/local/bin/stress', 'stress'))],
  },
  {
    references: ['vish/stress:latest', 'vish/stress'],
    repository: 'vish/stress',
    config: { Env: [PATH], Entrypoint: ['/stress', '-logtostderr'] },
    layers: () => [layerWith((t) => program(t, '/stress', 'vish-stress'))],
  },
  {
    references: ['registry.k8s.io/e2e-test-images/agnhost:2.39', 'registry.k8s.io/e2e-test-images/agnhost:2.40'],
    repository: 'e2e-test-images/agnhost',
    config: { Env: [PATH], Entrypoint: ['/agnhost'] },
    layers: () => [alpineBase(), layerWith((t) => program(t, '/agnhost', 'agnhost'))],
  },
];

/** `nginx` → `nginx:latest`; `docker.io/library/nginx:1.25` → `nginx:1.25`. */
export function normalizeReference(reference: string): string {
  let ref = reference.replace(/^docker\.io\//, '').replace(/^library\//, '');
  const lastSlash = ref.lastIndexOf('/');
  if (!ref.slice(lastSlash + 1).includes(':') && !ref.includes('@')) ref += ':latest';
  return ref;
}

/** A short stand-in digest: FNV-1a over the text, widened to 64 hex digits. */
function digest(text: string): string {
  let out = '';
  for (let round = 0; round < 8; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

function buildImage(entry: CatalogEntry): Image {
  const layers = entry.layers().map((tree, i) => ({ diffId: `sha256:${digest(`${entry.references[0]}#${i}`)}`, size: 1_000_000 * (i + 1), tree }));
  return {
    id: `sha256:${digest(JSON.stringify(entry.config) + entry.references[0])}`,
    config: entry.config,
    layers,
    history: [],
    created: toRFC3339(0),
    architecture: 'amd64',
    os: 'linux',
  };
}

interface StandInState {
  local: string[];
  pulls: Record<string, PullStatus>;
  nextPull: number;
}

export class StandInImageStore implements ImageResolver, ImagePuller, EngineComponent {
  readonly name = 'stand-in-images';
  #local = new Set<string>();
  #pulls: Record<string, PullStatus> = {};
  #nextPull = 1;
  readonly #built = new Map<string, Image>();
  readonly #finish: TaskKind<{ pull: string }>;

  constructor(
    readonly engine: Engine,
    preloaded: readonly string[] = [],
  ) {
    for (const ref of preloaded) this.#local.add(normalizeReference(ref));
    this.#finish = engine.defineTask('stand-in-images.pull', ({ pull }) => this.#complete(pull));
    engine.register(this);
  }

  #entry(reference: string): CatalogEntry | undefined {
    const ref = normalizeReference(reference);
    return CATALOG.find((e) => e.references.some((r) => normalizeReference(r) === ref));
  }

  #image(entry: CatalogEntry): Image {
    const key = entry.references[0]!;
    let image = this.#built.get(key);
    if (image === undefined) this.#built.set(key, (image = buildImage(entry)));
    return image;
  }

  resolve(reference: string): Image | undefined {
    if (reference.startsWith('sha256:') || /^[0-9a-f]{12,64}$/.test(reference)) {
      const hex = reference.replace(/^sha256:/, '');
      for (const entry of CATALOG) {
        const image = this.#image(entry);
        if (image.id.slice(7).startsWith(hex) && entry.references.some((r) => this.#local.has(normalizeReference(r)))) return image;
      }
      return undefined;
    }
    const entry = this.#entry(reference);
    return entry && this.#local.has(normalizeReference(reference)) ? this.#image(entry) : undefined;
  }

  pull(reference: string): string {
    const id = `pull-${this.#nextPull++}`;
    const ref = normalizeReference(reference);
    const entry = this.#entry(ref);
    const [repo, tag] = [ref.slice(0, ref.lastIndexOf(':')), ref.slice(ref.lastIndexOf(':') + 1)];
    if (entry === undefined) {
      const known = CATALOG.some((e) => e.references.some((r) => normalizeReference(r).startsWith(repo + ':')));
      const error = known
        ? `manifest for ${ref} not found: manifest unknown: manifest unknown`
        : `pull access denied for ${repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;
      this.#pulls[id] = { reference: ref, state: 'pulling', lines: [], error };
    } else {
      this.#pulls[id] = { reference: ref, state: 'pulling', lines: [`${tag}: Pulling from ${entry.repository}`] };
    }
    this.engine.schedule(this.#finish, entry ? 2_000 : 500, { pull: id });
    return id;
  }

  pullStatus(pullId: string): PullStatus | undefined {
    return this.#pulls[pullId];
  }

  #complete(pullId: string): void {
    const status = this.#pulls[pullId];
    if (status === undefined) return;
    const entry = this.#entry(status.reference);
    if (entry === undefined) {
      this.#pulls[pullId] = { ...status, state: 'failed' };
      this.engine.log.append('image.pull', { pull: pullId, reference: status.reference, ok: false, error: status.error });
      return;
    }
    const image = this.#image(entry);
    const alreadyHad = this.#local.has(status.reference);
    for (const ref of entry.references) this.#local.add(normalizeReference(ref));
    this.#pulls[pullId] = {
      ...status,
      state: 'done',
      imageId: image.id,
      lines: [
        ...status.lines,
        ...(alreadyHad ? [] : image.layers.map((l) => `${l.diffId.slice(7, 19)}: Pull complete`)),
        `Digest: sha256:${digest(status.reference + '@manifest')}`,
        alreadyHad ? `Status: Image is up to date for ${status.reference}` : `Status: Downloaded newer image for ${status.reference}`,
      ],
    };
    this.engine.log.append('image.pull', { pull: pullId, reference: status.reference, ok: true, id: image.id });
  }

  /** References present locally (the stand-in's `docker images`). */
  localReferences(): string[] {
    return [...this.#local].sort();
  }

  snapshot(): StandInState {
    return JSON.parse(JSON.stringify({ local: [...this.#local].sort(), pulls: this.#pulls, nextPull: this.#nextPull }));
  }

  restore(state: unknown): void {
    const s = JSON.parse(JSON.stringify(state)) as StandInState;
    this.#local = new Set(s.local);
    this.#pulls = s.pulls;
    this.#nextPull = s.nextPull;
  }
}
