// RUN is simulated on the step's file system: the tutorial's account setup, package managers,
// file utilities, `&&` chains and `set -e`, unknown programs as notes, missing ones as sh's 127.
import { describe, expect, it } from 'vitest';
import type { Image } from '../src/index.ts';
import { buildImage, memoryContext, newWorld } from './support/images.ts';

function run(dockerfile: string, files: Record<string, string> = {}) {
  const world = newWorld();
  return buildImage(world, dockerfile, memoryContext(files));
}

/** The file as the image's union of layers shows it. */
function read(image: Image, path: string): string {
  for (const layer of [...image.layers].reverse()) {
    if (layer.tree.stat(path)?.kind === 'file') return layer.tree.readText(path);
  }
  throw new Error(`${path} is not in the image`);
}

function logs(built: ReturnType<typeof run>): string[] {
  return built.outcome.progress.vertices.flatMap((v) => v.logs.filter((l) => l.timed).map((l) => l.text));
}

describe('RUN', () => {
  it('the tutorial\'s non-root user: addgroup -S and adduser -S -G on Alpine', () => {
    const built = run('FROM node:20-alpine\nRUN addgroup -S appgroup && adduser -S appuser -G appgroup\nUSER appuser\nRUN touch /tmp/mine\n');
    expect(built.outcome.error).toBeUndefined();
    const image = built.image!;
    expect(read(image, '/etc/group')).toContain('appgroup:x:101:\n');
    expect(read(image, '/etc/passwd')).toContain('appuser:x:100:101:Linux User,,,:/home/appuser:/sbin/nologin\n');
    expect(image.config.User).toBe('appuser');
    const top = image.layers[image.layers.length - 1]!.tree;
    expect(top.stat('/tmp/mine')).toMatchObject({ uid: 100, gid: 101 });
  });

  it('useradd, groupadd and usermod on Debian', () => {
    const built = run('FROM debian:bookworm-slim\nRUN useradd -s /bin/bash -m vscode && groupadd docker && usermod -aG docker vscode\n');
    expect(read(built.image!, '/etc/passwd')).toContain('vscode:x:1000:1000::/home/vscode:/bin/bash\n');
    expect(read(built.image!, '/etc/group')).toContain('docker:x:1001:vscode\n');
  });

  it('a non-root user cannot write to root-owned directories', () => {
    const built = run('FROM node:20-alpine\nUSER node\nRUN mkdir /opt/app\n');
    expect(built.outcome.error!.message).toBe('process "/bin/sh -c mkdir /opt/app" did not complete successfully: exit code: 1');
    expect(logs(built)).toEqual(["mkdir: cannot create directory '/opt/app': Permission denied"]);
  });

  it('a redirect onto a directory fails the step as the shell does', () => {
    for (const line of ['echo hi > /etc', 'true >/']) {
      const built = run(`FROM alpine:3.19\nRUN ${line}\n`);
      expect(built.outcome.error!.message).toBe(`process "/bin/sh -c ${line}" did not complete successfully: exit code: 2`);
      expect(logs(built)[0]).toMatch(/^\/bin\/sh: cannot create \S+: Is a directory$/);
    }
  });

  it('sh -c\'s special parameters: $0 is the shell\'s path, no positional ones, $? the last status', () => {
    const built = run(
      'FROM alpine:3.19\nRUN echo $0 ${0} "[$#]" "[$1${2}]" > /out\nRUN false; echo $? > /status; true || echo no; ! true; echo ${?} >> /status\n' +
        'RUN ["/bin/sh", "-c", "echo $0 > /exec"]\n',
    );
    expect(built.outcome.error).toBeUndefined();
    expect(read(built.image!, '/out')).toBe('/bin/sh /bin/sh [0] []\n');
    expect(read(built.image!, '/status')).toBe('1\n1\n');
    expect(read(built.image!, '/exec')).toBe('/bin/sh\n');
    const bash = run('FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-c"]\nRUN echo $0 > /bash\n');
    expect(read(bash.image!, '/bash')).toBe('/bin/bash\n');
  });

  it('a nested sh -c and a script get their own $0 and positional parameters', () => {
    const built = run(
      'FROM alpine:3.19\nCOPY --chmod=755 args.sh /args.sh\n' +
        `RUN sh -c 'echo $0 $#' > /out && sh -c 'echo $0 $# $1 $(echo $2)' name one two >> /out && /args.sh a b >> /out && sh /args.sh c >> /out && echo $0 $# >> /out\n`,
      { 'args.sh': '#!/bin/sh\necho "$0 [$#] $1 ${2:-none} $*"\n' },
    );
    expect(built.outcome.error).toBeUndefined();
    expect(read(built.image!, '/out')).toBe('sh 0\nname 2 one two\n/args.sh [2] a b a b\n/args.sh [1] c none c\n/bin/sh 0\n');
  });

  it('apk add installs programs later steps can run', () => {
    const built = run('FROM alpine:3.19\nRUN apk add --no-cache bash curl\nRUN bash -c "echo from bash > /out"\n');
    expect(built.outcome.error).toBeUndefined();
    expect(logs(built).filter((l) => l.startsWith('('))).toEqual([expect.stringMatching(/^\(1\/2\) Installing bash \(\d+\.\d+\.\d+-r0\)$/), expect.stringMatching(/^\(2\/2\) Installing curl /)]);
    expect(read(built.image!, '/out')).toBe('from bash\n');
  });

  it('apt-get install needs apt-get update first, and -y', () => {
    expect(logs(run('FROM debian:bookworm-slim\nRUN apt-get install -y git\n'))).toContain('E: Unable to locate package git');
    const noYes = run('FROM debian:bookworm-slim\nRUN apt-get update && apt-get install git\n');
    expect(noYes.outcome.error!.message).toContain('exit code: 1');
    expect(logs(noYes)).toContain('Do you want to continue? [Y/n] Abort.');
    const ok = run('FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\n');
    expect(ok.outcome.error).toBeUndefined();
    const top = ok.image!.layers[ok.image!.layers.length - 1]!.tree;
    expect(top.stat('/usr/bin/git')?.kind).toBe('file');
    expect(top.stat('/var/lib/apt/lists')?.kind).toBe('dir');
    expect(top.readdir('/var/lib/apt/lists')).toEqual([]);
  });

  it('pip install -r requirements.txt', () => {
    const built = run('FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n', { 'requirements.txt': 'flask==3.0.0\nredis\n' });
    expect(logs(built)).toContainEqual(expect.stringMatching(/^Successfully installed flask-\S+ redis-\S+$/));
    expect(built.image!.layers[built.image!.layers.length - 1]!.tree.stat('/usr/local/lib/python3.12/site-packages/redis/__init__.py')?.kind).toBe('file');
  });

  it('npm ci --only=production leaves devDependencies out and warns as npm 10 does', () => {
    const pkg = JSON.stringify({ name: 'a', version: '1.0.0', dependencies: { express: '^4.19.2' }, devDependencies: { nodemon: '^3.1.0' } });
    const lock = JSON.stringify({ name: 'a', lockfileVersion: 3, packages: { '': {}, 'node_modules/express': { version: '4.19.2' }, 'node_modules/nodemon': { version: '3.1.0', dev: true } } });
    const built = run('FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --only=production\n', { 'package.json': pkg, 'package-lock.json': lock });
    const top = built.image!.layers[built.image!.layers.length - 1]!.tree;
    expect(top.readdir('/app/node_modules')).toEqual(['express']);
    expect(logs(built)[0]).toBe('npm warn config only Use `--omit=dev` to omit dev dependencies from the install.');
    expect(logs(built)).toContain('added 1 package, and audited 2 packages in 1s');
  });

  it('npm ci without a lockfile fails with npm\'s message', () => {
    const built = run('FROM node:20-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\n', { 'package.json': '{"name":"a","version":"1.0.0"}' });
    expect(built.outcome.error!.message).toBe('process "/bin/sh -c npm ci" did not complete successfully: exit code: 1');
    expect(logs(built)).toContain('npm error The `npm ci` command can only install with an existing package-lock.json or');
  });

  it('file utilities, redirections, globs, set -e and exit codes', () => {
    const built = run(
      'FROM busybox:1.36\nRUN mkdir -p /a/b && echo one > /a/b/f && echo two >> /a/b/f && cp -r /a /c && mv /c/b/f /c/g && chmod 600 /c/g && ln -s /c/g /link && rm -rf /a/*\n',
    );
    const top = built.image!.layers[1]!.tree;
    expect(top.readText('/c/g')).toBe('one\ntwo\n');
    expect(top.stat('/c/g')!.mode).toBe(0o600);
    expect(top.lstat('/link')).toMatchObject({ kind: 'symlink', target: '/c/g' });
    expect(top.readdir('/a')).toEqual([]);
    expect(run('FROM busybox:1.36\nRUN exit 3\n').outcome.error!.message).toBe('process "/bin/sh -c exit 3" did not complete successfully: exit code: 3');
    // Without set -e a failing command in a ; list does not stop the script; with it, it does.
    expect(run('FROM busybox:1.36\nRUN false; echo went on\n').outcome.error).toBeUndefined();
    expect(run('FROM busybox:1.36\nRUN set -e; false; echo went on\n').outcome.error!.message).toContain('exit code: 1');
  });

  it('a program the image lacks is sh\'s 127; one it has but Dockyard does not simulate is a note', () => {
    const missing = run('FROM alpine:3.19\nRUN apt-get update\n');
    expect(missing.outcome.error!.message).toBe('process "/bin/sh -c apt-get update" did not complete successfully: exit code: 127');
    expect(logs(missing)).toEqual(['/bin/sh: apt-get: not found']);
    const note = run('FROM golang:1.18-alpine\nRUN go build -o /bin/app .\n');
    expect(note.outcome.error).toBeUndefined();
    expect(logs(note)).toEqual(['dockyard: "go" is not simulated; the command changed nothing']);
  });

  it('set -x traces each command', () => {
    expect(logs(run('FROM busybox:1.36\nRUN set -ex; mkdir -p /a; echo done > /a/f\n'))).toEqual(['+ mkdir -p /a', '+ echo done']);
  });

  it('heredocs run as scripts', () => {
    const built = run('FROM alpine:3.19\nRUN <<EOF\napk update\napk add git\nEOF\n');
    expect(built.outcome.error).toBeUndefined();
    expect(built.ran).toEqual(['[2/2] RUN <<EOF (apk update...)']);
    expect(built.image!.layers[1]!.tree.stat('/usr/bin/git')?.kind).toBe('file');
  });

  it('a RUN in an image without a shell fails as runc does', () => {
    expect(run('FROM scratch\nRUN echo hi\n').outcome.error!.message).toBe(
      'process "/bin/sh -c echo hi" did not complete successfully: runc run failed: unable to start container process: error during container init: exec: "/bin/sh": stat /bin/sh: no such file or directory',
    );
  });
});
