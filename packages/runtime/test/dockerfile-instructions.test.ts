// What each instruction does to the image configuration and history, as BuildKit records it.
import { describe, expect, it } from 'vitest';
import { FileTree, packTar } from '../src/index.ts';
import { buildImage, memoryContext, newWorld } from './support/images.ts';

describe('metadata instructions', () => {
  const dockerfile = [
    'FROM alpine:3.19',
    'ARG APP=web',
    'ENV PORT=8080 APP_NAME=${APP}-app',
    'LABEL org.opencontainers.image.title="my app" version=1',
    'EXPOSE $PORT 9090/udp',
    'VOLUME ["/data"]',
    'STOPSIGNAL SIGTERM',
    'HEALTHCHECK --interval=5s --timeout=3s --retries=2 CMD wget -q -O- http://localhost:$PORT/healthz || exit 1',
    'SHELL ["/bin/ash", "-c"]',
    'WORKDIR /srv',
    'WORKDIR app',
    'USER nobody',
    'ENTRYPOINT exec /srv/app/run',
  ].join('\n');
  const { image } = buildImage(newWorld(), dockerfile, memoryContext({}));

  it('edit the configuration', () => {
    const c = image!.config;
    expect(c.Env).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'PORT=8080', 'APP_NAME=web-app']);
    expect(c.Labels).toEqual({ 'org.opencontainers.image.title': 'my app', version: '1' });
    expect(c.ExposedPorts).toEqual({ '8080/tcp': {}, '9090/udp': {} });
    expect(c.Volumes).toEqual({ '/data': {} });
    expect(c.StopSignal).toBe('SIGTERM');
    expect(c.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'wget -q -O- http://localhost:$PORT/healthz || exit 1'], Interval: 5e9, Timeout: 3e9, Retries: 2 });
    expect(c.Shell).toEqual(['/bin/ash', '-c']);
    expect(c.WorkingDir).toBe('/srv/app');
    expect(c.User).toBe('nobody');
    // Shell-form ENTRYPOINT runs under SHELL, and it clears the CMD alpine set.
    expect(c.Entrypoint).toEqual(['/bin/ash', '-c', 'exec /srv/app/run']);
    expect(c.Cmd).toBeUndefined();
  });

  it('are recorded in the history as empty layers, BuildKit\'s way', () => {
    const ours = image!.history.slice(2).map((h) => [h.created_by, h.empty_layer ?? false]);
    expect(ours).toEqual([
      ['ARG APP=web', true],
      ['ENV PORT=8080 APP_NAME=web-app', true],
      ['LABEL org.opencontainers.image.title=my app version=1', true],
      ['EXPOSE map[8080/tcp:{} 9090/udp:{}]', true],
      ['VOLUME [/data]', true],
      ['STOPSIGNAL SIGTERM', true],
      ['HEALTHCHECK &{["CMD-SHELL" "wget -q -O- http://localhost:$PORT/healthz || exit 1"] "5s" "3s" "0s" "0s" \'\\x02\'}', true],
      ['SHELL [/bin/ash -c]', true],
      ['WORKDIR /srv', true], // alpine has /srv already: an empty diff
      ['WORKDIR /srv/app', false],
      ['USER nobody', true],
      ['ENTRYPOINT ["/bin/ash" "-c" "exec /srv/app/run"]', true],
    ]);
  });
});

describe('ARG before FROM', () => {
  it('picks the base image, and --build-arg overrides it', () => {
    const dockerfile = 'ARG TAG=20-alpine\nFROM node:${TAG}\nARG TAG\nRUN echo $TAG > /v\n';
    const world = newWorld();
    const first = buildImage(world, dockerfile, memoryContext({}));
    expect(first.outcome.progress.vertices.map((v) => v.name)).toContain('[internal] load metadata for docker.io/library/node:20-alpine');
    expect(first.image!.layers.at(-1)!.tree.readText('/v')).toBe('20-alpine\n');
    const other = buildImage(world, dockerfile, memoryContext({}), { buildArgs: { TAG: '18-alpine' } });
    expect(other.outcome.progress.vertices.map((v) => v.name)).toContain('[internal] load metadata for docker.io/library/node:18-alpine');
    expect(other.image!.layers.at(-1)!.tree.readText('/v')).toBe('18-alpine\n');
  });

  it('an ENV of the same name wins over the ARG, even one the base image set (node sets NODE_VERSION)', () => {
    const { image } = buildImage(newWorld(), 'FROM node:20-alpine\nARG NODE_VERSION=99\nRUN echo $NODE_VERSION > /v\n', memoryContext({}));
    expect(image!.layers.at(-1)!.tree.readText('/v')).toBe('20.18.1\n');
  });
});

describe('COPY and ADD', () => {
  it('COPY --chown and --chmod, globs, a directory\'s contents, heredocs', () => {
    const dockerfile = 'FROM node:20-alpine\nWORKDIR /app\nCOPY --chown=node:node --chmod=640 package*.json ./\nCOPY src/ ./lib/\nCOPY <<EOF /app/motd\nhello\nEOF\n';
    const { image, outcome } = buildImage(newWorld(), dockerfile, memoryContext({ 'package.json': '{}', 'package-lock.json': '{}', 'src/a.js': 'a', 'src/b/c.js': 'c' }));
    expect(outcome.error).toBeUndefined();
    const [copy, dir, heredoc] = image!.layers.slice(-3).map((l) => l.tree);
    expect(copy!.stat('/app/package-lock.json')).toMatchObject({ uid: 1000, gid: 1000, mode: 0o640 });
    expect(dir!.readText('/app/lib/b/c.js')).toBe('c');
    expect(dir!.stat('/app/lib/a.js')).toMatchObject({ uid: 0, gid: 0 });
    expect(heredoc!.readText('/app/motd')).toBe('hello\n');
  });

  it('ADD unpacks a local tar archive and copies other files', () => {
    const tar = packTar([
      { header: { path: 'opt/tool', type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 } },
      { header: { path: 'opt/tool/run.sh', type: 'file', mode: 0o755, uid: 0, gid: 0, size: 8 }, content: new TextEncoder().encode('echo hi\n') },
    ]);
    const context = memoryContext({ 'notes.txt': 'n' });
    context.tree.writeFile('/tool.tar', tar);
    const { image } = buildImage(newWorld(), 'FROM alpine:3.19\nADD tool.tar /\nADD notes.txt /notes/\n', context);
    const [unpacked, copied] = image!.layers.slice(-2).map((l) => l.tree);
    expect(unpacked!.readText('/opt/tool/run.sh')).toBe('echo hi\n');
    expect(unpacked!.stat('/tool.tar')).toBeUndefined();
    expect(copied!.readText('/notes/notes.txt')).toBe('n');
  });

  it('COPY --chown of an unknown user fails', () => {
    const { outcome } = buildImage(newWorld(), 'FROM alpine:3.19\nCOPY --chown=ghost a /a\n', memoryContext({ a: 'a' }));
    expect(outcome.error!.message).toBe("unable to convert uid/gid chown string to host mapping: can't find uid for user ghost: no such user: ghost");
  });

  it('deleting a base image file leaves an OCI whiteout in the layer', () => {
    const { image } = buildImage(newWorld(), 'FROM alpine:3.19\nRUN rm /etc/alpine-release\n', memoryContext({}));
    const top = image!.layers[image!.layers.length - 1]!.tree as FileTree;
    expect(top.readdir('/etc')).toEqual(['.wh.alpine-release']);
  });
});
