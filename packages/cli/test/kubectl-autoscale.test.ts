// kubectl autoscale: the HPA walkthrough's `kubectl autoscale deployment php-apache
// --cpu-percent=50 --min=1 --max=10`, the autoscaling/v2 object it sends (server defaults for
// what it leaves out), dry runs, -o, and kubectl's words for each mistake -- checked line by line
// against the stock client driving `dockyard serve`.
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../runtime/test/support/shared-files.ts';
import { readFileSync } from 'node:fs';
import { kubectlInstalled } from './support/fake-apiserver.ts';
import { kubectlSession } from './support/kubectl-session.ts';
import { useServe } from './support/serve-dockyard.ts';

const phpApache = readFileSync(sharedPath('corpus/k8s/php-apache.yaml'), 'utf8');

async function walkthrough() {
  const session = kubectlSession();
  session.write('php-apache.yaml', phpApache);
  await session.run('kubectl apply -f php-apache.yaml');
  return session;
}

describe('kubectl autoscale', () => {
  it('autoscales php-apache as the HPA walkthrough does, and the controller takes it from there', async () => {
    const { run, advance } = await walkthrough();
    expect(await run('kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10')).toEqual({
      stdout: 'horizontalpodautoscaler.autoscaling/php-apache autoscaled\n',
      stderr: '',
      status: 0,
    });
    expect((await run('kubectl get hpa')).stdout).toBe(
      'NAME         REFERENCE               TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n' +
        'php-apache   Deployment/php-apache   cpu: <unknown>/50%   1         10        1          0s\n',
    );
    advance(60_000);
    expect((await run('kubectl get hpa php-apache')).stdout.split('\n')[1]).toBe('php-apache   Deployment/php-apache   cpu: 0%/50%   1         10        1          60s');
    expect((await run('kubectl get hpa php-apache -o jsonpath={.spec}')).stdout).toBe(
      JSON.stringify({
        behavior: {
          scaleDown: { policies: [{ periodSeconds: 15, type: 'Percent', value: 100 }], selectPolicy: 'Max' },
          scaleUp: {
            policies: [
              { periodSeconds: 15, type: 'Pods', value: 4 },
              { periodSeconds: 15, type: 'Percent', value: 100 },
            ],
            selectPolicy: 'Max',
            stabilizationWindowSeconds: 0,
          },
        },
        maxReplicas: 10,
        metrics: [{ resource: { name: 'cpu', target: { averageUtilization: 50, type: 'Utilization' } }, type: 'Resource' }],
        minReplicas: 1,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' },
      }),
    );
  });

  it('leaves --min and the CPU target to the server, names the autoscaler with --name, and takes TYPE/NAME and -f', async () => {
    const { run, write } = await walkthrough();
    expect((await run('kubectl autoscale deploy/php-apache --max=4 --name=plain')).stdout).toBe('horizontalpodautoscaler.autoscaling/plain autoscaled\n');
    expect((await run('kubectl get hpa plain -o jsonpath={.spec.minReplicas}/{.spec.maxReplicas}/{.spec.metrics[0].resource.target.averageUtilization}')).stdout).toBe('1/4/80');
    write('target.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: php-apache\n');
    expect((await run('kubectl autoscale -f target.yaml --min=2 --max=5 --name=fromfile -o name')).stdout).toBe('horizontalpodautoscaler.autoscaling/fromfile\n');
    expect((await run('kubectl get hpa fromfile -o jsonpath={.spec.minReplicas}')).stdout).toBe('2');
    const rs = (await run('kubectl get rs -o name')).stdout.trim().split('/')[1]!;
    expect((await run(`kubectl autoscale rs ${rs} --max=2 --dry-run=client -o jsonpath={.spec.scaleTargetRef}`)).stdout).toBe(
      JSON.stringify({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs }),
    );
  });

  it('prints the object it would send under --dry-run=client and stores nothing under either dry run', async () => {
    const { run } = await walkthrough();
    expect(await run('kubectl autoscale deployment php-apache --max=3 --min=2 --cpu-percent=60 --dry-run=client -o yaml')).toEqual({
      stdout:
        'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  creationTimestamp: null\n  name: php-apache\nspec:\n  maxReplicas: 3\n' +
        '  metrics:\n  - resource:\n      name: cpu\n      target:\n        averageUtilization: 60\n        type: Utilization\n    type: Resource\n' +
        '  minReplicas: 2\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: php-apache\nstatus:\n  currentMetrics: null\n  desiredReplicas: 0\n',
      stderr: '',
      status: 0,
    });
    expect((await run('kubectl autoscale deployment php-apache --max=3 --dry-run=client')).stdout).toBe('horizontalpodautoscaler.autoscaling/php-apache created (dry run)\n');
    expect((await run('kubectl autoscale deployment php-apache --max=3 --dry-run=server')).stdout).toBe('horizontalpodautoscaler.autoscaling/php-apache autoscaled (server dry run)\n');
    expect(await run('kubectl get hpa')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', status: 0 });
  });

  it('is listed with the deploy commands of kubectl --help', async () => {
    const { run } = kubectlSession();
    expect((await run('kubectl --help')).stdout).toContain(
      'Deploy Commands:\n  rollout         Manage the rollout of a resource\n  scale           Set a new size for a deployment, replica set, or replication controller\n' +
        '  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller\n\n',
    );
  });

  it('refuses with kubectl’s words', async () => {
    const { run } = await walkthrough();
    const refusal = async (line: string) => {
      const ran = await run(line);
      expect(ran.status).toBe(1);
      expect(ran.stdout).toBe('');
      return ran.stderr;
    };
    expect(await refusal('kubectl autoscale deployment php-apache')).toBe('error: required flag(s) "max" not set\n');
    expect(await refusal('kubectl autoscale deployment php-apache --max=-1')).toBe('error: --max=MAXPODS is required and must be at least 1, max: -1\n');
    expect(await refusal('kubectl autoscale deployment php-apache --min=5 --max=3')).toBe('error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 3, min: 5\n');
    expect(await refusal('kubectl autoscale service php-apache --max=3')).toBe(
      'error: cannot autoscale a Service: could not find scale subresource for /v1, Resource=services in discovery information\n',
    );
    expect(await refusal('kubectl autoscale deployment nope --max=3')).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(await refusal('kubectl autoscale deployment --max=3')).toBe('error: resource(s) were provided, but no name was specified\n');
    expect((await run('kubectl autoscale deployment php-apache --max=3')).status).toBe(0);
    expect(await refusal('kubectl autoscale deployment php-apache --max=3')).toBe('Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "php-apache" already exists\n');
  });
});

describe.skipIf(!kubectlInstalled)('kubectl autoscale prints what the stock client prints (needs kubectl on PATH)', () => {
  const serve = useServe();

  it('for the walkthrough, dry runs, -o and each mistake', async () => {
    const { run, write } = kubectlSession();
    write('php-apache.yaml', phpApache);
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    writeFileSync(join(serve.served.dir, 'php-apache.yaml'), phpApache);
    const lines: string[][] = [
      ['apply', '-f', 'php-apache.yaml'],
      ['autoscale', 'deployment', 'php-apache', '--cpu-percent=50', '--min=1', '--max=10'],
      ['get', 'hpa'],
      ['autoscale', 'deployment', 'php-apache', '--cpu-percent=50', '--min=1', '--max=10'],
      ['autoscale', 'deployment/php-apache', '--max=3', '--name=second', '-o', 'name'],
      ['autoscale', 'deployment', 'php-apache', '--max=3', '--name=third', '--dry-run=server'],
      ['autoscale', 'deployment', 'php-apache', '--max=3', '--min=2', '--name=fourth', '--dry-run=client', '-o', 'yaml'],
      ['autoscale', 'deployment', 'php-apache', '--max=3', '--cpu-percent=0', '--dry-run=client'],
      ['autoscale', 'deployment', 'php-apache', 'nope', '--max=3', '--name=multi'],
      ['autoscale', 'deployment', 'php-apache'],
      ['autoscale', 'deployment', 'php-apache', '--max=0'],
      ['autoscale', 'deployment', 'php-apache', '--min=4', '--max=3'],
      ['autoscale', 'service', 'php-apache', '--max=3'],
      ['autoscale', 'deployment', '--max=3'],
      ['autoscale', 'foos', 'bar', '--max=3'],
      ['autoscale', '--max=3'],
      ['get', 'hpa', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.minReplicas} {.spec.maxReplicas} {.spec.metrics[0].resource.target.averageUtilization}{"\\n"}{end}'],
    ];
    for (const args of lines) {
      const stock = await serve.served.kubectl(...args);
      const ours = await run(['kubectl', ...args].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' '));
      expect({ args, ...ours }).toEqual({ args, stdout: stock.stdout, stderr: stock.stderr, status: stock.status });
    }
  }, 120_000);
});
