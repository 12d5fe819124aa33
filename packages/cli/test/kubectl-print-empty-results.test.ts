// What each output format prints when a get finds nothing, against the stock kubectl client:
// tables print nothing and say "No resources found in default namespace." on stderr; -o json|yaml
// print an empty List; -o name prints nothing at all; custom-columns still prints its header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { parseCustomColumns, printCustomColumns } from '../src/kubectl/printers/custom-columns.ts';
import { printJsonPath } from '../src/kubectl/printers/jsonpath.ts';
import { toJson } from '../src/kubectl/printers/json.ts';
import { asList } from '../src/kubectl/printers/list.ts';
import { printNames } from '../src/kubectl/printers/name.ts';
import { printTable } from '../src/kubectl/printers/registry.ts';
import { noResourcesFound } from '../src/kubectl/printers/table.ts';
import { toYaml } from '../src/kubectl/printers/yaml.ts';
import type { FakeApiServer } from './support/fake-apiserver.ts';
import { kubectlInstalled, runKubectl, startFakeApiServer } from './support/fake-apiserver.ts';

describe.skipIf(!kubectlInstalled)('an empty get, in every output format, matches the stock kubectl client', () => {
  let server: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer([], () => Date.now() - VIRTUAL_EPOCH_MS);
  });
  afterAll(async () => {
    await server.close();
  });

  const formats: [string[], () => { stdout: string; stderr: string }][] = [
    [[], () => ({ stdout: printTable([], {}, 0), stderr: noResourcesFound('default') })],
    [['-o', 'json'], () => ({ stdout: toJson(asList([])), stderr: '' })],
    [['-o', 'yaml'], () => ({ stdout: toYaml(asList([])), stderr: '' })],
    [['-o', 'name'], () => ({ stdout: printNames([]), stderr: '' })],
    [['-o', 'jsonpath={.items[*].metadata.name}'], () => printJsonPath('{.items[*].metadata.name}', asList([]))],
    [['-o', 'custom-columns=NAME:.metadata.name'], () => ({ stdout: printCustomColumns(parseCustomColumns('NAME:.metadata.name'), []), stderr: '' })],
  ];
  for (const [args, ours] of formats) {
    it(`kubectl get pods ${args.join(' ')}`, async () => {
      const real = await runKubectl(server, ['get', 'pods', ...args]);
      expect(ours()).toEqual({ stdout: real.stdout, stderr: real.stderr });
    });
  }
});
