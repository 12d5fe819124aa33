// The faults a teacher scripts in a scenario, as buttons on the map: on a node card "Stop node" /
// "Start node" (node-down / node-up), and for the selected pod "Kill pod", "Kill container",
// "Start memory leak", "Break readiness" / "Fix readiness". Each goes through ViewProps.fault, so
// it is a user input of the time machine (replayed after a rewind) applied by the CLI's own
// FaultDefinition. A button is disabled, with the reason in its title and beside it, while its
// fault cannot apply; what the world still refuses comes back as the page's error.

import type { World } from '@dockyard/cli';
import type { Pod } from 'kubernetes-types/core/v1';
import { useState } from 'preact/hooks';
import type { ViewProps } from './cluster-view.ts';

type Inject = ViewProps['fault'];

/** The memory-leak fault's rate when the user types none: 2Mi a second fills a 64Mi limit in half a minute. */
const DEFAULT_LEAK_RATE = '2Mi';

/** A fault button: its name says what it does; when it cannot apply, why (as its title and, visibly, beside the buttons). */
function FaultButton({ label, testId, why, busy, onPress }: { label: string; testId: string; why: string | undefined; busy: boolean; onPress: () => Promise<void> }) {
  return (
    <button type="button" class="fault" data-testid={testId} disabled={busy || why !== undefined} title={why ?? label} onClick={() => void onPress()}>
      {label}
    </button>
  );
}

/** Runs one fault at a time from a group of buttons. */
function useInject(fault: Inject): [boolean, (type: string, params: Record<string, string>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const run = async (type: string, params: Record<string, string>) => {
    setBusy(true);
    try {
      await fault(type, params);
    } finally {
      setBusy(false);
    }
  };
  return [busy, run];
}

/** On a node card: the machine stops (its kubelet stops posting, its containers die) or boots again. */
export function NodeFaults({ node, up, fault }: { node: string; up: boolean; fault: Inject }) {
  const [busy, run] = useInject(fault);
  return (
    <span class="fault-buttons" role="group" aria-label={`Faults for node ${node}`}>
      <FaultButton label="Stop node" testId="fault-node-down" why={up ? undefined : 'the machine is already down'} busy={busy} onPress={() => run('node-down', { node })} />
      <FaultButton label="Start node" testId="fault-node-up" why={up ? 'the machine is running' : undefined} busy={busy} onPress={() => run('node-up', { node })} />
    </span>
  );
}

/** Whether a node's machine is running (not stopped by node-down), as its kubelet knows. */
export function machineUp(world: World, node: string): boolean {
  return world.cluster.node(node)?.kubelet.isUp ?? false;
}

/** For the selected pod: what can be done to it and its containers, and why not when not. */
export function PodFaults({ pod, fault }: { pod: Pod; fault: Inject }) {
  const [busy, run] = useInject(fault);
  const names = pod.spec?.containers.map((c) => c.name) ?? [];
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [rate, setRate] = useState(DEFAULT_LEAK_RATE);
  const container = picked !== undefined && names.includes(picked) ? picked : names[0]!;
  const spec = pod.spec?.containers.find((c) => c.name === container);
  const running = pod.status?.containerStatuses?.find((s) => s.name === container)?.state?.running !== undefined;
  const name = pod.metadata!.name!;
  const target = { pod: name, namespace: pod.metadata!.namespace ?? 'default' };
  const terminating = pod.metadata?.deletionTimestamp !== undefined ? 'the pod is already terminating' : undefined;
  const notRunning = terminating ?? (running ? undefined : `container ${container} is not running`);
  const noProbe = spec?.readinessProbe === undefined ? `container ${container} has no readiness probe` : undefined;
  const reasons = [...new Set([terminating, notRunning, noProbe].filter((r): r is string => r !== undefined))];
  return (
    <section class="pod-faults" data-testid="pod-faults" aria-label={`Faults for pod ${name}`}>
      <h3>Faults for {name}</h3>
      <div class="fault-buttons">
        <FaultButton label="Kill pod" testId="fault-kill-pod" why={terminating} busy={busy} onPress={() => run('kill-pod', target)} />
        {names.length > 1 && (
          <label>
            container{' '}
            <select data-testid="fault-container" value={container} onChange={(e) => setPicked((e.target as HTMLSelectElement).value)}>
              {names.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        )}
        <FaultButton label="Kill container" testId="fault-kill-container" why={notRunning} busy={busy} onPress={() => run('kill-container', { ...target, container })} />
        <label>
          leak rate / s{' '}
          <input data-testid="fault-leak-rate" class="mono" size={6} value={rate} onInput={(e) => setRate((e.target as HTMLInputElement).value)} />
        </label>
        <FaultButton label="Start memory leak" testId="fault-memory-leak" why={notRunning} busy={busy} onPress={() => run('memory-leak', { ...target, container, rate: rate.trim() })} />
        <FaultButton label="Break readiness" testId="fault-break-readiness" why={notRunning ?? noProbe} busy={busy} onPress={() => run('break-readiness', { ...target, container })} />
        <FaultButton label="Fix readiness" testId="fault-fix-readiness" why={terminating ?? noProbe} busy={busy} onPress={() => run('fix-readiness', { ...target, container })} />
      </div>
      {reasons.length > 0 && (
        <p class="muted" data-testid="fault-unavailable">
          {reasons.join('; ')}.
        </p>
      )}
    </section>
  );
}
