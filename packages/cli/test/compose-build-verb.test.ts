// `docker compose build`: each service's build section goes to the image builder — context,
// dockerfile, target and args — and the image is tagged `<project>-<service>`. BuildKit's steps are
// on stdout and `<service>  Built` on the progress display; a second build is all cache hits, and
// --build-arg overrides the file's args (a changed RUN, so that step runs again).
import { describe, expect, it } from 'vitest';
import { composeSandbox } from './support/compose-sandbox.ts';

const FILES = {
  'compose.yaml': `services:
  tool:
    build:
      context: ./tool
      dockerfile: Containerfile
      target: dev
      args:
        GREETING: from-compose
  other:
    image: busybox
`,
  'tool/Containerfile': `FROM alpine AS base
ARG GREETING=hello
RUN echo "$GREETING" > /greeting
FROM base AS dev
CMD ["cat", "/greeting"]
FROM base AS prod
RUN echo never > /prod
CMD ["echo", "prod"]
`,
};

describe('docker compose build', () => {
  it('builds with the context, dockerfile, target and args of the file, then from the cache', () => {
    const { dockyard } = composeSandbox('kit', FILES);
    const build = dockyard('docker', 'compose', 'build');
    expect(build.status).toBe(0);
    expect(build.stdout).toContain('#1 [tool internal] load build definition from Containerfile\n');
    expect(build.stdout).toContain('[tool base 2/2] RUN echo "$GREETING" > /greeting\n');
    // The target stops at dev: prod's RUN is not built.
    expect(build.stdout).not.toContain('never');
    expect(build.stdout).toContain('naming to docker.io/library/kit-tool:latest done\n');
    expect(build.stderr).toBe(' tool  Built\n');
    expect(dockyard('docker', 'compose', 'run', '--rm', 'tool').stdout).toBe('from-compose\n');

    const again = dockyard('docker', 'compose', 'build', 'tool');
    expect(again.stdout).toMatch(/\[tool base 2\/2\] RUN echo "\$GREETING" > \/greeting\n#\d+ CACHED\n/);

    const overridden = dockyard('docker', 'compose', 'build', '--build-arg', 'GREETING=from-the-flag');
    expect(overridden.stdout).not.toMatch(/RUN echo "\$GREETING" > \/greeting\n#\d+ CACHED\n/);
    expect(dockyard('docker', 'compose', 'run', '--rm', 'tool').stdout).toBe('from-the-flag\n');

    expect(dockyard('docker', 'compose', 'build', 'nope')).toMatchObject({ status: 1, stderr: 'no such service: nope\n' });
  }, 60_000);
});
