// Tutorial sections 2 and 3 as a user types them, with the real dockyard executable and a real
// directory as the build context: pull, build, images, history, tag, push, the cache after an
// edit, and docker's errors.
import { appendFileSync, cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Run, sandbox } from './support/run-dockyard.ts';

const EXAMPLES = join(import.meta.dirname, '../../../examples');

describe('tutorial section 2: images, registries and layers', () => {
  const { dir, dockyard } = sandbox();
  let build: Run;
  beforeAll(() => {
    cpSync(join(EXAMPLES, 'dockerfile-cache'), dir, { recursive: true });
    dockyard('init', '--clock', 'manual');
  });

  it('docker pull nginx:1.25', () => {
    const pull = dockyard('docker', 'pull', 'nginx:1.25');
    expect(pull.status).toBe(0);
    const lines = pull.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('1.25: Pulling from library/nginx');
    expect(lines.filter((l) => /^[0-9a-f]{12}: Pull complete$/.test(l))).toHaveLength(7);
    expect(lines.slice(-3)).toEqual([expect.stringMatching(/^Digest: sha256:[0-9a-f]{64}$/), 'Status: Downloaded newer image for nginx:1.25', 'docker.io/library/nginx:1.25']);
    const again = dockyard('docker', 'pull', 'nginx:1.25').stdout.split('\n');
    expect(again[2]).toBe('Status: Image is up to date for nginx:1.25');
  });

  it('docker build -t my-app:1.0 .', () => {
    build = dockyard('docker', 'build', '-t', 'my-app:1.0', '.');
    expect(build.status).toBe(0);
    expect(build.stderr).toContain('#0 building with "default" instance using docker driver\n\n#1 [internal] load build definition from Dockerfile\n#1 transferring dockerfile: 191B done\n#1 DONE 0.0s\n');
    expect(build.stderr).toContain('#2 [internal] load metadata for docker.io/library/node:20-alpine\n');
    expect(build.stderr).toMatch(/#\d+ \[3\/5\] COPY package.json package-lock.json \.\/\n#\d+ DONE 0\.\ds\n/);
    expect(build.stderr).toMatch(/#\d+ \[4\/5\] RUN npm ci\n(#\d+ \d+\.\d{3} .*\n)*#\d+ \d+\.\d{3} added 92 packages, and audited 93 packages in \ds\n/);
    expect(build.stderr).toMatch(/#\d+ writing image sha256:[0-9a-f]{64} done\n#\d+ naming to docker\.io\/library\/my-app:1\.0 done\n/);
  });

  it('docker images', () => {
    dockyard('advance', '30s');
    const images = dockyard('docker', 'images').stdout.split('\n');
    expect(images[0]).toBe('REPOSITORY   TAG       IMAGE ID       CREATED          SIZE');
    expect(images[1]).toMatch(/^my-app       1\.0       [0-9a-f]{12}   30 seconds ago   1\d\dMB$/);
    expect(images[2]).toMatch(/^nginx        1\.25      [0-9a-f]{12}   7 months ago     188MB$/);
  });

  it('docker history my-app:1.0', () => {
    const rows = dockyard('docker', 'history', 'my-app:1.0').stdout.split('\n');
    expect(rows[0]).toBe('IMAGE          CREATED          CREATED BY                                      SIZE      COMMENT');
    expect(rows[1]).toMatch(/^[0-9a-f]{12}   \d+ seconds ago   CMD \["node" "src\/server\.js"\]                    0B        buildkit\.dockerfile\.v0$/);
    expect(rows[2]).toMatch(/^<missing>      \d+ seconds ago   EXPOSE map\[3000\/tcp:\{\}\]                         0B        buildkit\.dockerfile\.v0$/);
    expect(rows.find((r) => r.includes('RUN /bin/sh -c npm ci # buildkit'))).toMatch(/  24\.7MB  /);
    expect(rows.find((r) => r.includes('COPY package.json'))).toContain('COPY package.json package-lock.json ./ # bui…');
  });

  it('docker tag and docker push to registry.example.com, then again: Layer already exists', () => {
    expect(dockyard('docker', 'tag', 'my-app:1.0', 'registry.example.com/my-app:1.0')).toMatchObject({ status: 0, stdout: '' });
    const push = dockyard('docker', 'push', 'registry.example.com/my-app:1.0');
    expect(push.status).toBe(0);
    const lines = push.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('The push refers to repository [registry.example.com/my-app]');
    expect(lines.filter((l) => /^[0-9a-f]{12}: Pushed$/.test(l))).toHaveLength(8);
    expect(lines.at(-1)).toMatch(/^1\.0: digest: sha256:[0-9a-f]{64} size: \d{4}$/);
    const again = dockyard('docker', 'push', 'registry.example.com/my-app:1.0').stdout;
    expect(again.split('\n').filter((l) => l.endsWith(': Layer already exists'))).toHaveLength(8);
  });

  it('docker login, then docker push to Docker Hub mounts the base image\'s layers', () => {
    dockyard('docker', 'tag', 'my-app:1.0', 'someone/my-app:1.0');
    const denied = dockyard('docker', 'push', 'someone/my-app:1.0');
    expect(denied).toMatchObject({ status: 1, stderr: 'denied: requested access to the resource is denied\n' });
    expect(dockyard('docker', 'login', '-u', 'someone', '-p', 'secret')).toMatchObject({
      status: 0,
      stdout: 'Login Succeeded\n',
      stderr: 'WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n',
    });
    const push = dockyard('docker', 'push', 'someone/my-app:1.0').stdout.split('\n');
    expect(push[0]).toBe('The push refers to repository [docker.io/someone/my-app]');
    // The base image's layers are on Docker Hub already (the alpine one in library/nginx too).
    expect(push.filter((l) => /: Mounted from library\/(node|nginx)$/.test(l))).toHaveLength(4);
    expect(push.filter((l) => l.endsWith(': Pushed'))).toHaveLength(4);
    expect(dockyard('docker', 'logout').stdout).toBe('Removing login credentials for https://index.docker.io/v1/\n');
  });

  it('after editing a source file only COPY . . runs again', () => {
    appendFileSync(join(dir, 'src/server.js'), '// edited\n');
    const rebuild = dockyard('docker', 'build', '-t', 'my-app:1.1', '.');
    expect(rebuild.stderr).toMatch(/#\d+ \[4\/5\] RUN npm ci\n#\d+ CACHED\n/);
    expect(rebuild.stderr).toMatch(/#\d+ \[5\/5\] COPY \. \.\n#\d+ DONE/);
    const bad = dockyard('docker', 'build', '-t', 'my-app:bad', '-f', 'Dockerfile.bad', '.');
    appendFileSync(join(dir, 'src/server.js'), '// edited again\n');
    const badAgain = dockyard('docker', 'build', '-t', 'my-app:bad', '-f', 'Dockerfile.bad', '.');
    expect(bad.status).toBe(0);
    expect(badAgain.stderr).toMatch(/#\d+ \[4\/4\] RUN npm ci\n#\d+ \d+\.\d{3} /);
  });

  it('refuses what Docker Hub refuses, in docker\'s words', () => {
    expect(dockyard('docker', 'pull', 'nginx:1.161')).toMatchObject({ status: 1, stderr: 'Error response from daemon: manifest for nginx:1.161 not found: manifest unknown: manifest unknown\n' });
    expect(dockyard('docker', 'pull', 'registry.example.com/my-app:9.9').stderr).toBe('Error response from daemon: manifest for registry.example.com/my-app:9.9 not found: manifest unknown: manifest unknown\n');
    expect(dockyard('docker', 'history', 'nope:1').stderr).toBe('Error response from daemon: No such image: nope:1\n');
    expect(dockyard('docker', 'build', '--nope', '.')).toMatchObject({ status: 125, stderr: "unknown flag: --nope\nSee 'docker build --help'.\n" });
    expect(dockyard('docker', 'build', '-t', 'My-App:1', '.')).toMatchObject({ status: 1, stderr: 'ERROR: invalid tag "My-App:1": repository name must be lowercase\n' });
  });

  it('docker build shows a failing step the way BuildKit does', () => {
    const failing = sandbox();
    failing.dockyard('init', '--clock', 'manual');
    writeFileSync(join(failing.dir, 'Dockerfile'), 'FROM alpine:3.19\nRUN echo starting && false\nCMD ["sh"]\n');
    const result = failing.dockyard('docker', 'build', '-t', 'broken', '.');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /#\d+ \[2\/2\] RUN echo starting && false\n#\d+ 0\.\d{3} starting\n#\d+ ERROR: process "\/bin\/sh -c echo starting && false" did not complete successfully: exit code: 1\n------\n > \[2\/2\] RUN echo starting && false:\n#\d+ 0\.\d{3} starting\n------\nDockerfile:2\n--------------------\n   1 \|     FROM alpine:3\.19\n   2 \| >>> RUN echo starting && false\n   3 \|     CMD \["sh"\]\n   4 \|     \n--------------------\nERROR: failed to solve: process "\/bin\/sh -c echo starting && false" did not complete successfully: exit code: 1\n$/,
    );
    expect(failing.dockyard('docker', 'images').stdout).toBe('REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n');
  });

  it('a successful build lists what BuildKit\'s own checks found', () => {
    const checked = sandbox();
    checked.dockyard('init', '--clock', 'manual');
    writeFileSync(join(checked.dir, 'Dockerfile'), 'FROM alpine:3.19\nCMD echo "Hello, world!"\n');
    const result = checked.dockyard('docker', 'build', '.');
    expect(result.status).toBe(0);
    expect(result.stderr.endsWith('\n 1 warning found (use docker --debug to expand):\n - JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 2)\n')).toBe(true);
  });
});
