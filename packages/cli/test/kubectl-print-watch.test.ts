// `kubectl get -w`: the initial table, then one row per watch event, aligned under the table by
// kubectl's width-remembering tab writer; `--output-watch-events`; an empty initial list; -A;
// and -o json|yaml|name watches. Each is compared with the stock kubectl client watching the fake
// API server, which answers the list and then streams the events and ends the watch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import { tablePrinterFor } from '../src/kubectl/printers/registry.ts';
import type { WatchEventType, WatchFormat } from '../src/kubectl/printers/watch.ts';
import { printWatchObject, TableWatchPrinter, WATCH_SINGLE_TYPE_ERROR } from '../src/kubectl/printers/watch.ts';
import type { FakeApiServer, FakeWatchEvent } from './support/fake-apiserver.ts';
import { kubectlInstalled, runKubectl, startFakeApiServer } from './support/fake-apiserver.ts';
import { NOW } from './fixtures/kubectl-print/pod-status-cases.ts';

const T = (seconds: number): string => new Date(Date.UTC(2025, 0, 1) + seconds * 1000).toISOString().replace('.000', '');

function pod(name: string, namespace: string, state: 'creating' | 'running' | 'terminating', restarts = 0): Pod {
  const containerState =
    state === 'creating' ? { waiting: { reason: 'ContainerCreating' } } : { running: { startedAt: T(60) } };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      creationTimestamp: T(30),
      labels: { app: 'web' },
      ...(state === 'terminating' ? { deletionTimestamp: T(3590), deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: { nodeName: 'worker-1', containers: [{ name: 'app', image: 'nginx' }] },
    status: {
      phase: state === 'creating' ? 'Pending' : 'Running',
      ...(state === 'creating' ? {} : { podIP: '10.244.1.7', conditions: [{ type: 'Ready', status: 'True' }] }),
      containerStatuses: [
        { name: 'app', image: 'nginx', imageID: '', ready: state !== 'creating', restartCount: restarts, state: containerState },
      ],
    },
  };
}

const INITIAL = [pod('web-1', 'default', 'running'), pod('db-0', 'default', 'running', 2)];
const EVENTS: readonly FakeWatchEvent[] = [
  { type: 'ADDED', object: pod('web-2-with-a-much-longer-name', 'default', 'creating') },
  { type: 'MODIFIED', object: pod('web-2-with-a-much-longer-name', 'default', 'running') },
  { type: 'MODIFIED', object: pod('web-1', 'default', 'terminating') },
  { type: 'DELETED', object: pod('web-1', 'default', 'terminating') },
  { type: 'ADDED', object: pod('x', 'kube-system', 'running') },
];

function oursTable(initial: readonly KubeObject[], events: readonly FakeWatchEvent[], flags: string[]): string {
  const printer = tablePrinterFor({ group: '', kind: 'Pod' }, true);
  const allNamespaces = flags.includes('-A');
  const watch = new TableWatchPrinter(printer, {
    wide: flags.includes('wide'),
    allNamespaces,
    showLabels: flags.includes('--show-labels'),
    noHeaders: flags.includes('--no-headers'),
    outputWatchEvents: flags.includes('--output-watch-events'),
  });
  let out = flags.includes('--watch-only') ? '' : watch.list(initial.filter((o) => allNamespaces || o.metadata?.namespace === 'default'), NOW);
  for (const event of events) {
    if (!allNamespaces && event.object.metadata?.namespace !== 'default') continue;
    out += watch.event(event.type, event.object, NOW);
  }
  return out;
}

function oursObjects(format: WatchFormat, initial: readonly KubeObject[], events: readonly FakeWatchEvent[], withEvents: boolean): string {
  let out = '';
  let index = 0;
  const print = (object: KubeObject, type: WatchEventType): void => {
    out += printWatchObject(format, object, index++, withEvents ? type : undefined);
  };
  for (const object of initial) print(object, 'ADDED');
  for (const event of events) if (event.object.metadata?.namespace === 'default') print(event.object, event.type);
  return out;
}

describe.skipIf(!kubectlInstalled)('kubectl get -w matches the stock kubectl client', () => {
  let server: FakeApiServer;
  let empty: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer(INITIAL, () => NOW, EVENTS);
    empty = await startFakeApiServer([], () => NOW, EVENTS);
  });
  afterAll(async () => {
    await server.close();
    await empty.close();
  });

  const tableCases: string[][] = [
    [],
    ['-o', 'wide'],
    ['--output-watch-events'],
    ['-A'],
    ['-A', '--show-labels', '--output-watch-events'],
    ['--no-headers'],
    ['--watch-only'],
  ];
  for (const flags of tableCases) {
    it(`get pods -w ${flags.join(' ')}`, async () => {
      const real = await runKubectl(server, ['get', 'pods', '-w', ...flags]);
      expect(oursTable(INITIAL, EVENTS, flags)).toBe(real.stdout);
    });
  }

  it('an empty initial list prints the header with the first event, and no "No resources found"', async () => {
    const real = await runKubectl(empty, ['get', 'pods', '-w']);
    expect({ stdout: oursTable([], EVENTS, []), stderr: '', status: 0 }).toEqual(real);
  });

  for (const types of ['pods,svc', 'all']) {
    it(`get ${types} -w is refused with kubectl's error`, async () => {
      const real = await runKubectl(server, ['get', types, '-w']);
      expect({ stdout: '', stderr: WATCH_SINGLE_TYPE_ERROR, status: 1 }).toEqual(real);
    });
  }

  for (const format of ['json', 'yaml', 'name'] as const) {
    for (const withEvents of [false, true]) {
      it(`get pods -w -o ${format}${withEvents ? ' --output-watch-events' : ''}`, async () => {
        const real = await runKubectl(server, ['get', 'pods', '-w', '-o', format, ...(withEvents ? ['--output-watch-events'] : [])]);
        expect(oursObjects(format, INITIAL, EVENTS, withEvents)).toBe(real.stdout);
      });
    }
  }
});

describe('kubectl get -w without the stock client', () => {
  it('aligns each event under the table, widening columns for later rows only', () => {
    expect(oursTable(INITIAL, EVENTS, [])).toBe(
      [
        'NAME    READY   STATUS    RESTARTS   AGE',
        'web-1   1/1     Running   0          59m',
        'db-0    1/1     Running   2          59m',
        'web-2-with-a-much-longer-name   0/1     ContainerCreating   0          59m',
        'web-2-with-a-much-longer-name   1/1     Running             0          59m',
        'web-1                           1/1     Terminating         0          59m',
        'web-1                           1/1     Terminating         0          59m',
        '',
      ].join('\n'),
    );
  });

  it('never narrows a column: a short row after a long one keeps the long widths', () => {
    const printer = new TableWatchPrinter(tablePrinterFor({ group: '', kind: 'Pod' }, true), {});
    printer.list([pod('a-very-long-pod-name-indeed', 'default', 'creating')], NOW);
    expect(printer.event('MODIFIED', pod('b', 'default', 'running'), NOW)).toBe(
      'b                             1/1     Running             0          59m\n',
    );
  });
});
