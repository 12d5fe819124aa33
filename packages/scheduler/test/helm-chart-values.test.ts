// Values precedence through sub-charts (chart defaults < parent values < user values), null
// deleting a default, globals, conditions, tags, aliases, import-values and library charts.

import { SeededRandom } from '@dockyard/runtime';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadChartFiles } from '../src/helm/chart/chart-loader.ts';
import { defaultCapabilities } from '../src/helm/render/capabilities.ts';
import { renderRelease } from '../src/helm/render/release-renderer.ts';
import { parseSet } from '../src/helm/chart/strvals.ts';
import type { GoMap } from '../src/helm/template/value.ts';

function chart(files: Record<string, string>) {
  return loadChartFiles(new Map(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

function render(files: Record<string, string>, ...sets: string[]) {
  const values: GoMap = new Map();
  for (const s of sets) parseSet(s, values);
  return renderRelease(chart(files), values, {
    release: { name: 'rel', namespace: 'ns', revision: 1, isInstall: true, isUpgrade: false },
    capabilities: defaultCapabilities(),
    now: () => 0,
    random: new SeededRandom(1),
  });
}

const PARENT = {
  'Chart.yaml': `apiVersion: v2
name: parent
version: 1.0.0
dependencies:
  - name: child
    version: ">=0.1.0"
    condition: child.enabled
    tags: [backend]
    import-values:
      - child: shared
        parent: fromChild
      - data
  - name: child
    alias: second
    version: 0.1.0
`,
  'values.yaml': 'global:\n  region: eu\nchild:\n  color: parent-blue\nfromChild:\n  kept: parent\n',
  'templates/cm.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}
data:
  imported: {{ .Values.fromChild | toJson | quote }}
  exported: {{ .Values.exportedKey | quote }}
`,
  'charts/child/Chart.yaml': 'apiVersion: v2\nname: child\nversion: 0.1.0\n',
  'charts/child/values.yaml': 'color: red\nsize: 1\nremove: me\nshared: {kept: child, extra: 1}\nexports:\n  data: {exportedKey: hello}\n',
  'charts/child/templates/cm.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Chart.Name }}
data:
  color: {{ .Values.color }}
  size: {{ .Values.size | quote }}
  remove: {{ .Values.remove | default "deleted" }}
  region: {{ .Values.global.region }}
  template: {{ .Template.Name }}
`,
};

describe('chart values', () => {
  it('layers child defaults, parent values and user values, imports values and renames aliases', () => {
    const r = render(PARENT, 'child.size=2,child.remove=null');
    expect(r.manifest).toBe(`---
# Source: parent/charts/child/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: child
data:
  color: parent-blue
  size: "2"
  remove: deleted
  region: eu
  template: parent/charts/child/templates/cm.yaml

---
# Source: parent/charts/second/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: second
data:
  color: red
  size: "1"
  remove: me
  region: eu
  template: parent/charts/second/templates/cm.yaml

---
# Source: parent/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: rel
data:
  imported: "{\\"extra\\":1,\\"kept\\":\\"parent\\"}"
  exported: "hello"

`);
  });

  it('switches a sub-chart off with its condition, or its tags when no condition decides', () => {
    const names = (r: ReturnType<typeof render>): string[] => r.manifests.map((m) => m.name);
    expect(names(render(PARENT, 'child.enabled=false'))).toEqual(['parent/charts/second/templates/cm.yaml', 'parent/templates/cm.yaml']);
    expect(names(render(PARENT, 'tags.backend=false'))).toEqual(['parent/charts/second/templates/cm.yaml', 'parent/templates/cm.yaml']);
    expect(names(render(PARENT, 'tags.backend=false,child.enabled=true'))).toHaveLength(3);
  });

  it('drops nulls in a sub-chart\'s defaults but keeps the root chart\'s own', () => {
    const r = render({
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'values.yaml': 'rootNull: null\n',
      'templates/cm.yaml': 'root: {{ hasKey .Values "rootNull" }}\n',
      'charts/child/Chart.yaml': 'apiVersion: v2\nname: child\nversion: 1.0.0\n',
      'charts/child/values.yaml': 'keyMapping:\n  password: null\n',
      'charts/child/templates/cm.yaml':
        'child: {{ if hasKey .Values.keyMapping "password" }}{{ printf "%s" (index .Values.keyMapping "password") }}{{ else }}fallback{{ end }}\n',
    });
    expect(r.manifests.map((m) => m.content)).toEqual(['child: fallback\n', 'root: true\n']);
  });

  it('renders only the helpers of a library chart', () => {
    const r = render({
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'templates/cm.yaml': 'kind: ConfigMap\nmetadata:\n  name: {{ include "lib.name" . }}\n',
      'charts/lib/Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n',
      'charts/lib/templates/_helpers.tpl': '{{- define "lib.name" -}}from-lib-{{ .Chart.Name }}{{- end -}}',
      'charts/lib/templates/cm.yaml': 'kind: ConfigMap\nmetadata:\n  name: never\n',
    });
    expect(r.manifest).toBe('---\n# Source: app/templates/cm.yaml\nkind: ConfigMap\nmetadata:\n  name: from-lib-app\n\n');
  });

  it('checks values against values.schema.json', () => {
    const files = {
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'values.yaml': 'replicas: 1\n',
      'values.schema.json': '{"type":"object","required":["image"],"properties":{"replicas":{"type":"integer","minimum":1}}}',
      'templates/x.yaml': '',
    };
    expect(() => render(files, 'image=x,replicas=abc')).toThrow(
      "values don't meet the specifications of the schema(s) in the following chart(s):\napp:\n- at '/replicas': got string, want integer\n",
    );
    expect(() => render(files, 'replicas=0')).toThrow("app:\n- at '': missing property 'image'\n- at '/replicas': minimum: got 0, want 1\n");
    expect(render(files, 'image=x,replicas=3').manifests).toEqual([]);
  });
});
