// Interpolation of ${VAR} forms in compose files, with compose-go's rules, warnings and errors.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadError, loadFrom, loadYaml } from './support/compose.ts';

function image(template: string, env: Record<string, string>) {
  const { project, warnings } = loadYaml(`services:\n  web:\n    image: "${template}"\n`, { env });
  return { value: project.services.web!.image, warnings };
}

describe('compose interpolation', () => {
  const env = { SET: 'nginx', EMPTY: '' };

  it.each([
    ['${SET}', 'nginx'],
    ['$SET:1.25', 'nginx:1.25'],
    ['${SET}:1.25', 'nginx:1.25'],
    ['${UNSET:-busybox}', 'busybox'],
    ['${EMPTY:-busybox}', 'busybox'],
    ['${SET:-busybox}', 'nginx'],
    ['${UNSET-busybox}', 'busybox'],
    ['${EMPTY-busybox}x', 'x'],
    ['${SET:+alpine}', 'alpine'],
    ['${EMPTY:+alpine}x', 'x'],
    ['${EMPTY+alpine}', 'alpine'],
    ['${UNSET+alpine}x', 'x'],
    ['${SET:?must be set}', 'nginx'],
    ['${EMPTY?may be empty}x', 'x'],
    ['a$$b', 'a$b'],
    ['$${SET}', '${SET}'],
    ['${UNSET:-${SET}}:latest', 'nginx:latest'],
  ])('%s → %s', (template, expected) => {
    const { value, warnings } = image(template, env);
    expect(value).toBe(expected);
    expect(warnings).toEqual([]);
  });

  it('warns once per missing variable and uses a blank string', () => {
    const { project, warnings } = loadYaml('services:\n  web:\n    image: "nginx${TAG}"\n    environment:\n      A: "${TAG}"\n', {
      env: {},
    });
    expect(project.services.web!.image).toBe('nginx');
    expect(warnings).toEqual(['The "TAG" variable is not set. Defaulting to a blank string.']);
  });

  it('fails a :? variable with compose message naming the field', () => {
    expect(loadError({ '/work/app/compose.yaml': 'services:\n  web:\n    image: "${IMAGE:?set IMAGE first}"\n' })).toBe(
      'invalid interpolation format for services.web.image.\nYou may need to escape any $ with another $.\n' +
        'required variable IMAGE is missing a value: set IMAGE first',
    );
    expect(loadError({ '/work/app/compose.yaml': 'services:\n  web:\n    image: "${IMAGE:?}"\n' }, { env: { IMAGE: '' } })).toContain(
      'required variable IMAGE is missing a value: ',
    );
  });

  it('names list items as [] in the path, as compose does', () => {
    const message = loadError({
      '/work/app/compose.yaml': 'services:\n  web:\n    image: nginx\n    environment:\n      - PASSWORD=${PASSWORD?no password}\n',
    });
    expect(message.split('\n')[0]).toBe('invalid interpolation format for services.web.environment.[].');
  });

  it('refuses a malformed template', () => {
    expect(loadError({ '/work/app/compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG"\n' })).toBe(
      'invalid interpolation format for services.web.image.\nYou may need to escape any $ with another $.\nnginx:${TAG',
    );
    expect(loadError({ '/work/app/compose.yaml': 'services:\n  web:\n    image: "cost: $5"\n' })).toContain('\ncost: $5');
  });

  it('casts interpolated numbers and booleans where the schema wants them', () => {
    const { project } = loadYaml(
      'services:\n  web:\n    image: nginx\n    deploy:\n      replicas: ${N}\n    tty: ${TTY}\n    healthcheck:\n      retries: ${R}\n',
      { env: { N: '3', TTY: 'yes', R: '7' } },
    );
    expect(project.services.web!.replicas).toBe(3);
    expect(project.services.web!.tty).toBe(true);
    expect(project.services.web!.healthcheck!.retries).toBe(7);
    expect(loadError({ '/work/app/compose.yaml': 'services:\n  web:\n    image: nginx\n    deploy:\n      replicas: ${N}\n' }, { env: { N: 'two' } })).toBe(
      'error while interpolating services.web.deploy.replicas:\nfailed to cast to expected type: strconv.Atoi: parsing "two": invalid syntax',
    );
  });

  it('takes variables from .env, the caller environment winning', () => {
    const files = {
      '/work/app/compose.yaml': 'services:\n  web:\n    image: "${IMAGE}:${TAG}"\n',
      '/work/app/.env': 'IMAGE=redis\nTAG=7-alpine\n',
    };
    expect(loadFrom(files).project.services.web!.image).toBe('redis:7-alpine');
    expect(loadFrom(files, { env: { TAG: 'latest' } }).project.services.web!.image).toBe('redis:latest');
  });

  it('leaves text without $ unchanged and reads $$ as one $ (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => /^[ -~]+$/.test(s) && !/["\\]/.test(s)), (text) => {
        const escaped = text.replace(/\$/g, '$$$$');
        expect(image(escaped, {}).value).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
