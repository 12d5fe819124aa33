// `docker compose config` output: compose's canonical YAML (and JSON) of the merged model.

import { describe, expect, it } from 'vitest';
import { composeConfigOutput } from '../src/index.ts';
import { loadFrom, loadYaml } from './support/compose.ts';

describe('compose config output', () => {
  it('prints name first, services by name, keys in compose order, long syntax and final names', () => {
    const { project } = loadYaml(`
services:
  web:
    image: nginx:1.25
    restart: "no"
    ports: ["8080:80"]
    volumes: ["./html:/usr/share/nginx/html:ro", "logs:/var/log/nginx"]
    environment: [B=2, A=1]
    depends_on: [api]
    healthcheck:
      test: curl -f http://localhost
      interval: 1m
      retries: 3
    deploy:
      resources:
        limits:
          cpus: 0.5
          memory: 128M
  api:
    build: ./api
    command: node server.js
    user: "1000:1000"
    expose: [3000]
volumes:
  logs:
`);
    expect(composeConfigOutput(project)).toBe(`name: app
services:
  api:
    build:
      context: /work/app/api
      dockerfile: Dockerfile
    command:
      - node
      - server.js
    expose:
      - "3000"
    networks:
      default: null
    user: 1000:1000
  web:
    depends_on:
      api:
        condition: service_started
        required: true
    deploy:
      resources:
        limits:
          cpus: 0.5
          memory: "134217728"
    environment:
      A: "1"
      B: "2"
    healthcheck:
      test:
        - CMD-SHELL
        - curl -f http://localhost
      interval: 1m0s
      retries: 3
    image: nginx:1.25
    networks:
      default: null
    ports:
      - mode: ingress
        target: 80
        published: "8080"
        protocol: tcp
    restart: "no"
    volumes:
      - type: bind
        source: /work/app/html
        target: /usr/share/nginx/html
        read_only: true
        bind:
          create_host_path: true
      - type: volume
        source: logs
        target: /var/log/nginx
        volume: {}
networks:
  default:
    name: app_default
volumes:
  logs:
    name: app_logs
`);
  });

  it('leaves out what Go omits when empty or false, keeping pointer fields', () => {
    const { project } = loadFrom({
      '/work/app/compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    read_only: false\n    init: false\n    volumes: [/cache]\n',
      '/work/app/compose.override.yaml': 'services:\n  web:\n    ports: !reset []\n    command: []\n',
    });
    expect(composeConfigOutput(project)).toBe(`name: app
services:
  web:
    image: nginx
    init: false
    networks:
      default: null
    volumes:
      - type: volume
        target: /cache
        volume: {}
networks:
  default:
    name: app_default
`);
    // command: [] still clears the image's CMD in the model, though Go's YAML omits it.
    expect(project.services.web!.command).toEqual([]);
  });

  it('doubles every $ so that the output reads back the same', () => {
    const { project } = loadYaml("services:\n  web:\n    image: nginx\n    command: sh -c 'echo $$HOME'\n");
    expect(project.services.web!.command).toEqual(['sh', '-c', 'echo $HOME']);
    expect(composeConfigOutput(project)).toContain('      - echo $$HOME\n');
  });

  it('prints JSON with the same keys', () => {
    const { project } = loadYaml('services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n');
    expect(JSON.parse(composeConfigOutput(project, 'json'))).toEqual({
      name: 'app',
      services: {
        web: { image: 'nginx', networks: { default: null }, ports: [{ mode: 'ingress', target: 80, published: '80', protocol: 'tcp' }] },
      },
      networks: { default: { name: 'app_default' } },
    });
  });

  it('prints secrets with their project names and absolute files, and keeps x- extensions', () => {
    const { project } = loadYaml('x-common: &common\n  restart: always\nservices:\n  db:\n    <<: *common\n    image: postgres\n    secrets: [pw]\nsecrets:\n  pw:\n    file: ./db/password.txt\n');
    const output = composeConfigOutput(project);
    expect(output).toContain('    restart: always\n');
    expect(output).toContain('    secrets:\n      - source: pw\n');
    expect(output).toContain('secrets:\n  pw:\n    name: app_pw\n    file: /work/app/db/password.txt\nx-common:\n  restart: always\n');
  });

  it('reads back its own output to the same output', () => {
    const { project } = loadFrom({
      '/work/app/compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG:-1.25}"\n    command: echo "$$PATH"\n    ports: ["127.0.0.1:8000-8001:8000-8001/udp"]\n    env_file: [web.env]\n',
      '/work/app/web.env': 'GREETING="hello world"\n',
    });
    const first = composeConfigOutput(project);
    const again = loadFrom({ '/work/app/compose.yaml': first, '/work/app/web.env': 'GREETING="hello world"\n' }).project;
    expect(composeConfigOutput(again)).toBe(first);
  });
});
