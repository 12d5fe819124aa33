// -o custom-columns and --sort-by against the stock kubectl client (loopback fake API server),
// including their error messages. Skipped without kubectl.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRFC3339, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { parseCustomColumns, printCustomColumns } from '../src/kubectl/printers/custom-columns.ts';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import { printNames } from '../src/kubectl/printers/name.ts';
import { printTable } from '../src/kubectl/printers/registry.ts';
import { sortObjects } from '../src/kubectl/printers/sort-by.ts';
import type { FakeApiServer } from './support/fake-apiserver.ts';
import { kubectlInstalled, runKubectl, startFakeApiServer } from './support/fake-apiserver.ts';

const wallNow = (): number => Date.now() - VIRTUAL_EPOCH_MS;
const base = wallNow() - 7_200_000;

/** Pods with shuffled names, ages, restart counts and cpu requests; one lacks a podIP. */
const pods: KubeObject[] = [
  ['web-10', 300, 2, '250m', '10.244.1.10'],
  ['web-9', 100, 0, '1', '10.244.1.9'],
  ['db-0', 200, 7, '500m', undefined],
  ['web-1', 100, 3, '100m', '10.244.2.1'],
  ['cache', 50, 1, '2', '10.244.3.3'],
].map(([name, offset, restarts, cpu, ip]) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', creationTimestamp: toRFC3339(base + (offset as number) * 1000), labels: { app: 'shop' } },
  spec: { containers: [{ name: 'main', image: 'nginx:1.25', resources: { requests: { cpu } } }], nodeName: 'node-1' },
  status: {
    phase: 'Running',
    ...(ip === undefined ? {} : { podIP: ip, podIPs: [{ ip }] }),
    containerStatuses: [{ name: 'main', image: 'nginx:1.25', imageID: '', ready: true, restartCount: restarts, state: { running: {} } }],
  },
})) as KubeObject[];

/** 60 pods whose sort keys tie a lot (and some lack the field): Go's unstable sort decides their order. */
const crowd: KubeObject[] = Array.from({ length: 60 }, (_, i) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `crowd-${(i * 37) % 60}`, namespace: 'crowd', creationTimestamp: toRFC3339(base + (i % 4) * 1000) },
  spec: { containers: [{ name: 'main', image: 'nginx' }] },
  status: i % 9 === 0 ? {} : { phase: 'Running', containerStatuses: [{ name: 'main', image: 'nginx', imageID: '', ready: true, restartCount: i % 3, state: {} }] },
})) as KubeObject[];

describe.skipIf(!kubectlInstalled)('sorting many ties orders them as Go sort.Sort does', () => {
  let server: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer(crowd, wallNow);
  });
  afterAll(async () => {
    await server.close();
  });

  for (const field of ['.metadata.creationTimestamp', '.status.containerStatuses[0].restartCount', '.status.phase']) {
    it(`--sort-by=${field} over 60 pods`, async () => {
      const real = await runKubectl(server, ['get', 'pods', '-n', 'crowd', `--sort-by=${field}`, '-o', 'name']);
      expect(printNames(sortObjects(crowd, field))).toBe(real.stdout);
    });
  }
});

describe.skipIf(!kubectlInstalled)('custom columns and sorting match the stock kubectl client', () => {
  let server: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer(pods, wallNow);
  });
  afterAll(async () => {
    await server.close();
  });

  const columnSpecs = [
    'NAME:.metadata.name,IP:.status.podIP',
    'NAME:metadata.name,IMAGES:{.spec.containers[*].image},NODE:{.spec.nodeName}',
    'N:.metadata.name,LABELS:.metadata.labels,CPU:.spec.containers[0].resources.requests',
    'NAME:.metadata.name,MISSING:.status.nothing,READY:.status.containerStatuses[*].ready',
  ];
  for (const spec of columnSpecs) {
    it(`-o custom-columns=${spec}`, async () => {
      const real = await runKubectl(server, ['get', 'pods', '-o', `custom-columns=${spec}`]);
      expect(printCustomColumns(parseCustomColumns(spec), pods)).toBe(real.stdout);
      const bare = await runKubectl(server, ['get', 'pods', '--no-headers', '-o', `custom-columns=${spec}`]);
      expect(printCustomColumns(parseCustomColumns(spec), pods, { noHeaders: true })).toBe(bare.stdout);
    });
  }

  it('rejects a column without a path as kubectl does', async () => {
    const real = await runKubectl(server, ['get', 'pods', '-o', 'custom-columns=NAME']);
    expect(() => parseCustomColumns('NAME')).toThrow(real.stderr.replace(/^error: /, '').trim());
  });

  const sortFields = [
    '.metadata.name',
    '.metadata.creationTimestamp',
    '{.status.containerStatuses[0].restartCount}',
    '.spec.containers[0].resources.requests.cpu',
    '.status.podIP',
  ];
  for (const field of sortFields) {
    it(`--sort-by=${field}`, async () => {
      const before = printTable(sortObjects(pods, field), {}, wallNow());
      const real = await runKubectl(server, ['get', 'pods', `--sort-by=${field}`]);
      const after = printTable(sortObjects(pods, field), {}, wallNow());
      expect([before, after]).toContain(real.stdout);
      const names = await runKubectl(server, ['get', 'pods', `--sort-by=${field}`, '-o', 'name']);
      expect(printNames(sortObjects(pods, field))).toBe(names.stdout);
    });
  }

  it('fails on a field no object has, with kubectl\'s message', async () => {
    const real = await runKubectl(server, ['get', 'pods', '--sort-by=.metadata.nothing', '-o', 'name']);
    expect(real.status).not.toBe(0);
    expect(() => sortObjects(pods, '.metadata.nothing')).toThrow(real.stderr.replace(/^error: /, '').trim());
  });

  it('swallows that error with table output: nothing printed, "No resources found" (kubectl 1.32)', async () => {
    const real = await runKubectl(server, ['get', 'pods', '--sort-by=.metadata.nothing']);
    expect(real).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', status: 0 });
  });
});
