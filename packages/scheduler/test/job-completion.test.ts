// Jobs with real pods: the Job controller creates pods, the kubelets run them to completion
// (restartPolicy Never: Succeeded, STATUS Completed), failures count toward backoffLimit.

import { describe, expect, it } from 'vitest';
import { kubeletCluster } from './support/kubelet-cluster.ts';

function job(name: string, command: string[], extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { ...extra, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36', command }] } } },
  } as const;
}

describe('Jobs on real kubelets', () => {
  it('completes 3 pods, 2 at a time, each Completed', () => {
    const c = kubeletCluster();
    c.apply(job('pi', ['sh', '-c', 'echo computing; sleep 5; echo done'], { completions: 3, parallelism: 2 }));
    c.engine.runFor(60_000);
    const status = c.store.get('Job', 'default', 'pi').status!;
    expect(status.succeeded).toBe(3);
    expect(status.conditions!.filter((x) => x.status === 'True').map((x) => x.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    const pods = c.pods({ 'job-name': 'pi' });
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(c.row(pod.metadata!.name!)).toEqual({ ready: '0/1', status: 'Completed', restarts: '0' });
      expect(pod.status!.containerStatuses![0]!.state!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    }
    // The output is in the container's log.
    const ref = c.cluster.containerRef('default', pods[0]!.metadata!.name!, 'work')!;
    expect(ref.runtime.logs(ref.containerId).map(([, line]) => line)).toEqual(['computing\n', 'done\n']);
  });

  it('fails after backoffLimit failed pods', () => {
    const c = kubeletCluster();
    c.apply(job('broken', ['sh', '-c', 'exit 1'], { backoffLimit: 1 }));
    c.engine.runFor(120_000);
    const status = c.store.get('Job', 'default', 'broken').status!;
    expect(status.failed).toBe(2);
    expect(status.conditions!.find((x) => x.type === 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    for (const pod of c.pods({ 'job-name': 'broken' })) expect(c.row(pod.metadata!.name!).status).toBe('Error');
  });
});
