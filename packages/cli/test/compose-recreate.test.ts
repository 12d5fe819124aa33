// `up` recreates only what changed: the config-hash label says whether a container still matches
// its service, the image label whether its image was rebuilt; --force-recreate and --no-recreate
// override it. A recreated container keeps its predecessor's anonymous volumes (-V renews them).
import { describe, expect, it } from 'vitest';
import { composeSandbox } from './support/compose-sandbox.ts';

const FILE = `services:
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_PASSWORD: secret
  cache:
    image: redis:7-alpine
`;

describe('docker compose up: recreating what changed', () => {
  it('recreates only the service whose configuration changed, keeping its anonymous volume', () => {
    const { dockyard, write } = composeSandbox('store', { 'compose.yaml': FILE });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    const hash = dockyard('docker', 'inspect', 'store-db-1', '--format', '{{index .Config.Labels "com.docker.compose.config-hash"}}').stdout.trim();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    expect(dockyard('docker', 'compose', 'up', '-d').stderr).toBe(' Container store-cache-1  Running\n Container store-db-1  Running\n');

    write('compose.yaml', FILE.replace('POSTGRES_PASSWORD: secret', 'POSTGRES_PASSWORD: secret\n      TZ: Europe/Paris'));
    const up = dockyard('docker', 'compose', 'up', '-d');
    expect(up.stderr).toBe(
      ' Container store-cache-1  Running\n Container store-db-1  Recreate\n Container store-db-1  Recreated\n' +
        ' Container store-db-1  Starting\n Container store-db-1  Started\n',
    );
    expect(dockyard('docker', 'inspect', 'store-db-1', '--format', '{{index .Config.Labels "com.docker.compose.config-hash"}}').stdout.trim()).not.toBe(hash);
    // The image's VOLUME stays with the service: the new container finds the database initialised.
    expect(dockyard('docker', 'compose', 'logs', 'db').stdout).toContain('db-1  | PostgreSQL Database directory appears to contain a database; Skipping initialization\n');

    expect(dockyard('docker', 'compose', 'up', '-d', '--no-recreate').stderr).toBe(' Container store-cache-1  Running\n Container store-db-1  Running\n');
    const forced = dockyard('docker', 'compose', 'up', '-d', '--force-recreate', '-V', 'db');
    expect(forced.stderr).toBe(' Container store-db-1  Recreate\n Container store-db-1  Recreated\n Container store-db-1  Starting\n Container store-db-1  Started\n');
    // -V: a fresh anonymous volume, so initdb runs again.
    expect(dockyard('docker', 'compose', 'logs', 'db').stdout).toContain('db-1  | The files belonging to this database system will be owned by user "postgres".\n');
  }, 90_000);

  it('recreates a service whose image was rebuilt from changed sources', () => {
    const { dockyard, write } = composeSandbox('hello', {
      'compose.yaml': 'services:\n  app:\n    build: .\n    ports: ["8080:8080"]\n',
      Dockerfile: 'FROM node:20-alpine\nWORKDIR /app\nCOPY server.js .\nCMD ["node", "server.js"]\n',
      'server.js': "require('http').createServer((req, res) => res.end('one')).listen(8080, () => console.log('version one'));\n",
    });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    expect(dockyard('docker', 'compose', 'logs', '--no-log-prefix').stdout).toBe('version one\n');

    write('server.js', "require('http').createServer((req, res) => res.end('two')).listen(8080, () => console.log('version two'));\n");
    const up = dockyard('docker', 'compose', 'up', '-d', '--build');
    expect(up.stdout).toMatch(/#\d+ \[app 2\/3\] WORKDIR \/app\n#\d+ CACHED\n/);
    expect(up.stdout).toMatch(/#\d+ \[app 3\/3\] COPY server\.js \.\n#\d+ DONE/);
    expect(up.stderr).toBe(' app  Built\n Container hello-app-1  Recreate\n Container hello-app-1  Recreated\n Container hello-app-1  Starting\n Container hello-app-1  Started\n');
    expect(dockyard('docker', 'compose', 'logs', '--no-log-prefix').stdout).toBe('version two\n');
    expect(dockyard('curl', 'http://localhost:8080/').stdout).toContain('two');
  }, 90_000);
});
