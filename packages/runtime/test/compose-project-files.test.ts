// Which files a project is made of, where it lives and what it is called.

import { describe, expect, it } from 'vitest';
import { loadError, loadFrom } from './support/compose.ts';

const WEB = 'services:\n  web:\n    image: nginx\n';

describe('compose file discovery', () => {
  it('prefers compose.yaml, then compose.yml, docker-compose.yaml, docker-compose.yml', () => {
    const names = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
    for (let i = 0; i < names.length; i++) {
      const files = Object.fromEntries(names.slice(i).map((name) => [`/work/app/${name}`, WEB]));
      const { project, warnings } = loadFrom(files);
      expect(project.configFiles).toEqual([`/work/app/${names[i]}`]);
      if (i < names.length - 1) {
        expect(warnings[0]).toBe(`Found multiple config files with supported names: ${names.slice(i).map((n) => `/work/app/${n}`).join(', ')}`);
        expect(warnings[1]).toBe(`Using /work/app/${names[i]}`);
      }
    }
  });

  it('applies the override file only when no -f is given', () => {
    const files = {
      '/work/app/docker-compose.yml': WEB,
      '/work/app/docker-compose.override.yml': 'services:\n  web:\n    image: nginx:dev\n',
    };
    expect(loadFrom(files).project.configFiles).toEqual(['/work/app/docker-compose.yml', '/work/app/docker-compose.override.yml']);
    expect(loadFrom(files).project.services.web!.image).toBe('nginx:dev');
    expect(loadFrom(files, { files: ['docker-compose.yml'] }).project.services.web!.image).toBe('nginx');
  });

  it('looks in parent directories and takes the project directory from the file', () => {
    const { project } = loadFrom({ '/work/compose.yaml': WEB }, { cwd: '/work/app/src' });
    expect(project.workingDir).toBe('/work');
    expect(project.name).toBe('work');
  });

  it('reads COMPOSE_FILE when no -f is given', () => {
    const files = { '/work/app/a.yml': WEB, '/work/app/b.yml': 'services:\n  web:\n    image: b\n' };
    expect(loadFrom(files, { env: { COMPOSE_FILE: 'a.yml:b.yml' } }).project.services.web!.image).toBe('b');
  });

  it('fails without a file, or with a missing -f file', () => {
    expect(loadError({ '/elsewhere/compose.yaml': WEB })).toBe('no configuration file provided: not found');
    expect(loadError({ '/work/app/compose.yaml': WEB }, { files: ['nope.yml'] })).toBe('open /work/app/nope.yml: no such file or directory');
  });
});

describe('compose project name', () => {
  const files = { '/work/My App/compose.yaml': WEB };
  const cwd = '/work/My App';

  it('comes from the directory, lower-cased and stripped to [a-z0-9_-]', () => {
    expect(loadFrom(files, { cwd }).project.name).toBe('myapp');
    expect(loadFrom({ '/work/_x.y/compose.yaml': WEB }, { cwd: '/work/_x.y' }).project.name).toBe('xy');
  });

  it('takes top-level name: (interpolated) over the directory', () => {
    const named = { '/work/app/compose.yaml': `name: shop-\${ENV}\n${WEB}` };
    expect(loadFrom(named, { env: { ENV: 'Dev' } }).project.name).toBe('shop-dev');
  });

  it('takes COMPOSE_PROJECT_NAME over name:, and -p over both', () => {
    const named = { '/work/app/compose.yaml': `name: fromfile\n${WEB}` };
    expect(loadFrom(named, { env: { COMPOSE_PROJECT_NAME: 'fromenv' } }).project.name).toBe('fromenv');
    expect(loadFrom(named, { env: { COMPOSE_PROJECT_NAME: 'fromenv' }, projectName: 'flag' }).project.name).toBe('flag');
  });

  it('refuses an invalid -p', () => {
    expect(loadError(files, { cwd, projectName: 'My App' })).toBe(
      'invalid project name "My App": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number',
    );
  });

  it('is available to interpolation as COMPOSE_PROJECT_NAME', () => {
    const { project } = loadFrom({ '/work/app/compose.yaml': 'services:\n  web:\n    image: nginx\n    container_name: ${COMPOSE_PROJECT_NAME}-proxy\n' });
    expect(project.services.web!.containerName).toBe('app-proxy');
  });
});
