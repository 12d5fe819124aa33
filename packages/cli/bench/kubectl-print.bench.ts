// How long kubectl's printers take on a large cluster: a `get pods` table of 10,000 pods (default
// and -o wide, and -A with --show-labels), -o yaml and -o json of the same list, and describe
// of a node that runs 100 of them.
import { bench, describe } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { describeObject } from '../src/kubectl/printers/describe/describe.ts';
import { toJson } from '../src/kubectl/printers/json.ts';
import { asList } from '../src/kubectl/printers/list.ts';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import { printTable } from '../src/kubectl/printers/registry.ts';
import { toYaml } from '../src/kubectl/printers/yaml.ts';

const NOW = 86_400_000;
const at = (ms: number): string => new Date(Date.UTC(2025, 0, 1) + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const pods: Pod[] = Array.from({ length: 10_000 }, (_, i) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: `web-7d4b9c8f5-${i.toString(36).padStart(5, 'x')}`,
    namespace: `team-${i % 7}`,
    uid: `uid-${i}`,
    creationTimestamp: at(NOW - (i % 5000) * 1000),
    labels: { app: 'web', 'pod-template-hash': '7d4b9c8f5' },
  },
  spec: {
    nodeName: `node-${i % 100}`,
    containers: [{ name: 'web', image: 'nginx:1.25', resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
  },
  status: {
    phase: 'Running',
    podIP: `10.244.${i % 250}.${i % 200}`,
    podIPs: [{ ip: `10.244.${i % 250}.${i % 200}` }],
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [
      {
        name: 'web',
        image: 'nginx:1.25',
        imageID: '',
        ready: i % 13 !== 0,
        restartCount: i % 4,
        state: i % 13 === 0 ? { waiting: { reason: 'CrashLoopBackOff' } } : { running: { startedAt: at(NOW - 1000) } },
        lastState: i % 4 === 0 ? {} : { terminated: { exitCode: 1, finishedAt: at(NOW - 42_000) } },
      },
    ],
  },
}));
const node: KubeObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'node-0', creationTimestamp: at(0) },
  status: { allocatable: { cpu: '4', memory: '8Gi' }, conditions: [{ type: 'Ready', status: 'True' }] },
} as KubeObject;

// A few iterations are enough to see the order of magnitude and keep `pnpm bench` short.
const options = { time: 500, iterations: 3, warmupIterations: 1 };

describe('kubectl printers on 10,000 pods', () => {
  bench('get pods', () => {
    printTable(pods, {}, NOW);
  }, options);
  bench('get pods -o wide', () => {
    printTable(pods, { wide: true }, NOW);
  }, options);
  bench('get pods -A --show-labels', () => {
    printTable(pods, { allNamespaces: true, showLabels: true }, NOW);
  }, options);
  bench('get pods -o yaml', () => {
    toYaml(asList(pods));
  }, options);
  bench('get pods -o json', () => {
    toJson(asList(pods));
  }, options);
  bench('describe node (100 pods)', () => {
    describeObject(node, pods, NOW);
  }, options);
});
