import { describe, expect, it } from 'vitest';
import { apiCluster, deployment } from './fixtures/api-cluster.ts';

describe('defaulting as the API server does it', () => {
  it('fills a Pod like `kubectl get pod -o yaml` shows it', () => {
    const { store } = apiCluster();
    const p = store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx',
            ports: [{ containerPort: 80 }],
            resources: { limits: { cpu: 0.5, memory: '1024Mi' } },
            livenessProbe: { httpGet: { path: '/', port: 80 } },
          },
        ],
      },
    });
    const spec = p.spec!;
    expect(spec.dnsPolicy).toBe('ClusterFirst');
    expect(spec.restartPolicy).toBe('Always');
    expect(spec.schedulerName).toBe('default-scheduler');
    expect(spec.terminationGracePeriodSeconds).toBe(30);
    expect(spec.enableServiceLinks).toBe(true);
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.priority).toBe(0);
    expect(spec.preemptionPolicy).toBe('PreemptLowerPriority');
    expect(spec.securityContext).toEqual({});
    const c = spec.containers[0]!;
    expect(c.imagePullPolicy).toBe('Always');
    expect(c.terminationMessagePath).toBe('/dev/termination-log');
    expect(c.terminationMessagePolicy).toBe('File');
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
    expect(c.livenessProbe).toEqual({
      httpGet: { path: '/', port: 80, scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(spec.volumes?.[0]?.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(c.volumeMounts).toEqual([{ name: spec.volumes?.[0]?.name, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }]);
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });

  it('picks imagePullPolicy from the tag', () => {
    const { store } = apiCluster();
    const images = ['nginx', 'nginx:latest', 'nginx:1.25', 'registry:5000/app', 'app@sha256:abc'];
    const policies = images.map((image, i) =>
      store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}` }, spec: { containers: [{ name: 'c', image }] } }).spec?.containers[0]?.imagePullPolicy,
    );
    expect(policies).toEqual(['Always', 'Always', 'IfNotPresent', 'Always', 'IfNotPresent']);
  });

  it('defaults a Deployment: RollingUpdate 25%/25%, history 10, deadline 600; templates get no requests from limits', () => {
    const { store } = apiCluster();
    const input = deployment('web');
    input.spec!.template.spec!.containers[0] = { name: 'web', image: 'nginx:1.25', resources: { limits: { cpu: '1' } } };
    const d = store.create(input);
    expect(d.spec?.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(d.spec?.revisionHistoryLimit).toBe(10);
    expect(d.spec?.progressDeadlineSeconds).toBe(600);
    expect(d.spec?.template.spec?.containers[0]?.resources).toEqual({ limits: { cpu: '1' } });
    expect(d.spec?.template.spec?.tolerations).toBeUndefined();
    expect(d.status).toBeUndefined();
  });

  it('defaults Services, including the ClientIP affinity timeout', () => {
    const { store } = apiCluster();
    const s = store.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, sessionAffinity: 'ClientIP', ports: [{ port: 80 }] },
    });
    expect(s.spec).toMatchObject({
      type: 'ClusterIP',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      internalTrafficPolicy: 'Cluster',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
    const np = store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'np' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } });
    expect(np.spec?.externalTrafficPolicy).toBe('Cluster');
  });

  it('lets a networking component allocate cluster IPs', () => {
    const { store } = apiCluster();
    let next = 10;
    store.setServiceAllocator({
      allocate: (svc) => {
        svc.spec!.clusterIP = `10.96.0.${next++}`;
        svc.spec!.clusterIPs = [svc.spec!.clusterIP];
      },
      release: () => {},
    });
    const s = store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } });
    expect(s.spec?.clusterIP).toBe('10.96.0.10');
  });

  it('defaults Jobs and generates their selector from the uid', () => {
    const { store } = apiCluster();
    const job = store.create({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } },
    });
    expect(job.spec).toMatchObject({ backoffLimit: 6, completions: 1, parallelism: 1, completionMode: 'NonIndexed', suspend: false });
    const uid = job.metadata!.uid!;
    expect(job.spec?.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(job.spec?.template.metadata?.labels).toEqual({
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    });
  });
});

describe('service addresses across updates', () => {
  it('keeps the allocated cluster IP when a replace leaves it out', () => {
    const { store } = apiCluster();
    store.setServiceAllocator({
      allocate: (svc) => {
        svc.spec!.clusterIP = '10.96.0.10';
        svc.spec!.clusterIPs = ['10.96.0.10'];
      },
      release: () => {},
    });
    const manifest = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as const;
    store.create(manifest);
    const replaced = store.update({ ...manifest, spec: { ...manifest.spec, selector: { app: 'web2' } } });
    expect(replaced.spec?.clusterIP).toBe('10.96.0.10');
    expect(replaced.spec?.selector).toEqual({ app: 'web2' });
  });
});
