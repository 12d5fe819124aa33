// -o jsonpath against the stock kubectl client: the same List of pods (what `get pods` hands the
// printer) through a loopback fake API server and through our JsonPath, for the templates of
// kubectl's docs and cheat sheet plus the error cases. Skipped without kubectl.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { printJsonPath } from '../src/kubectl/printers/jsonpath.ts';
import { asList } from '../src/kubectl/printers/list.ts';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import { POD_STATUS_CASES } from './fixtures/kubectl-print/pod-status-cases.ts';
import type { FakeApiServer } from './support/fake-apiserver.ts';
import { kubectlInstalled, runKubectl, startFakeApiServer } from './support/fake-apiserver.ts';

const pods: KubeObject[] = POD_STATUS_CASES.slice(0, 6).map((c, i) => ({
  ...c.pod,
  metadata: {
    ...c.pod.metadata,
    name: `pod-${i}`,
    labels: { app: i % 2 === 0 ? 'web' : 'db', 'app.kubernetes.io/name': `n${i}` },
  },
  status: { ...c.pod.status, podIP: `10.244.${i}.5`, podIPs: [{ ip: `10.244.${i}.5` }] },
}));

export const TEMPLATES: readonly string[] = [
  '{.items[*].metadata.name}',
  '{range .items[*]}{.metadata.name}{"\\n"}{end}',
  '{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}',
  '{.items[0].status.podIP}',
  '{.items[-1].metadata.name}',
  '{.items[1:3].metadata.name}',
  '{.items[::2].metadata.name}',
  '{.items[0,2].metadata.name}',
  "{.items[?(@.metadata.labels.app=='web')].metadata.name}",
  '{.items[?(@.status.phase=="Running")].metadata.name}',
  '{.items[*].status.conditions[?(@.type=="Ready")].status}',
  '{.items[?(@.status.containerStatuses)].metadata.name}',
  '{.items[*].spec.containers[*].image}',
  '{.items[0].metadata.labels}',
  '{.items[0].spec.containers}',
  "{.items[0].metadata.labels['app\\.kubernetes\\.io/name']}",
  '{.items[0].metadata.labels.app\\.kubernetes\\.io/name}',
  '{..podIP}',
  '{.items[*].status.containerStatuses[*].restartCount}',
  '{.items[0].missing.field}',
  'names: {.items[*].metadata.name} done',
  '{.kind}',
  '{.items[0].status.podIPs[*].*}',
  '{range .items[*]}[{.metadata.name}{range .spec.containers[*]} {.name}={.image}{end}]{end}',
  '{.items[0].status.containerStatuses[0].ready}',
  '{.items[?(@.status.containerStatuses[0].restartCount>1)].metadata.name}',
  // errors
  '{.items[10].metadata.name}',
  '{.items[',
  '{.items[*].metadata.name',
  '{end}',
  '{.items[?(@.status.phase==1)].metadata.name}',
  '{.metadata[0]}',
  '{%}',
];

describe.skipIf(!kubectlInstalled)('-o jsonpath matches the stock kubectl client', () => {
  let server: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer(pods, () => Date.now() - VIRTUAL_EPOCH_MS);
  });
  afterAll(async () => {
    await server.close();
  });

  for (const template of TEMPLATES) {
    it(template, async () => {
      const real = await runKubectl(server, ['get', 'pods', '-o', `jsonpath=${template}`]);
      const ours = printJsonPath(template, asList(pods));
      expect(ours.stdout).toBe(real.stdout);
      expect(ours.stderr).toBe(real.stderr);
    });
  }
});
