// `helm create mychart` writes exactly the chart helm writes (shared/corpus/helm/mychart), and
// that chart and the corpus' other charts render without error.

import { SeededRandom, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { fileMapSource } from '@dockyard/scheduler/helm';
import { describe, expect, it } from 'vitest';
import { helmCreate, helmTemplate } from '../src/helm/index.ts';
import { readTree } from './support/file-tree.ts';
import { sharedPath } from '../../runtime/test/support/shared-files.ts';

const CORPUS = sharedPath('corpus/helm');
const strFromU8 = (data: Uint8Array): string => new TextDecoder().decode(data);
const strToU8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const env = (files: Map<string, Uint8Array>) => ({ files: fileMapSource(files), now: () => VIRTUAL_EPOCH_MS, random: new SeededRandom(1) });

describe('helm create', () => {
  it('writes the files of helm create, byte for byte', () => {
    const result = helmCreate(['mychart'], fileMapSource(new Map()));
    expect(result.output).toBe('Creating mychart\n');
    expect(result.exitCode).toBe(0);
    const expected = new Map([...readTree(`${CORPUS}/mychart`)].map(([k, v]) => [`mychart/${k}`, v]));
    expect([...result.files.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, data] of expected) expect(strFromU8(result.files.get(path)!), path).toBe(strFromU8(data));
    expect(result.directories).toEqual(['mychart/charts']);
  });

  it('names the chart after the last path element', () => {
    const result = helmCreate(['charts/web-app/'], fileMapSource(new Map()));
    expect(result.output).toBe('Creating charts/web-app\n');
    expect(strFromU8(result.files.get('charts/web-app/Chart.yaml')!)).toContain('\nname: web-app\n');
    expect(strFromU8(result.files.get('charts/web-app/templates/_helpers.tpl')!)).toContain('{{- define "web-app.fullname" -}}');
  });

  it('refuses bad names and argument counts as helm does', () => {
    expect(helmCreate(['my chart'], fileMapSource(new Map())).output).toBe(
      'Creating my chart\nError: chart name must match the regular expression "^[a-zA-Z0-9._-]+$"\n',
    );
    expect(helmCreate([], fileMapSource(new Map())).output).toBe('Error: "helm create" requires 1 argument\n\nUsage:  helm create NAME [flags]\n');
    const clash = helmCreate(['x'], fileMapSource(new Map([['x', strToU8('file')]])));
    expect(clash.exitCode).toBe(1);
    expect(clash.output).toBe('Creating x\nError: file x already exists and is not a directory\n');
  });

  it('renders the created chart: ServiceAccount, Service, Deployment, then the test hook', () => {
    const created = helmCreate(['mychart'], fileMapSource(new Map())).files;
    const result = helmTemplate(['my-release', 'mychart', '--set', 'replicaCount=3', '--set', 'image.tag=2.0'], env(created));
    expect(result.exitCode).toBe(0);
    const sources = [...result.output.matchAll(/^# Source: (.+)$/gm)].map((m) => m[1]);
    expect(sources).toEqual([
      'mychart/templates/serviceaccount.yaml',
      'mychart/templates/service.yaml',
      'mychart/templates/deployment.yaml',
      'mychart/templates/tests/test-connection.yaml',
    ]);
    expect(result.output).toContain(
      '  replicas: 3\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: mychart\n      app.kubernetes.io/instance: my-release\n',
    );
    expect(result.output).toContain('          image: "nginx:2.0"\n');
    expect(result.output).toContain("      args: ['my-release-mychart:80']\n");
  });

  it.each([['mychart'], ['hello-world'], ['alpine']])('renders corpus chart %s without error', (chart) => {
    const result = helmTemplate([chart, '--include-crds'], env(readTree(CORPUS)));
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^---\n# Source: /);
  });

  it('renders every optional template of the created chart when switched on', () => {
    const result = helmTemplate(
      ['mychart', '--set', 'ingress.enabled=true,autoscaling.enabled=true,httpRoute.enabled=true,service.type=NodePort', '--show-only', 'templates/hpa.yaml', '-s', 'templates/ingress.yaml'],
      env(readTree(CORPUS)),
    );
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('kind: HorizontalPodAutoscaler\n');
    expect(result.output).toContain('kind: Ingress\n');
    expect(result.output).not.toContain('# Source: mychart/templates/deployment.yaml');
  });
});
