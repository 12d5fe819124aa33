import { it } from 'vitest';
import { emptyScenario, TimeMachine } from '../src/time/time-machine.ts';
import { addScript } from './fixtures/cluster-scripts.ts';
it('count', async () => {
  const base = emptyScenario();
  const m = new TimeMachine({ scenario: { ...base, config: { ...base.config, nodes: 50 } }, seed: 1, setup: (world: any) => addScript(world, 'big') });
  for (const t of [30_000, 60_000, 120_000, 150_000]) {
    const t0 = performance.now();
    await m.seek(t);
    const pods = m.world.cluster.store.list('Pod').items;
    const ready = pods.filter((p: any) => p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')).length;
    const types = new Map<string, number>();
    for (const r of m.world.engine.log.records()) types.set(r.type, (types.get(r.type) ?? 0) + 1);
    console.log(`t=${t / 1000}s pods=${pods.length} ready=${ready} records=${m.world.engine.log.size} wall=${(performance.now() - t0).toFixed(0)}ms`, [...types].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k}:${v}`).join(' '));
  }
}, 600_000);
