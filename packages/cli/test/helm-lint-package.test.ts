// `helm lint` and `helm package` as pure functions: helm's report for the `helm create` chart and
// for broken charts; archives that tar and the chart loader both read back.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { fileMapSource, loadChartArchive } from '@dockyard/scheduler/helm';
import { describe, expect, it } from 'vitest';
import { helmLint, helmPackage } from '../src/helm/index.ts';
import { readTree } from './support/file-tree.ts';
import { sharedPath } from '../../runtime/test/support/shared-files.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
const corpus = readTree(sharedPath('corpus/helm'));
const env = (files: Map<string, Uint8Array>) => ({ files: fileMapSource(files), now: () => VIRTUAL_EPOCH_MS, random: new SeededRandom(1), cwd: '/workspace' });

describe('helm lint', () => {
  it('reports the helm create chart as helm does', () => {
    const r = helmLint(['mychart'], env(corpus));
    expect(r.output).toBe('==> Linting mychart\n[INFO] Chart.yaml: icon is recommended\n\n1 chart(s) linted, 0 chart(s) failed\n');
    expect(r.exitCode).toBe(0);
  });

  it('lets required and fail pass while linting', () => {
    const files = new Map([
      ['ok/Chart.yaml', enc('apiVersion: v2\nname: ok\nversion: 1.0.0\nicon: https://example.com/i.png\n')],
      ['ok/values.yaml', enc('{}\n')],
      ['ok/templates/cm.yaml', enc('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x{{ required "need it" .Values.nope }}{{ fail "no" }}\n')],
    ]);
    expect(helmLint(['ok'], env(files)).output).toBe('==> Linting ok\n\n1 chart(s) linted, 0 chart(s) failed\n');
  });

  it('fails a chart with bad metadata or templates', () => {
    const files = new Map([
      ['bad/Chart.yaml', enc('apiVersion: v3\nname: bad\nversion: one\nicon: x.png\n')],
      ['bad/values.yaml', enc('name: Bad_Name\n')],
      ['bad/templates/cm.yaml', enc('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n')],
    ]);
    const r = helmLint(['bad'], env(files));
    expect(r.output).toBe(
      '==> Linting bad\n' +
        `[ERROR] Chart.yaml: apiVersion 'v3' is not valid. The value must be either "v1" or "v2"\n` +
        "[ERROR] Chart.yaml: version 'one' is not a valid SemVer\n" +
        '[ERROR] templates/: validation: chart.metadata.version "one" is invalid\n' +
        '\n' +
        'Error: 1 chart(s) linted, 1 chart(s) failed\n',
    );
    expect(r.exitCode).toBe(1);
    const yaml = new Map([...corpus].filter(([k]) => k.startsWith('alpine/')));
    yaml.set('alpine/templates/broken.yaml', enc('a: b: c\n'));
    expect(helmLint(['alpine'], env(yaml)).output).toContain(
      '[ERROR] templates/broken.yaml: unable to parse YAML: error converting YAML to JSON: yaml: line 1: mapping values are not allowed in this context\n',
    );
  });
});

describe('helm package', () => {
  it('writes <name>-<version>.tgz that tar and the loader read back', () => {
    const r = helmPackage(['mychart', '-d', 'dist', '--app-version', '2.0'], env(corpus));
    expect(r.output).toBe('Successfully packaged chart and saved it to: /workspace/dist/mychart-0.1.0.tgz\n');
    const archive = r.files.get('dist/mychart-0.1.0.tgz')!;
    const chart = loadChartArchive(archive);
    expect(chart.metadata.appVersion).toBe('2.0');
    expect(chart.templates).toHaveLength(9);
    expect(dec(chart.rawValues!)).toBe(dec(corpus.get('mychart/values.yaml')!));
    const dir = mkdtempSync(join(tmpdir(), 'helm-package-'));
    try {
      writeFileSync(join(dir, 'c.tgz'), archive);
      const listing = execFileSync('tar', ['tzf', join(dir, 'c.tgz')], { encoding: 'utf8' }).trim().split('\n');
      expect(listing).toContain('mychart/Chart.yaml');
      expect(listing).toContain('mychart/templates/tests/test-connection.yaml');
      const chartYaml = execFileSync('tar', ['xzOf', join(dir, 'c.tgz'), 'mychart/Chart.yaml'], { encoding: 'utf8' });
      expect(chartYaml).toBe('apiVersion: v2\nappVersion: "2.0"\ndescription: A Helm chart for Kubernetes\nname: mychart\ntype: application\nversion: 0.1.0\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sets --version and refuses what helm refuses', () => {
    expect([...helmPackage(['mychart', '--version', '1.2.3'], env(corpus)).files.keys()]).toEqual(['mychart-1.2.3.tgz']);
    expect(helmPackage(['nowhere'], env(corpus)).output).toBe('Error: stat nowhere: no such file or directory\n');
    expect(helmPackage(['mychart', '--version', 'x'], env(corpus)).output).toBe('Error: Invalid Semantic Version\n');
  });
});
