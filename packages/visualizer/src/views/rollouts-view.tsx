// Rolling updates: for each Deployment its ReplicaSets side by side, old revisions first and the
// new one last, each with DESIRED / CURRENT / READY / AVAILABLE as `kubectl get rs` counts them;
// the bounds the controller keeps drawn against the counts now (at most replicas + maxSurge pods,
// at least replicas − maxUnavailable available), and the counts over time against those bounds.

import { formatDuration } from '@dockyard/runtime';
import { rollouts, type Rollout, type RolloutSet } from '../cluster/rollout.ts';
import { selectionOf } from '../cluster/relationships.ts';
import type { RolloutSample } from '../history/cluster-history.ts';
import type { ClusterView, ViewProps } from './cluster-view.ts';
import { useWorldMemo } from './use-world-memo.ts';

function pct(n: number, of: number): string {
  return `${Math.max(0, Math.min(100, (n / of) * 100)).toFixed(2)}%`;
}

/** The counts now against the bounds, on one scale from 0 to a little past the ceiling. */
function Bounds({ r }: { r: Rollout }) {
  const scale = Math.max(r.ceiling, r.current, 1) + 1;
  const old = r.current - r.updated;
  return (
    <div class="bounds" data-testid="rollout-bounds">
      <div class="bounds-row" title={`${r.current} pods: ${old} old, ${r.updated} new`}>
        <span class="bounds-label">Pods</span>
        <span class="bounds-track">
          <span class="seg old" style={{ width: pct(old, scale) }} />
          <span class="seg new" style={{ left: pct(old, scale), width: pct(r.updated, scale) }} />
          <span class="limit ceiling" style={{ left: pct(r.ceiling, scale) }} />
          <span class="limit desired" style={{ left: pct(r.desired, scale) }} />
        </span>
        <span class="bounds-text" data-testid="rollout-pods">
          {r.current} ≤ {r.ceiling} max ({r.desired} + maxSurge {r.maxSurge})
        </span>
      </div>
      <div class="bounds-row" title={`${r.available} available`}>
        <span class="bounds-label">Available</span>
        <span class="bounds-track">
          <span class={`seg ${r.available >= r.desired ? 'ready' : 'available'}`} style={{ width: pct(r.available, scale) }} />
          <span class="limit floor" style={{ left: pct(r.floor, scale) }} />
          <span class="limit desired" style={{ left: pct(r.desired, scale) }} />
        </span>
        <span class="bounds-text" data-testid="rollout-available">
          {r.available} ≥ {r.floor} min ({r.desired} − maxUnavailable {r.maxUnavailable})
        </span>
      </div>
    </div>
  );
}

function SetColumn({ set, select }: { set: RolloutSet; select: (s: string) => void }) {
  const done = set.ready >= set.desired && set.available >= set.desired;
  return (
    <div class={`rs-column ${set.isNew ? 'new' : 'old'}`} data-testid="rs-column" data-rs={set.name} data-new={String(set.isNew)}>
      <div class="rs-head">
        <span class="badge">{set.isNew ? 'new' : 'old'}</span> revision {set.revision}
      </div>
      <button class="link mono" onClick={() => select(selectionOf('ReplicaSet', set.name))}>
        {set.name}
      </button>
      <div class="muted mono">{set.images.join(', ')}</div>
      <table class="grid counts">
        <thead>
          <tr>
            <th>DESIRED</th>
            <th>CURRENT</th>
            <th>READY</th>
            <th>AVAILABLE</th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="rs-counts">
            <td>{set.desired}</td>
            <td>{set.current}</td>
            <td class={set.desired > 0 && done ? 'pass' : undefined}>{set.ready}</td>
            <td>{set.available}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Pods and available pods over time (steps), with the ceiling and floor they stayed within. */
function History({ samples, now }: { samples: readonly RolloutSample[]; now: number }) {
  if (samples.length === 0) return null;
  const start = samples[0]!.t;
  const span = Math.max(now - start, 1);
  const top = Math.max(...samples.map((s) => Math.max(s.ceiling, s.current))) + 1;
  const x = (t: number) => (((t - start) / span) * 1000).toFixed(1);
  const y = (n: number) => (100 - (n / top) * 100).toFixed(1);
  const steps = (value: (s: RolloutSample) => number) => {
    let d = '';
    samples.forEach((s, i) => {
      d += i === 0 ? `M${x(s.t)} ${y(value(s))}` : `H${x(s.t)}V${y(value(s))}`;
    });
    return `${d}H${x(now)}`;
  };
  return (
    <figure class="rollout-history" data-testid="rollout-history">
      <svg viewBox="0 0 1000 100" preserveAspectRatio="none" aria-label="Pods and available pods over time">
        <path class="ceiling" d={steps((s) => s.ceiling)} />
        <path class="floor" d={steps((s) => s.floor)} />
        <path class="current" d={steps((s) => s.current)} />
        <path class="available" d={steps((s) => s.available)} />
      </svg>
      <figcaption class="muted">
        from {formatDuration(start)} to {formatDuration(now)}: <span class="key current">pods</span> under the <span class="key ceiling">maximum</span>,{' '}
        <span class="key available">available</span> over the <span class="key floor">minimum</span>
      </figcaption>
    </figure>
  );
}

function Rollouts({ world, now, machine, select }: ViewProps) {
  const list = useWorldMemo(world, () => rollouts(world));
  if (list.length === 0) return <p class="muted">No Deployment yet: apply one, then change its image to watch it roll.</p>;
  return (
    <div class="rollouts">
      {list.map((r) => (
        <section key={`${r.namespace}/${r.name}`} class="rollout" data-testid="rollout" data-deployment={r.name}>
          <header>
            <h3>
              <button class="link" onClick={() => select(selectionOf('Deployment', r.name))}>
                Deployment {r.name}
              </button>
            </h3>
            <span class="muted">
              {r.strategy}, {r.desired} replicas, maxSurge {r.maxSurge}, maxUnavailable {r.maxUnavailable}
            </span>
            <span class={r.complete ? 'pass' : 'progress'} data-testid="rollout-state">
              {r.complete ? '✓ complete' : `… rolling: ${r.updated}/${r.desired} updated, ${r.available} available`}
            </span>
          </header>
          {r.progressing !== undefined && <div class="muted">{r.progressing}</div>}
          <Bounds r={r} />
          <div class="rs-columns">
            {r.sets.map((set) => (
              <SetColumn key={set.name} set={set} select={select} />
            ))}
          </div>
          <History samples={machine.history.rollout(`${r.namespace}/${r.name}`)} now={now} />
        </section>
      ))}
    </div>
  );
}

export const rolloutsView: ClusterView = { id: 'rollouts', title: 'Rollouts', component: Rollouts };
