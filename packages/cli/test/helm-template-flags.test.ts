// `helm template`'s flags and failures beyond the golden cases: namespaces, extra API
// versions, upgrades, hooks, tests, --show-only, --kube-version and helm's error words.

import { SeededRandom, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { fileMapSource } from '@dockyard/scheduler/helm';
import { describe, expect, it } from 'vitest';
import { helmTemplate } from '../src/helm/index.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

const FILES = new Map<string, Uint8Array>([
  ['app/Chart.yaml', enc('apiVersion: v2\nname: app\nversion: 1.0.0\nkubeVersion: ">=1.25.0-0"\n')],
  ['app/values.yaml', enc('replicas: 1\n')],
  [
    'app/templates/all.yaml',
    enc(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  namespace: {{ .Release.Namespace }}
spec:
  replicas: {{ .Values.replicas }}
---
# a second document in the same file
apiVersion: v1
kind: Namespace
metadata:
  name: ns-{{ .Release.Name }}
  labels:
    upgrade: {{ .Release.IsUpgrade | quote }}
    kube: {{ .Capabilities.KubeVersion.Version }}
    extra: {{ .Capabilities.APIVersions.Has "example.com/v1" | quote }}
`),
  ],
  [
    'app/templates/hooks.yaml',
    enc(`apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "5"
---
apiVersion: v1
kind: Pod
metadata:
  name: test
  annotations:
    helm.sh/hook: test
`),
  ],
  ['app/templates/NOTES.txt', enc('Thanks for installing {{ .Release.Name }}')],
  ['values/prod.yaml', enc('replicas: 5\n')],
]);

function run(...args: string[]) {
  return helmTemplate(args, { files: fileMapSource(FILES), now: () => VIRTUAL_EPOCH_MS, random: new SeededRandom(1) });
}

describe('helm template flags', () => {
  it('renders documents in install order, hooks last, on the simulated Kubernetes v1.33.0', () => {
    const r = run('web', 'app', '-n', 'shop', '-f', 'values/prod.yaml', '--api-versions', 'example.com/v1');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`---
# Source: app/templates/all.yaml
# a second document in the same file
apiVersion: v1
kind: Namespace
metadata:
  name: ns-web
  labels:
    upgrade: "false"
    kube: v1.33.0
    extra: "true"

---
# Source: app/templates/all.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 5
---
# Source: app/templates/hooks.yaml
apiVersion: v1
kind: Pod
metadata:
  name: test
  annotations:
    helm.sh/hook: test

---
# Source: app/templates/hooks.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "5"

`);
  });

  it('drops test hooks with --skip-tests and all hooks with --no-hooks; --is-upgrade sets .Release.IsUpgrade', () => {
    expect(run('app', '--skip-tests').stdout).not.toContain('name: test\n');
    expect(run('app', '--no-hooks').stdout).not.toContain('# Source: app/templates/hooks.yaml');
    expect(run('app', '--is-upgrade').stdout).toContain('upgrade: "true"');
  });

  it('shows only matching templates, and says which is missing', () => {
    expect(run('app', '-s', 'templates/hooks.yaml').stdout).toMatch(/^---\n# Source: app\/templates\/hooks.yaml\napiVersion: v1\nkind: Pod/);
    expect(run('app', '--show-only', 'templates/nope.yaml').output).toBe('Error: could not find template templates/nope.yaml in chart\n');
  });

  it.each([
    [['app', '--kube-version', '1.24.0'], 'Error: chart requires kubeVersion: >=1.25.0-0 which is incompatible with Kubernetes v1.24.0\n\nUse --debug flag to render out invalid YAML\n'],
    [['app', '--kube-version', 'banana'], "Error: invalid kube version 'banana': Invalid Semantic Version\n"],
    [['app', '--bogus'], 'Error: unknown flag: --bogus\n'],
    [['app', '-x'], "Error: unknown shorthand flag: 'x' in -x\n"],
    [['app', '--set'], 'Error: flag needs an argument: --set\n'],
    [['app', '--set', 'a'], 'Error: failed parsing --set data: key "a" has no value\n'],
    [['app', '-f', 'missing.yaml'], 'Error: open missing.yaml: no such file or directory\n'],
    [['nowhere'], 'Error: path "nowhere" not found\n'],
    [['Bad_Name', 'app'], 'Error: release name "Bad_Name": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53\n'],
    [['a', 'b', 'c'], 'Error: expected at most two arguments, unexpected arguments: c\n'],
    [['x', 'app', '--name-template', 'y'], 'Error: cannot set --name-template and also specify a name\n'],
  ])('fails as helm does: %j', (args, output) => {
    const r = run(...args);
    expect(r.output).toBe(output);
    expect(r.exitCode).toBe(1);
  });
});
