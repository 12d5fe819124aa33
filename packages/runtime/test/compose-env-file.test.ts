// Env files with compose's dotenv rules: `.env` for interpolation and `env_file:` for containers.

import { describe, expect, it } from 'vitest';
import { loadError, loadFrom } from './support/compose.ts';

const COMPOSE = 'services:\n  web:\n    image: nginx\n    env_file: web.env\n    environment:\n      OVERRIDDEN: from-compose\n      FROM_SHELL:\n';

function environment(envFile: string, env: Record<string, string> = {}) {
  return loadFrom({ '/work/app/compose.yaml': COMPOSE, '/work/app/web.env': envFile }, { env }).project.services.web!.environment;
}

describe('env files', () => {
  it('reads quotes, export, comments and the yaml-style colon', () => {
    const env = environment(
      [
        '# a comment line',
        'PLAIN=value',
        'export EXPORTED=yes',
        "SINGLE='literal $PLAIN \\n'",
        'DOUBLE="line1\\nline2 ${PLAIN}"',
        'INLINE=kept # dropped',
        'HASH=a#b',
        'COLON: yaml style',
        'EMPTY=',
        '  SPACED = trimmed  ',
        'OVERRIDDEN=from-file',
      ].join('\n'),
    );
    expect(env).toMatchObject({
      PLAIN: 'value',
      EXPORTED: 'yes',
      SINGLE: 'literal $PLAIN \\n',
      DOUBLE: 'line1\nline2 value',
      INLINE: 'kept',
      HASH: 'a#b',
      COLON: 'yaml style',
      EMPTY: '',
      SPACED: 'trimmed',
      OVERRIDDEN: 'from-compose',
    });
  });

  it('takes a bare key and an environment entry without value from the environment', () => {
    expect(environment('INHERITED\nNOT_SET\n', { INHERITED: 'from-shell', FROM_SHELL: 'shell' })).toEqual({
      INHERITED: 'from-shell',
      OVERRIDDEN: 'from-compose',
      FROM_SHELL: 'shell',
    });
    // Not set anywhere: compose keeps the variable unset (null), it does not invent a value.
    expect(environment('').FROM_SHELL).toBeNull();
  });

  it('fails a missing env_file naming its path, unless it is not required', () => {
    expect(loadError({ '/work/app/compose.yaml': COMPOSE })).toBe(
      'env file /work/app/web.env not found: stat /work/app/web.env: no such file or directory',
    );
    const optional = 'services:\n  web:\n    image: nginx\n    env_file:\n      - path: ./missing.env\n        required: false\n';
    expect(loadFrom({ '/work/app/compose.yaml': optional }).project.services.web!.environment).toEqual({});
  });

  it('reports a bad line with its number', () => {
    expect(loadError({ '/work/app/compose.yaml': COMPOSE, '/work/app/web.env': 'OK=1\nBAD KEY=2\n' })).toBe(
      'failed to read /work/app/web.env: line 2: key cannot contain a space',
    );
    expect(loadError({ '/work/app/compose.yaml': COMPOSE, '/work/app/web.env': 'A="open\n' })).toBe(
      'failed to read /work/app/web.env: line 2: unterminated quoted value "open',
    );
  });

  it('reads .env for interpolation, and --env-file instead of it', () => {
    const files = {
      '/work/app/compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG}"\n',
      '/work/app/.env': 'TAG=1.25\n',
      '/work/app/prod.env': 'TAG=1.27\n',
    };
    expect(loadFrom(files).project.services.web!.image).toBe('nginx:1.25');
    expect(loadFrom(files, { envFiles: ['prod.env'] }).project.services.web!.image).toBe('nginx:1.27');
    expect(loadError(files, { envFiles: ['nope.env'] })).toBe("couldn't find env file: /work/app/nope.env");
  });
});
