// Every real project of the shared corpus loads and prints; the files they lack (secrets, nginx
// confs) are not `config`'s business, as with docker compose, but the pre-run check names them.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeConfigOutput, findMissingHostPaths, InMemoryFileSource, loadComposeProject } from '../src/index.ts';
import { CORPUS, diskSource } from './support/compose.ts';

const projects = readdirSync(CORPUS).sort();
const load = (name: string) => loadComposeProject({ source: diskSource, cwd: join(CORPUS, name), env: { HOME: '/home/user' } });
const bindMissing = (path: string) => `Error response from daemon: invalid mount config for type "bind": bind source path does not exist: ${path}`;

// What each project lacks, as docker compose up would report it.
const MISSING: Record<string, [string, string, string][]> = {
  'nginx-flask-mysql': [
    ['backend', 'secret', 'nginx-flask-mysql/db/password.txt'],
    ['db', 'secret', 'nginx-flask-mysql/db/password.txt'],
  ],
  'nginx-golang-postgres': [
    ['backend', 'secret', 'nginx-golang-postgres/db/password.txt'],
    ['db', 'secret', 'nginx-golang-postgres/db/password.txt'],
    ['proxy', 'bind mount', 'nginx-golang-postgres/proxy/nginx.conf'],
  ],
  'react-java-mysql': [
    ['backend', 'secret', 'react-java-mysql/db/password.txt'],
    ['db', 'secret', 'react-java-mysql/db/password.txt'],
  ],
  'spring-postgres': [['db', 'secret', 'spring-postgres/db/password.txt']],
};

describe('the compose corpus', () => {
  it('has the twelve projects', () => {
    expect(projects).toHaveLength(12);
  });

  it.each(projects)('%s validates and config prints it, reading back the same', (name) => {
    const { project } = load(name);
    const output = composeConfigOutput(project);
    expect(output.startsWith(`name: ${name}\nservices:\n`)).toBe(true);
    const files = { [join(CORPUS, name, 'compose.yaml')]: output };
    const again = loadComposeProject({ source: new InMemoryFileSource(files), cwd: join(CORPUS, name), env: { HOME: '/home/user' } });
    expect(composeConfigOutput(again.project)).toBe(output);
  });

  it.each(projects)('%s: the pre-run check names each missing file', (name) => {
    const missing = findMissingHostPaths(load(name).project, diskSource);
    const expected = (MISSING[name] ?? []).map(([service, kind, path]) => ({
      service,
      kind,
      path: join(CORPUS, path),
      message: bindMissing(join(CORPUS, path)),
    }));
    expect(missing).toEqual(expected);
  });

  it('names a missing build context and Dockerfile with the builder message', () => {
    const source = new InMemoryFileSource({
      '/p/compose.yaml': 'services:\n  a:\n    build: ./gone\n  b:\n    build: ./here\n',
      '/p/here/README': '',
    });
    const { project } = loadComposeProject({ source, cwd: '/p' });
    expect(findMissingHostPaths(project, source).map((m) => m.message)).toEqual([
      'unable to prepare context: path "/p/gone" not found',
      'failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory',
    ]);
  });
});
