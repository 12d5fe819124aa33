// -o yaml and -o json, byte for byte against the stock kubectl client: the real manifests of the
// corpus and random strings (quoting, escapes, folding at column 80, key order) go through a
// loopback fake API server to kubectl and through our printers. Skipped without kubectl.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { toJson } from '../src/kubectl/printers/json.ts';
import { asList } from '../src/kubectl/printers/list.ts';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import { toYaml } from '../src/kubectl/printers/yaml.ts';
import { corpusObjects } from './support/corpus.ts';
import type { FakeApiServer } from './support/fake-apiserver.ts';
import { kubectlInstalled, runKubectl, startFakeApiServer } from './support/fake-apiserver.ts';

/** The kinds the fake server serves: plural and the apiVersion it serves them at. */
const SERVED: Record<string, [string, string]> = {
  Pod: ['pods', 'v1'], Service: ['services', 'v1'], ConfigMap: ['configmaps', 'v1'], Secret: ['secrets', 'v1'],
  Deployment: ['deployments', 'apps/v1'], ReplicaSet: ['replicasets', 'apps/v1'], StatefulSet: ['statefulsets', 'apps/v1'],
  DaemonSet: ['daemonsets', 'apps/v1'], Job: ['jobs', 'batch/v1'], CronJob: ['cronjobs', 'batch/v1'],
  Ingress: ['ingresses', 'networking.k8s.io/v1'], PersistentVolumeClaim: ['persistentvolumeclaims', 'v1'],
  PersistentVolume: ['persistentvolumes', 'v1'], HorizontalPodAutoscaler: ['horizontalpodautoscalers', 'autoscaling/v2'],
  Namespace: ['namespaces', 'v1'], ServiceAccount: ['serviceaccounts', 'v1'],
};
const CLUSTER_SCOPED = new Set(['PersistentVolume', 'Namespace']);

const served: KubeObject[] = corpusObjects()
  .map(({ object }) => object)
  .filter((o) => SERVED[o.kind!]?.[1] === o.apiVersion)
  .map((o) => (CLUSTER_SCOPED.has(o.kind!) ? o : { ...o, metadata: { ...o.metadata, namespace: o.metadata?.namespace ?? 'default' } }));
const kinds = [...new Set(served.map((o) => o.kind!))].sort();
const PLURALS = Object.fromEntries(Object.entries(SERVED).map(([kind, [plural]]) => [kind, plural]));

/** Our YAML equals kubectl's, or both fail with the same error. */
async function expectSameYaml(server: FakeApiServer, object: KubeObject): Promise<void> {
  const yaml = await runKubectl(server, ['get', 'configmap', object.metadata!.name!, '-n', object.metadata!.namespace!, '-o', 'yaml']);
  if (yaml.stderr.startsWith('error: yaml:')) {
    expect(() => toYaml(object), `${yaml.stderr} for ${JSON.stringify(object)}`).toThrow(yaml.stderr.replace(/^error: /, '').trim());
  } else {
    expect(yaml.stderr).toBe('');
    expect(toYaml(object)).toBe(yaml.stdout);
  }
}

describe.skipIf(!kubectlInstalled)('-o yaml and -o json match the stock kubectl client', () => {
  let server: FakeApiServer;
  /** Served by a second server, refilled for each generated case. */
  const random: KubeObject[] = [];
  let randomServer: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer(served, () => Date.now() - VIRTUAL_EPOCH_MS);
    randomServer = await startFakeApiServer(random, () => Date.now() - VIRTUAL_EPOCH_MS);
  });
  afterAll(async () => {
    await server.close();
    await randomServer.close();
  });

  it('serves a corpus of real manifests', () => {
    expect(kinds.length).toBeGreaterThan(8);
  });

  for (const kind of kinds) {
    it(`kubectl get ${PLURALS[kind]} -A -o yaml|json (a List of ${kind})`, async () => {
      const items = served.filter((o) => o.kind === kind);
      const yaml = await runKubectl(server, ['get', PLURALS[kind]!, '-A', '-o', 'yaml']);
      expect(yaml.stderr).toBe('');
      expect(toYaml(asList(items))).toBe(yaml.stdout);
      const json = await runKubectl(server, ['get', PLURALS[kind]!, '-A', '-o', 'json']);
      expect(toJson(asList(items))).toBe(json.stdout);
    });
  }

  it('prints one named object without a List around it', async () => {
    const deployment = served.find((o) => o.kind === 'Deployment')!;
    const args = ['get', 'deployment', deployment.metadata!.name!, '-n', deployment.metadata!.namespace!];
    expect(toYaml(deployment)).toBe((await runKubectl(server, [...args, '-o', 'yaml'])).stdout);
    expect(toJson(deployment)).toBe((await runKubectl(server, [...args, '-o', 'json'])).stdout);
  });

  it('reproduces go-yaml quirks: NEL folds (and breaks keys), a leading BOM escapes everything, U+2028 ends a line, DEL fails, the merge key `<<` stays plain', async () => {
    const quirks: [string, string][] = [
      ['k', 'x\u0085'], ['k', '\u0085x'], ['k', 'a \u0085 b'], ['k', 'a\u0085\u0085b'], ['k', 'a\t\u0085 b'], ['k', '\ufeffa b'],
      ['k', 'a\ufeffb'], ['k', 'a\u2028b'], ['k', 'a\u007fb'], ['k', 'a\u0090b'], ['a\u0085b', 'v'], ['a\u0085\u0085b', 'v'],
      ['<<', '<<'],
    ];
    for (const [key, value] of quirks) {
      random.splice(0, random.length, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'random', namespace: 'fuzz' }, data: { [key]: value } } as KubeObject);
      await expectSameYaml(randomServer, random[0]!);
    }
  });

  it('quotes, escapes, folds and orders keys like go-yaml for any strings', async () => {
    // Characters whose Unicode properties every Go and JavaScript version agree on, with the
    // ones YAML treats specially (indicators, quotes, breaks, tabs, BOM, NEL, NBSP, an emoji).
    const char = fc.oneof(
      fc.constantFrom(...'abcXYZ019 _-./:#\'"\\!&*?|>%@`,[]{}~=+'.split('')),
      fc.constantFrom('\n', '\t', '\r', '\u0000', '\u007f', '\u0085', '\u00a0', '\u00e9', '\u4e2d', '\u2028', '\ufeff', '\u{1f600}'),
    );
    const text = fc.oneof(
      fc.string({ unit: char, maxLength: 40 }),
      fc.constantFrom('yes', 'No', 'on', '~', 'null', '1.5', '0x1F', '08', '1_000', '1e3', '.5', '2025-01-01', '2025-01-01T00:00:00Z',
        '12:30', '- x', 'a: b', 'a #c', '#c', '*', '!', '@x', '--- x', 'a\nb', 'a\n', 'a\n\n', ' lead', 'trail ', 'a \nb', '\ta', '\u00e9t\u00e9', '\u{1f600}', '"q"', "it's"),
      fc.array(fc.constantFrom('word', 'a: b', 'x', '"q"', 'long-token-without-spaces', '  '), { maxLength: 30 }).map((w) => w.join(' ')),
    );
    // __proto__ and constructor are valid ConfigMap keys too, and must print like any other.
    const key = fc.oneof(fc.stringMatching(/^[a-z0-9A-Z._/-]{1,20}$/), text, fc.constantFrom('__proto__', 'constructor'));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, text, { maxKeys: 25 }), fc.array(text, { maxLength: 5 }), async (annotations, args) => {
        const object = {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'random', namespace: 'fuzz' },
          data: annotations,
          binaryData: {},
          immutable: false,
          list: [args, [], {}, [[1, 2.5]], null],
        } as KubeObject;
        random.splice(0, random.length, object);
        await expectSameYaml(randomServer, object);
        const json = await runKubectl(randomServer, ['get', 'configmap', 'random', '-n', 'fuzz', '-o', 'json']);
        expect(toJson(object)).toBe(json.stdout);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('-o yaml and -o json', () => {
  it('print a key named __proto__ like any other (a valid ConfigMap key)', () => {
    const data = JSON.parse('{"__proto__":"x","b":"y"}') as Record<string, string>;
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keys' }, data } as KubeObject;
    expect(toYaml(object)).toBe('apiVersion: v1\ndata:\n  __proto__: x\n  b: "y"\nkind: ConfigMap\nmetadata:\n  name: keys\n');
    expect(JSON.parse(toJson(object)).data).toEqual(data);
    expect(Object.keys(JSON.parse(toJson(object)).data)).toEqual(['__proto__', 'b']);
  });
});
