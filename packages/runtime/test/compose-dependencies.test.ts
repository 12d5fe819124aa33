// depends_on: the conditions parsed, the start and stop order, cycles and unknown services.

import { describe, expect, it } from 'vitest';
import { composeStartOrder, composeStopOrder, planComposeUp } from '../src/index.ts';
import { loadError, loadYaml } from './support/compose.ts';

const APP = `
services:
  app:
    image: app
    depends_on:
      db:
        condition: service_healthy
      migrate:
        condition: service_completed_successfully
        restart: true
      cache:
        condition: service_started
        required: false
  migrate:
    image: app
    depends_on: [db]
  db:
    image: postgres
  cache:
    image: redis
  proxy:
    image: nginx
    depends_on: [app]
`;

describe('compose depends_on', () => {
  it('parses each condition, required and restart', () => {
    const { project } = loadYaml(APP);
    expect(project.services.app!.dependsOn).toEqual([
      { service: 'cache', condition: 'service_started', required: false, restart: false },
      { service: 'db', condition: 'service_healthy', required: true, restart: false },
      { service: 'migrate', condition: 'service_completed_successfully', required: true, restart: true },
    ]);
    // The short list means service_started, required.
    expect(project.services.migrate!.dependsOn).toEqual([{ service: 'db', condition: 'service_started', required: true, restart: false }]);
  });

  it('starts dependencies first and stops in reverse', () => {
    const { project } = loadYaml(APP);
    expect(composeStartOrder(project)).toEqual(['cache', 'db', 'migrate', 'app', 'proxy']);
    expect(composeStopOrder(project)).toEqual(['proxy', 'app', 'migrate', 'db', 'cache']);
    expect(composeStartOrder(project, ['migrate'])).toEqual(['db', 'migrate']);
  });

  it('refuses a dependency cycle with compose message', () => {
    expect(loadError({ '/work/app/compose.yaml': 'services:\n  app:\n    image: a\n    depends_on: [db]\n  db:\n    image: b\n    depends_on: [app]\n' })).toBe(
      'dependency cycle detected: app -> db -> app',
    );
    expect(
      loadError({
        '/work/app/compose.yaml':
          'services:\n  web:\n    image: a\n    depends_on: [api]\n  api:\n    image: b\n    depends_on: [db]\n  db:\n    image: c\n    depends_on: [web]\n',
      }),
    ).toBe('dependency cycle detected: api -> db -> web -> api');
    expect(loadError({ '/work/app/compose.yaml': 'services:\n  app:\n    image: a\n    depends_on: [app]\n' })).toBe(
      'dependency cycle detected: app -> app',
    );
  });

  it('refuses an unknown required dependency, and only warns for an optional one', () => {
    expect(loadError({ '/work/app/compose.yaml': 'services:\n  app:\n    image: a\n    depends_on: [db]\n' })).toBe(
      'service "app" depends on undefined service "db": invalid compose project',
    );
    const { project, warnings } = loadYaml('services:\n  app:\n    image: a\n    depends_on:\n      db:\n        condition: service_healthy\n        required: false\n');
    expect(project.services.app!.dependsOn).toEqual([]);
    expect(warnings).toEqual([
      'service "app" depends on service "db" which is not defined; the dependency is optional and is ignored',
    ]);
  });

  it('adds the dependencies links, service: namespaces and volumes_from imply', () => {
    const { project } = loadYaml(
      'services:\n  web:\n    image: a\n    links: ["api:backend"]\n    volumes_from: [data]\n  sidecar:\n    image: b\n    network_mode: service:web\n  api:\n    image: c\n  data:\n    image: d\n',
    );
    expect(project.services.web!.dependsOn).toEqual([
      { service: 'api', condition: 'service_started', required: true, restart: true },
      { service: 'data', condition: 'service_started', required: true, restart: false },
    ]);
    expect(project.services.sidecar!.dependsOn.map((d) => d.service)).toEqual(['web']);
    expect(composeStartOrder(project)).toEqual(['api', 'data', 'web', 'sidecar']);
  });

  it('plans up: networks and volumes with final names, then services with their waits and containers', () => {
    const { project } = loadYaml(`${APP}\nvolumes:\n  data:\n`.replace('image: postgres', 'image: postgres\n    volumes: ["data:/var/lib/postgresql/data"]'));
    const plan = planComposeUp(project, { services: ['app'], scale: { app: 2 } });
    expect(plan.networks.map((n) => [n.key, n.name, n.external])).toEqual([['default', 'app_default', false]]);
    expect(plan.volumes.map((v) => [v.key, v.name])).toEqual([['data', 'app_data']]);
    expect(plan.volumes[0]!.labels).toEqual({
      'com.docker.compose.project': 'app',
      'com.docker.compose.version': '2.29.1',
      'com.docker.compose.volume': 'data',
    });
    expect(plan.services.map((s) => [s.service.name, s.dependsOn.map((d) => `${d.service}:${d.condition}`), s.containers.map((c) => c.name)])).toEqual([
      ['cache', [], ['app-cache-1']],
      ['db', [], ['app-db-1']],
      ['migrate', ['db:service_started'], ['app-migrate-1']],
      ['app', ['cache:service_started', 'db:service_healthy', 'migrate:service_completed_successfully'], ['app-app-1', 'app-app-2']],
    ]);
  });
});
