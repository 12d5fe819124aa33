// `docker stats --no-stream --format`: docker/cli's stats formatter
// (cli/command/container/formatter_stats.go) — `table ...` with CONTAINER, NAME, CPU %, MEM USAGE /
// LIMIT, ..., json with every field, and the formatter's errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

describe('docker stats --format', () => {
  const { dockyard } = sandbox();
  let id = '';
  beforeAll(() => {
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'pull', 'nginx:1.27');
    id = dockyard('docker', 'run', '-d', '--name', 'web', 'nginx:1.27').stdout.trim();
  });

  it('heads a table template with docker stats headers', () => {
    const lines = dockyard('docker', 'stats', '--no-stream', '--format', 'table {{.Name}}\\t{{.Container}}\\t{{.PIDs}}\\t{{.MemUsage}}').stdout.split('\n');
    expect(lines[0]).toBe('NAME      CONTAINER      PIDS      MEM USAGE / LIMIT');
    expect(lines[1]).toMatch(new RegExp(`^web       ${id.slice(0, 12)}   \\d+ {6,9}[\\d.]+MiB / [\\d.]+GiB$`));
    expect(lines).toHaveLength(3);
  });

  it('names the container as given on the command line in .Container, and prints json', () => {
    expect(dockyard('docker', 'stats', '--no-stream', '--format', '{{.Container}} {{.Name}} {{.ID}}', 'web').stdout).toBe(`web web ${id.slice(0, 12)}\n`);
    expect(dockyard('docker', 'stats', '--no-stream', '--no-trunc', '--format', '{{.ID}}').stdout).toBe(`${id}\n`);
    expect(dockyard('docker', 'stats', '--no-stream', '--format', 'json').stdout).toMatch(
      new RegExp(`^\\{"BlockIO":"[^"]+ / [^"]+","CPUPerc":"\\d+\\.\\d\\d%","Container":"${id.slice(0, 12)}","ID":"${id.slice(0, 12)}","MemPerc":"\\d+\\.\\d\\d%","MemUsage":"[^"]+ / [^"]+","Name":"web","NetIO":"[^"]+ / [^"]+","PIDs":"\\d+"\\}\\n$`),
    );
  });

  it('fails on a field stats rows do not have', () => {
    expect(dockyard('docker', 'stats', '--no-stream', '--format', '{{.Status}}')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'template parsing error: template: :1:2: executing "" at <.Status>: can\'t evaluate field Status in type *container.statsContext\n',
    });
  });
});
