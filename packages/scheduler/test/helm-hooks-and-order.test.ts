// What install will take from renderRelease: manifests in helm's install order of kinds (unknown
// kinds last, by name), hooks with their events, weights and policies, NOTES and CRDs.

import { SeededRandom } from '@dockyard/runtime';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadChartFiles } from '../src/helm/chart/chart-loader.ts';
import { defaultCapabilities } from '../src/helm/render/capabilities.ts';
import { renderRelease } from '../src/helm/render/release-renderer.ts';

const doc = (kind: string, name: string, annotations = ''): string =>
  `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${annotations ? `  annotations:\n${annotations}` : ''}`;

const chart = loadChartFiles(
  new Map(
    Object.entries({
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'crds/widget.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n',
      'templates/a.yaml': [doc('Deployment', 'web'), doc('Zeta', 'z'), doc('Alpha', 'a'), doc('Namespace', 'ns'), doc('Service', 'svc')].join('---\n'),
      'templates/b.yaml': doc('ConfigMap', 'cm') + '---\n' + doc('PriorityClass', 'high'),
      'templates/hooks.yaml': [
        doc('Job', 'migrate', '    helm.sh/hook: pre-install,Pre-Upgrade\n    helm.sh/hook-weight: "-5"\n    helm.sh/hook-delete-policy: before-hook-creation, hook-succeeded\n'),
        doc('Pod', 'smoke', '    helm.sh/hook: test-success\n    helm.sh/hook-weight: "x"\n'),
        doc('ConfigMap', 'odd', '    helm.sh/hook: not-a-hook\n'),
        doc('ConfigMap', 'plain', '    other: annotation\n'),
      ].join('---\n'),
      'templates/NOTES.txt': 'Release {{ .Release.Name }} is up.',
    }).map(([k, v]) => [k, strToU8(v)]),
  ),
);

describe('render for install', () => {
  const r = renderRelease(chart, new Map(), {
    release: { name: 'r', namespace: 'ns', revision: 1, isInstall: true, isUpgrade: false },
    capabilities: defaultCapabilities(),
    includeCrds: true,
    now: () => 0,
    random: new SeededRandom(1),
  });

  it('orders manifests by helm\'s install order, unknown kinds last and by name', () => {
    expect(r.manifests.map((m) => `${m.head.kind}/${m.head.name}`)).toEqual([
      'PriorityClass/high',
      'Namespace/ns',
      'ConfigMap/cm',
      'ConfigMap/plain',
      'Service/svc',
      'Deployment/web',
      'Alpha/a',
      'Zeta/z',
    ]);
    expect(r.manifest.startsWith('---\n# Source: app/crds/widget.yaml\napiVersion: apiextensions.k8s.io/v1\n')).toBe(true);
    expect(r.crds.map((c) => c.filename)).toEqual(['app/crds/widget.yaml']);
  });

  it('sets hooks apart with their events, weights and delete policies, skipping unknown hook types', () => {
    expect(r.hooks.map((h) => ({ kind: h.kind, name: h.name, events: h.events, weight: h.weight, deletePolicies: h.deletePolicies }))).toEqual([
      { kind: 'Pod', name: 'smoke', events: ['test'], weight: 0, deletePolicies: [] },
      { kind: 'Job', name: 'migrate', events: ['pre-install', 'pre-upgrade'], weight: -5, deletePolicies: ['before-hook-creation', 'hook-succeeded'] },
    ]);
    expect(r.hooks[1]!.path).toBe('app/templates/hooks.yaml');
  });

  it('keeps NOTES.txt out of the manifests', () => {
    expect(r.notes).toBe('Release r is up.');
    expect(r.manifest).not.toContain('NOTES');
  });
});
