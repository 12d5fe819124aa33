import type { Pod, PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, test } from 'vitest';
import { busyboxNslookup, ClusterDns, installClusterServices, podResolvConf, renderResolvConf, resolveName } from '../src/index.ts';
import { networkingCluster, runningPod } from './fixtures/networking-cluster.ts';

function dnsCluster() {
  const c = networkingCluster(3);
  installClusterServices(c.store);
  c.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my-app' } });
  c.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-app', namespace: 'my-app' }, spec: { selector: { app: 'web-app' }, ports: [{ name: 'http', port: 80, targetPort: 3000 }] } });
  c.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'my-app' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432 }] } });
  runningPod(c.store, 'db-0', { app: 'db' }, { namespace: 'my-app', ip: '10.244.1.20', hostname: 'db-0', subdomain: 'db' });
  runningPod(c.store, 'db-x', { app: 'db' }, { namespace: 'my-app', ip: '10.244.2.21' });
  runningPod(c.store, 'db-unready', { app: 'db' }, { namespace: 'my-app', ip: '10.244.2.22', ready: false });
  c.engine.runUntilIdle();
  const dns = new ClusterDns(c.store, { random: c.engine.random });
  const webIP = c.store.get('Service', 'my-app', 'web-app').spec!.clusterIP!;
  return { ...c, dns, webIP };
}

const pod = (namespace: string, spec: Partial<PodSpec> = {}): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec } });

describe('cluster DNS records', () => {
  test('<svc>.<ns>.svc.cluster.local is the ClusterIP, authoritative; AAAA has no answer', () => {
    const { dns, webIP } = dnsCluster();
    expect(dns.query('web-app.my-app.svc.cluster.local', 'A')).toEqual({ rcode: 'NOERROR', authoritative: true, answers: [{ name: 'web-app.my-app.svc.cluster.local', type: 'A', ttl: 30, address: webIP }] });
    expect(dns.query('web-app.my-app.svc.cluster.local', 'AAAA')).toEqual({ rcode: 'NOERROR', authoritative: true, answers: [] });
    expect(dns.query('kubernetes.default.svc.cluster.local', 'A').answers[0]).toMatchObject({ address: '10.96.0.1' });
    expect(dns.query('kube-dns.kube-system.svc.cluster.local', 'A').answers[0]).toMatchObject({ address: '10.96.0.10' });
  });

  test('a headless Service answers with its ready pod addresses; hostname/subdomain pods get their own name', () => {
    const { dns } = dnsCluster();
    const answers = dns.query('db.my-app.svc.cluster.local', 'A').answers.map((a) => (a as { address: string }).address).sort();
    expect(answers).toEqual(['10.244.1.20', '10.244.2.21']);
    expect(dns.query('db-0.db.my-app.svc.cluster.local', 'A').answers).toEqual([{ name: 'db-0.db.my-app.svc.cluster.local', type: 'A', ttl: 30, address: '10.244.1.20' }]);
    expect(dns.query('10-244-2-21.db.my-app.svc.cluster.local', 'A').answers[0]).toMatchObject({ address: '10.244.2.21' });
    expect(dns.query('10-244-2-22.db.my-app.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  test('a headless Service with no ready pod is NXDOMAIN until one is ready', () => {
    const { dns, store } = dnsCluster();
    store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'lonely', namespace: 'my-app' }, spec: { clusterIP: 'None', selector: { app: 'nobody' }, ports: [{ port: 80 }] } });
    expect(dns.query('lonely.my-app.svc.cluster.local', 'A')).toEqual({ rcode: 'NXDOMAIN', authoritative: true, answers: [] });
  });

  test('SRV records for named ports', () => {
    const { dns } = dnsCluster();
    expect(dns.query('_http._tcp.web-app.my-app.svc.cluster.local', 'SRV').answers).toEqual([
      { name: '_http._tcp.web-app.my-app.svc.cluster.local', type: 'SRV', ttl: 30, priority: 0, weight: 100, port: 80, target: 'web-app.my-app.svc.cluster.local' },
    ]);
    const targets = dns.query('_pg._tcp.db.my-app.svc.cluster.local', 'SRV').answers.map((a) => (a as { target: string }).target).sort();
    expect(targets).toEqual(['10-244-2-21.db.my-app.svc.cluster.local', 'db-0.db.my-app.svc.cluster.local']);
  });

  test('pod records, PTR, NXDOMAIN inside the zone and outside it', () => {
    const { dns, webIP } = dnsCluster();
    expect(dns.query('10-244-1-20.my-app.pod.cluster.local', 'A').answers[0]).toMatchObject({ address: '10.244.1.20' });
    const ptr = `${webIP.split('.').reverse().join('.')}.in-addr.arpa`;
    expect(dns.query(ptr, 'PTR').answers).toEqual([{ name: ptr, type: 'PTR', ttl: 30, target: 'web-app.my-app.svc.cluster.local' }]);
    expect(dns.query('nope.my-app.svc.cluster.local', 'A')).toEqual({ rcode: 'NXDOMAIN', authoritative: true, answers: [] });
    expect(dns.query('my-app.svc.cluster.local', 'A')).toEqual({ rcode: 'NOERROR', authoritative: true, answers: [] });
    expect(dns.query('ghost.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(dns.query('example.com', 'A')).toEqual({ rcode: 'NXDOMAIN', authoritative: false, answers: [] });
  });

  test('ExternalName is a CNAME', () => {
    const { dns, store } = dnsCluster();
    store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'my-app' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } });
    expect(dns.query('ext.my-app.svc.cluster.local', 'A').answers).toEqual([{ name: 'ext.my-app.svc.cluster.local', type: 'CNAME', ttl: 30, target: 'db.example.com' }]);
  });
});

describe("a pod's resolv.conf", () => {
  test('ClusterFirst: search path of its namespace, the cluster DNS, ndots:5', () => {
    expect(renderResolvConf(podResolvConf(pod('my-app')))).toBe('search my-app.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  test('Default uses the node’s; hostNetwork with ClusterFirst too; None takes dnsConfig alone', () => {
    expect(renderResolvConf(podResolvConf(pod('default', { dnsPolicy: 'Default' })))).toBe('nameserver 172.18.0.1\noptions ndots:0\n');
    expect(renderResolvConf(podResolvConf(pod('default', { hostNetwork: true })))).toBe('nameserver 172.18.0.1\noptions ndots:0\n');
    expect(
      renderResolvConf(podResolvConf(pod('default', { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['corp.example'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } }))),
    ).toBe('search corp.example\nnameserver 1.1.1.1\noptions ndots:2 edns0\n');
    expect(renderResolvConf(podResolvConf(pod('default', { dnsConfig: { options: [{ name: 'ndots', value: '1' }] } })))).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:1\n',
    );
  });

  test('short names resolve in the pod’s own namespace; <svc>.<ns> crosses namespaces', () => {
    const { dns, webIP } = dnsCluster();
    const inApp = podResolvConf(pod('my-app'));
    const inDefault = podResolvConf(pod('default'));
    expect(resolveName(dns, inApp, 'web-app')).toEqual({ name: 'web-app.my-app.svc.cluster.local', addresses: [webIP] });
    expect(resolveName(dns, inDefault, 'web-app')).toBeUndefined();
    expect(resolveName(dns, inDefault, 'web-app.my-app')).toEqual({ name: 'web-app.my-app.svc.cluster.local', addresses: [webIP] });
    expect(resolveName(dns, inDefault, 'kubernetes')?.addresses).toEqual(['10.96.0.1']);
  });
});

describe('busybox nslookup', () => {
  test('the tutorial’s lookup prints the ClusterIP the way BusyBox 1.36 does', () => {
    const { dns, webIP } = dnsCluster();
    const result = busyboxNslookup(['web-app.my-app.svc.cluster.local'], podResolvConf(pod('default')), (ip) => (ip === '10.96.0.10' ? dns : undefined));
    expect(result).toEqual({
      stdout: `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb-app.my-app.svc.cluster.local\nAddress: ${webIP}\n\n\n`,
      stderr: '',
      exitCode: 0,
    });
  });

  test('an unknown name: NXDOMAIN for the A and the AAAA query, exit status 1', () => {
    const { dns } = dnsCluster();
    const result = busyboxNslookup(['nope.my-app.svc.cluster.local'], podResolvConf(pod('default')), () => dns);
    expect(result.stdout).toBe(
      "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nope.my-app.svc.cluster.local: NXDOMAIN\n\n** server can't find nope.my-app.svc.cluster.local: NXDOMAIN\n\n",
    );
    expect(result.exitCode).toBe(1);
  });

  test('a name without dots goes through every search domain (and fails on the ones that do not exist)', () => {
    const { dns } = dnsCluster();
    const result = busyboxNslookup(['kubernetes'], podResolvConf(pod('default')), () => dns);
    expect(result.stdout).toContain('Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n');
    expect(result.stdout).toContain("** server can't find kubernetes.svc.cluster.local: NXDOMAIN\n");
    expect(result.exitCode).toBe(1);
  });

  test('an address is looked up in reverse; no server answers: a timeout', () => {
    const { dns } = dnsCluster();
    expect(busyboxNslookup(['10.96.0.10'], podResolvConf(pod('default')), () => dns).stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n10.0.96.10.in-addr.arpa\tname = kube-dns.kube-system.svc.cluster.local\n\n',
    );
    expect(busyboxNslookup(['web-app'], podResolvConf(pod('default')), () => undefined)).toEqual({ stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1 });
    expect(busyboxNslookup([], podResolvConf(pod('default')), () => dns).exitCode).toBe(1);
  });
});
