// Compose files checked against compose-spec.json, with docker compose v2's wording: the file, the
// path of the bad field and what is wrong with it.

import { describe, expect, it } from 'vitest';
import { loadError, loadYaml } from './support/compose.ts';

const FILE = '/work/app/compose.yaml';
const error = (yaml: string) => loadError({ [FILE]: yaml });

describe('compose file validation', () => {
  it.each([
    ['services:\n  web:\n    image: nginx\n    buidl: .\n', 'services.web Additional property buidl is not allowed'],
    ['foo: 1\nservices:\n  web:\n    image: nginx\n', '(root) Additional property foo is not allowed'],
    ['services:\n  app:\n    image: nginx\n    ports:\n      - true\n', 'services.app.ports.0 must be a number'],
    ['services:\n  app:\n    image: nginx\n    environment: 3\n', 'services.app.environment must be a mapping'],
    ['services:\n  app:\n    image: nginx\n    restart: [always]\n', 'services.app.restart must be a string'],
    ['services:\n  app:\n    image: nginx\n    volumes:\n      - source: data\n        target: /data\n', 'services.app.volumes.0 type is required'],
    ['services:\n  app:\n    build:\n      context: .\n      targte: dev\n', 'services.app.build Additional property targte is not allowed'],
    ['services:\n  "my app":\n    image: nginx\n', 'services Additional property my app is not allowed'],
    // gojsonschema's enum message starts with the field, so compose names it twice.
    [
      'services:\n  app:\n    image: nginx\n    depends_on:\n      db:\n        condition: service_ready\n  db:\n    image: postgres\n',
      'services.app.depends_on.db.condition services.app.depends_on.db.condition must be one of the following: "service_started", "service_healthy", "service_completed_successfully"',
    ],
  ])('%j', (yaml, message) => {
    expect(error(yaml)).toBe(`validating ${FILE}: ${message}`);
  });

  it('names the file of the -f chain that is wrong', () => {
    const message = loadError(
      { '/work/app/a.yml': 'services:\n  web:\n    image: nginx\n', '/work/app/b.yml': 'services:\n  web:\n    imgae: nginx\n' },
      { files: ['a.yml', 'b.yml'] },
    );
    expect(message).toBe('validating /work/app/b.yml: services.web Additional property imgae is not allowed');
  });

  it('gives the file, line and column of a YAML syntax error', () => {
    expect(error('services:\n  web:\n    image: nginx\n   ports: ["80:80"]\n')).toBe(
      'yaml: /work/app/compose.yaml: line 4, column 1: All mapping items must start at the same column',
    );
    expect(error('services:\n  web:\n    image: nginx\n    image: redis\n')).toBe(
      'yaml: /work/app/compose.yaml: line 4, column 5: Map keys must be unique',
    );
  });

  it('refuses files that are empty or not a mapping', () => {
    expect(error('')).toBe('empty compose file');
    expect(error('- web\n')).toBe('top-level object must be a mapping');
  });

  it('accepts the obsolete version key with compose warning', () => {
    const { warnings } = loadYaml('version: "3.9"\nservices:\n  web:\n    image: nginx\n');
    expect(warnings).toEqual([
      '/work/app/compose.yaml: the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion',
    ]);
  });

  it('checks the model is consistent', () => {
    expect(error('services:\n  web:\n    restart: always\n')).toBe(
      'service "web" has neither an image nor a build context specified: invalid compose project',
    );
    expect(error('services:\n  web:\n    image: nginx\n    networks: [front]\n')).toBe(
      'service "web" refers to undefined network front: invalid compose project',
    );
    expect(error('services:\n  web:\n    image: nginx\n    volumes: ["data:/data"]\n')).toBe(
      'service "web" refers to undefined volume data: invalid compose project',
    );
    expect(error('services:\n  web:\n    image: nginx\n    secrets: [token]\n')).toBe(
      'service "web" refers to undefined secret token: invalid compose project',
    );
    expect(error('services:\n  web:\n    image: nginx\n    healthcheck:\n      test: ["curl", "localhost"]\n')).toBe(
      'healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"',
    );
    expect(error('services:\n  web:\n    image: nginx\n    scale: 2\n    deploy:\n      replicas: 3\n')).toBe(
      "services.web: can't set distinct values on 'scale' and 'deploy.replicas'",
    );
  });

  it('reports bad short syntax with the field', () => {
    expect(error('services:\n  web:\n    image: nginx\n    ports: ["80:http"]\n')).toBe('services.web.ports: invalid containerPort: http');
    expect(error('services:\n  web:\n    image: nginx\n    volumes: ["a:b:c:d"]\n')).toBe('services.web.volumes: invalid spec: a:b:c:d: too many colons');
    expect(error('services:\n  web:\n    image: nginx\n    healthcheck:\n      interval: 10\n')).toBe(
      'validating /work/app/compose.yaml: services.web.healthcheck.interval must be a string',
    );
    expect(error('services:\n  web:\n    image: nginx\n    healthcheck:\n      interval: 10x\n')).toBe(
      'services.web.healthcheck.interval: time: unknown unit "x" in duration "10x"',
    );
  });
});
