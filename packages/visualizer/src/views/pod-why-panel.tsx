// A pod's "why" (see cluster/pod-why.ts): how the scheduler chose its node, attempt by attempt;
// what its containers went through; their memory against the limit.

import { formatDuration } from '@dockyard/runtime';
import type { WhyRecord } from '@dockyard/scheduler';
import type { ContainerChange } from '../history/cluster-history.ts';
import type { MemoryTrack, PodWhy, SchedulingAttempt } from '../cluster/pod-why.ts';
import { formatMemory } from './quantities.ts';

function Scores({ why }: { why: WhyRecord }) {
  const plugins = Object.keys(why.weights ?? {});
  if (why.scored === undefined || why.scored.length === 0) return null;
  return (
    <table class="grid why-scores" data-testid="why-scores">
      <thead>
        <tr>
          <th>NODE</th>
          {plugins.map((p) => (
            <th key={p} title={`weight ${why.weights![p]}: raw, normalised 0–100, weighted`}>
              {p} ×{why.weights![p]}
            </th>
          ))}
          <th>TOTAL</th>
        </tr>
      </thead>
      <tbody>
        {why.scored.map((s) => (
          <tr key={s.node} class={s.node === why.chosen ? 'chosen' : undefined} data-node={s.node}>
            <td class="mono">
              {s.node === why.chosen ? '✓ ' : ''}
              {s.node}
            </td>
            {plugins.map((p) => (
              <td key={p} title={s.scores[p] === undefined ? undefined : `raw ${s.scores[p]![0]}, normalised ${s.scores[p]![1]}`}>
                {s.scores[p]?.[2] ?? '–'}
              </td>
            ))}
            <td>
              <strong>{s.total}</strong>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Attempt({ attempt }: { attempt: SchedulingAttempt }) {
  const { why } = attempt;
  const numbers = attempt.count === 1 ? `#${attempt.number}` : `#${attempt.number}–#${attempt.number + attempt.count - 1}`;
  const times = attempt.count === 1 ? formatDuration(attempt.t) : `${formatDuration(attempt.t)}–${formatDuration(attempt.lastT)}`;
  return (
    <li class="why-attempt" data-testid="why-attempt" data-status={attempt.status}>
      <div>
        <strong data-testid="why-attempt-title">
          {numbers} at {times}: {attempt.status === 'Scheduled' ? `✓ ${attempt.status} to ${why?.chosen ?? '?'}` : `✕ ${attempt.status}`}
          {attempt.count > 1 ? ` (${attempt.count} attempts, the same verdict)` : ''}
        </strong>
        {why !== undefined && (
          <span class="muted">
            {' '}
            — {why.feasible} of {why.evaluated} node(s) fit{why.nodes !== why.evaluated ? ` (${why.nodes} in the cluster)` : ''}
            {why.ties !== undefined && why.ties.count > 1 ? `; ${why.ties.count} tied at the top, the seeded random picked one` : ''}
          </span>
        )}
      </div>
      {why?.note !== undefined && <div class="muted">{why.note}</div>}
      {why?.preFilter !== undefined && <div data-testid="why-prefilter">PreFilter: {why.preFilter}</div>}
      {why !== undefined && why.rejected.length > 0 && (
        <table class="grid why-rejected" data-testid="why-rejected">
          <thead>
            <tr>
              <th>FILTER</th>
              <th>VERDICT</th>
              <th>NODES</th>
            </tr>
          </thead>
          <tbody>
            {why.rejected.map((r) => (
              <tr key={`${r.plugin}/${r.reasons.join()}`}>
                <td>{r.plugin || '—'}</td>
                <td>✕ {r.reasons.join('; ')}</td>
                <td class="mono">
                  {r.nodes.join(', ')}
                  {r.count > r.nodes.length ? ` and ${r.count - r.nodes.length} more` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {why !== undefined && why.filters.length > 0 && <div class="muted">Filters, in order: {why.filters.join(' → ')}</div>}
      {why !== undefined && <Scores why={why} />}
    </li>
  );
}

function stateText(c: ContainerChange): string {
  if (c.state === 'running') return `Running${c.ready ? ', ready' : ', not ready'}`;
  if (c.state === 'terminated') return `Terminated: ${c.reason ?? ''} (exit code ${c.exitCode ?? '?'})`;
  return `Waiting: ${c.reason ?? ''}${c.message ? ` — ${c.message}` : ''}`;
}

function States({ changes }: { changes: readonly ContainerChange[] }) {
  if (changes.length === 0) return <p class="muted">No container has started yet.</p>;
  return (
    <table class="grid why-states" data-testid="why-states">
      <thead>
        <tr>
          <th>TIME</th>
          <th>CONTAINER</th>
          <th>STATE</th>
          <th>RESTARTS</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.seq} class={`state-${c.state}`}>
            <td>{formatDuration(c.t)}</td>
            <td class="mono">
              {c.container}
              {c.init ? ' (init)' : ''}
            </td>
            <td>{stateText(c)}</td>
            <td>{c.restartCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Memory at each scrape as a line, the limit as a dashed line, each OOM kill as a red mark. */
function Memory({ track, kills }: { track: MemoryTrack; kills: readonly number[] }) {
  const last = track.samples.at(-1);
  const killed = kills.length === 0 ? '' : `; OOM-killed at ${kills.map((t) => formatDuration(t)).join(', ')}`;
  const limit = track.limit === undefined ? 'no limit' : `a ${formatMemory(track.limit)} limit`;
  const text = `${track.container}: ${last === undefined ? `no sample yet, ${limit}` : `${formatMemory(last.memoryBytes)} at ${formatDuration(last.t)} of ${limit}`}${killed}`;
  if (track.samples.length === 0) return <div class="muted" data-testid="why-memory">{text}</div>;
  const times = [...track.samples.map((s) => s.t), ...kills];
  const start = Math.min(...times);
  const span = Math.max(Math.max(...times) - start, 1);
  const top = Math.max(track.limit ?? 0, ...track.samples.map((s) => s.memoryBytes), 1);
  const x = (t: number) => (((t - start) / span) * 1000).toFixed(1);
  const y = (bytes: number) => (60 - (bytes / top) * 56).toFixed(1);
  const d = track.samples.map((s, i) => `${i === 0 ? 'M' : 'L'}${x(s.t)} ${y(s.memoryBytes)}`).join('');
  return (
    <figure class="why-memory" data-testid="why-memory">
      <svg viewBox="0 0 1000 60" preserveAspectRatio="none" aria-label={text}>
        {track.limit !== undefined && <path class="limit-line" d={`M0 ${y(track.limit)}H1000`} />}
        {kills.length > 0 && <path class="kill-line" d={kills.map((t) => `M${x(t)} 0V60`).join('')} />}
        <path class="usage-line" d={d} />
      </svg>
      <figcaption class="muted">{text}</figcaption>
    </figure>
  );
}

/** Each container's image, a link to its layers on the pod's node (the Images tab). */
function Images({ images, openImage }: { images: PodWhy['images']; openImage: (pick: string) => void }) {
  return (
    <ul class="why-images" data-testid="why-images">
      {images.map((i) => (
        <li key={i.container}>
          <span class="mono">
            {i.container}
            {i.init ? ' (init)' : ''}
          </span>
          :{' '}
          {i.pick === undefined ? (
            <span class="mono">
              {i.image} <span class="muted">(not on the node yet)</span>
            </span>
          ) : (
            <button class="link mono" data-testid="why-image" onClick={() => openImage(i.pick!)}>
              {i.image}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

export function PodWhyPanel({ why, openImage }: { why: PodWhy; openImage: (pick: string) => void }) {
  return (
    <section class="why" data-testid="pod-why" aria-label={`Why: pod ${why.name}`}>
      <h3>Why: pod {why.name}</h3>
      <h4>Scheduling</h4>
      {why.attempts.length === 0 ? (
        <p class="muted">{why.node === undefined ? 'Not tried yet.' : `Bound to ${why.node} without the scheduler (spec.nodeName).`}</p>
      ) : (
        <ul class="why-attempts">
          {why.attempts.map((a) => (
            <Attempt key={a.number} attempt={a} />
          ))}
        </ul>
      )}
      <h4>Containers</h4>
      <Images images={why.images} openImage={openImage} />
      <States changes={why.changes} />
      <h4>Memory</h4>
      {why.memory.map((m) => (
        <Memory key={m.container} track={m} kills={why.changes.filter((c) => c.container === m.container && c.reason === 'OOMKilled').map((c) => c.t)} />
      ))}
    </section>
  );
}
