// Going back in time restores the nearest earlier checkpoint and replays: whatever path the page
// took to a time (straight, in frames, back and forth), the world there is the same.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../src/scenarios/scenario-loader.ts';
import { TimeMachine } from '../src/time/time-machine.ts';
import { addCrashingDeployment } from './fixtures/crashing-deployment.ts';

/** A world whose Deployment's pods crash-loop: containers start and die, Events repeat, names are drawn. */
const ticking = (options: { seed?: number; checkpointEveryMs?: number; maxCheckpoints?: number; wallClock?: () => number } = {}) =>
  new TimeMachine({ seed: 7, setup: addCrashingDeployment, ...options });
const log = (m: TimeMachine) => m.world.engine.log.toJSONL();
/** How many times the pods' `web` containers (not their pause sandboxes) started or died. */
const count = (m: TimeMachine, type: string) => m.world.engine.log.records().filter((r) => r.type === type && String(r['name']).startsWith('k8s_web_')).length;
const transcript = (m: TimeMachine) => m.feed.map((e) => (e.source === 'user' ? `${e.t} $ ${e.line}\n${e.output.stdout}${e.output.stderr}` : `${e.t} scenario`));

describe('the time machine', () => {
  it('reaches the same log at a time whether it went straight there, in frames, or back and forth', async () => {
    const straight = ticking();
    await straight.seek(180_000);

    const frames = ticking();
    while (frames.now < 180_000) await frames.advanceBy(Math.min(16 * 7 + 3, 180_000 - frames.now));

    const wandering = ticking();
    for (const t of [100_000, 12_345, 150_000, 0, 99_999, 180_000]) await wandering.seek(t);

    // Each pod's container started at 248ms, at once after the first exit, then after the 10 s,
    // 20 s and 40 s back-offs, and 80 s later (2m55s): six starts, and five exits 5 s after them.
    expect([count(straight, 'container.start'), count(straight, 'container.die')]).toEqual([2 * 6, 2 * 5]);
    expect(log(frames)).toBe(log(straight));
    expect(log(wandering)).toBe(log(straight));
    expect(wandering.now).toBe(180_000);
  });

  it('goes back to exactly the state at the earlier time', async () => {
    const early = ticking();
    await early.seek(47_000);
    const back = ticking();
    await back.seek(160_000);
    await back.seek(47_000);
    expect(back.now).toBe(47_000);
    expect(log(back)).toBe(log(early));
    expect(back.world.engine.nextTaskTime).toBe(early.world.engine.nextTaskTime);
    // Marks of what was seen ahead stay on the scrubber.
    expect(back.marks.at(-1)).toBe(160_000);
  });

  it("replays the user's commands at their times after a rewind", async () => {
    const m = ticking();
    await m.seek(20_000);
    expect((await m.run('advance 30s')).stdout).toBe('Virtual time is now 50s.\n');
    await m.seek(70_000);
    const atSeventy = log(m);
    expect((await m.run('events -o json')).stdout).toBe(atSeventy);
    const before = { log: log(m), feed: transcript(m) };
    // Back to a checkpoint after the first command: it is not run a second time.
    await m.seek(65_000);
    expect(m.now).toBe(65_000);
    expect(transcript(m)).toEqual(before.feed.slice(0, 1));
    await m.seek(10_000);
    expect(m.feed).toEqual([]);
    await m.seek(70_000);
    expect({ log: log(m), feed: transcript(m) }).toEqual(before);
  });

  it('drops the old future when the user acts after a rewind', async () => {
    const m = ticking();
    await m.seek(30_000);
    await m.run('advance 1m');
    await m.seek(15_000);
    await m.run('events');
    expect(m.inputs.map((i) => [i.t, i.kind === 'command' ? i.line : i.kind === 'file' ? i.path : i.type])).toEqual([[15_000, 'events']]);
    expect(m.marks.every((t) => t <= 15_000)).toBe(true);
    await m.seek(100_000);
    expect(m.feed.map((e) => e.t)).toEqual([15_000]);
  });

  it('replays files written from the editor, and takes them back on a rewind', async () => {
    const m = ticking();
    await m.seek(5_000);
    await m.writeFile('web.yaml', 'kind: Pod\n');
    await m.seek(40_000);
    await m.seek(1_000);
    expect(m.files.stat('web.yaml')).toBeUndefined();
    await m.seek(6_000);
    expect(m.files.readText('web.yaml')).toBe('kind: Pod\n');
  });

  it('steps to the next moment something happens', async () => {
    const m = ticking();
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      expect(await m.stepToNextEvent()).toBe(true);
      times.push(m.now);
    }
    // The boot and the Deployment's pods created at 0s, the image pulled and the containers
    // started at 248ms, the pods Ready a second later, the exits and the immediate restart 5 s
    // after the start, Ready again, then the kubelets' Lease renewals at 10s.
    expect(times).toEqual([0, 248, 1_248, 5_248, 6_248, 10_000, 10_248]);
    // With no workload the kubelets still renew their Leases every 10 s and metrics-server
    // scrapes every 15 s: the cluster never falls idle.
    const idle = new TimeMachine();
    const idleTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      expect(await idle.stepToNextEvent()).toBe(true);
      idleTimes.push(idle.now);
    }
    expect(idleTimes).toEqual([0, 10_000, 15_000, 20_000, 30_000]);
  });

  it('keeps a bounded number of checkpoints, the first always among them', async () => {
    const m = ticking({ checkpointEveryMs: 1_000, maxCheckpoints: 20 });
    await m.seek(300_000);
    const times = m.checkpointTimes;
    expect(times.length).toBeLessThanOrEqual(20);
    expect(times[0]).toBe(0);
    await m.seek(233_333);
    const straight = ticking();
    await straight.seek(233_333);
    expect(log(m)).toBe(log(straight));
  });

  it('on a wall-clock budget, stops at a moment between tasks and says how far it got; the world is the same', async () => {
    // Every reading of this clock is a millisecond after the last: a budget of 6 ms runs two moments.
    let wall = 0;
    const budgeted = ticking({ wallClock: () => wall++ });
    const moved = await budgeted.advanceBy(180_000, 6);
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(180_000);
    expect(budgeted.now).toBe(moved);
    expect(budgeted.world.engine.nextTaskTime!).toBeGreaterThan(moved);
    const there = ticking();
    await there.seek(moved);
    expect(log(budgeted)).toBe(log(there));
    let frames = 1;
    while (budgeted.now < 180_000) {
      await budgeted.advanceBy(180_000 - budgeted.now, 6);
      frames++;
    }
    const straight = ticking();
    await straight.seek(180_000);
    expect(log(budgeted)).toBe(log(straight));
    expect(frames).toBeGreaterThan(10);
  });

  it('spaces checkpoints so that taking them costs at most a tenth of running the engine', async () => {
    // Each call of this clock is a millisecond after the last: every stretch of running and every
    // checkpoint measures 1 ms, so a checkpoint costs as much as a 10 s stretch of running.
    let calls = 0;
    const costly = ticking({ wallClock: () => calls++ });
    await costly.seek(300_000);
    expect(costly.checkpointTimes).toEqual([0, 100_000, 200_000, 300_000]);
    const free = ticking({ wallClock: () => 0 });
    await free.seek(300_000);
    expect(free.checkpointTimes).toEqual(Array.from({ length: 31 }, (_, i) => i * 10_000));
    // Sparser checkpoints replay further, to the same world.
    await costly.seek(123_456);
    await free.seek(123_456);
    expect(log(costly)).toBe(log(free));
  });

  it('plays a scenario with the same steps and outputs as dockyard scenario run', async () => {
    const path = join(import.meta.dirname, '../../../examples/clock/scenario.yaml');
    const loaded = await loadScenario('/examples/clock/scenario.yaml', readFileSync(path, 'utf8'), async () => ({}));
    const m = new TimeMachine(loaded);
    await m.seek(200_000);
    const steps = m.feed.map((e) => (e.source === 'scenario' && e.event.kind === 'run' ? [e.t, e.event.line, e.event.output.stdout] : []));
    expect(steps).toEqual([
      [0, 'events', expect.stringMatching(/^ {8}0s {2}api\.write {2}verb=create resource=namespaces name=default /)],
      [10_000, 'advance 5s', 'Virtual time is now 15s.\n'],
      [30_000, 'advance 30s', 'Virtual time is now 1m.\n'],
      [90_000, 'events -o json', expect.stringMatching(/^\{"t":0,"type":"api\.write","verb":"create","resource":"namespaces","name":"default",/)],
      [120_000, 'advance 1m', 'Virtual time is now 3m.\n'],
    ]);
    expect(m.player.finish().map((r) => r.passed)).toEqual([true, true, true]);
  });
});
