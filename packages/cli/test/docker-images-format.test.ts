// `docker images --format`: docker/cli's image formatter (cli/command/formatter/image.go) — its
// fields, `json` with every field and sorted keys, `table` and `table ...` with docker's headers,
// and the formatter's template errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

const ID = '931b759739d4';
const DIGEST = 'sha256:d716ffa1f3b1a6376b32d7dc1725772e93600592b27865e6800d89d1d28fe441';

describe('docker images --format', () => {
  const { dockyard } = sandbox();
  beforeAll(() => {
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'pull', 'nginx:1.27');
    dockyard('docker', 'tag', 'nginx:1.27', 'registry.example.com/web:v1');
  });

  it('runs a template once per image row', () => {
    expect(dockyard('docker', 'images', '--format', '{{.Repository}}:{{.Tag}} {{.Size}}')).toEqual({
      status: 0,
      stdout: 'nginx:1.27 192MB\nregistry.example.com/web:v1 192MB\n',
      stderr: '',
    });
  });

  it('prints one JSON object per row with the formatter fields, keys sorted and HTML escaped', () => {
    const lines = dockyard('docker', 'images', '--format', 'json').stdout.split('\n');
    expect(lines[0]).toBe(
      `{"Containers":"N/A","CreatedAt":"2024-11-26 18:42:08 +0000 UTC","CreatedSince":"5 weeks ago","Digest":"\\u003cnone\\u003e","ID":"${ID}","Repository":"nginx","SharedSize":"N/A","Size":"192MB","Tag":"1.27","UniqueSize":"N/A","VirtualSize":"192MB"}`,
    );
    expect(lines).toHaveLength(3);
    expect(dockyard('docker', 'images', '--format', '{{json .}}').stdout).toBe(lines.join('\n'));
  });

  it('takes `table` for the default table', () => {
    const table = 'REPOSITORY                 TAG       IMAGE ID       CREATED       SIZE\nnginx                      1.27      931b759739d4   5 weeks ago   192MB\nregistry.example.com/web   v1        931b759739d4   5 weeks ago   192MB\n';
    expect(dockyard('docker', 'images', '--format', 'table').stdout).toBe(table);
    expect(dockyard('docker', 'images').stdout).toBe(table);
  });

  it('heads a `table` template with docker header names, padded as tabwriter pads', () => {
    expect(dockyard('docker', 'images', '--format', 'table {{.Repository}}\\t{{.ID}}').stdout).toBe(
      'REPOSITORY                 IMAGE ID\nnginx                      931b759739d4\nregistry.example.com/web   931b759739d4\n',
    );
    expect(dockyard('docker', 'images', '--format', 'table {{.CreatedAt}}\t{{.CreatedSince}}\t{{.VirtualSize}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}', 'nginx').stdout).toBe(
      'CREATED AT                      CREATED       SIZE      SHARED SIZE   UNIQUE SIZE   CONTAINERS\n2024-11-26 18:42:08 +0000 UTC   5 weeks ago   192MB     N/A           N/A           N/A\n',
    );
  });

  it('shows digests when asked for with --digests or {{.Digest}}, and adds the column to a table', () => {
    expect(dockyard('docker', 'images', '--format', '{{.Repository}} {{.Digest}}').stdout).toBe(`nginx ${DIGEST}\nregistry.example.com/web <none>\n`);
    expect(dockyard('docker', 'images', '--digests', '--format', 'table {{.Tag}}').stdout).toBe(`TAG       DIGEST\n1.27      ${DIGEST}\nv1        <none>\n`);
    expect(dockyard('docker', 'images', '--no-trunc', '--format', '{{.ID}}', 'nginx').stdout).toBe('sha256:931b759739d49b9e9f5cb3b89502fce28030dfcf0b04a7cb6360ed07db5cb8f3\n');
  });

  it('prints an ID per row with -q, so an image with two tags twice, unless a format is given', () => {
    expect(dockyard('docker', 'images', '-q').stdout).toBe(`${ID}\n${ID}\n`);
    expect(dockyard('docker', 'images', '-q', '--format', '{{.Tag}}').stdout).toBe('1.27\nv1\n');
  });

  it("has docker's template functions; table headers keep the column names", () => {
    expect(dockyard('docker', 'images', '--format', '{{json .Repository}} {{upper .Tag}} {{split .Repository "/"}} {{join (split .Repository "/") "+"}} [{{pad .Tag 2 1}}] {{truncate .ID 4}}').stdout).toBe(
      '"nginx" 1.27 [nginx] nginx [  1.27 ] 931b\n"registry.example.com/web" V1 [registry.example.com web] registry.example.com+web [  v1 ] 931b\n',
    );
    expect(dockyard('docker', 'images', '--format', 'table {{upper .Repository}}\t{{json .Tag}}\t{{lower .ID}}', 'nginx').stdout).toBe('REPOSITORY   TAG       IMAGE ID\nNGINX        "1.27"    931b759739d4\n');
  });

  it('fails with docker\'s "template parsing error" and exit status 1', () => {
    expect(dockyard('docker', 'images', '--format', '{{.Nope}}')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.imageContext\n',
    });
    expect(dockyard('docker', 'images', '--format', '{{nope .ID}}')).toEqual({ status: 1, stdout: '', stderr: 'template parsing error: template: :1: function "nope" not defined\n' });
    expect(dockyard('docker', 'images', '--format', '{{.ID')).toEqual({ status: 1, stdout: '', stderr: 'template parsing error: template: :1: unclosed action\n' });
  });
});
