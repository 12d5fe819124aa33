// Profiles: services that name profiles run only when one of them is enabled.

import { describe, expect, it } from 'vitest';
import { loadError, loadYaml } from './support/compose.ts';

const PROJECT = `
services:
  web:
    image: nginx
  debug:
    image: busybox
    profiles: [debug]
  mock:
    image: mockserver
    profiles: [dev]
    depends_on: [db]
  db:
    image: postgres
    profiles: [dev]
  admin:
    image: adminer
    profiles: [debug]
    depends_on: [db]
`;

const active = (options: Parameters<typeof loadYaml>[1]) => Object.keys(loadYaml(PROJECT, options).project.services);

describe('compose profiles', () => {
  it('runs only services without profiles by default', () => {
    const { project } = loadYaml(PROJECT);
    expect(Object.keys(project.services)).toEqual(['web']);
    expect(Object.keys(project.disabledServices)).toEqual(['admin', 'db', 'debug', 'mock']);
  });

  it('enables profiles with --profile or COMPOSE_PROFILES', () => {
    expect(active({ profiles: ['dev'] })).toEqual(['db', 'mock', 'web']);
    expect(active({ env: { COMPOSE_PROFILES: 'dev,debug' } })).toEqual(['admin', 'db', 'debug', 'mock', 'web']);
    expect(active({ profiles: ['*'] })).toEqual(['admin', 'db', 'debug', 'mock', 'web']);
  });

  it('enables the profiles of a service named on the command line', () => {
    expect(active({ services: ['mock'] })).toEqual(['db', 'mock', 'web']);
  });

  it('does not enable the profiles of its dependencies', () => {
    expect(loadError({ '/work/app/compose.yaml': PROJECT }, { services: ['admin'] })).toBe(
      'service "admin" depends on undefined service "db": invalid compose project',
    );
  });

  it('refuses a service that does not exist', () => {
    expect(loadError({ '/work/app/compose.yaml': PROJECT }, { services: ['nope'] })).toBe('no such service: nope');
  });

  it('prints only the active services', () => {
    const { project } = loadYaml(PROJECT, { profiles: ['debug', 'dev'] });
    expect(Object.keys(project.model.services as object)).toEqual(['admin', 'db', 'debug', 'mock', 'web']);
    expect(Object.keys(loadYaml(PROJECT).project.model.services as object)).toEqual(['web']);
  });
});
