// How many records the cluster writes as it boots and settles at time 0 (API writes of the
// default namespaces and Services, endpoints, kube-proxy syncs), before any test component acts.
import { TimeMachine } from '../../src/time/time-machine.ts';

export function bootRecords(seed = 7): number {
  const idle = new TimeMachine({ seed });
  idle.world.engine.runUntil(0);
  return idle.world.engine.log.size;
}
