// The world's vital signs: the clock, the seed, the engine's own counters and the cluster's
// configured shape (the Cluster tab shows the nodes as they are).

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
        {config.nodes} node(s) of {config.nodeCpu} CPU and {config.nodeMemory}, each with its kubelet; the Cluster tab shows them as they are
        now.
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
