// The columns and cells of `kubectl get` for each kind, as the API server's printers compute them
// (k/k pkg/printers/internalversion/printers.go; reference §8). The real client only lays out the
// cells the server sends, so these pin the cells themselves.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import { formatAge } from '../src/kubectl/printers/age.ts';
import { printTable } from '../src/kubectl/printers/registry.ts';

const NOW = 2 * 86_400_000; // two days after the epoch
const T = (secondsAgo: number): string => new Date(Date.UTC(2025, 0, 1) + NOW - secondsAgo * 1000).toISOString().replace('.000', '');
const meta = (name: string, ago: number, extra: Record<string, unknown> = {}) => ({ name, namespace: 'default', creationTimestamp: T(ago), ...extra });
const get = (objects: object[], wide = false): string => printTable(objects as KubeObject[], { wide }, NOW);

describe('kubectl get columns per kind', () => {
  it('deployments: READY is ready/desired; wide adds CONTAINERS IMAGES SELECTOR', () => {
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web', 300),
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
      status: { readyReplicas: 2, updatedReplicas: 1, availableReplicas: 2 },
    };
    expect(get([deployment])).toBe('NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/3     1            2           5m\n');
    expect(get([deployment], true)).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR\n' +
        'web    2/3     1            2           5m    web          nginx:1.25   app=web\n',
    );
  });

  it('replicasets, statefulsets and daemonsets', () => {
    const template = { spec: { containers: [{ name: 'c', image: 'redis:7-alpine' }], nodeSelector: { 'kubernetes.io/os': 'linux' } } };
    expect(get([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('web-7d4b9c8f5', 125), spec: { replicas: 3, template }, status: { replicas: 3, readyReplicas: 1 } }])).toBe(
      'NAME            DESIRED   CURRENT   READY   AGE\nweb-7d4b9c8f5   3         3         1       2m5s\n',
    );
    expect(get([{ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta('db', 7200), spec: { replicas: 3, template }, status: { readyReplicas: 3 } }])).toBe(
      'NAME   READY   AGE\ndb     3/3     120m\n',
    );
    expect(get([{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('agent', 30), spec: { template }, status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 } }])).toBe(
      'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n' +
        'agent   3         3         2       3            2           kubernetes.io/os=linux   30s\n',
    );
  });

  it('jobs: STATUS, COMPLETIONS and DURATION; cronjobs: SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE', () => {
    const template = { spec: { containers: [{ name: 'pi', image: 'perl' }] } };
    const running = { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('pi', 100), spec: { completions: 5, template }, status: { succeeded: 2, startTime: T(95) } };
    const done = { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('once', 900), spec: { parallelism: 1, template }, status: { succeeded: 1, startTime: T(890), completionTime: T(845), conditions: [{ type: 'Complete', status: 'True' }] } };
    const parallel = { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('work', 60), spec: { parallelism: 3, template }, status: {} };
    expect(get([running, done, parallel])).toBe(
      'NAME   STATUS     COMPLETIONS   DURATION   AGE\n' +
        'pi     Running    2/5           95s        100s\n' +
        'once   Complete   1/1           45s        15m\n' +
        'work   Running    0/1 of 3                 60s\n',
    );
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('hello', 3600), spec: { schedule: '*/1 * * * *', suspend: false, jobTemplate: { spec: { template } } }, status: { active: [{ name: 'hello-1' }], lastScheduleTime: T(42) } };
    expect(get([cron])).toBe(
      'NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */1 * * * *   <none>     False     1        42s             60m\n',
    );
  });

  it('services: PORT(S) with node ports, EXTERNAL-IP <none>/<pending>/addresses, headless None', () => {
    const svc = (name: string, spec: object, status: object = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(name, 600), spec, status });
    expect(
      get([
        svc('kubernetes', { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] }),
        svc('web', { type: 'NodePort', clusterIPs: ['10.96.45.12'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 443, nodePort: 30443, protocol: 'TCP' }], selector: { app: 'web' } }),
        svc('shop', { type: 'LoadBalancer', clusterIPs: ['10.96.7.7'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] }),
        svc('front', { type: 'LoadBalancer', clusterIPs: ['10.96.8.8'], ports: [{ port: 80, nodePort: 31001, protocol: 'TCP' }] }, { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } }),
        svc('db', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }] }),
        svc('ext', { type: 'ExternalName', externalName: 'db.example.com' }),
      ]),
    ).toBe(
      'NAME         TYPE           CLUSTER-IP    EXTERNAL-IP      PORT(S)                      AGE\n' +
        'kubernetes   ClusterIP      10.96.0.1     <none>           443/TCP                      10m\n' +
        'web          NodePort       10.96.45.12   <none>           80:30080/TCP,443:30443/TCP   10m\n' +
        'shop         LoadBalancer   10.96.7.7     <pending>        80:31000/TCP                 10m\n' +
        'front        LoadBalancer   10.96.8.8     172.18.255.200   80:31001/TCP                 10m\n' +
        'db           ClusterIP      None          <none>           5432/TCP                     10m\n' +
        'ext          ExternalName   <none>        db.example.com   <none>                       10m\n',
    );
  });

  it('endpoints: the first three ip:port then "+ N more..."; endpointslices', () => {
    const addresses = ['10.244.1.5', '10.244.2.3', '10.244.3.4', '10.244.1.6'].map((ip) => ({ ip }));
    expect(
      get([
        { apiVersion: 'v1', kind: 'Endpoints', metadata: meta('web', 60), subsets: [{ addresses, ports: [{ port: 3000 }] }] },
        { apiVersion: 'v1', kind: 'Endpoints', metadata: meta('idle', 60) },
      ]),
    ).toBe(
      'NAME   ENDPOINTS                                                     AGE\n' +
        'web    10.244.1.5:3000,10.244.2.3:3000,10.244.3.4:3000 + 1 more...   60s\n' +
        'idle   <none>                                                        60s\n',
    );
    expect(
      get([{ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta('web-abc12', 60), addressType: 'IPv4', ports: [{ port: 3000 }], endpoints: [{ addresses: ['10.244.1.5'] }, { addresses: ['10.244.2.3'] }] }]),
    ).toBe('NAME        ADDRESSTYPE   PORTS   ENDPOINTS               AGE\nweb-abc12   IPv4          3000    10.244.1.5,10.244.2.3   60s\n');
  });

  it('nodes: Ready, NotReady, Unknown, SchedulingDisabled, ROLES, and the wide columns', () => {
    const node = (name: string, ready: string | undefined, extra: object = {}, labels: object = {}) => ({
      apiVersion: 'v1', kind: 'Node', metadata: { name, creationTimestamp: T(86400 + 3600 * 5), labels },
      status: {
        ...(ready === undefined ? {} : { conditions: [{ type: 'Ready', status: ready }] }),
        addresses: [{ type: 'InternalIP', address: `10.0.0.${name.slice(-1)}` }],
        nodeInfo: { kubeletVersion: 'v1.33.1', osImage: 'Dockyard Linux', kernelVersion: '6.8.0', containerRuntimeVersion: 'containerd://1.7.22' },
      },
      ...extra,
    });
    const nodes = [
      node('control-1', 'True', {}, { 'node-role.kubernetes.io/control-plane': '' }),
      node('node-1', 'True', { spec: { unschedulable: true } }),
      node('node-2', 'False'),
      node('node-3', 'Unknown'),
      node('node-4', undefined),
    ];
    expect(get(nodes)).toBe(
      'NAME        STATUS                     ROLES           AGE   VERSION\n' +
        'control-1   Ready                      control-plane   29h   v1.33.1\n' +
        'node-1      Ready,SchedulingDisabled   <none>          29h   v1.33.1\n' +
        'node-2      NotReady                   <none>          29h   v1.33.1\n' +
        'node-3      NotReady                   <none>          29h   v1.33.1\n' +
        'node-4      Unknown                    <none>          29h   v1.33.1\n',
    );
    expect(get([nodes[1]!], true)).toBe(
      'NAME     STATUS                     ROLES    AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE         KERNEL-VERSION   CONTAINER-RUNTIME\n' +
        'node-1   Ready,SchedulingDisabled   <none>   29h   v1.33.1   10.0.0.1      <none>        Dockyard Linux   6.8.0            containerd://1.7.22\n',
    );
  });

  it('namespaces, configmaps, secrets, serviceaccounts and leases', () => {
    expect(get([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', creationTimestamp: T(86400 * 2) }, status: { phase: 'Active' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'old', creationTimestamp: T(4000) }, status: { phase: 'Terminating' } },
    ])).toBe('NAME      STATUS        AGE\ndefault   Active        2d\nold       Terminating   66m\n');
    expect(get([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('web-config', 10), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }])).toBe(
      'NAME         DATA   AGE\nweb-config   3      10s\n',
    );
    expect(get([{ apiVersion: 'v1', kind: 'Secret', metadata: meta('db-credentials', 10), type: 'Opaque', data: { username: 'YQ==', password: 'Yg==' } }])).toBe(
      'NAME             TYPE     DATA   AGE\ndb-credentials   Opaque   2      10s\n',
    );
    expect(get([{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default', 10) }])).toBe('NAME      SECRETS   AGE\ndefault   0         10s\n');
    expect(get([{ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: meta('node-1', 10), spec: { holderIdentity: 'node-1' } }])).toBe(
      'NAME     HOLDER   AGE\nnode-1   node-1   10s\n',
    );
  });

  it('pv, pvc (bound and pending) and storage classes with "(default)"', () => {
    const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pvc-1234', creationTimestamp: T(60) }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', claimRef: { namespace: 'default', name: 'data' } }, status: { phase: 'Bound' } };
    expect(get([pv])).toBe(
      'NAME       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n' +
        'pvc-1234   1Gi        RWO            Delete           Bound    default/data   standard       <unset>                          60s\n',
    );
    expect(get([
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('data', 60), spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', volumeName: 'pvc-1234', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] } },
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('logs', 5), spec: { accessModes: ['ReadWriteMany'], storageClassName: 'fast', resources: { requests: { storage: '5Gi' } } }, status: { phase: 'Pending' } },
    ])).toBe(
      'NAME   STATUS    VOLUME     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n' +
        'data   Bound     pvc-1234   1Gi        RWO            standard       <unset>                 60s\n' +
        'logs   Pending                                        fast           <unset>                 5s\n',
    );
    expect(get([{ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard', creationTimestamp: T(86400), annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' }])).toBe(
      'NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n' +
        'standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  24h\n',
    );
  });

  it('ingresses (CLASS HOSTS ADDRESS PORTS) and ingress classes', () => {
    expect(get([
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('web', 60), spec: { ingressClassName: 'nginx', tls: [{ hosts: ['myapp.example.com'] }], rules: [{ host: 'myapp.example.com' }, { host: 'api.example.com' }] }, status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('any', 60), spec: { rules: [{ http: { paths: [] } }] } },
    ])).toBe(
      'NAME   CLASS    HOSTS                               ADDRESS        PORTS     AGE\n' +
        'web    nginx    myapp.example.com,api.example.com   192.168.49.2   80, 443   60s\n' +
        'any    <none>   *                                                  80        60s\n',
    );
    expect(get([{ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', creationTimestamp: T(60) }, spec: { controller: 'k8s.io/ingress-nginx' } }])).toBe(
      'NAME    CONTROLLER             PARAMETERS   AGE\nnginx   k8s.io/ingress-nginx   <none>       60s\n',
    );
  });

  it('hpa: TARGETS `cpu: 45%/70%`, `cpu: <unknown>/70%` before the first measurement', () => {
    const hpa = (name: string, current?: number) => ({
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta(name, 120),
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
      status: { currentReplicas: 3, ...(current === undefined ? {} : { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }] }) },
    });
    expect(get([hpa('web', 45), hpa('fresh')])).toBe(
      'NAME    REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n' +
        'web     Deployment/web   cpu: 45%/70%         2         10        3          2m\n' +
        'fresh   Deployment/web   cpu: <unknown>/70%   2         10        3          2m\n',
    );
    expect(get([{ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: meta('v1', 120), spec: { scaleTargetRef: { kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10, targetCPUUtilizationPercentage: 50 }, status: { currentReplicas: 1, currentCPUUtilizationPercentage: 0 } }])).toBe(
      'NAME   REFERENCE               TARGETS       MINPODS   MAXPODS   REPLICAS   AGE\nv1     Deployment/php-apache   cpu: 0%/50%   1         10        1          2m\n',
    );
  });

  it('events: LAST SEEN TYPE REASON OBJECT MESSAGE; wide puts SUBOBJECT and SOURCE before MESSAGE', () => {
    const event = {
      apiVersion: 'v1', kind: 'Event', metadata: meta('web.17f', 300),
      involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{web}' },
      type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container web', source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: T(300), lastTimestamp: T(20), count: 7,
    };
    expect(get([event])).toBe('LAST SEEN   TYPE      REASON    OBJECT      MESSAGE\n20s         Warning   BackOff   pod/web-1   Back-off restarting failed container web\n');
    expect(get([event], true)).toBe(
      'LAST SEEN   TYPE      REASON    OBJECT      SUBOBJECT              SOURCE            MESSAGE                                    FIRST SEEN   COUNT   NAME\n' +
        '20s         Warning   BackOff   pod/web-1   spec.containers{web}   kubelet, node-1   Back-off restarting failed container web   5m           7       web.17f\n',
    );
  });

  it('roles and other built-in kinds without a printer: NAME CREATED AT; custom resources: NAME AGE', () => {
    expect(get([{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('reader', 60) }])).toBe(
      `NAME     CREATED AT\nreader   ${T(60)}\n`,
    );
    expect(get([{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('read', 60), roleRef: { kind: 'Role', name: 'reader' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }] }], true)).toBe(
      'NAME   ROLE          AGE   USERS   GROUPS   SERVICEACCOUNTS\nread   Role/reader   60s                    default/default\n',
    );
    expect(get([{ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: meta('my-cron', 60) }])).toBe('NAME      AGE\nmy-cron   60s\n');
  });

  it('formats ages as kubectl does, <unknown> without a timestamp', () => {
    expect(formatAge(undefined, NOW)).toBe('<unknown>');
    expect(formatAge(T(5), NOW)).toBe('5s');
    expect(formatAge(T(182), NOW)).toBe('3m2s');
    expect(formatAge(T(86400 * 2), NOW)).toBe('2d');
  });

  it('poddisruptionbudgets, networkpolicies, priorityclasses, resourcequotas, controllerrevisions, runtimeclasses', () => {
    expect(get([
      { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('web-pdb', 60), spec: { minAvailable: 2 }, status: { disruptionsAllowed: 1 } },
      { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('db-pdb', 60), spec: { maxUnavailable: '25%' }, status: {} },
    ])).toBe(
      'NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\n' +
        'web-pdb   2               N/A               1                     60s\n' +
        'db-pdb    N/A             25%               0                     60s\n',
    );
    expect(get([
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('deny-all', 120), spec: { podSelector: {} } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('db-ingress', 120), spec: { podSelector: { matchLabels: { tier: 'db', app: 'shop' } } } },
    ])).toBe('NAME         POD-SELECTOR       AGE\ndeny-all     <none>             2m\ndb-ingress   app=shop,tier=db   2m\n');
    expect(get([
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical', creationTimestamp: T(3600) }, value: 2000001000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' },
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'low', creationTimestamp: T(3600) }, value: -5, globalDefault: true },
    ])).toBe(
      'NAME                   VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\n' +
        'system-node-critical   2000001000   false            60m   PreemptLowerPriority\n' +
        'low                    -5           true             60m   \n',
    );
    expect(get([
      {
        apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('compute', 30),
        status: {
          hard: { pods: '10', 'requests.cpu': '2', 'limits.memory': '4Gi', 'requests.memory': '2048Mi', 'limits.cpu': '4000m' },
          used: { pods: '3', 'requests.cpu': '750m', 'limits.memory': '1536Mi', 'requests.memory': '512Mi' },
        },
      },
    ])).toBe(
      'NAME      AGE   REQUEST                                                        LIMIT\n' +
        'compute   30s   pods: 3/10, requests.cpu: 750m/2, requests.memory: 512Mi/2Gi   limits.cpu: 0/4, limits.memory: 1536Mi/4Gi\n',
    );
    expect(get([
      { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: meta('db-5f7b8c9d', 45, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller: true }] }), revision: 2 },
      { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: meta('orphan', 45), revision: 1 },
    ])).toBe('NAME          CONTROLLER            REVISION   AGE\ndb-5f7b8c9d   statefulset.apps/db   2          45s\norphan        <none>                1          45s\n');
    expect(get([{ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor', creationTimestamp: T(10) }, handler: 'runsc' }])).toBe(
      'NAME     HANDLER   AGE\ngvisor   runsc     10s\n',
    );
  });
});
