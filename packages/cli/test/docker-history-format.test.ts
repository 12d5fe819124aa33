// `docker history --format`: docker/cli's history formatter (cli/command/image/formatter_history.go)
// — .ID .CreatedSince .CreatedAt (RFC 3339) .CreatedBy .Size .Comment, json, table headers, and
// -H=false (sizes in bytes, dates instead of ages).
import { beforeAll, describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

describe('docker history --format', () => {
  const { dockyard } = sandbox();
  beforeAll(() => {
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'pull', 'nginx:1.27');
  });

  it('runs a template once per history entry, newest first', () => {
    const run = dockyard('docker', 'history', '--format', '{{.CreatedBy}}|{{.Size}}', 'nginx:1.27');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['CMD ["nginx" "-g" "daemon off;"]|0B', 'ENTRYPOINT ["/docker-entrypoint.sh"]|0B', 'STOPSIGNAL SIGQUIT|0B']);
    expect(lines.slice(-3)).toEqual(['RUN /bin/sh -c set -eux; install nginx 1.27.…|106MB', 'ADD debian-rootfs-12.tar / # buildkit|74MB', '']);
  });

  it('prints one JSON object per entry with the formatter fields', () => {
    const lines = dockyard('docker', 'history', '--format', 'json', 'nginx:1.27').stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      '{"Comment":"buildkit.dockerfile.v0","CreatedAt":"2024-11-26T18:42:08Z","CreatedBy":"CMD [\\"nginx\\" \\"-g\\" \\"daemon off;\\"]","CreatedSince":"5 weeks ago","ID":"931b759739d4","Size":"0B"}',
      '{"Comment":"buildkit.dockerfile.v0","CreatedAt":"2024-11-26T18:42:08Z","CreatedBy":"ENTRYPOINT [\\"/docker-entrypoint.sh\\"]","CreatedSince":"5 weeks ago","ID":"\\u003cmissing\\u003e","Size":"0B"}',
    ]);
  });

  it('heads a table template with IMAGE, CREATED, CREATED AT, CREATED BY, SIZE, COMMENT', () => {
    const lines = dockyard('docker', 'history', '--format', 'table {{.ID}}\\t{{.CreatedSince}}\\t{{.CreatedAt}}\\t{{.Size}}\\t{{.Comment}}\\t{{.CreatedBy}}', 'nginx:1.27').stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'IMAGE          CREATED       CREATED AT             SIZE      COMMENT                  CREATED BY',
      '931b759739d4   5 weeks ago   2024-11-26T18:42:08Z   0B        buildkit.dockerfile.v0   CMD ["nginx" "-g" "daemon off;"]',
    ]);
    expect(dockyard('docker', 'history', '--format', 'table', 'nginx:1.27').stdout).toBe(dockyard('docker', 'history', 'nginx:1.27').stdout);
  });

  it('prints bytes and dates with --human=false; --no-trunc keeps CREATED BY whole; a format wins over -q', () => {
    expect(dockyard('docker', 'history', '--human=false', '--format', '{{.CreatedSince}} {{.Size}}', 'nginx:1.27').stdout.split('\n').slice(-3)).toEqual([
      '2024-11-26T18:42:08Z 106198485',
      '2024-11-26T18:42:08Z 74001740',
      '',
    ]);
    expect(dockyard('docker', 'history', '-H=false', 'nginx:1.27').stdout.split('\n')[0]).toBe('IMAGE          CREATED AT             CREATED BY                                      SIZE        COMMENT');
    expect(dockyard('docker', 'history', '--no-trunc', '--format', '{{.CreatedBy}}', 'nginx:1.27').stdout.split('\n').at(-3)).toBe('RUN /bin/sh -c set -eux; install nginx 1.27.3 (step 1) # buildkit');
    expect(dockyard('docker', 'history', '-q', '--format', '{{.Size}}', 'nginx:1.27').stdout.split('\n')[0]).toBe('0B');
  });

  it('fails on a field history rows do not have', () => {
    expect(dockyard('docker', 'history', '--format', '{{.Tag}}', 'nginx:1.27')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'template parsing error: template: :1:2: executing "" at <.Tag>: can\'t evaluate field Tag in type *image.historyContext\n',
    });
  });
});
