// `kubectl get pods` READY / STATUS / RESTARTS for every rule of printPod, one fixture each.
import { describe, expect, it } from 'vitest';
import { summarizePod } from '../src/kubectl/printers/pod.ts';
import { printTable } from '../src/kubectl/printers/registry.ts';
import { NOW, POD_STATUS_CASES } from './fixtures/kubectl-print/pod-status-cases.ts';

describe('pod STATUS as printPod computes it', () => {
  for (const c of POD_STATUS_CASES) {
    it(c.rule, () => {
      expect(summarizePod(c.pod, NOW)).toEqual({ ready: c.ready, status: c.status, restarts: c.restarts });
    });
  }

  it('prints a crash-looping pod the way the tutorial shows it', () => {
    const crashing = POD_STATUS_CASES.find((c) => c.status === 'CrashLoopBackOff')!.pod;
    expect(printTable([{ ...crashing, metadata: { ...crashing.metadata, name: 'web-7d4b9c8f5-abcde' } }], {}, NOW)).toBe(
      'NAME                  READY   STATUS             RESTARTS      AGE\n' +
        'web-7d4b9c8f5-abcde   0/1     CrashLoopBackOff   3 (42s ago)   60m\n',
    );
  });

  it('prints the wide columns with <none> for what is not set yet', () => {
    const pending = POD_STATUS_CASES[0]!.pod;
    expect(printTable([pending], { wide: true }, NOW)).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES\n' +
        'p      0/1     Pending   0          60m   <none>   <none>   <none>           <none>\n',
    );
  });
});
