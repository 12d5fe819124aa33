// printGet: the whole of `kubectl get`'s output for each -o (stdout, stderr, exit code) against
// the stock kubectl client, including one named object, sorting and the errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import type { GetOutputOptions } from '../src/kubectl/printers/get-output.ts';
import { printGet } from '../src/kubectl/printers/get-output.ts';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import type { FakeApiServer } from './support/fake-apiserver.ts';
import { kubectlInstalled, runKubectl, startFakeApiServer } from './support/fake-apiserver.ts';

const wallNow = (): number => Date.now() - VIRTUAL_EPOCH_MS;
const pods: KubeObject[] = ['web-2', 'web-10', 'db-0'].map(
  (name, i) =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', creationTimestamp: `2025-01-0${i + 1}T00:00:00Z`, labels: { app: name.split('-')[0]! } },
      spec: { containers: [{ name: 'main', image: `nginx:1.2${i}` }] },
      status: { phase: 'Running', podIP: `10.244.0.${i + 2}` },
    }) as KubeObject,
);

const cases: [string[], GetOutputOptions, KubeObject[]][] = [
  [['get', 'pods'], { namespace: 'default' }, pods],
  [['get', 'pods', '-o', 'wide', '--sort-by=.metadata.name'], { output: 'wide', sortBy: '.metadata.name', namespace: 'default' }, pods],
  [['get', 'pods', '-o', 'yaml'], { output: 'yaml' }, pods],
  [['get', 'pod', 'web-2', '-o', 'yaml'], { output: 'yaml', singleObject: true }, pods.slice(0, 1)],
  [['get', 'pods', '-o', 'json', '--sort-by={.status.podIP}'], { output: 'json', sortBy: '{.status.podIP}' }, pods],
  [['get', 'pod', 'db-0', '-o', 'json'], { output: 'json', singleObject: true }, pods.slice(2)],
  [['get', 'pods', '-o', 'name'], { output: 'name' }, pods],
  [['get', 'pod', 'web-10', '-o', 'jsonpath={.status.podIP}'], { output: 'jsonpath={.status.podIP}', singleObject: true }, pods.slice(1, 2)],
  [['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}'], { output: 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}' }, pods],
  [['get', 'pods', '-o', 'jsonpath-as-json={.items[*].metadata.labels}'], { output: 'jsonpath-as-json={.items[*].metadata.labels}' }, pods],
  [['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image', '--no-headers'], { output: 'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image', noHeaders: true }, pods],
  [['get', 'pods', '-o', 'go-template-but-wrong'], { output: 'go-template-but-wrong' }, pods],
  [['get', 'pods', '-o', 'name', '--sort-by=.spec.nothing'], { output: 'name', sortBy: '.spec.nothing' }, pods],
  [['get', 'pods', '--sort-by=.spec.nothing'], { sortBy: '.spec.nothing', namespace: 'default' }, pods],
  [['get', 'pods', '-o', 'jsonpath={.items[5]}'], { output: 'jsonpath={.items[5]}' }, pods],
  [['get', 'pods', '-o', 'custom-columns=NAME'], { output: 'custom-columns=NAME' }, pods],
];

describe.skipIf(!kubectlInstalled)('printGet matches the stock kubectl client, streams and exit code included', () => {
  let server: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer(pods, wallNow);
  });
  afterAll(async () => {
    await server.close();
  });

  for (const [args, options, objects] of cases) {
    it(`kubectl ${args.join(' ')}`, async () => {
      const real = await runKubectl(server, args);
      expect(printGet(objects, options, wallNow())).toEqual({ stdout: real.stdout, stderr: real.stderr, exitCode: real.status });
    });
  }
});
