// The world as it stands before the cluster views arrive: the clock, the cluster's configured
// shape and the engine's own counters.

import { formatDuration, toRFC3339 } from '@dockyard/runtime';
import type { ClusterView, ViewProps } from './cluster-view.ts';

function WorldSummary({ world, now }: ViewProps) {
  const { engine, config } = world;
  const next = engine.nextTaskTime;
  const nodes = Array.from({ length: Math.min(config.nodes, 50) }, (_, i) => `node-${i + 1}`);
  return (
    <div class="world-view">
      <dl class="facts">
        <dt>Virtual time</dt>
        <dd data-testid="world-time">
          {formatDuration(now)} <span class="muted">({toRFC3339(now)})</span>
        </dd>
        <dt>Seed</dt>
        <dd>{config.seed}</dd>
        <dt>Event log</dt>
        <dd data-testid="world-log-size">{engine.log.size} records</dd>
        <dt>Tasks pending</dt>
        <dd>
          {engine.pendingTasks}
          {next !== undefined && <span class="muted"> (next at {formatDuration(next)})</span>}
        </dd>
      </dl>
      <h3>Nodes (configured)</h3>
      <p class="muted">
        {config.nodes} node(s) of {config.nodeCpu} CPU and {config.nodeMemory}. Their simulation arrives with the control plane; until then
        they are the cluster's shape only.
      </p>
      <ul class="node-names">
        {nodes.map((name) => (
          <li key={name}>{name}</li>
        ))}
        {config.nodes > nodes.length && <li class="muted">… {config.nodes - nodes.length} more</li>}
      </ul>
    </div>
  );
}

export const worldView: ClusterView = { id: 'world', title: 'World', component: WorldSummary };
