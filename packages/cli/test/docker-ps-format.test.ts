// `docker ps --format`: docker/cli's container formatter (cli/command/formatter/container.go) and
// runPs's checks (cli/command/container/list.go): json with every field, .Label, sizes fetched only
// when the template shows .Size, a template tried before listing, and -q winning over --format.
import { beforeAll, describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

describe('docker ps --format', () => {
  const { dockyard } = sandbox();
  let id = '';
  beforeAll(() => {
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'pull', 'nginx:1.27');
    id = dockyard('docker', 'run', '-d', '--name', 'web', '-v', 'data:/data', '-p', '8080:80', 'nginx:1.27').stdout.trim().slice(0, 12);
  });

  it('prints one JSON object per container with the formatter fields, keys sorted, HTML escaped (-\\u003e), size 0B', () => {
    const json = dockyard('docker', 'ps', '--format', 'json').stdout;
    expect(json).toMatch(
      new RegExp(
        `^\\{"Command":"\\\\"/docker-entrypoint\\.…\\\\"","CreatedAt":"2025-01-01 00:00:\\d\\d \\+0000 UTC","ID":"${id}","Image":"nginx:1\\.27","Labels":"maintainer=NGINX Docker Maintainers \\\\u003cdocker-maint@nginx\\.com\\\\u003e","LocalVolumes":"1","Mounts":"data","Names":"web","Networks":"bridge","Ports":"0\\.0\\.0\\.0:8080-\\\\u003e80/tcp, \\[::\\]:8080-\\\\u003e80/tcp","RunningFor":"[^"]+ ago","Size":"0B","State":"running","Status":"Up [^"]+"\\}\\n$`,
      ),
    );
  });

  it('heads a table with docker names; a header that cannot run .Label stops there, as Go leaves it', () => {
    expect(dockyard('docker', 'ps', '--format', 'table {{.Names}}\\t{{.State}}\\t{{.LocalVolumes}}\\t{{.Networks}}').stdout).toBe('NAMES     STATE     LOCAL VOLUMES   NETWORKS\nweb       running   1               bridge\n');
    expect(dockyard('docker', 'ps', '--format', 'table {{.Names}}\\t{{.Label "maintainer"}}').stdout).toBe('NAMES     \nweb       NGINX Docker Maintainers <docker-maint@nginx.com>\n');
  });

  it('fetches sizes when the template shows .Size, and shows the virtual size as -s does', () => {
    const size = dockyard('docker', 'ps', '--format', '{{.Size}}').stdout;
    expect(size).toMatch(/^\d+B \(virtual 192MB\)\n$/);
    expect(dockyard('docker', 'ps', '-s').stdout.split('\n')[1]!.endsWith(`web       ${size.trim()}`)).toBe(true);
  });

  it('warns and prints IDs when -q comes with --format', () => {
    expect(dockyard('docker', 'ps', '-q', '--format', '{{.Names}}')).toEqual({ status: 0, stdout: `${id}\n`, stderr: 'WARNING: Ignoring custom format, because both --format and --quiet are set.\n' });
  });

  it('tries the template before listing, with docker ps words', () => {
    expect(dockyard('docker', 'ps', '--format', '{{.Nope}}')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'failed to execute template: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext\n',
    });
    expect(dockyard('docker', 'ps', '--filter', 'name=nobody', '--format', '{{nope .ID}}')).toEqual({ status: 1, stdout: '', stderr: 'failed to parse template: template: :1: function "nope" not defined\n' });
  });
});
