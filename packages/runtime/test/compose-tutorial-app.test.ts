// The tutorial's section 4 project (examples/compose-app): the override file applies by default
// and `-f docker-compose.yml` leaves it out.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMissingHostPaths, loadComposeProject, planComposeUp } from '../src/index.ts';
import { diskSource } from './support/compose.ts';

const DIR = join(import.meta.dirname, '../../../examples/compose-app');
const load = (files?: string[]) => loadComposeProject({ source: diskSource, cwd: DIR, env: {}, files });

describe('the tutorial compose app', () => {
  it('applies docker-compose.override.yml automatically', () => {
    const { project, warnings } = load();
    expect(project.configFiles).toEqual([join(DIR, 'docker-compose.yml'), join(DIR, 'docker-compose.override.yml')]);
    const app = project.services.app!;
    expect(app.build).toMatchObject({ context: DIR, dockerfile: 'Dockerfile', target: 'development' });
    expect(app.environment).toEqual({
      DATABASE_URL: 'postgres://user:pass@db:5432/mydb',
      REDIS_URL: 'redis://cache:6379',
      NODE_ENV: 'development',
    });
    expect(app.command).toEqual(['npm', 'run', 'dev']);
    // Both files mount ./src on /app/src: merged by target, once.
    expect(app.volumes.map((v) => `${v.source}:${v.target}`)).toEqual([`${join(DIR, 'src')}:/app/src`]);
    expect(warnings).toEqual([
      `${join(DIR, 'docker-compose.yml')}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`,
    ]);
  });

  it('leaves the development settings out with -f docker-compose.yml', () => {
    const app = load(['docker-compose.yml']).project.services.app!;
    expect(app.build!.target).toBeUndefined();
    expect(app.environment.NODE_ENV).toBeUndefined();
    expect(app.command).toBeUndefined();
  });

  it('is ready for up: db healthy via pg_isready before app, on the backend network, postgres_data kept by name', () => {
    const { project } = load();
    expect(findMissingHostPaths(project, diskSource)).toEqual([]);
    const plan = planComposeUp(project);
    expect(plan.networks.map((n) => n.name)).toEqual(['compose-app_backend']);
    expect(plan.volumes.map((v) => v.name)).toEqual(['compose-app_postgres_data']);
    expect(plan.services.map((s) => s.service.name)).toEqual(['cache', 'db', 'app']);
    expect(plan.services[2]!.dependsOn.map((d) => `${d.service}:${d.condition}`)).toEqual(['cache:service_started', 'db:service_healthy']);
    expect(project.services.db!.healthcheck).toEqual({
      test: ['CMD-SHELL', 'pg_isready -U user'],
      intervalMs: 10_000,
      timeoutMs: 5_000,
      retries: 5,
      startPeriodMs: 0,
      startIntervalMs: 5_000,
      disabled: false,
    });
    expect(plan.services[2]!.containers[0]!.name).toBe('compose-app-app-1');
  });
});
