// The Requests tab: the cluster's recent requests as its components logged them (`dockyard curl`
// from the terminal, connections from pods to Services), newest first; choosing one plays its path.

import { formatDuration } from '@dockyard/runtime';
import { recentRequests } from '../cluster/request-path.ts';
import type { ClusterView, ViewProps } from './cluster-view.ts';
import { RequestPathPanel } from './request-path-panel.tsx';
import { useWorldMemo } from './use-world-memo.ts';

function Requests({ world, pick, choose }: ViewProps) {
  const requests = useWorldMemo(world, () => recentRequests(world));
  // The pick is the request's id; after a rewind (or in a link) it may not have happened yet.
  const chosen = pick === undefined || !/^\d+$/.test(pick) ? undefined : Number(pick);
  const path = requests.find((r) => r.id === chosen);
  return (
    <div class="requests-view" data-testid="requests-view">
      {requests.length === 0 ? (
        <p class="muted">
          No request has gone through the cluster yet. Send one from the terminal: <span class="mono">curl http://web.local/</span> for an Ingress host,{' '}
          <span class="mono">curl http://localhost:NODEPORT/</span>, or <span class="mono">kubectl exec POD -- wget -qO- http://SERVICE</span>.
        </p>
      ) : (
        <ul class="request-list" data-testid="request-list">
          {requests.map((r) => (
            <li key={r.id}>
              <button
                class={r.id === chosen ? 'request selected' : 'request'}
                data-testid="request"
                data-from={r.from}
                aria-pressed={r.id === chosen}
                onClick={() => choose(r.id === chosen ? undefined : String(r.id))}
              >
                <span class="muted">{formatDuration(r.t)}</span> <span class="mono">{r.title}</span>{' '}
                <span class={r.ok ? 'outcome ok' : 'outcome bad'}>
                  {r.ok ? '✓' : '✕'} {r.outcome}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {path !== undefined && <RequestPathPanel key={path.id} path={path} />}
    </div>
  );
}

export const requestsView: ClusterView = { id: 'requests', title: 'Requests', component: Requests };
