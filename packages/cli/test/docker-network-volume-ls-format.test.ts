// `docker network ls --format` and `docker volume ls --format`: docker/cli's network formatter
// (cli/command/network/formatter.go) and volume formatter (cli/command/formatter/volume.go) —
// fields, json, `table` headers, .Label, and -q giving way to a custom format.
import { beforeAll, describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

describe('docker network ls and volume ls --format', () => {
  const { dockyard } = sandbox();
  beforeAll(() => {
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'network', 'create', '--internal', '--label', 'tier=back', '--label', 'app=shop', 'backend');
    dockyard('docker', 'volume', 'create', '--label', 'team=web', 'cache');
    dockyard('docker', 'volume', 'create', 'data');
  });

  it('lists networks through a template, a table with docker headers, or json', () => {
    expect(dockyard('docker', 'network', 'ls', '--format', '{{.Name}}:{{.Driver}}:{{.Internal}}').stdout).toBe('backend:bridge:true\nbridge:bridge:false\nhost:host:false\nnone:null:false\n');
    expect(dockyard('docker', 'network', 'ls', '--format', 'table {{.Name}}\\t{{.Labels}}\\t{{.IPv6}}\\t{{.Scope}}').stdout).toBe(
      'NAME      LABELS               IPV6      SCOPE\nbackend   app=shop,tier=back   false     local\nbridge                         false     local\nhost                           false     local\nnone                           false     local\n',
    );
    const json = dockyard('docker', 'network', 'ls', '--format', 'json').stdout.split('\n');
    expect(json[1]).toMatch(/^\{"CreatedAt":"2025-01-01 00:00:00 \+0000 UTC","Driver":"bridge","ID":"[0-9a-f]{12}","IPv6":"false","Internal":"false","Labels":"","Name":"bridge","Scope":"local"\}$/);
    expect(dockyard('docker', 'network', 'ls', '--format', '{{.Label "tier"}}|', '-q').stdout).toBe('back|\n|\n|\n|\n');
    expect(dockyard('docker', 'network', 'ls', '--format', 'table').stdout).toBe(dockyard('docker', 'network', 'ls').stdout);
  });

  it('lists volumes through a template, a table with docker headers, or json', () => {
    expect(dockyard('docker', 'volume', 'ls', '--format', '{{.Name}} {{.Mountpoint}}').stdout).toBe('cache /var/lib/docker/volumes/cache/_data\ndata /var/lib/docker/volumes/data/_data\n');
    expect(dockyard('docker', 'volume', 'ls', '--format', 'table {{.Name}}\\t{{.Labels}}\\t{{.Size}}\\t{{.Links}}').stdout).toBe('VOLUME NAME   LABELS     SIZE      LINKS\ncache         team=web   N/A       N/A\ndata                     N/A       N/A\n');
    expect(dockyard('docker', 'volume', 'ls', '--format', 'json').stdout).toBe(
      '{"Availability":"N/A","Driver":"local","Group":"N/A","Labels":"team=web","Links":"N/A","Mountpoint":"/var/lib/docker/volumes/cache/_data","Name":"cache","Scope":"local","Size":"N/A","Status":"N/A"}\n' +
        '{"Availability":"N/A","Driver":"local","Group":"N/A","Labels":"","Links":"N/A","Mountpoint":"/var/lib/docker/volumes/data/_data","Name":"data","Scope":"local","Size":"N/A","Status":"N/A"}\n',
    );
    expect(dockyard('docker', 'volume', 'ls', '--format', 'table').stdout).toBe('DRIVER    VOLUME NAME\nlocal     cache\nlocal     data\n');
    expect(dockyard('docker', 'volume', 'ls', '-q').stdout).toBe('cache\ndata\n');
  });

  it('fails on a field the rows do not have', () => {
    expect(dockyard('docker', 'volume', 'ls', '--format', '{{.ID}}')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'template parsing error: template: :1:2: executing "" at <.ID>: can\'t evaluate field ID in type *formatter.volumeContext\n',
    });
    expect(dockyard('docker', 'network', 'ls', '--format', '{{.Mountpoint}}').stderr).toBe(
      'template parsing error: template: :1:2: executing "" at <.Mountpoint>: can\'t evaluate field Mountpoint in type *network.networkContext\n',
    );
  });
});
