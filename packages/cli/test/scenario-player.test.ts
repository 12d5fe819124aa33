// A scenario played a piece at a time (as the browser page plays it, frame by frame, rewinding
// from saved states) reaches the same checkpoints at the same times as one played in one go.

import { describe, expect, it } from 'vitest';
import { MemoryFiles } from '../src/memory-files.ts';
import { parseScenario } from '../src/scenario/scenario-file.ts';
import { ScenarioPlayer, type StepEvent } from '../src/scenario/scenario-player.ts';
import { World } from '../src/world.ts';

const SCENARIO = parseScenario(
  `kind: Scenario
seed: 5
steps:
  - at: 10s
    run: advance 5s
  - at: 1500ms
    run: advance 0s
  - at: 40s
    run: advance 0s
expect:
  - name: twenty seconds pass
    within: 1m
    run: advance 0s
    contains: "20s"
  - name: at thirty
    at: 30s
    run: advance 0s
    equals: Virtual time is now 30s.
  - name: never past a minute
    always: true
    run: advance 0s
    notContains: "2m"
`,
  'pieces.yaml',
);

function player(): { player: ScenarioPlayer; steps: string[] } {
  const steps: string[] = [];
  const onStep = (e: StepEvent) => steps.push(`${e.time} ${e.kind === 'run' ? e.line + ' → ' + e.output.stdout : e.text}`);
  return { player: new ScenarioPlayer(SCENARIO, { world: World.create(SCENARIO.config), files: new MemoryFiles(), onStep }), steps };
}

async function playToEnd(p: ScenarioPlayer): Promise<void> {
  while (p.wake !== undefined) await p.advanceTo(p.wake);
}

const summary = (p: ScenarioPlayer) => p.finish().map((r) => [r.expectation.name, r.passed, r.time, r.reason]);

describe('ScenarioPlayer', () => {
  it('runs steps at their times and decides expectations when they come due', async () => {
    const { player: p, steps } = player();
    await playToEnd(p);
    expect(steps).toEqual(['1500 advance 0s → Virtual time is now 1.5s.\n', '10000 advance 5s → Virtual time is now 15s.\n', '40000 advance 0s → Virtual time is now 40s.\n']);
    expect(summary(p)).toEqual([
      ['twenty seconds pass', true, 20_000, undefined],
      ['at thirty', true, 30_000, undefined],
      ['never past a minute', true, 60_000, undefined],
    ]);
    expect(p.world.engine.now).toBe(60_000);
  });

  it('gives the same steps, results and clock when advanced in odd pieces', async () => {
    const whole = player();
    await playToEnd(whole.player);
    const pieces = player();
    for (let t = 0; t < 60_000; t += 333) await pieces.player.advanceTo(t);
    await pieces.player.advanceTo(60_000);
    expect(pieces.steps).toEqual(whole.steps);
    expect(summary(pieces.player)).toEqual(summary(whole.player));
    expect(pieces.player.wake).toBeUndefined();
  });

  it('leaves the clock at the limit between checkpoints', async () => {
    const { player: p } = player();
    await p.advanceTo(12_345);
    expect(p.world.engine.now).toBe(15_000);
    await p.advanceTo(15_500);
    expect(p.world.engine.now).toBe(15_500);
    expect(p.wake).toBe(16_000);
  });

  it('carries on from a saved state as if it had never stopped', async () => {
    const whole = player();
    await playToEnd(whole.player);
    const first = player();
    await first.player.advanceTo(25_250);
    const state = JSON.parse(JSON.stringify(first.player.save()));
    const engine = JSON.parse(JSON.stringify(first.player.world.engine.snapshot()));
    const second = player();
    second.player.world.engine.restore(engine);
    second.player.restore(state);
    await playToEnd(second.player);
    expect([...first.steps, ...second.steps]).toEqual(whole.steps);
    expect(summary(second.player)).toEqual(summary(whole.player));
  });
});
