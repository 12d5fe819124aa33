// Loading charts as helm's loader does: directories filtered by .helmignore, .tgz archives (as
// `tar czf` writes them), sub-charts in either form, and helm's errors for broken charts.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadChart, loadChartArchive, loadChartDir, loadChartFiles } from '../src/helm/chart/chart-loader.ts';
import { fileMapSource } from '../src/helm/chart/file-source.ts';
import { HelmIgnore } from '../src/helm/chart/helmignore.ts';
import { sharedPath } from '../../runtime/test/support/shared-files.ts';

const CORPUS = sharedPath('corpus/helm');

function tarGz(dir: string, name: string): Uint8Array {
  const out = mkdtempSync(join(tmpdir(), 'helm-tgz-'));
  try {
    const file = join(out, `${name}.tgz`);
    execFileSync('tar', ['czf', file, '-C', dir, name]);
    return new Uint8Array(readFileSync(file));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const files = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([k, v]) => [k, strToU8(v)]));

describe('chart loading', () => {
  it('loads a chart archive made by tar', () => {
    const chart = loadChartArchive(tarGz(CORPUS, 'mychart'));
    expect(chart.metadata.name).toBe('mychart');
    expect(chart.metadata.appVersion).toBe('1.16.0');
    expect(chart.templates.map((t) => t.name).sort()).toEqual([
      'templates/NOTES.txt',
      'templates/_helpers.tpl',
      'templates/deployment.yaml',
      'templates/hpa.yaml',
      'templates/httproute.yaml',
      'templates/ingress.yaml',
      'templates/service.yaml',
      'templates/serviceaccount.yaml',
      'templates/tests/test-connection.yaml',
    ]);
    expect(chart.values.get('replicaCount')).toBe(1);
  });

  it('loads sub-charts from folders and from .tgz files under charts/', () => {
    const source = fileMapSource(
      new Map([
        ...files({ 'app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n', 'app/charts/folder/Chart.yaml': 'apiVersion: v2\nname: folder\nversion: 1.0.0\n' }),
        ['app/charts/mychart-0.1.0.tgz', tarGz(CORPUS, 'mychart')],
      ]),
    );
    const chart = loadChart(source, 'app');
    expect(chart.dependencies.map((d) => d.metadata.name)).toEqual(['folder', 'mychart']);
    expect(chart.dependencies[1]!.parent).toBe(chart);
  });

  it('applies .helmignore and always skips hidden files in templates/', () => {
    const chart = loadChartDir(
      files({
        '.helmignore': '# comment\n*.bak\nsecret/\n/top.txt\n',
        'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
        'a.bak': '',
        'deep/b.bak': '',
        'secret/key': '',
        'top.txt': '',
        'deep/top.txt': '',
        'templates/.hidden.yaml': '',
        'templates/ok.yaml': '',
      }),
    );
    expect(chart.files.map((f) => f.name)).toEqual(['.helmignore', 'deep/top.txt']);
    expect(chart.templates.map((f) => f.name)).toEqual(['templates/ok.yaml']);
    expect(new HelmIgnore('*.txt\n').ignoresFile('a/b/c.txt')).toBe(true);
  });

  it.each([
    [{ 'values.yaml': '' }, 'Chart.yaml file is missing'],
    [{ 'Chart.yaml': 'name: x\nversion: 1.0.0\ntype: foobar\n' }, 'validation: chart.metadata.type must be application or library'],
    [{ 'Chart.yaml': 'apiVersion: v2\nversion: 1.0.0\n' }, 'validation: chart.metadata.name is required'],
    [{ 'Chart.yaml': 'apiVersion: v2\nname: x\n' }, 'validation: chart.metadata.version is required'],
    [{ 'Chart.yaml': 'apiVersion: v2\nname: x\nversion: one\n' }, 'validation: chart.metadata.version "one" is invalid'],
    [{ 'Chart.yaml': 'apiVersion: v2\nname: x\nversion: 1.0\n' }, 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field Metadata.version of type string'],
    [{ 'Chart.yaml': 'apiVersion: v2\nname: x\nversion: 1.0.0\n', 'values.yaml': 'a: b: c\n' }, 'cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: mapping values are not allowed in this context'],
    [{ 'Chart.yaml': 'apiVersion: v2\nname: x\nversion: 1.0.0\n', 'values.yaml': '- a\n' }, 'cannot load values.yaml: cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}'],
    [
      { 'Chart.yaml': 'apiVersion: v2\nname: x\nversion: 1.0.0\n', 'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\n' },
      'error unpacking subchart sub in x: validation: chart.metadata.version is required',
    ],
  ])('refuses a broken chart: %s', (entries, message) => {
    expect(() => loadChartFiles(files(entries as Record<string, string>))).toThrow(message);
  });

  it('refuses an archive that is not gzip', () => {
    expect(() => loadChartArchive(strToU8('not a tarball'))).toThrow('gzip: invalid header');
  });
});
