// Every manifest of shared/corpus/k8s on a whole cluster with real kubelets: what the API server
// accepts is scheduled, pulled and run for two minutes of virtual time without the engine throwing,
// and every pod ends up in a state kubectl can print (a STATUS kubectl computes, or Pending with
// the scheduler's reason). Refusals are api-corpus.test.ts's subject.

import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { summarizePod } from '../../cli/src/kubectl/printers/pod.ts';
import { kubeletCluster } from './support/kubelet-cluster.ts';
import { applyCorpusFile, corpusFiles } from './support/k8s-corpus.ts';

/** The STATUS cells kubectl prints for a pod (pkg/printers/internalversion printPod), and `Init:` ones. */
const STATUS = /^(Pending|ContainerCreating|PodInitializing|Running|Completed|Error|OOMKilled|CrashLoopBackOff|ErrImagePull|ImagePullBackOff|InvalidImageName|CreateContainerConfigError|CreateContainerError|RunContainerError|StartError|Terminating|NotReady|Init:.+)$/;

function runFile(file: string) {
  const c = kubeletCluster();
  const outcomes = applyCorpusFile(c.store, file);
  c.engine.runFor(120_000);
  const pods = c.store.list('Pod').items.map((p) => {
    const { status, ready } = summarizePod(p as Pod, c.engine.now);
    const unschedulable = p.status?.conditions?.find((x) => x.type === 'PodScheduled' && x.status === 'False')?.message;
    return { name: `${p.metadata!.namespace}/${p.metadata!.name}`, status, ready, ...(unschedulable === undefined ? {} : { unschedulable }) };
  });
  return { outcomes, pods };
}

describe('the corpus on real kubelets', () => {
  it.each(corpusFiles)('%s runs without a crash, every pod in a state kubectl prints', (file) => {
    const { pods } = runFile(file);
    for (const pod of pods) {
      expect(pod.status, pod.name).toMatch(STATUS);
      // A pod left Pending says why: the scheduler's message, or a kubelet still pulling.
      if (pod.status === 'Pending' && pod.unschedulable !== undefined) expect(pod.unschedulable).toMatch(/^0\/3 nodes are available: /);
    }
  });

  it('runs the everyday ones', () => {
    expect(runFile('deployment.yaml').pods.map((p) => [p.status, p.ready])).toEqual([
      ['Running', '1/1'],
      ['Running', '1/1'],
    ]);
    // The docs' liveness example: the probe fails once /tmp/healthy is gone (30 s), and the kubelet restarts it.
    const liveness = runFile('exec-liveness.yaml').pods;
    expect(liveness).toEqual([{ name: 'default/liveness-exec', status: 'Running', ready: '1/1' }]);
  });
});
