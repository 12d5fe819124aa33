// `docker compose ps --format`: compose's ContainerContext (docker/compose cmd/formatter/container.go)
// through docker/cli's formatter — json with sorted, HTML-escaped keys and Publishers as structs,
// .Label, headers from compose's own header map, and the formatter's errors. `docker compose
// images --format` takes only table or json (compose's formatter.Print) and refuses the rest.
import { describe, expect, it } from 'vitest';
import { composeSandbox } from './support/compose-sandbox.ts';

const FILE = `services:
  web:
    image: nginx:1.25
    labels:
      tier: "front<1>"
    ports:
      - "8080:80"
`;

describe('docker compose --format', () => {
  it('formats compose rows as compose does', () => {
    const { dockyard } = composeSandbox('board', { 'compose.yaml': FILE });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    dockyard('advance', '5s');

    const json = dockyard('docker', 'compose', 'ps', '--format', 'json').stdout;
    expect(json).toMatch(/^\{"Command":"\\"\/docker-entrypoint\.…\\"","CreatedAt":"2025-01-01 00:00:0\d \+0000 UTC","ExitCode":0,"Health":"","ID":"[0-9a-f]{12}","Image":"nginx:1\.25","Labels":"[^"]*tier=front\\u003c1\\u003e[^"]*","LocalVolumes":"0",/);
    expect(json).toContain('"Ports":"0.0.0.0:8080-\\u003e80/tcp, [::]:8080-\\u003e80/tcp","Project":"board","Publishers":[{"URL":"0.0.0.0","TargetPort":80,"PublishedPort":8080,"Protocol":"tcp"}],"RunningFor":"5 seconds ago","Service":"web",');
    expect(dockyard('docker', 'compose', 'ps', '--format', '{{.Publishers}} {{.Label "tier"}} {{.ExitCode}}').stdout).toBe('[{0.0.0.0 80 8080 tcp}] front<1> 0\n');
    // compose's header map has no HEALTH: Go prints <no value> for the missing key.
    expect(dockyard('docker', 'compose', 'ps', '--format', 'table {{.Name}}\\t{{.Health}}\\t{{.Project}}').stdout).toBe('NAME          <no value>   PROJECT\nboard-web-1                board\n');
    expect(dockyard('docker', 'compose', 'ps', '--format', '{{.Nope}}')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext\n',
    });

    expect(dockyard('docker', 'compose', 'images', '--format', '{{.ID}}')).toEqual({ status: 1, stdout: '', stderr: 'format value "{{.ID}}" could not be parsed: parsing failed\n' });
    expect(dockyard('docker', 'compose', 'images', '--format', 'TABLE').stdout).toBe(dockyard('docker', 'compose', 'images').stdout);
  }, 60_000);
});
