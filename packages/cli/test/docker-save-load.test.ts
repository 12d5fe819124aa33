// docker save writes an OCI image layout that skopeo (Debian's, an independent implementation)
// reads; docker load reads it back; damaged and oversized archives are refused and change nothing.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';
import { ensureSkopeo } from './support/skopeo.ts';

describe('docker save and docker load', () => {
  const { dir, dockyard } = sandbox();
  beforeAll(() => {
    dockyard('init', '--clock', 'manual');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM busybox:1.36\nRUN echo hello > /greeting\nCMD ["cat", "/greeting"]\n');
    expect(dockyard('docker', 'build', '-t', 'my-app:1.0', '.').status).toBe(0);
  });

  it('saves, removes and loads back the same image', () => {
    const id = dockyard('docker', 'images', '-q', '--no-trunc').stdout.trim();
    expect(dockyard('docker', 'save', '-o', 'app.tar', 'my-app:1.0')).toMatchObject({ status: 0, stdout: '' });
    expect(dockyard('docker', 'rmi', 'my-app:1.0').stdout).toBe(`Untagged: my-app:1.0\nDeleted: ${id}\n`);
    expect(dockyard('docker', 'images', '-q').stdout).toBe('');
    expect(dockyard('docker', 'load', '-i', 'app.tar')).toMatchObject({ status: 0, stdout: 'Loaded image: my-app:1.0\n' });
    expect(dockyard('docker', 'images', '-q', '--no-trunc').stdout.trim()).toBe(id);
  });

  it('the archive is an OCI layout skopeo can inspect', (context) => {
    dockyard('docker', 'save', '-o', 'app.tar', 'my-app:1.0');
    const skopeo = ensureSkopeo();
    if ('skip' in skopeo) {
      console.warn(skopeo.skip);
      context.skip();
      return;
    }
    const info = JSON.parse(execFileSync(skopeo.path, ['inspect', `oci-archive:${join(dir, 'app.tar')}:1.0`], { encoding: 'utf8' }));
    const inspect = JSON.parse(dockyard('docker', 'image', 'inspect', 'my-app:1.0').stdout)[0];
    expect(info.Layers).toEqual(inspect.RootFS.Layers);
    expect(info.Architecture).toBe('amd64');
    expect(info.Os).toBe('linux');
    const config = JSON.parse(execFileSync(skopeo.path, ['inspect', '--config', `oci-archive:${join(dir, 'app.tar')}:1.0`], { encoding: 'utf8' }));
    expect(config.config.Cmd).toEqual(['cat', '/greeting']);
  });

  it('refuses a damaged archive and keeps nothing', () => {
    const archive = readFileSync(join(dir, 'app.tar'));
    writeFileSync(join(dir, 'cut.tar'), archive.subarray(0, 3000));
    dockyard('docker', 'rmi', 'my-app:1.0');
    const cut = dockyard('docker', 'load', '-i', 'cut.tar');
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/^Error response from daemon: /);
    writeFileSync(join(dir, 'junk.tar'), 'not a tar archive\n'.repeat(100));
    expect(dockyard('docker', 'load', '-i', 'junk.tar').stderr).toBe('Error response from daemon: archive/tar: invalid tar header\n');
    expect(dockyard('docker', 'images', '-q').stdout).toBe('');
  });

  it('refuses an archive too large to load', () => {
    const path = join(dir, 'huge.tar');
    closeSync(openSync(path, 'w'));
    truncateSync(path, 5 * 1024 ** 3);
    expect(dockyard('docker', 'load', '-i', 'huge.tar')).toMatchObject({
      status: 1,
      stderr: 'Error response from daemon: archive huge.tar is too large (5.37GB); Dockyard loads archives up to 2.15GB\n',
    });
  });
});

describe('the Dockerfile linter', () => {
  it('docker build --check and dockyard docker lint report the tutorial\'s practices', () => {
    const { dir, dockyard } = sandbox();
    writeFileSync(
      join(dir, 'Dockerfile'),
      'FROM node:latest\nARG NPM_TOKEN\nWORKDIR /app\nADD . .\nRUN npm ci\nCMD node server.js\n',
    );
    const lint = dockyard('docker', 'lint', 'Dockerfile');
    expect(lint.status).toBe(1);
    const warnings = lint.stdout.split('\n').filter((l) => l.startsWith('WARNING: '));
    expect(warnings).toEqual([
      'WARNING: UnpinnedBaseImage',
      'WARNING: SecretsUsedInArgOrEnv - https://docs.docker.com/go/dockerfile/rule/secrets-used-in-arg-or-env/',
      'WARNING: CopyBeforeInstall',
      'WARNING: PreferCopyOverAdd',
      'WARNING: JSONArgsRecommended - https://docs.docker.com/go/dockerfile/rule/json-args-recommended/',
      'WARNING: RootUser',
    ]);
    expect(lint.stdout.startsWith('Check complete, 6 warnings have been found!\n')).toBe(true);
    expect(lint.stdout).toContain('Dockerfile:6\n--------------------\n   4 |     ADD . .\n   5 |     RUN npm ci\n   6 | >>> CMD node server.js\n   7 |     \n--------------------\nFix: write CMD ["node", "server.js"]\n');
    dockyard('init', '--clock', 'manual');
    expect(dockyard('docker', 'build', '--check', '.').stdout).toBe(lint.stdout);
  });
});
