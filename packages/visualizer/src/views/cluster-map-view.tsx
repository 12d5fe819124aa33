// The cluster map: one card per node (kubectl's STATUS, cordon and taint badges, CPU and memory
// bars: requested by its pods' specs and used at metrics-server's last scrape) with its pods as
// chips in kubectl's STATUS, the lane of pods no node holds yet, the user's objects beside it
// (hovering one lights up its pods), and the selected object's tree below. Node cards and the
// selected pod offer the scenarios' faults as buttons (fault-controls.tsx).

import type { World } from '@dockyard/cli';
import type { Pod } from 'kubernetes-types/core/v1';
import type { VNode } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { clusterMap, type NodeCard, type ResourceBar } from '../cluster/cluster-map.ts';
import { treeOf } from '../cluster/object-tree.ts';
import { LEGEND, type PodChip } from '../cluster/pod-chip.ts';
import { podWhy } from '../cluster/pod-why.ts';
import { findObject, podsOf, selectionOf } from '../cluster/relationships.ts';
import { type WorkloadItem, workloads } from '../cluster/workloads.ts';
import type { ClusterView, ViewProps } from './cluster-view.ts';
import { machineUp, NodeFaults, PodFaults } from './fault-controls.tsx';
import { ObjectTreePanel } from './object-tree-panel.tsx';
import { PodWhyPanel } from './pod-why-panel.tsx';
import { formatCpu, formatMemory } from './quantities.ts';
import { type Drawn, memoNode } from './memo-node.ts';
import { useWorldMemo } from './use-world-memo.ts';

/** Past this many pods the chips show their icon only (name and status stay in the tooltip). */
const DENSE_PODS = 60;

interface ChipsState {
  readonly highlight: ReadonlySet<string> | undefined;
  readonly selected: string | undefined;
  readonly dense: boolean;
  readonly select: (selection: string | undefined) => void;
}

export function Legend() {
  return (
    <ul class="legend" data-testid="legend" aria-label="Pod status legend">
      {LEGEND.map((l) => (
        <li key={l.look}>
          <span class={`chip look-${l.look} sample`} aria-hidden="true">
            <span class="icon">{l.icon}</span>
          </span>
          {l.label}
        </li>
      ))}
    </ul>
  );
}

function Chip({ chip, state }: { chip: PodChip; state: ChipsState }) {
  const selection = selectionOf('Pod', chip.name);
  const classes = ['chip', `look-${chip.look}`];
  if (state.highlight?.has(chip.key)) classes.push('lit');
  else if (state.highlight !== undefined) classes.push('dim');
  if (state.selected === selection) classes.push('selected');
  const text = `${chip.name}: ${chip.status} ${chip.ready}${chip.restarts > 0 ? `, ${chip.restarts} restart(s)` : ''}`;
  return (
    <button
      class={classes.join(' ')}
      data-testid="pod-chip"
      data-pod={chip.key}
      data-status={chip.status}
      data-look={chip.look}
      title={text}
      aria-label={text}
      onClick={() => state.select(state.selected === selection ? undefined : selection)}
    >
      <span class="icon" aria-hidden="true">
        {chip.icon}
      </span>
      {!state.dense && <span class="name">{chip.name}</span>}
      {!state.dense && <span class="status">{chip.status}</span>}
    </button>
  );
}

/** Chips drawn, by chip: the same pod object keeps its chip (see podChip), so a frame where 3 of 1,000 pods changed diffs 3 chips. */
const chipNodes = new WeakMap<PodChip, Drawn>();

function chipNode(chip: PodChip, state: ChipsState): VNode {
  return memoNode(chipNodes, chip, [state], () => <Chip key={chip.key} chip={chip} state={state} />);
}

/** Node cards drawn, by node name: a card whose figures, badges and chips are those of the last frame is not diffed. */
const cardNodes = new Map<string, Drawn>();

function cardNode(node: NodeCard, state: ChipsState, up: boolean, fault: ViewProps['fault']): VNode {
  const { cpu, memory } = node;
  const inputs = [state, up, fault, node.status, node.ready, node.cordoned, node.registered, node.taints.join('\n'), cpu.allocatable, cpu.requested, cpu.used, memory.allocatable, memory.requested, memory.used, ...node.pods];
  return memoNode(cardNodes, node.name, inputs, () => <NodeCardView key={node.name} node={node} state={state} up={up} fault={fault} />);
}

function Bar({ label, bar, format }: { label: string; bar: ResourceBar; format: (n: number) => string }) {
  const of = bar.allocatable > 0 ? bar.allocatable : Math.max(bar.requested, bar.used ?? 0, 1);
  const pct = (n: number) => `${Math.min(100, (n / of) * 100).toFixed(1)}%`;
  const text = `${label}: ${format(bar.requested)} requested, ${bar.used === undefined ? 'no metrics yet' : `${format(bar.used)} used`} of ${bar.allocatable > 0 ? format(bar.allocatable) : '?'}`;
  return (
    <div class="bar" title={text} data-testid={`bar-${label.toLowerCase()}`} aria-label={text}>
      <span class="bar-label">{label}</span>
      <span class="track">
        <span class="requested" style={{ width: pct(bar.requested) }} />
        {bar.used !== undefined && <span class="used" style={{ left: pct(bar.used) }} />}
      </span>
      <span class="bar-text">
        {format(bar.requested)}
        {bar.used !== undefined && ` · ${format(bar.used)}`}
      </span>
    </div>
  );
}

function NodeCardView({ node, state, up, fault }: { node: NodeCard; state: ChipsState; up: boolean; fault: ViewProps['fault'] }) {
  const classes = ['node-card'];
  if (!node.ready) classes.push('not-ready');
  if (node.cordoned) classes.push('cordoned');
  return (
    <section class={classes.join(' ')} data-testid="node-card" data-node={node.name} aria-label={`Node ${node.name}`}>
      <header>
        <button class="node-name link" onClick={() => state.select(selectionOf('Node', node.name))}>
          {node.name}
        </button>
        <span class={`badge ${node.ready ? 'ok' : 'bad'}`} data-testid="node-status">
          {node.ready ? '✓' : '✕'} {node.status.split(',')[0]}
        </span>
        {node.cordoned && (
          <span class="badge cordon" data-testid="node-cordon">
            ⊘ SchedulingDisabled
          </span>
        )}
        {node.taints.map((taint) => (
          <span key={taint} class="badge taint" data-testid="node-taint" title="taint">
            ⚑ {taint}
          </span>
        ))}
        {!node.registered && <span class="badge bad">no Node object</span>}
        <NodeFaults node={node.name} up={up} fault={fault} />
      </header>
      <Bar label="CPU" bar={node.cpu} format={formatCpu} />
      <Bar label="Memory" bar={node.memory} format={formatMemory} />
      <div class="chips">{node.pods.map((chip) => chipNode(chip, state))}</div>
    </section>
  );
}

function WorkloadList({ items, selected, hover, select }: { items: readonly WorkloadItem[]; selected: string | undefined; hover: (s: string | undefined) => void; select: (s: string | undefined) => void }) {
  if (items.length === 0) return <p class="muted">No objects yet.</p>;
  return (
    <ul class="workloads" data-testid="workloads">
      {items.map((w) => (
        <li key={`${w.kind}/${w.namespace}/${w.name}`}>
          <button
            class={w.selection === selected ? 'workload selected' : 'workload'}
            data-testid="workload"
            data-object={w.selection}
            onMouseEnter={() => hover(w.selection)}
            onMouseLeave={() => hover(undefined)}
            onFocus={() => hover(w.selection)}
            onBlur={() => hover(undefined)}
            onClick={() => select(w.selection === selected ? undefined : w.selection)}
          >
            <span class="kind">{w.kind}</span> <span class="name">{w.name}</span>
            {w.count !== '' && (
              <span class={`count ${w.healthy === true ? 'ok' : w.healthy === false ? 'short' : ''}`} data-testid="workload-count">
                {w.healthy === true ? '✓ ' : w.healthy === false ? '… ' : ''}
                {w.count}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}

function usePodsOf(world: World, selection: string | undefined): ReadonlySet<string> | undefined {
  return useWorldMemo(world, () => {
    const found = findObject(world, selection);
    return found === undefined ? undefined : podsOf(world, found);
  }, [selection]);
}

function ClusterMap({ world, machine, selection, select, show, fault }: ViewProps) {
  const [hovered, setHovered] = useState<string | undefined>(undefined);
  const model = useWorldMemo(world, () => clusterMap(world));
  const items = useWorldMemo(world, () => workloads(world));
  const tree = useWorldMemo(world, () => treeOf(world, selection), [selection]);
  const why = useWorldMemo(world, () => {
    const found = findObject(world, selection);
    return found?.kind === 'Pod' ? podWhy(world, machine.history, found.namespace!, found.name) : undefined;
  }, [selection, machine]);
  const selectedPod = useWorldMemo(world, () => {
    const found = findObject(world, selection);
    return found?.kind === 'Pod' ? (found.object as Pod) : undefined;
  }, [selection]);
  const highlight = usePodsOf(world, hovered);
  const dense = model.podCount > DENSE_PODS;
  const state = useMemo<ChipsState>(() => ({ highlight, selected: selection, dense, select }), [highlight, selection, dense, select]);
  return (
    <div class="cluster-map" data-testid="cluster-map">
      <Legend />
      <div class="map-body">
        <aside class="map-side">
          <h3>Objects</h3>
          <WorkloadList items={items} selected={selection} hover={setHovered} select={select} />
        </aside>
        <div class="map-nodes">
          {model.nodes.length === 0 && <p class="muted">No node has registered yet: each kubelet registers its Node when it starts.</p>}
          <div class="node-grid">
            {model.nodes.map((node) => (
              cardNode(node, state, machineUp(world, node.name), fault)
            ))}
          </div>
          <section class="lane" data-testid="unscheduled" aria-label="Unscheduled pods">
            <h3>Unscheduled ({model.unscheduled.length})</h3>
            <div class="chips">
              {model.unscheduled.length === 0 ? <span class="muted">none</span> : model.unscheduled.map((chip) => chipNode(chip, state))}
            </div>
          </section>
        </div>
      </div>
      {selectedPod !== undefined && <PodFaults key={selection} pod={selectedPod} fault={fault} />}
      {tree !== undefined && <ObjectTreePanel tree={tree} select={select} />}
      {why !== undefined && <PodWhyPanel why={why} openImage={(pick) => show('images', pick)} />}
    </div>
  );
}

export const clusterMapView: ClusterView = { id: 'map', title: 'Cluster', component: ClusterMap };
