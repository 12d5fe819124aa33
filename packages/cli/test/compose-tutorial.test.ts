// Section 4 of the tutorial as printed, after `dockyard`, on the tutorial's app
// (examples/compose-app): up -d, logs -f app, up -d --build app, ps, down -v, and the production
// deployment with -f docker-compose.yml alone.
import { describe, expect, it } from 'vitest';
import { COMPOSE_APP, composeSandbox, withoutLayers } from './support/compose-sandbox.ts';

describe('the tutorial, section 4 (Docker Compose)', () => {
  it('comes up in dependency order, the app reaching db and cache by name; rebuilds only the app from the cache; down -v removes the volume', () => {
    const { dir, dockyard, now } = composeSandbox('compose-app', COMPOSE_APP);
    const versionWarning = `WARN[0000] ${dir}/docker-compose.yml: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion\n`;

    const up = dockyard('docker', 'compose', 'up', '-d');
    expect(up.status).toBe(0);
    expect(withoutLayers(up.stderr)).toBe(
      versionWarning +
        ' cache Pulling \n db Pulling \n cache Pulled \n db Pulled \n' +
        ' app  Built\n' +
        ' Network compose-app_backend  Creating\n Network compose-app_backend  Created\n' +
        ' Volume "compose-app_postgres_data"  Creating\n Volume "compose-app_postgres_data"  Created\n' +
        ' Container compose-app-cache-1  Creating\n Container compose-app-cache-1  Created\n' +
        ' Container compose-app-db-1  Creating\n Container compose-app-db-1  Created\n' +
        ' Container compose-app-app-1  Creating\n Container compose-app-app-1  Created\n' +
        ' Container compose-app-cache-1  Starting\n Container compose-app-db-1  Starting\n' +
        ' Container compose-app-cache-1  Started\n Container compose-app-db-1  Started\n' +
        ' Container compose-app-db-1  Waiting\n Container compose-app-db-1  Healthy\n' +
        ' Container compose-app-app-1  Starting\n Container compose-app-app-1  Started\n',
    );
    expect(up.stderr).toMatch(/^ [0-9a-f]{12} Pull complete $/m);
    // BuildKit's steps on stdout, each named after the service; the override picks the development stage.
    expect(up.stdout).toContain('#0 building with "default" instance using docker driver\n');
    expect(up.stdout).toMatch(/#\d+ \[app development 2\/3\] RUN npm ci\n/);
    expect(up.stdout).toMatch(/#\d+ naming to docker\.io\/library\/compose-app-app:latest done\n/);

    // The database's first probe comes 10 s after it started (interval 10s), and pg_isready answers.
    const [healthy] = dockyard('events', '-o', 'json').stdout.split('\n').filter((l) => l.includes('"container.health_status"')).map((l) => JSON.parse(l) as { t: number; name: string; status: string });
    expect(healthy).toMatchObject({ name: 'compose-app-db-1', status: 'healthy' });
    const started = dockyard('events', '-o', 'json').stdout.split('\n').filter((l) => l.includes('"container.start"') && l.includes('compose-app-db-1'));
    expect(started).toHaveLength(1);
    expect(healthy!.t - (JSON.parse(started[0]!) as { t: number }).t).toBe(10_000);

    const logs = dockyard('docker', 'compose', 'logs', '-f', 'app');
    expect(logs.status).toBe(0);
    expect(logs.stdout.startsWith(
      'app-1  | \n' +
        'app-1  | > compose-app@1.0.0 dev\n' +
        'app-1  | > nodemon --watch src src/server.js\n' +
        'app-1  | \n' +
        'app-1  | [nodemon] 3.1.14\n' +
        'app-1  | [nodemon] to restart at any time, enter `rs`\n' +
        'app-1  | [nodemon] watching path(s): src/**/*\n' +
        'app-1  | [nodemon] watching extensions: js,mjs,cjs,json\n' +
        'app-1  | [nodemon] starting `node src/server.js`\n' +
        'app-1  | Connected to Postgres\n' +
        'app-1  | Connected to Redis\n' +
        'app-1  | Server listening on port 3000\n',
    )).toBe(true);
    expect(dockyard('curl', 'http://localhost:3000/healthz').status).toBe(0);

    const rebuild = dockyard('docker', 'compose', 'up', '-d', '--build', 'app');
    expect(rebuild.status).toBe(0);
    expect(rebuild.stdout.match(/CACHED/g)).toHaveLength(4);
    expect(rebuild.stdout).not.toContain('[db');
    // The same image again: nothing to recreate; the dependencies are waited for as before.
    expect(rebuild.stderr).toBe(
      versionWarning +
        ' app  Built\n' +
        ' Container compose-app-cache-1  Running\n Container compose-app-db-1  Running\n Container compose-app-app-1  Running\n' +
        ' Container compose-app-db-1  Waiting\n Container compose-app-db-1  Healthy\n',
    );

    // `logs -f` followed the running app for the manual clock's 10 minutes.
    const ps = dockyard('docker', 'compose', 'ps');
    expect(ps.stdout).toBe(
      'NAME                  IMAGE                COMMAND                  SERVICE   CREATED          STATUS                    PORTS\n' +
        'compose-app-app-1     compose-app-app      "docker-entrypoint.s…"   app       10 minutes ago   Up 10 minutes             0.0.0.0:3000->3000/tcp, [::]:3000->3000/tcp\n' +
        'compose-app-cache-1   redis:7-alpine       "docker-entrypoint.s…"   cache     10 minutes ago   Up 10 minutes             0.0.0.0:6379->6379/tcp, [::]:6379->6379/tcp\n' +
        'compose-app-db-1      postgres:16-alpine   "docker-entrypoint.s…"   db        10 minutes ago   Up 10 minutes (healthy)   5432/tcp\n',
    );

    const before = now();
    const down = dockyard('docker', 'compose', 'down', '-v');
    expect(down.status).toBe(0);
    expect(down.stderr).toBe(
      versionWarning +
        ' Container compose-app-app-1  Stopping\n Container compose-app-app-1  Stopped\n Container compose-app-app-1  Removing\n Container compose-app-app-1  Removed\n' +
        ' Container compose-app-db-1  Stopping\n Container compose-app-cache-1  Stopping\n' +
        ' Container compose-app-cache-1  Stopped\n Container compose-app-cache-1  Removing\n Container compose-app-cache-1  Removed\n' +
        ' Container compose-app-db-1  Stopped\n Container compose-app-db-1  Removing\n Container compose-app-db-1  Removed\n' +
        ' Network compose-app_backend  Removing\n Network compose-app_backend  Removed\n' +
        ' Volume compose-app_postgres_data  Removing\n Volume compose-app_postgres_data  Removed\n',
    );
    // node ignores SIGTERM as PID 1: docker stop waits the grace period out (10 s), then kills.
    expect(now() - before).toBeGreaterThanOrEqual(10_000);
    expect(dockyard('docker', 'volume', 'ls', '-q').stdout).toBe('');
    expect(dockyard('docker', 'ps', '-a', '-q').stdout).toBe('');
    expect(dockyard('docker', 'network', 'ls').stdout).not.toContain('compose-app');
  }, 120_000);

  it('applies the override for development; -f docker-compose.yml alone builds and runs production', () => {
    const { dockyard } = composeSandbox('compose-app', COMPOSE_APP);
    const dev = dockyard('docker', 'compose', 'config', '--format', 'json');
    expect(JSON.parse(dev.stdout).services.app).toMatchObject({ build: { target: 'development' }, command: ['npm', 'run', 'dev'], environment: { NODE_ENV: 'development' } });

    expect(dockyard('docker', 'compose', '-f', 'docker-compose.yml', 'up', '-d').status).toBe(0);
    const inspect = dockyard('docker', 'inspect', 'compose-app-app-1', '--format', '{{json .Config.Cmd}} {{.Config.User}}');
    expect(inspect.stdout).toBe('["node","src/server.js"] node\n');
    expect(dockyard('docker', 'compose', '-f', 'docker-compose.yml', 'exec', '-T', 'app', 'env').stdout).toContain('NODE_ENV=production\n');
    const logs = dockyard('docker', 'compose', '-f', 'docker-compose.yml', 'logs', 'app');
    expect(logs.stdout).toBe('app-1  | Connected to Postgres\napp-1  | Connected to Redis\napp-1  | Server listening on port 3000\n');
  }, 120_000);

  it('plays the tutorial scenario to the end with every expectation met', () => {
    const { dockyard } = composeSandbox('player', {});
    const result = dockyard('scenario', 'run', `${COMPOSE_APP}/scenario.yaml`);
    expect(result.stdout).toMatch(/\n14 passed, 0 failed\n$/);
    expect(result.status).toBe(0);
  }, 120_000);
});
