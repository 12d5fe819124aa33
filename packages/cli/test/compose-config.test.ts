// `docker compose config` as a user types it: flags, output and exit codes.

import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '@dockyard/runtime';
import { composeConfigCommand } from '../src/compose/config.ts';

const FILES = {
  '/work/shop/docker-compose.yml': `version: "3.9"
services:
  web:
    image: nginx:1.25
    depends_on: [api]
  api:
    build: ./api
    environment:
      TOKEN: \${TOKEN}
  debug:
    image: busybox
    profiles: [debug]
volumes:
  data:
`,
  '/work/shop/docker-compose.override.yml': 'services:\n  web:\n    ports: ["8080:80"]\n',
};

const run = (argv: string[], env: Record<string, string> = { TOKEN: 't' }) =>
  composeConfigCommand(argv, { source: new InMemoryFileSource(FILES), cwd: '/work/shop', env });

const VERSION_WARNING =
  'WARN[0000] /work/shop/docker-compose.yml: the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion\n';

describe('docker compose config', () => {
  it('prints the merged model with compose warnings on stderr', () => {
    const result = run(['config']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(VERSION_WARNING);
    expect(result.stdout).toContain('name: shop\nservices:\n  api:\n');
    expect(result.stdout).toContain('        published: "8080"\n');
    expect(result.stdout).not.toContain('debug');
  });

  it('leaves the override out with -f', () => {
    expect(run(['-f', 'docker-compose.yml', 'config']).stdout).not.toContain('published');
  });

  it('lists services in start order, volumes, profiles and images', () => {
    expect(run(['config', '--services']).stdout).toBe('api\nweb\n');
    expect(run(['--profile', 'debug', 'config', '--services']).stdout).toBe('api\ndebug\nweb\n');
    expect(run(['config', '--volumes']).stdout).toBe('data\n');
    expect(run(['config', '--profiles']).stdout).toBe('debug\n');
    expect(run(['config', '--images']).stdout).toBe('shop-api\nnginx:1.25\n');
    expect(run(['-p', 'prod', 'config', '--images']).stdout).toBe('prod-api\nnginx:1.25\n');
  });

  it('prints only named services and their dependencies', () => {
    const { stdout } = run(['config', 'api']);
    expect(stdout).toContain('  api:\n');
    expect(stdout).not.toContain('  web:\n');
    expect(run(['config', 'web']).stdout).toContain('  api:\n');
  });

  it('prints JSON with --format json and nothing with -q', () => {
    const json = JSON.parse(run(['config', '--format', 'json']).stdout);
    expect(Object.keys(json)).toEqual(['name', 'services', 'networks', 'volumes']);
    expect(run(['config', '-q'])).toEqual({ stdout: '', stderr: VERSION_WARNING, exitCode: 0 });
    expect(run(['config', '--format=toml'])).toEqual({ stdout: '', stderr: 'unsupported format "toml"\n', exitCode: 1 });
  });

  it('fails with compose messages: exit code 16 for a mistake on the command line, 1 for the files', () => {
    expect(run(['config', '--bogus'])).toEqual({ stdout: '', stderr: 'unknown flag: --bogus\n', exitCode: 16 });
    expect(run(['-x', 'config'])).toEqual({ stdout: '', stderr: "unknown shorthand flag: 'x' in -x\n", exitCode: 16 });
    expect(run(['-f'])).toEqual({ stdout: '', stderr: "flag needs an argument: 'f' in -f\n", exitCode: 16 });
    expect(run(['-f', 'missing.yml', 'config'])).toEqual({
      stdout: '',
      stderr: 'open /work/shop/missing.yml: no such file or directory\n',
      exitCode: 1,
    });
    const unset = run(['config'], {});
    expect(unset.exitCode).toBe(0);
    expect(unset.stderr).toBe(`WARN[0000] The "TOKEN" variable is not set. Defaulting to a blank string.\n${VERSION_WARNING}`);
  });
});
