// `docker inspect`, `docker image inspect`, `docker network inspect` and `docker volume inspect`
// with --format: docker/cli's inspector (cli/command/inspect/inspector.go) — a template per object
// on its JSON, `json` as one line, docker's errors (a missing key, a template that does not parse:
// exit 64, an object that is not there) after the objects that did print.
import { beforeAll, describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

describe('docker inspect --format', () => {
  const { dockyard } = sandbox();
  beforeAll(() => {
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'pull', 'nginx:1.27');
    dockyard('docker', 'run', '-d', '--name', 'web', '-v', 'data:/data', 'nginx:1.27');
  });

  it('runs the template on the image inspect object, with docker functions', () => {
    expect(dockyard('docker', 'image', 'inspect', '--format', '{{.Id}} {{json .Config.Env}}', 'nginx:1.27')).toEqual({
      status: 0,
      stdout:
        'sha256:931b759739d49b9e9f5cb3b89502fce28030dfcf0b04a7cb6360ed07db5cb8f3 ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","NGINX_VERSION=1.27.3","NJS_VERSION=0.8.7","PKG_RELEASE=1~bookworm"]\n',
      stderr: '',
    });
    // Whole numbers print as integers; json does not escape HTML; index, join, len, range work.
    expect(dockyard('docker', 'inspect', '-f', '{{.Size}} {{json .Config.Labels}} {{index .Config.Labels "maintainer"}} {{join .Config.Cmd ","}} {{len .RootFS.Layers}}', 'nginx:1.27').stdout).toBe(
      '192000000 {"maintainer":"NGINX Docker Maintainers <docker-maint@nginx.com>"} NGINX Docker Maintainers <docker-maint@nginx.com> nginx,-g,daemon off; 7\n',
    );
  });

  it('finds containers, images, networks and volumes by name, one line each', () => {
    expect(dockyard('docker', 'inspect', '-f', '{{.Name}} {{.State.Status}} {{range $net, $e := .NetworkSettings.Networks}}{{$net}}={{$e.IPAddress}}{{end}}', 'web').stdout).toBe('/web running bridge=172.17.0.2\n');
    expect(dockyard('docker', 'inspect', '--format', '{{.Name}}', 'web', 'bridge', 'data').stdout).toBe('/web\nbridge\ndata\n');
    expect(dockyard('docker', 'inspect', '--format', '{{.RepoTags}}', 'nginx:1.27').stdout).toBe('[nginx:1.27]\n');
    expect(dockyard('docker', 'network', 'inspect', '--format', '{{.Name}} {{.Driver}}', 'bridge').stdout).toBe('bridge bridge\n');
    expect(dockyard('docker', 'network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Subnet}} via {{.Gateway}}{{end}}, {{len .Containers}} container', 'bridge').stdout).toBe('172.17.0.0/16 via 172.17.0.1, 1 container\n');
    expect(dockyard('docker', 'volume', 'inspect', '--format', '{{.Driver}} {{.Mountpoint}}', 'data').stdout).toBe('local /var/lib/docker/volumes/data/_data\n');
  });

  it("prints composite values as docker's typed run does: structs in field order, nil maps and lists empty but null in json", () => {
    expect(dockyard('docker', 'inspect', '-f', '{{.Config.ExposedPorts}} {{json .Config.ExposedPorts}} {{.GraphDriver}} {{json .GraphDriver.Data}}', 'nginx:1.27').stdout).toBe('map[80/tcp:{}] {"80/tcp":{}} {map[] overlay2} null\n');
    expect(dockyard('docker', 'volume', 'inspect', '-f', '{{.Labels}} {{json .Labels}} {{if .Options}}options{{else}}none{{end}}', 'data').stdout).toBe('map[] null none\n');
    expect(dockyard('docker', 'inspect', '-f', '{{.NetworkSettings.Ports}} {{json .NetworkSettings.Ports}} {{range .Mounts}}{{.Type}}:{{.Name}}->{{.Destination}} {{.RW}}{{end}}', 'web').stdout).toBe('map[80/tcp:[]] {"80/tcp":null} volume:data->/data true\n');
    expect(dockyard('docker', 'network', 'inspect', '-f', '{{.IPAM}} {{.ConfigFrom}}', 'bridge').stdout).toBe('{default map[] [{172.17.0.0/16 172.17.0.1}]} {}\n');
    // Pointers the daemon omits when nil are nil in the typed run: json null, false in an if.
    expect(dockyard('docker', 'inspect', '-f', '{{json .Config.Healthcheck}} {{json .State.Health}} {{if .Config.Healthcheck}}checked{{else}}unchecked{{end}}', 'web').stdout).toBe('null null unchecked\n');
    expect(dockyard('docker', 'inspect', '-f', '{{.State.Health.Status}}', 'web').stderr).toBe('template parsing error: template: :1:8: executing "" at <.State.Health.Status>: map has no entry for key "Health"\n');
    // What a struct cannot do (range over it) runs again on the JSON map, keys sorted.
    expect(dockyard('docker', 'inspect', '-f', '{{range $k, $v := .State}}{{$k}},{{end}}', 'web').stdout).toBe('Dead,Error,ExitCode,FinishedAt,OOMKilled,Paused,Pid,Restarting,Running,StartedAt,Status,\n');
  });

  it('prints the JSON array on one line for --format json, and escapes <, > and & as the daemon does', () => {
    const line = dockyard('docker', 'volume', 'inspect', '--format', 'json', 'data').stdout;
    expect(line).toMatch(/^\[\{"CreatedAt":"2025-01-01T00:00:\d\dZ","Driver":"local","Labels":null,"Mountpoint":"\/var\/lib\/docker\/volumes\/data\/_data","Name":"data","Options":null,"Scope":"local"\}\]\n$/);
    expect(dockyard('docker', 'image', 'inspect', 'nginx:1.27').stdout).toContain('\n                "maintainer": "NGINX Docker Maintainers \\u003cdocker-maint@nginx.com\\u003e"\n');
  });

  it('reports a missing key after the objects that printed, exit 1', () => {
    const id = dockyard('docker', 'ps', '-q').stdout.trim();
    expect(dockyard('docker', 'inspect', '-f', '{{.Config.Hostname}}', 'web', 'nginx:1.27', 'nope')).toEqual({
      status: 1,
      stdout: `${id}\n\n`,
      stderr: 'Error: No such object: nope\n',
    });
    expect(dockyard('docker', 'inspect', '-f', '{{.Nope}}', 'bridge')).toEqual({
      status: 1,
      stdout: '\n',
      stderr: 'template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"\n',
    });
    expect(dockyard('docker', 'inspect', '--type', 'image', '-f', '{{.Os}}', 'web')).toEqual({ status: 1, stdout: '\n', stderr: 'Error response from daemon: No such image: web\n' });
  });

  it('refuses a template that does not parse with exit status 64, printing nothing', () => {
    expect(dockyard('docker', 'image', 'inspect', '-f', '{{.Id', 'nginx:1.27')).toEqual({ status: 64, stdout: '', stderr: 'template parsing error: template: :1: unclosed action\n' });
    expect(dockyard('docker', 'network', 'inspect', '-f', '{{nope .Name}}', 'bridge')).toEqual({ status: 64, stdout: '', stderr: 'template parsing error: template: :1: function "nope" not defined\n' });
  });
});
