import type { Service, ServiceSpec } from 'kubernetes-types/core/v1';
import { describe, expect, test } from 'vitest';
import { formatKubectlError, StatusError } from '../src/index.ts';
import { networkingCluster } from './fixtures/networking-cluster.ts';

const svc = (name: string, spec: ServiceSpec) => ({ apiVersion: 'v1', kind: 'Service' as const, metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 3000 }], ...spec } }) satisfies Service;

function inRange(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number);
  return a === 10 && b! >= 96 && b! <= 111;
}

describe('ClusterIP allocation (10.96.0.0/12)', () => {
  test('a Service gets a random address of the dynamic band, never the static first 256', () => {
    const { store } = networkingCluster(7);
    const ips = Array.from({ length: 40 }, (_, i) => store.create(svc(`s${i}`, {})).spec!.clusterIP!);
    for (const ip of ips) {
      expect(inRange(ip)).toBe(true);
      expect(ip.startsWith('10.96.0.')).toBe(false);
    }
    expect(new Set(ips).size).toBe(40);
  });

  test('a requested address is kept; a taken one is refused with the API server message', () => {
    const { store } = networkingCluster();
    expect(store.create(svc('dns', { clusterIP: '10.96.0.10' })).spec!.clusterIPs).toEqual(['10.96.0.10']);
    let error: unknown;
    try {
      store.create(svc('other', { clusterIP: '10.96.0.10' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatusError);
    expect(formatKubectlError(error as Error, { verb: 'creating', source: 'svc.yaml', name: 'other', namespace: 'default' })).toBe(
      'The Service "other" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated\n',
    );
  });

  test('an address outside the range names the range', () => {
    const { store } = networkingCluster();
    expect(() => store.create(svc('x', { clusterIP: '10.0.0.5' }))).toThrow(
      'Service "x" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  test('headless and ExternalName Services get no address', () => {
    const { store } = networkingCluster();
    expect(store.create(svc('h', { clusterIP: 'None' })).spec!.clusterIP).toBe('None');
    const ext = store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'e' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } });
    expect(ext.spec!.clusterIP).toBeUndefined();
  });

  test('an update that leaves the address out keeps it', () => {
    const { store } = networkingCluster();
    const created = store.create(svc('web', {}));
    const applied = store.apply({ ...svc('web', {}), metadata: { name: 'web', labels: { tier: 'front' } } });
    expect(applied.outcome).toBe('configured');
    expect(applied.object.spec!.clusterIP).toBe(created.spec!.clusterIP);
  });
});

describe('NodePort allocation (30000-32767)', () => {
  test('the tutorial nodePort 30080 is kept; asking for it twice gives the real error', () => {
    const { store } = networkingCluster();
    const first = store.create(svc('my-app-nodeport', { type: 'NodePort', ports: [{ port: 80, targetPort: 3000, nodePort: 30080 }] }));
    expect(first.spec!.ports![0]!.nodePort).toBe(30080);
    expect(() => store.create(svc('again', { type: 'NodePort', ports: [{ port: 80, targetPort: 3000, nodePort: 30080 }] }))).toThrow(
      'Service "again" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
  });

  test('a port outside the range names the range', () => {
    const { store } = networkingCluster();
    expect(() => store.create(svc('low', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] }))).toThrow(
      'spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  test('random ports come from above the static band (30086-32767); LoadBalancers get them too', () => {
    const { store } = networkingCluster(3);
    for (let i = 0; i < 30; i++) {
      const type = i % 2 === 0 ? 'NodePort' : 'LoadBalancer';
      const port = store.create(svc(`np${i}`, { type })).spec!.ports![0]!.nodePort!;
      expect(port).toBeGreaterThanOrEqual(30086);
      expect(port).toBeLessThanOrEqual(32767);
    }
  });

  test('changing a ClusterIP Service to NodePort allocates a port', () => {
    const { store } = networkingCluster();
    store.create(svc('web', {}));
    const updated = store.apply(svc('web', { type: 'NodePort' }));
    expect(updated.object.spec!.ports![0]!.nodePort).toBeGreaterThanOrEqual(30000);
  });

  test('a Local LoadBalancer gets a healthCheckNodePort too', () => {
    const { store } = networkingCluster(2);
    const spec = store.create(svc('local-lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' })).spec!;
    expect(spec.healthCheckNodePort).toBeGreaterThanOrEqual(30086);
    expect(spec.healthCheckNodePort).not.toBe(spec.ports![0]!.nodePort);
  });

  test('a freed port can be taken again', () => {
    const { store } = networkingCluster();
    store.create(svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    store.delete('Service', 'default', 'a');
    expect(store.create(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })).spec!.ports![0]!.nodePort).toBe(30080);
  });
});
