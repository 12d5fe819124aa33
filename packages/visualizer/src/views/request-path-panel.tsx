// A request's path (see cluster/request-path.ts), hop by hop in the order the engine logged
// them. Choosing a request plays its hops: hop i lights up i × HOP_MS of wall time after the
// choice (the hops all share one virtual instant, so the pace is the page's, not the engine's);
// "Step" lights the next one by hand, "Replay" starts again. Nothing here reads the screen's layout.

import { formatDuration } from '@dockyard/runtime';
import { useEffect, useState } from 'preact/hooks';
import type { PathHop, RequestPath } from '../cluster/request-path.ts';

/** Wall-clock ms between two hops lighting up. */
const HOP_MS = 450;

const ICONS: Readonly<Record<PathHop['kind'], string>> = {
  client: '⌨',
  ingress: '⇶',
  service: '◎',
  'kube-proxy': '⇄',
  endpoint: '●',
  container: '▣',
};

export function RequestPathPanel({ path }: { path: RequestPath }) {
  const total = path.hops.length;
  const [lit, setLit] = useState(1);
  // Keyed by the request: a new choice starts again from its first hop.
  const [playing, setPlaying] = useState(true);
  useEffect(() => {
    if (!playing) return;
    if (lit >= total) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setLit((n) => Math.min(n + 1, total)), HOP_MS);
    return () => clearTimeout(timer);
  }, [playing, lit, total]);

  return (
    <section class="request-path" data-testid="request-path" aria-label={`Request ${path.title}`}>
      <header>
        <h3>
          {path.title} <span class={path.ok ? 'outcome ok' : 'outcome bad'}>{path.outcome}</span>
        </h3>
        <span class="muted">at {formatDuration(path.t)}</span>
        <button data-testid="request-step" disabled={lit >= total} onClick={() => (setPlaying(false), setLit((n) => Math.min(n + 1, total)))}>
          Step
        </button>
        <button data-testid="request-replay" onClick={() => (setLit(1), setPlaying(true))}>
          Replay
        </button>
      </header>
      <ol class="hops" data-testid="request-hops" data-lit={lit}>
        {path.hops.map((hop, i) => {
          const classes = ['hop', `hop-${hop.kind}`, hop.ok ? 'ok' : 'bad'];
          if (i < lit) classes.push('lit');
          if (i === lit - 1) classes.push('current');
          return (
            <li key={i} class={classes.join(' ')} data-testid="request-hop" data-kind={hop.kind} data-lit={i < lit ? 'true' : 'false'}>
              <span class="hop-icon" aria-hidden="true">
                {hop.ok ? ICONS[hop.kind] : '✕'}
              </span>
              <div>
                <strong class="hop-label">{hop.label}</strong>
                <div class="hop-detail mono">{hop.detail}</div>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
