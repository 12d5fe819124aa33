// extends: a service built on another one, from the same file or another file.

import { describe, expect, it } from 'vitest';
import { loadError, loadFrom } from './support/compose.ts';

describe('compose extends', () => {
  it('starts from a service of the same file and merges its own settings on top', () => {
    const { project } = loadFrom({
      '/work/app/compose.yaml': `
services:
  base:
    image: node:20-alpine
    environment: [A=base, B=base]
    ports: ["3000:3000"]
    command: node server.js
  web:
    extends: base
    environment:
      B: web
    command: npm start
`,
    });
    const web = project.services.web!;
    expect(web.image).toBe('node:20-alpine');
    expect(web.environment).toEqual({ A: 'base', B: 'web' });
    expect(web.command).toEqual(['npm', 'start']);
    expect(web.ports.map((p) => p.published)).toEqual(['3000']);
    expect(web.model.extends).toBeUndefined();
  });

  it('takes a service from another file, its relative paths staying relative to that file', () => {
    const { project } = loadFrom({
      '/work/app/compose.yaml': 'services:\n  api:\n    extends:\n      file: common/services.yml\n      service: node\n    ports: ["8080:8080"]\n',
      '/work/app/common/services.yml': 'services:\n  node:\n    build: ./node\n    volumes: ["./src:/app/src"]\n    env_file: node.env\n',
      '/work/app/common/node.env': 'FROM_FILE=1\n',
    });
    const api = project.services.api!;
    expect(api.build!.context).toBe('/work/app/common/node');
    expect(api.volumes[0]!.source).toBe('/work/app/common/src');
    expect(api.environment).toEqual({ FROM_FILE: '1' });
    expect(api.ports).toHaveLength(1);
  });

  it('refuses a circular extends with compose message', () => {
    expect(
      loadError({ '/work/app/compose.yaml': 'services:\n  a:\n    image: x\n    extends: b\n  b:\n    image: y\n    extends: a\n' }),
    ).toBe('Circular reference:\n  a in /work/app/compose.yaml\n  extends b in /work/app/compose.yaml\n  extends a in /work/app/compose.yaml');
  });

  it('refuses a missing base service or file', () => {
    expect(loadError({ '/work/app/compose.yaml': 'services:\n  a:\n    extends: nope\n' })).toBe(
      'cannot extend service "nope" in /work/app/compose.yaml: service not found',
    );
    expect(loadError({ '/work/app/compose.yaml': 'services:\n  a:\n    extends:\n      file: other.yml\n      service: b\n' })).toBe(
      'open /work/app/other.yml: no such file or directory',
    );
  });
});
